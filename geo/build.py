"""Compiling the source packages into one compact gazetteer index.

``build_tables`` is pure (plain source records in, rows + names + outlines out), so
tests can feed it a handful of places; ``build_index`` does the I/O: reads the
packages and has ``geo.indexfile.write_index`` write the tables atomically into the cache directory.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo import vague as vg
from geo.admin1 import admin1_partition, area_centre
from geo.aliases import names_of
from geo.altnames import keep_alternate, main_name_sizes
from geo.gazetteer import prior_of
from geo.indexfile import write_index
from geo.normalize import (
    admin2_names,
    country_names,
    is_latin,
    name_key,
    region_bases,
    region_display,
    region_names,
)

NAMESAKE_ADM2_MARGIN = 0.3
"""A division named like a town of its region ranks this far below the town: more than the type bonus the
parser gives every region (geo.parse.weights admin_type, 0.25), so a bare "Pisa" stays the town."""
NAMESAKE_ADM2_SHARE = 0.02
PRECISION = {"PCLI": "country", "ADM1": "admin", "ADM2": "admin", "RGN": "vague", "CONT": "vague"}


@dataclass
class Tables:
    """The compiled gazetteer before it is written: rows, (surface, row) names, outlines."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    names: list[tuple[str, int]] = field(default_factory=list)
    geoms: dict[int, BaseGeometry] = field(default_factory=dict)
    admin1_lines: dict[str, BaseGeometry] = field(default_factory=dict)  # cc -> approximate admin-1 borders

    def add(self, row: dict[str, Any], names: Iterable[str], geom: BaseGeometry | None = None) -> int:
        idx = len(self.rows)
        row.setdefault("precision", PRECISION.get(row["feature_code"], "point"))
        row.setdefault("prior", prior_of(row["feature_code"], row.get("population", 0)))
        self.rows.append(row)
        self.names.extend((n, idx) for n in dict.fromkeys(names) if n)
        if geom is not None and not geom.is_empty:
            self.geoms[idx] = geom
        return idx


def city_names(name: str, alternates: Sequence[str], population: int = 0,
               sizes: dict[str, int] | None = None) -> list[str]:
    """Surface names of a populated place worth indexing (Latin, no codes or junk).

    With ``sizes`` (see geo.altnames) alternates that belong to a bigger place or are
    generic English words are dropped too.
    """
    out = [name]
    for alt in alternates:
        if len(alt) < 2 or alt == name or any(c.isdigit() for c in alt) or "/" in alt:
            continue
        if alt.islower() or (alt.isupper() and len(alt) <= 4) or not is_latin(alt):
            continue
        if sizes is not None and not keep_alternate(alt, name, population, sizes):
            continue
        out.append(alt)
    return out


def _row(id_: str, name: str, lat: float, lon: float, cc: str, fcode: str, *, admin1: str = "",
         population: int = 0, geonameid: int | None = None, approximate: bool = False) -> dict[str, Any]:
    return {"id": id_, "name": name, "lat": float(lat), "lon": float(lon), "country_code": cc,
            "feature_code": fcode, "admin1": admin1, "population": int(population),
            "geonameid": geonameid, "approximate": approximate}


