"""What kind of place a ``Place`` is (country, first-level region, major), how far apart two are,
and the small tables resolution adds to the gazetteer (macro-regions, conventional country points).

Shared by the gazetteer build and the geoparser (geo.parse), so both classify places one way.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from geo.model import Place
from geo.tables import path as table_path

REGIONS_CSV = table_path("regions.csv")
COUNTRY_POINTS_CSV = table_path("country_points.csv")

COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR"})
ADMIN_CODES = frozenset({"ADM1", "ADM1H"})
ADM2_KM = 120.0  # a county or province: no outline in the index, so a radius around its point
AREA_CODES = frozenset({"CONT", "RGN", "OCN", "SEA", "PEN", "H", "RGNE", "GULF", "AREA", "ISL", "STM", "DSRT", "MTS",
                        "VAL", "HBR"})
MAJOR_POPULATION = 100_000


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> list[Place]: ...
    def get(self, place_id: str) -> Place | None: ...
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


def contains(container: Place, p: Place) -> bool:
    """``p`` lies in ``container`` as far as codes tell (country, or country + admin1); a second-level
    division ("Santa Maria, Davao del Sur"), which has no code of its own on a town, holds the towns of
    its first-level region within ADM2_KM of its point."""
    if not container.country_code or container.country_code != p.country_code or container.id == p.id:
        return False
    if is_country(container):
        return True
    if container.feature_code == "ADM2":
        return (bool(container.admin1) and container.admin1 == p.admin1
                and km(container.lat, container.lon, p.lat, p.lon) <= ADM2_KM)
    return is_admin(container) and bool(container.admin1) and container.admin1 == p.admin1


def place_class(p: Place) -> str:
    """The type a list of places keeps: country, admin (first-level region), vague region, or city."""
    if is_country(p):
        return "country"
    if is_admin(p):
        return "admin"
    return "vague" if p.precision == "vague" else "city"


