"""What a claim is about, for deciding whether two claims say the same thing.

A claim's subject is either a figure (how many troops of which party: the unit class of its
count and the side the counted noun belongs to, "12,000 North Korean troops" -> troops/KP) or
an event (what kind of thing happened, where, involving whom). Places match when they are
the same place or one contains the other (the city of Kursk lies in Kursk Oblast); country-level
places only say the claims are compatible, never that they are about the same spot.
"""

from __future__ import annotations

import math
import re

from data import tables
from data.claims.claimants import side_mentions
from data.claims.quantities import unit_class
from data.model import Claim, ClaimPlace, Quantity

FORCE_UNITS = frozenset({"troops", "officers", "generals"})
"""Unit classes of force-size figures: an estimate of how many troops is a subject of its own,
distinct from where or when they were seen."""
CONTAIN_KM = 120.0
"""A town within this distance of a region's centre, in the same country, is taken to lie in it."""
SAME_SPOT_KM = 25.0
"""Two points (different gazetteer entries) this close are one place for clustering."""
_MODIFIER_GAP = 30
"""Characters between a side's name and the counted noun it modifies ("North Korean troop deployment")."""


def _blank(text: str, c: Claim) -> str:
    """The claim's text with its claimant's name blanked out (same length: offsets stay valid)."""
    if not c.claimant:
        return text
    return text.replace(c.claimant, " " * len(c.claimant))


def sides(c: Claim) -> frozenset[str]:
    """The parties a claim names in its text outside the claimant ("North Korean", "Kyiv", "Pentagon").

    Not its places' countries: two claims at one place share those trivially."""
    return frozenset(cc for _, _, cc in side_mentions(_blank(c.text, c)))


def counted_parties(c: Claim, q: Quantity) -> frozenset[str]:
    """Whose troops (people, missiles ...) a figure counts.

    The side named in the figure itself ("12,000 North Korean troops"), else the side right
    before a noun of the same unit class in the sentence ("the North Korean troop deployment
    consists of about 12,000 personnel"), else every side the sentence names.
    """
    text = _blank(c.text, c)
    found = side_mentions(text)
    if not found:
        return frozenset()
    qs = q.start - c.start if q.start >= 0 else -1
    if qs >= 0:
        inside = {cc for s, e, cc in found if qs <= s and e <= qs + len(q.text)}
        if inside:
            return frozenset(inside)
    cls = unit_class(q.unit) if q.unit else ""
    near: set[str] = set()
    if cls:
        for m in re.finditer(r"[A-Za-z]+", text):
            if unit_class(m.group().lower()) != cls:
                continue
            near.update(cc for s, e, cc in found if 0 <= m.start() - e <= _MODIFIER_GAP
                        and _modifies(text[e:m.start()]))
    return frozenset(near) if near else frozenset(cc for _, _, cc in found)


_NOUN_MODIFIERS = frozenset(tables.words("side_noun_modifiers"))


def _modifies(gap: str) -> bool:
    """Whether the words between a side's name and a noun still belong to its noun phrase
    ("North Korean special forces"; not "Russia consists of about 12,000 personnel")."""
    words = gap.replace("-", " ").split()
    return len(words) <= 2 and all(w[:1].isupper() or w.lower() in _NOUN_MODIFIERS for w in words)


def _km(a: ClaimPlace, b: ClaimPlace) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    dlat = (a.lat - b.lat) * 111.2
    dlon = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dlat, dlon)


def _stem(name: str) -> str:
    m = re.match(r"[^\W\d_]+", name.lower())
    return m.group() if m else ""


def place_match(a: ClaimPlace, b: ClaimPlace) -> float:
    """1.0 for the same place, 0.8 when one contains the other or they are one spot, else 0."""
    if a.place_id and a.place_id == b.place_id:
        return 1.0
    if a.country_code != b.country_code or "country" in (a.precision, b.precision):
        return 0.0
    if a.precision == "point" and b.precision == "point":
        return 0.8 if _km(a, b) <= SAME_SPOT_KM else 0.0
    if "admin" in (a.precision, b.precision) and "vague" not in (a.precision, b.precision):
        if _stem(a.name) and _stem(a.name) == _stem(b.name):
            return 0.8  # Kursk / Kursk Oblast
        if a.precision != b.precision and _km(a, b) <= CONTAIN_KM:
            return 0.8
    return 0.0


def specific_places(c: Claim) -> tuple[ClaimPlace, ...]:
    """Where the claimed event happened, below country level."""
    return tuple(p for p in c.places if p.role == "event" and p.precision != "country")


def event_countries(c: Claim) -> frozenset[str]:
    return frozenset(p.country_code for p in c.places if p.role == "event" and p.country_code)


def figure_subjects(c: Claim) -> frozenset[tuple[str, str]]:
    """(unit class, counted party) pairs of the claim's figures; party "" when no side is named."""
    out: set[tuple[str, str]] = set()
    for q in c.quantities:
        if not q.unit:
            continue
        cls = unit_class(q.unit)
        parties = counted_parties(c, q) or frozenset({""})
        out.update((cls, p) for p in parties)
    return frozenset(out)


def has_force_figure(c: Claim) -> bool:
    return any(q.unit and unit_class(q.unit) in FORCE_UNITS for q in c.quantities)