def build_tables(cities: list[dict], countries: list[dict], admin1: list[dict], continents: list[dict],
                 shapes: list[dict], vague: list[vg.VagueRegion], admin2: list[dict] = (),
                 centres: dict[str, tuple[float, float]] | None = None,
                 points: dict[str, tuple[float, float]] | None = None) -> Tables:
    """Join the sources into gazetteer rows (pure; see module docstring).

    A country's point is its conventional centre (``centres``, as GeoNames-based gold standards
    pin countries: Russia at 60N 100E) when known, else its Natural Earth label point. A vague
    region's point is its conventional one from ``points`` (name_key -> lat, lon) when known,
    else a point inside its outline; the geoparser uses the same tables, so both agree.
    """
    t = Tables()
    by_cc_a1: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        by_cc_a1[(c["cc"], c["admin1"])].append(c)

    # Countries: Natural Earth outline (simplified), label point, every alias.
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    label: dict[str, tuple[float, float]] = {}
    for s in shapes:
        parts[s["cc"]].append(s["geometry"])
        if s.get("homepart") or s["cc"] not in label:
            label[s["cc"]] = s["label"]
    country_geom = {cc: vg.simplify(shapely.union_all(g), vg.COUNTRY_TOLERANCE) for cc, g in parts.items()}
    capitals = _capitals(countries, cities)
    for co in countries:
        cc = co["cc"]
        lon_lat = label.get(cc)
        if centres and cc in centres:
            lon_lat = (centres[cc][1], centres[cc][0])
        if lon_lat is None and cc in capitals:
            lon_lat = (capitals[cc]["lon"], capitals[cc]["lat"])
        if lon_lat is None:
            continue
        t.add(_row(str(co["geonameid"]), co["name"], lon_lat[1], lon_lat[0], cc, "PCLI",
                   population=co["population"], geonameid=co["geonameid"]),
              country_names(co), country_geom.get(cc))

    # First-level regions: approximate outline = their towns' Voronoi cells (geo.admin1), else a hull.
    cells, t.admin1_lines = admin1_partition(cities, country_geom)
    region_geom: dict[str, BaseGeometry] = {}
    region_rows: list[tuple[int, dict]] = []
    for a in admin1:
        members = by_cc_a1.get((a["cc"], a["admin1"]), []) if a["admin1"] else []
        geom = cells.get((a["cc"], a["admin1"]))
        lat, lon = (area_centre(geom) or (a["lat"], a["lon"])) if geom is not None else (a["lat"], a["lon"])
        pop = sum(m["population"] for m in members)
        if (lat is None or lon is None) and members:
            w = sum(max(m["population"], 1) for m in members)
            lat = sum(m["lat"] * max(m["population"], 1) for m in members) / w
            lon = sum(m["lon"] * max(m["population"], 1) for m in members) / w
        if lat is None or lon is None:
            continue
        if geom is None:
            pts = [(m["lon"], m["lat"]) for m in members] or [(lon, lat)]
            geom = vg.place_hull(pts, clip=country_geom.get(a["cc"]))
        region_geom[a["iso"]] = geom
        id_ = str(a["geonameid"]) if a["geonameid"] else f"adm1:{a['iso']}"
        idx = t.add(_row(id_, region_display(a), lat, lon, a["cc"], "ADM1", admin1=a["admin1"],
                         population=pop, geonameid=a["geonameid"], approximate=True),
                    region_names(a), geom)
        region_rows.append((idx, a))

    # Populated places; the capital of each country is PPLC, a big namesake of its region PPLA.
    capital_ids = {c["geonameid"] for c in capitals.values()}
    namesakes = _namesakes(region_rows, t, by_cc_a1)
    sizes = main_name_sizes([*((c["name"], c["population"]) for c in cities),
                             *((n, co["population"]) for co in countries for n in (co["name"], *co["aliases"])),
                             *((n, 10**10) for r in vague for n in (r.name, *r.names)),
                             *((n, 10**10) for ct in continents for n in (ct["name"], *ct["aliases"]))])
    for c in cities:
        gid = c["geonameid"]
        fcode = "PPLC" if gid in capital_ids else ("PPLA" if gid in namesakes else "PPL")
        row = _row(str(gid), c["name"], c["lat"], c["lon"], c["cc"], fcode, admin1=c["admin1"],
                   population=c["population"], geonameid=gid)
        if gid in namesakes:
            row["prior"] = max(prior_of(fcode, c["population"]), namesakes[gid] + 0.02)
        t.add(row, [*city_names(c["name"], c["alt"], c["population"], sizes), *names_of(str(gid))])

    # Second-level divisions (US and UK counties, departements, provinces): point and outline from their
    # places; one named like a town of its own region (Pisa, Paris) ranks just below that town.
    # (A town of under NAMESAKE_ADM2_SHARE of the division's people is another place: Rizal, Laguna is
    # not what "Rizal" province's news means. Population 0 is unknown: a seat GeoNames left uncounted.)
    town_pops: dict[tuple[str, str, str], int] = {}
    for c in cities:
        key = (c["cc"], c["admin1"], name_key(c["name"]))
        town_pops[key] = max(town_pops.get(key, 0), c["population"])
    for a in admin2:
        pts = a["points"]
        w = sum(max(p[2], 1) for p in pts)
        lon = sum(p[0] * max(p[2], 1) for p in pts) / w
        lat = sum(p[1] * max(p[2], 1) for p in pts) / w
        geom = vg.place_hull([(p[0], p[1]) for p in pts], clip=country_geom.get(a["cc"]), pad=0.03)
        gid = a["geonameid"]
        row = _row(str(gid) if gid else f"adm2:{a['cc']}-{a['admin1']}-{a['name']}", a["name"], lat, lon, a["cc"],
                   "ADM2", admin1=a["admin1"], population=sum(p[2] for p in pts), geonameid=gid, approximate=True)
        town_pop = town_pops.get((a["cc"], a["admin1"], name_key(a.get("stem") or a["name"])))
        namesake = town_pop is not None and (town_pop == 0 or town_pop >= NAMESAKE_ADM2_SHARE * row["population"])
        if namesake:
            town = prior_of("PPL", town_pop or 0)
            row["prior"] = round(max(0.0, min(prior_of("ADM2", row["population"]), town - NAMESAKE_ADM2_MARGIN)), 6)
        t.add(row, admin2_names(a, namesake=namesake), geom)

    # Continents: union of their countries; vague regions from the curated table.
    by_continent: dict[str, list[BaseGeometry]] = defaultdict(list)
    for co in countries:
        if co["cc"] in country_geom:
            by_continent[co["continent"]].append(country_geom[co["cc"]])
    for ct in continents:
        geom = shapely.union_all(by_continent[ct["code"]]) if by_continent.get(ct["code"]) else None
        geom = vg.simplify(geom, 0.1) if geom is not None else None
        t.add(_row(str(ct["geonameid"]), ct["name"], ct["lat"], ct["lon"], "", "CONT",
                   population=ct["population"], geonameid=ct["geonameid"], approximate=True),
              [ct["name"], *(a for a in ct["aliases"] if is_latin(a))], geom)
    for r in vague:
        geom = vg.vague_geometry(r, country_geom, region_geom)
        if geom is None:
            continue
        known = [points[k] for k in map(name_key, (r.name, *r.names)) if points and k in points]
        lat, lon = known[0] if known else vg.centre(geom)
        t.add(_row(r.id, r.name, lat, lon, r.country, r.feature_code, approximate=True), [r.name, *r.names],
              geom)
    return t


