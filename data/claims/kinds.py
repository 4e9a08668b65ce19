"""What kind of thing a claim says happened: disaster, casualties, aid, movement, combat, legal,
economic, political, statement or other.

The map colours and filters by kind, and clustering only joins claims of one kind at one place,
so a wrong kind misleads twice. Cues come from ``tables/kind_cues.csv``; the first kind (in the
table's order) with a cue in the sentence wins, so an earthquake's "rescue teams" or "struck"
stay a disaster, never combat. Sighting words ("seen", "spotted") mean movement only when the
sentence is about forces ("North Korean units were seen in Kursk"). A sentence with no cue is a
"statement" when someone is quoted as saying it, else "other".
"""

from __future__ import annotations

import re
from functools import lru_cache

from data.claims.cue_tables import cue_pattern, table
from data.wordscan import MultiScan

KINDS = ("disaster", "casualties", "aid", "movement", "combat", "legal", "economic", "political",
         "statement", "other")
"""Every kind a claim can have, in the order cues are tried ("statement" and "other" have none)."""

_SIGHTING = re.compile(r"\b(?:observed|spotted|sighted|sightings?|seen)\b")
_FORCES = re.compile(
    r"\b(?:troops?|soldiers?|units?|forces|personnel|servicemen|fighters|militants|mercenaries|battalions?|"
    r"brigades?|regiments?|divisions?|tanks?|convoys?|warships?|vessels?|aircraft|jets?|drones?|missiles?|"
    r"officers|generals)\b",
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    by_kind: dict[str, list[str]] = {}
    for kind, cue in table("kind_cues"):
        by_kind.setdefault(kind, []).append(cue.lower())
    unknown = set(by_kind) - set(KINDS)
    if unknown:
        raise RuntimeError(f"kind_cues.csv: unknown kinds {sorted(unknown)}")
    return tuple((k, cue_pattern(by_kind[k])) for k in KINDS if k in by_kind)


@lru_cache(maxsize=1)
def _scan() -> MultiScan:
    """The kinds' cue patterns, tried only at the words that can start a cue (``data.wordscan``)."""
    return MultiScan(p for _, p in _patterns())


def claim_kind(text: str, has_figure: bool = False, attributed: bool = False) -> str:
    """The claim's kind (one of ``KINDS``); ``attributed``: someone is said to assert it."""
    low = text.lower()  # the patterns are lower case: faster than matching case-insensitively
    scan = _scan()
    starts = scan.starts(low)
    for i, (kind, _pattern) in enumerate(_patterns()):
        if kind == "movement" and _SIGHTING.search(low) and _FORCES.search(low):
            return kind
        if scan.search(i, low, starts):
            return kind
    return "statement" if attributed else "other"
