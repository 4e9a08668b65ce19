"""Toponym resolution: pick, for each recognised name, the place the document means.

Candidates come from the gazetteer (by name), from demonym/alias targets, and from a
small table of macro-regions and seas a populated-places gazetteer lacks. Each
candidate is scored from its prior (population, feature type) plus document evidence:
the countries and first-level regions the article talks about, an explicit container
("Kamagaya, Japan"), nearby resolved places, and what a following word asks for
("Kursk region" wants the ADM1). The score's parts are kept as the ``why``.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from geo.altnames import is_generic
from geo.model import Candidate, Place
from geo.normalize import name_key

REGIONS_CSV = Path(__file__).resolve().parent / "resolve_regions.csv"
COUNTRY_POINTS_CSV = Path(__file__).resolve().parent / "resolve_country_points.csv"

COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR"})
ADMIN_CODES = frozenset({"ADM1", "ADM1H"})
AREA_CODES = frozenset({"CONT", "RGN", "OCN", "SEA", "PEN", "H", "RGNE", "GULF", "AREA", "ISL", "STM", "DSRT", "MTS",
                        "VAL", "HBR"})
TYPE_BONUS = {"country": 0.45, "admin": 0.25, "vague": 0.45}
MAJOR_POPULATION = 100_000
CONTAINS_WHY = "contains the place named before it +1.00"
# Weights of the evidence (tuned on the development corpora, see bench/ and the report).
W_POP = 0.1  # per decade of population
W_COUNTRY = 0.3  # the text is about the candidate's country
W_ADMIN = 0.3  # the text names the candidate's first-level region
W_NEAR = 0.3  # another place of the text lies within 150 km
W_EXACT = 0.3  # the candidate's own name is the surface (not an alternate name)
MAYBE_READINGS = 5  # names with at most this many readings lend them as soft anchors to each other
W_LIST = 0.3  # listed with a place of the same type ("California or Washington": the state)


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> list[Place]: ...
    def prior(self, place: Place) -> float: ...
    def countries(self) -> list[Place]: ...
    def iter_names(self) -> Iterable[str]: ...


def load_regions(path: Path = REGIONS_CSV) -> list[tuple[Place, tuple[str, ...]]]:
    """Macro-regions, continents and seas: (place, names)."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 8:
                raise ValueError(f"{path}: malformed row {row!r}")
            pid, name, lat, lon, cc, fc, precision, aliases = row[:8]
            place = Place(id=pid, name=name, lat=float(lat), lon=float(lon), country_code=cc, feature_code=fc,
                          precision=precision,  # type: ignore[arg-type]
                          geonameid=int(pid) if pid.isdigit() else None, approximate=True)
            names = (name, *[a for a in aliases.split("|") if a])
            out.append((place, names))
    return out


def load_country_points(path: Path = COUNTRY_POINTS_CSV) -> dict[str, tuple[float, float]]:
    """Conventional point of each country: countrystatecity's centres, then our corrections.

    A country's map label point can be far from where geoparsing gold standards pin it
    (GeoNames: Russia at 60N 100E, not in European Russia). The gazetteer build uses this
    too, so the geocoder, the map and geoparse show one point per country."""
    from geo import sources
    from geo.exc import SourceError

    try:
        out = dict(sources.load_country_centres())
    except (SourceError, OSError, ValueError):
        out = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if row and not row[0].startswith("#"):
                out[row[0]] = (float(row[1]), float(row[2]))
    return out


def is_country(p: Place) -> bool:
    return p.feature_code in COUNTRY_CODES or p.precision == "country"


def is_admin(p: Place) -> bool:
    return p.feature_code in ADMIN_CODES


def is_major(p: Place) -> bool:
    """Places a news reader knows without context: countries, regions, capitals, big cities."""
    return (is_country(p) or is_admin(p) or p.feature_code == "PPLC" or p.feature_code in AREA_CODES
            or p.precision == "vague" or p.population >= MAJOR_POPULATION)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


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


def contains(container: Place, p: Place) -> bool:
    """``p`` lies in ``container`` as far as codes tell (country, or country + admin1)."""
    if not container.country_code or container.country_code != p.country_code or container.id == p.id:
        return False
    if is_country(container):
        return True
    return is_admin(container) and bool(container.admin1) and container.admin1 == p.admin1


def place_class(p: Place) -> str:
    """The type a list of places keeps: country, admin (first-level region), vague region, or city."""
    if is_country(p):
        return "country"
    if is_admin(p):
        return "admin"
    return "vague" if p.precision == "vague" else "city"