def _capitals(countries: list[dict], cities: list[dict]) -> dict[str, dict]:
    """Each country's capital city record: the most populous place in it named like the capital."""
    want = {co["cc"]: name_key(co["capital"]) for co in countries if co["capital"]}
    best: dict[str, dict] = {}
    for c in cities:
        key = want.get(c["cc"])
        if not key or (c["cc"] in best and best[c["cc"]]["population"] >= c["population"]):
            continue
        if name_key(c["name"]) == key or any(name_key(a) == key for a in c["alt"] if is_latin(a)):
            best[c["cc"]] = c
    return best


def _namesakes(region_rows: list[tuple[int, dict]], t: Tables, by_cc_a1: dict) -> dict[int, float]:
    """Cities of >= 50,000 named like their own region (Kursk in Kursk Oblast) -> region prior.

    A bare "Kursk" or "Chiba" in the news nearly always means the city, so it must rank
    above the region; "Kursk region" still finds only the region.
    """
    out: dict[int, float] = {}
    for idx, a in region_rows:
        keys = {name_key(n) for n in (*region_bases(a), a["name"]) if n}
        for c in by_cc_a1.get((a["cc"], a["admin1"]), ()):
            if c["population"] >= 50_000 and any(name_key(n) in keys for n in city_names(c["name"], c["alt"])):
                out[c["geonameid"]] = t.rows[idx]["prior"]
    return out


def _region_points(regions: list[tuple[Any, tuple[str, ...]]]) -> dict[str, tuple[float, float]]:
    """name_key -> conventional point for every name of the curated regions (main names win)."""
    out: dict[str, tuple[float, float]] = {}
    for place, names in regions:
        for n in names[1:]:
            out.setdefault(name_key(n), (place.lat, place.lon))
    for place, _ in regions:
        out[name_key(place.name)] = (place.lat, place.lon)
    return out


def build_index(directory: Path) -> dict[str, Any]:
    """Read every source package and write the index; returns its meta (counts, versions)."""
    from geo import sources
    from geo.places import load_country_points, load_regions

    started = time.time()
    versions = sources.package_versions()
    tables = build_tables(sources.load_cities(), sources.load_countries(), sources.load_admin1(),
                          sources.load_continents(), sources.load_country_shapes(), vg.load_vague_regions(),
                          admin2=sources.load_admin2(), centres=load_country_points(),
                          points=_region_points(load_regions()))
    built = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    meta = {**sources.source_fingerprint(versions), "built": built}
    meta = write_index(tables, directory, meta)
    meta["build_seconds"] = round(time.time() - started, 1)
    (Path(directory) / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    return meta
