"""What kind of thing a claim says happened: movement, combat, diplomacy, a figure, or a statement.

The map colours and filters by kind, and clustering only joins claims of one kind at one
place, so a false "movement" (Harris and Trump "are seen in file photographs") misleads twice.
Sighting words ("seen", "observed", "spotted") mean movement only when the sentence is about
forces ("North Korean units were seen in Kursk").
"""

from __future__ import annotations

import re

_MOVEMENT = re.compile(
    r"\b(?:sent|send|sending|deploy\w*|moved?|moving|arriv\w+|entered|enter|dispatch\w*|heading|"
    r"stationed|transferred|redeploy\w*|mov(?:es|ed) into|crossed|withdr[ae]w\w*|troop deployment)\b",
)
_SIGHTING = re.compile(r"\b(?:observed|spotted|sighted|sightings?|seen)\b")
_FORCES = re.compile(
    r"\b(?:troops?|soldiers?|units?|forces|personnel|servicemen|fighters|militants|mercenaries|battalions?|"
    r"brigades?|regiments?|divisions?|tanks?|convoys?|warships?|vessels?|aircraft|jets?|drones?|missiles?|"
    r"officers|generals)\b",
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("combat", re.compile(
        r"\b(?:incursion|attack\w*|offensive|counteroffensive|fight\w*|strikes?|struck|shelling|shelled|"
        r"battle\w*|seiz\w+|captur\w+|invasion|invaded|clashes|killed|combat operations|front line)\b")),
    ("diplomacy", re.compile(
        r"\b(?:summit|treaty|agreement|meeting|met|visit\w*|talks|ratif\w+|signed|partnership|ceremony|"
        r"negotiat\w+|pledged|sanction\w*|rally|election\w*|campaign)\b")),
)


def claim_kind(text: str, has_figure: bool) -> str:
    """"movement", "combat", "diplomacy", "figure" (a count with no event word) or "statement"."""
    text = text.lower()  # the patterns are lower case: faster than matching case-insensitively
    if _MOVEMENT.search(text) or (_SIGHTING.search(text) and _FORCES.search(text)):
        return "movement"
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "figure" if has_figure else "statement"