def score(places: Sequence[Place], prior: dict[str, float], ev: Evidence, *, want: str = "",
          container: Place | None = None, source: str = "", inner: Sequence[Place] = (),
          peer: str = "") -> list[Candidate]:
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
    maybe = [a for a, src in ev.maybe if src != source][:100] if len(places) <= MAYBE_READINGS else []
    own_countries = {p.country_code for p in places if is_country(p)}
    major_rival = any(not is_country(q) and (is_admin(q) or q.population >= MAJOR_POPULATION) for q in places)
    for p in places:
        parts = []
        s = prior.get(p.id, 0.0)
        parts.append(f"prior {s:.2f}")
        bonus = 0.2 if p.feature_code == "PPLC" else TYPE_BONUS.get(p.precision, 0.0)
        if bonus:
            s += bonus
            parts.append(f"{p.precision if p.feature_code != 'PPLC' else 'capital'} +{bonus:.2f}")
        if p.population > 0:
            b = W_POP * math.log10(p.population + 1) * (0.5 if p.feature_code.startswith("ADM") else 1.0)
            s += b
            parts.append(f"population +{b:.2f}")
        if skey and name_key(p.name) == skey and not generic:
            s += W_EXACT
            parts.append(f"exact name +{W_EXACT:.2f}")
        cw = ev.country(p.country_code, source) if p.country_code else 0.0
        if cw > 0 and (is_country(p) or p.country_code not in own_countries):
            b = W_COUNTRY * (min(1.0, cw / total_cc * 2) + 0.2 * min(cw, 3.0))
            s += b
            parts.append(f"country {p.country_code} in text +{b:.2f}")
        aw = ev.admin((p.country_code, p.admin1), source) if p.admin1 else 0.0
        if aw > 0:
            s += W_ADMIN
            parts.append(f"region {p.admin1} in text +{W_ADMIN:.2f}")
        if is_country(p) and cw <= 0 and total_cc >= 2 and major_rival:
            s -= W_COUNTRY
            parts.append(f"nothing else in the text is in {p.country_code} -{W_COUNTRY:.2f}")
        if is_admin(p) and ev.sibling_regions(p.country_code, source):
            s += W_ADMIN
            parts.append(f"other regions of {p.country_code} in text +{W_ADMIN:.2f}")
        if inner and (is_admin(p) or is_country(p)) and any(contains(p, q) for q in inner):
            s += 1.0
            parts.append(CONTAINS_WHY)
        if container is not None and contains(container, p):
            s += 1.5
            parts.append(f"inside {container.name} +1.50")
        if want and (p.feature_code.startswith(want) or (want == "ADM1" and p.precision == "admin")):
            s += 1.0
            parts.append(f"wanted {want} +1.00")
        if peer and place_class(p) == peer:
            s += W_LIST
            parts.append(f"listed with a {peer} +{W_LIST:.2f}")
        point = not (is_country(p) or is_admin(p) or p.precision == "vague")
        near = 1e9
        if anchors and point:
            near = min((km(p.lat, p.lon, a.lat, a.lon) for a in anchors
                        if abs(a.lat - p.lat) < 1.5 and abs(a.lon - p.lon) < 4.0), default=1e9)
            if near < 150:
                s += W_NEAR
                parts.append(f"{near:.0f} km from another place +{W_NEAR:.2f}")
        if maybe and point and near >= 150:
            close = min((km(p.lat, p.lon, a.lat, a.lon) for a in maybe
                         if abs(a.lat - p.lat) < 1.5 and abs(a.lon - p.lon) < 4.0), default=1e9)
            if close < 150:  # two ambiguous names that can be neighbours probably are ("Dundalk", "Dundrum")
                s += W_NEAR / 2
                parts.append(f"{close:.0f} km from a reading of another name +{W_NEAR / 2:.2f}")
        out.append(Candidate(place=p, score=round(s, 4), why=", ".join(parts)))
    out.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
    return out


def confidence(cands: Sequence[Candidate]) -> float:
    """Share of the winner in a softmax over scores: 1 when unopposed, ~0.5 for a toss-up."""
    if not cands:
        return 0.0
    if len(cands) == 1:
        return 0.95
    top = cands[0].score
    z = sum(math.exp(4.0 * (c.score - top)) for c in cands[:10])
    return round(min(0.99, 1.0 / z), 3)
