"""Scoring a name's candidate places against what the document says (the resolve passes' arithmetic).

Each candidate's score is its gazetteer prior plus bonuses from document evidence: the countries and
first-level regions the text talks about, an explicit container ("Kamagaya, Japan"), nearby places,
the type of the places it is listed with, and what a following word asks for ("Kursk region" wants the
region). Every number is a field of ``Weights``; every bonus is kept twice: as a ``Bonus`` code (for the
passes that act on it) and in words (the ``why`` a reader sees).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from geo.model import Candidate, Place
from geo.normalize import name_key
from geo.parse.weights import NEAR_SCORE, WEIGHTS, Weights
from geo.places import MAJOR_POPULATION, contains, is_admin, is_country, place_class
from geo.wordfreqs import is_generic


class Bonus(StrEnum):
    """Which evidence raised (or lowered) a candidate's score."""

    TYPE = "type"
    POPULATION = "population"
    EXACT = "exact"
    COUNTRY = "country"
    REGION = "region"
    NO_COUNTRY = "no-country"
    SIBLING_REGIONS = "sibling-regions"
    CONTAINS_INNER = "contains-inner"
    INSIDE_CONTAINER = "inside-container"
    WANTED = "wanted"
    LISTED = "listed"
    NEAR = "near"
    NEAR_MAYBE = "near-maybe"


@dataclass
class Evidence:
    """What the whole document says about where it is, remembering which surface said it
    (a name must not vote for its own alternatives: "Mexico" the country is no evidence
    for Mexico City)."""

    countries: dict[str, float] = field(default_factory=dict)
    admins: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[Place, str]] = field(default_factory=list)
    maybe: list[tuple[Place, str]] = field(default_factory=list)  # candidates of names with a few readings
    admin_sets: dict[str, set[str]] = field(default_factory=dict)  # cc -> surfaces naming its regions
    src_countries: dict[str, dict[str, float]] = field(default_factory=dict)
    src_admins: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    src_total: dict[str, float] = field(default_factory=dict)

    def add(self, place: Place, weight: float, source: str = "") -> None:
        cc = place.country_code
        adm = (cc, place.admin1) if place.admin1 and not is_country(place) else None
        if cc:
            self.countries[cc] = self.countries.get(cc, 0.0) + weight
            own = self.src_countries.setdefault(source, {})
            own[cc] = own.get(cc, 0.0) + weight
            self.src_total[source] = self.src_total.get(source, 0.0) + weight
        if adm:
            self.admins[adm] = self.admins.get(adm, 0.0) + weight
            own_a = self.src_admins.setdefault(source, {})
            own_a[adm] = own_a.get(adm, 0.0) + weight
        if is_admin(place):
            self.admin_sets.setdefault(cc, set()).add(source)
        if place.precision == "point" and len(self.anchors) < 200:
            self.anchors.append((place, source))

    def country(self, cc: str, exclude: str = "") -> float:
        return self.countries.get(cc, 0.0) - self.src_countries.get(exclude, {}).get(cc, 0.0)

    def admin(self, key: tuple[str, str], exclude: str = "") -> float:
        return self.admins.get(key, 0.0) - self.src_admins.get(exclude, {}).get(key, 0.0)

    def sibling_regions(self, cc: str, exclude: str = "") -> int:
        """How many other surfaces name first-level regions of ``cc`` ("Alabama, Georgia, ...")."""
        return len(self.admin_sets.get(cc, set()) - {exclude})

    def total(self, exclude: str = "") -> float:
        return sum(self.countries.values()) - self.src_total.get(exclude, 0.0)


