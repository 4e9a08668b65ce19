"""Whether a slice of a document holds one of a few fixed strings, from the document's occurrences.

``attribute`` asks the cue finder sentence by sentence whether a sentence holds a dash or a word of a
cue phrase before it runs a pattern that is tried at every position. Searching each sentence again
(lower-cased first, for the phrase words) costs more than finding every occurrence in the document
once, with ``str.find`` in C, and bisecting into them per sentence; the occurrences are memoised for
the last few documents.
"""

from __future__ import annotations

import bisect
from functools import lru_cache


@lru_cache(maxsize=8)
def occurrences(text: str, needles: tuple[str, ...], lower: bool = False) -> tuple[list[int], list[int]]:
    """(starts, ends) of every occurrence of each of ``needles`` in ``text`` (``text.lower()`` when
    ``lower``; the caller makes sure that keeps offsets), overlapping ones too, sorted by start."""
    hay = text.lower() if lower else text
    found: list[tuple[int, int]] = []
    for n in needles:
        if not n:
            raise ValueError("an empty needle is everywhere")
        p = hay.find(n)
        while p >= 0:
            found.append((p, p + len(n)))
            p = hay.find(n, p + 1)
    found.sort()
    return [s for s, _ in found], [e for _, e in found]


def holds_any(text: str, lo: int, hi: int, needles: tuple[str, ...], lower: bool = False) -> bool:
    """``any(hay.find(n, lo, hi) >= 0 for n in needles)``, ``hay`` being ``text`` or, when ``lower``,
    ``text.lower()`` (which must then keep every offset: ASCII text)."""
    starts, ends = occurrences(text, needles, lower)
    a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return a < b and min(ends[a:b]) <= hi
