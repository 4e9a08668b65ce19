"""A place's role in its claim, from the syntax around its mention: where the event is, where a
movement starts (the arrow's tail) or who speaks.

An origin needs a movement or action cue tied to the mention: "sent by Pyongyang", "North Korea
deployed", "troops moved from X to Y", "Ukraine launched an incursion". Co-mention is not movement:
"As Pyongyang and Moscow bolster ties" has no origin, and "500 km from Moscow" measures, it does
not move.
"""

from __future__ import annotations

import re

from data import tables
from data.claims.claimants import Attribution
from data.model import ClaimPlace
from geo.model import Resolution

_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:reported|disclosed|confirmed|announced|stated|claimed|cited|estimated|statements?|reports?|claims?|"
    r"estimates?|figures?)\s+(?:made\s+|released\s+|issued\s+)?by|\baccording\s+to|\breports?\s+(?:from|out\s+of))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKS = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+|also\s+|repeatedly\s+)*(?:"
    + "|".join(r["form"] for r in tables.rows("speech_verbs") if r["after_name"] == "1") + r")\b"
)
_SENT_BY_BEFORE = re.compile(
    r"\b(?:sent|dispatched|deployed|provided|supplied|supported|trained|armed) by\s+(?:the\s+)?$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|out\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_DISTANCE_FROM = re.compile(r"\b(?:km|kilometres|kilometers|miles|mi|metres|meters)\.?\)?\s+(?:\w+\s+)?(?:from|of)\s+"
                            r"(?:the\s+)?$", re.IGNORECASE)
_MOVES = re.compile(
    r"\b(?:sent|sends?|sending|deploy\w*|redeploy\w*|dispatch\w*|mov(?:ed|es|e|ing)|transport\w*|transferr?\w*|"
    r"ship(?:ped|ping|s)?|flown|flew|fled|flee\w*|evacuat\w+|withdr\w+|travell?\w*|march\w*|advanc\w+|came|"
    r"arriv\w+|relocat\w+|brought|airlift\w*|crossed|return\w*|drove|driven|head(?:ed|ing)|retreat\w*|"
    r"deliver\w*|imported|exported|supplied)\b", re.IGNORECASE)
_ACTS_AFTER = re.compile(r"^\s+(?:has\s+|have\s+|had\s+)?(?:launched|attacked|fired|invaded|struck|shelled|staged|"
                         r"sent|deployed|dispatched)\b", re.IGNORECASE)
_ORIGIN_AFTER = re.compile(
    r"^(?:[’']s?\s+(?:army|military|forces|troops|soldiers)\s+)?\s*(?:has\s+|have\s+|had\s+|is\s+|was\s+)?"
    r"(?:sent|sends|sending|dispatched|dispatches|dispatching|deployed|deploys|deploying|supplied|supplies|"
    r"supplying|provided|provides|providing|shipped|ships|transferred)\b",
    re.IGNORECASE,
)
_BEFORE_ENDS = ("by", "to", "from", "of", "the")
"""The words the ``*_BEFORE`` patterns end with (but for trailing space): a cheap test before four searches
that each try every position of the 40 characters before a mention. None holds a letter that case
folding relates to a non-ASCII one (i, k, s), so lower-casing is exact here."""


def place_role(text: str, r: Resolution, claimant: Attribution | None) -> str:
    """The role of a place mention in its sentence: "claimant" (the source or where it speaks from),
    "origin" (where a movement starts, or who acts from there), else "event"."""
    m = r.mention
    if claimant is not None:
        # the claimant and its appositive: "John Kirby, the spokesperson for the U.S. NSC, said"
        end = max(claimant.end, claimant.cue_start if claimant.cue_start > claimant.end else -1)
        if claimant.start <= m.start and m.end <= end:
            return "claimant"
    lo = max(0, m.start - 120)  # a bounded look back: linear on a single-line article
    line_start = text.rfind("\n", lo, m.start) + 1
    before = text[max(line_start, m.start - 40):m.start]
    after = text[m.end:m.end + 60]
    tail = before.rstrip()[-4:].lower().endswith(_BEFORE_ENDS)  # else no *_BEFORE pattern can match
    if tail and _SOURCE_BEFORE.search(before):
        return "claimant"
    if r.organisation:  # "the EU imposed", "Georgian Dream won", "Daily Sabah reported": a body, not a place
        return "claimant"
    if r.metonymic and _SPEAKS.match(after):  # "Kyiv says" speaks
        return "claimant"
    if (tail and _SENT_BY_BEFORE.search(before)) or _ORIGIN_AFTER.match(after) or (r.metonymic and _ACTS_AFTER.match(after)):
        return "origin"  # "sent by Pyongyang", "North Korea deployed", "Ukraine launched an incursion"
    if tail and _FROM_BEFORE.search(before) and not _DISTANCE_FROM.search(before):
        clause = text[max(line_start, lo):m.start]
        if _MOVES.search(re.split(r"[.;]\s", clause)[-1]):
            return "origin"  # "troops sent from X to Y"; not "a statement from X", "500 km from Moscow"
    return "event"  # "As Pyongyang and Moscow bolster ties": co-mention is no movement


_OWNER_GAP = re.compile(r"[’']s?\s+(?:[\w-]+\s+){0,2}")
_IN_COUNTRY_GAP = re.compile(r",\s*|\s+(?:region|oblast|province|city|town)\s+of\s+(?:the\s+)?|\s+in\s+")


def narrowed_countries(text: str, places: list[ClaimPlace]) -> set[int]:
    """Indices of country-level event places that only say where a named place lies ("Russia's Kursk
    region", "Hatay, Turkey"): the event is at the named place, so the map (and an arrow's head) goes
    there, not to the country's centroid."""
    out = set()
    for i, c in enumerate(places):
        if c.role != "event" or c.precision != "country":
            continue
        for p in places:
            if p is c or p.role != "event" or p.precision == "country" or p.country_code != c.country_code:
                continue
            if (c.end <= p.start and _OWNER_GAP.fullmatch(text[c.end:p.start])) or \
                    (p.end <= c.start and _IN_COUNTRY_GAP.fullmatch(text[p.end:c.start])):
                out.add(i)
                break
    return out