def score(places: Sequence[Place], prior: dict[str, float], ev: Evidence, *, want: str = "",
          container: Place | None = None, source: str = "", inner: Sequence[Place] = (),
          peer: str = "", w: Weights = WEIGHTS) -> list[Candidate]:
    """Score every candidate; best first. ``prior`` maps place id to the gazetteer prior;
    ``source`` is the surface being resolved (its own evidence is left out); ``container`` is
    the place named right after it ("Kamagaya, Japan"), ``inner`` the candidates of the name
    right before it ("Atlanta, Georgia": Georgia must contain Atlanta); ``peer`` the ``place_class`` of
    the places it is listed with ("California or Washington", "Georgia and Ukraine")."""
    out = []
    total_cc = max(ev.total(source), 1.0)
    skey = name_key(source) if source else ""
    # A one-word name that is a frequent English word ("Gulf", "Atlantic") says little by matching
    # a small place's own name exactly when a macro-region or sea answers to it ("the Gulf").
    generic = (" " not in skey and any(p.precision == "vague" for p in places)
               and is_generic((skey,)))
    anchors = [a for a, src in ev.anchors if src != source][:50]
    maybe = [a for a, src in ev.maybe if src != source][:100] if len(places) <= w.maybe_readings else []
    own_countries = {p.country_code for p in places if is_country(p)}
    # A city named like its own region (PPLA: New York City in New York state) is what the region's bare
    # name usually means, so GeoNames' longer name for it must not hand the exact-name bonus to the region.
    named_regions = {(q.country_code, q.admin1) for q in places
                     if q.feature_code == "ADM1" and skey and name_key(q.name) == skey
                     } if any(q.feature_code == "PPLA" for q in places) else set()
    major_rival = any(not is_country(q) and (is_admin(q) or q.population >= MAJOR_POPULATION) for q in places)
    type_bonus = {"country": w.country_type, "admin": w.admin_type, "vague": w.vague_type}
    for p in places:
        s = prior.get(p.id, 0.0)
        parts: list[tuple[Bonus | None, str]] = [(None, f"prior {s:.2f}")]
        bonus = w.capital if p.feature_code == "PPLC" else type_bonus.get(p.precision, 0.0)
        if bonus:
            s += bonus
            parts.append((Bonus.TYPE, f"{p.precision if p.feature_code != 'PPLC' else 'capital'} +{bonus:.2f}"))
        if p.population > 0:
            b = w.population * math.log10(p.population + 1) * (
                w.admin_population if p.feature_code.startswith("ADM") else 1.0)
            s += b
            parts.append((Bonus.POPULATION, f"population +{b:.2f}"))
        namesake = p.feature_code == "PPLA" and (p.country_code, p.admin1) in named_regions
        if skey and not generic and (namesake or name_key(p.name) == skey):
            s += w.exact
            parts.append((Bonus.EXACT, f"exact name +{w.exact:.2f}"))
        cw = ev.country(p.country_code, source) if p.country_code else 0.0
        if cw > 0 and (is_country(p) or p.country_code not in own_countries):
            b = w.country * (min(1.0, cw / total_cc * w.country_share)
                             + w.country_count * min(cw, w.country_count_cap))
            s += b
            parts.append((Bonus.COUNTRY, f"country {p.country_code} in text +{b:.2f}"))
        aw = ev.admin((p.country_code, p.admin1), source) if p.admin1 else 0.0
        if aw > 0:
            s += w.admin
            parts.append((Bonus.REGION, f"region {p.admin1} in text +{w.admin:.2f}"))
        if is_country(p) and cw <= 0 and total_cc >= 2 and major_rival:
            s -= w.country
            parts.append((Bonus.NO_COUNTRY, f"nothing else in the text is in {p.country_code} -{w.country:.2f}"))
        if (is_admin(p) or namesake) and ev.sibling_regions(p.country_code, source):
            s += w.admin
            parts.append((Bonus.SIBLING_REGIONS, f"other regions of {p.country_code} in text +{w.admin:.2f}"))
        if inner and (is_admin(p) or is_country(p)) and any(contains(p, q) for q in inner):
            s += w.contains_inner
            parts.append((Bonus.CONTAINS_INNER, f"contains the place named before it +{w.contains_inner:.2f}"))
        if container is not None and contains(container, p):
            s += w.inside_container
            parts.append((Bonus.INSIDE_CONTAINER, f"inside {container.name} +{w.inside_container:.2f}"))
        if want and (p.feature_code.startswith(want) or (want == "ADM1" and p.precision == "admin")):
            s += w.wanted
            parts.append((Bonus.WANTED, f"wanted {want} +{w.wanted:.2f}"))
        if peer and place_class(p) == peer:
            s += w.listed
            parts.append((Bonus.LISTED, f"listed with a {peer} +{w.listed:.2f}"))
        point = not (is_country(p) or is_admin(p) or p.precision == "vague")
        near = 1e9
        if anchors and point:
            near = NEAR_SCORE.nearest(p, anchors)
            if near < NEAR_SCORE.km:
                s += w.near
                parts.append((Bonus.NEAR, f"{near:.0f} km from another place +{w.near:.2f}"))
        if maybe and point and near >= NEAR_SCORE.km:
            close = NEAR_SCORE.nearest(p, maybe)
            if close < NEAR_SCORE.km:  # two ambiguous names that can be neighbours probably are ("Dundalk", "Dundrum")
                b = w.near * w.near_maybe
                s += b
                parts.append((Bonus.NEAR_MAYBE, f"{close:.0f} km from a reading of another name +{b:.2f}"))
        out.append(Candidate(place=p, score=round(s, 4),
                             why=", ".join(t for _, t in parts),
                             reasons=frozenset(c for c, _ in parts if c)))
    out.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
    return out


def confidence(cands: Sequence[Candidate], w: Weights = WEIGHTS) -> float:
    """Share of the winner in a softmax over scores: 1 when unopposed, ~0.5 for a toss-up."""
    if not cands:
        return 0.0
    if len(cands) == 1:
        return w.unopposed
    top = cands[0].score
    z = sum(math.exp(w.softmax * (c.score - top)) for c in cands[:10])
    return round(min(w.ceiling, 1.0 / z), 3)
