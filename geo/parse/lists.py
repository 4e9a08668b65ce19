"""Lists of places ("Pokrovsk, Vuhledar and Toretsk", "California or Washington"): one helper that finds
an item's list partners, used by the "lists" pass (recognition) and the "list types" pass (resolution).
A list holds one kind of thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from geo.parse.state import Item

# Between two listed names: ", ", " and ", ", or ".
LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|&)|\s+(?:and|or|&))\s+\Z|,\s*\Z")


def list_partners(text: str, items: Sequence[Item], pool: Sequence[int], at: int,
                  max_gap: int | None = None) -> Iterator[int]:
    """Indices (into ``items``) of the entries of ``pool`` right before and after ``pool[at]`` that are
    separated from it by a list gap (at most ``max_gap`` characters long, when given)."""
    i = pool[at]
    for b in (at - 1, at + 1):
        if not 0 <= b < len(pool):
            continue
        j = pool[b]
        lo, hi = (items[j], items[i]) if j < i else (items[i], items[j])
        gap = text[lo.span.end:hi.span.start]
        if (max_gap is None or len(gap) <= max_gap) and LIST_GAP.fullmatch(gap):
            yield j
