"""Approximate outlines: region hulls and the curated vague regions news uses.

No PyPI package ships first-level region polygons or "Russia's Far East", so we derive
them: a first-level region is its towns' Voronoi cells (geo.admin1), else the concave hull of its
populated places clipped to its country (second-level ones always); a
vague region (geo/tables/vague_regions.json) is a union of countries and/or regions, optionally
cut to a longitude/latitude box. Every outline made here is marked approximate.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, box
from shapely.geometry.base import BaseGeometry

from geo.tables import path as table_path

VAGUE_FILE = table_path("vague_regions.json")
COUNTRY_TOLERANCE = 0.03  # degrees; keeps all countries' outlines ~2 MB of GeoJSON
REGION_TOLERANCE = 0.02


@dataclass(frozen=True)
class VagueRegion:
    """One curated region: what it is made of and the names news calls it."""

    id: str
    name: str
    names: tuple[str, ...]
    country: str = ""
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    feature_code: str = "RGN"
    surface: str = ""  # "water": the box minus land (seas); "land": the box's land only


def load_vague_regions(path: Path = VAGUE_FILE) -> list[VagueRegion]:
    """Read the curated table; a bad entry is an error naming it (the file is ours)."""
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    out = []
    for i, rec in enumerate(raw):
        try:
            bbox = tuple(float(x) for x in rec["bbox"]) if rec.get("bbox") else None
            if bbox is not None and len(bbox) != 4:
                raise ValueError("bbox needs 4 numbers")
            out.append(VagueRegion(id=rec["id"], name=rec["name"], names=tuple(rec.get("names", ())),
                                   country=rec.get("country", ""), countries=tuple(rec.get("countries", ())),
                                   regions=tuple(rec.get("regions", ())), bbox=bbox,
                                   feature_code=rec.get("feature_code", "RGN"), surface=rec.get("surface", "")))
            if out[-1].surface not in ("", "land", "water") or (out[-1].surface and bbox is None):
                raise ValueError("surface must be 'land' or 'water', with a bbox")
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: entry {i} is malformed: {exc}") from exc
    return out


def simplify(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Simplify without creating invalid rings (the map draws every country each time)."""
    out = shapely.make_valid(geom.simplify(tolerance, preserve_topology=True))
    return shapely.set_precision(out, 1e-4)


def place_hull(points: Sequence[tuple[float, float]], clip: BaseGeometry | None = None,
               pad: float = 0.1) -> BaseGeometry:
    """Approximate outline of an area from its member places (lon, lat), clipped to ``clip``."""
    if not points:
        raise ValueError("place_hull needs at least one point")
    lons = [x for x, _ in points]
    wraps = max(lons) - min(lons) > 180  # e.g. Chukotka: the hull must not circle the globe
    if wraps:
        points = [(x + 360.0 if x < 0 else x, y) for x, y in points]
    if len(points) < 3:
        hull = MultiPoint([Point(p) for p in points]).convex_hull.buffer(max(pad, 0.25))
    else:
        hull = shapely.concave_hull(MultiPoint(points), ratio=0.35).buffer(pad)
    if wraps:
        hull = unwrap(hull)
    if clip is not None and not clip.is_empty:
        clipped = hull.intersection(clip)
        if not clipped.is_empty and clipped.area > 0:
            hull = clipped
    return simplify(hull, REGION_TOLERANCE)


def unwrap(geom: BaseGeometry) -> BaseGeometry:
    """Bring a geometry drawn in 0..360 longitudes back to -180..180, split at the antimeridian."""
    from shapely.affinity import translate

    east = geom.intersection(box(-180.0, -90.0, 180.0, 90.0))
    west = translate(geom.intersection(box(180.0, -90.0, 540.0, 90.0)), xoff=-360.0)
    return shapely.union(east, west) if not west.is_empty else east


def vague_geometry(region: VagueRegion, countries: Mapping[str, BaseGeometry],
                   regions: Mapping[str, BaseGeometry]) -> BaseGeometry | None:
    """Union of the region's parts, cut to its box; None when no part is known."""
    parts = [countries[c] for c in region.countries if c in countries]
    parts += [regions[r] for r in region.regions if r in regions]
    if region.country and not parts and region.country in countries:
        parts.append(countries[region.country])
    if region.bbox is not None:
        cut = _box(region.bbox)
        if region.surface:
            land = shapely.union_all([g for g in countries.values() if g.intersects(cut)])
            geom = cut.difference(land) if region.surface == "water" else cut.intersection(land)
        else:
            geom = shapely.union_all(parts).intersection(cut) if parts else cut
    elif parts:
        geom = shapely.union_all(parts)
    else:
        return None
    if geom.is_empty:
        return None
    return across_antimeridian(simplify(geom, REGION_TOLERANCE))


def across_antimeridian(geom: BaseGeometry, reach: float = 60.0) -> BaseGeometry:
    """One contiguous shape for an area cut at the antimeridian, as a Leaflet map draws it.

    A region split at 180 degrees (the Indo-Pacific, Chukotka in "Russian Far East") would be
    drawn as two pieces at opposite edges of the map. The smaller side's pieces within ``reach``
    degrees of the line are moved by 360 degrees to join the larger side (longitudes past 180).
    """
    from shapely.affinity import translate

    parts = list(getattr(geom, "geoms", [geom]))
    minx, _, maxx, _ = geom.bounds
    if len(parts) < 2 or minx > -179.99 or maxx < 179.99:
        return geom
    east = [g for g in parts if g.centroid.x >= 0]
    west = [g for g in parts if g.centroid.x < 0]
    if sum(g.area for g in west) <= sum(g.area for g in east):
        moved = [translate(g, xoff=360.0) if g.bounds[2] <= -180.0 + reach else g for g in west]
        parts = east + moved
    else:
        moved = [translate(g, xoff=-360.0) if g.bounds[0] >= 180.0 - reach else g for g in east]
        parts = moved + west
    return shapely.union_all(parts)


def _box(b: tuple[float, float, float, float]) -> BaseGeometry:
    """A lon/lat box; west > east means it crosses the antimeridian."""
    w, s, e, n = b
    if w <= e:
        return box(w, s, e, n)
    return shapely.union(box(w, s, 180.0, n), box(-180.0, s, e, n))


def centre(geom: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) of a point inside the outline (longitude back in -180..180 for shifted shapes)."""
    p = geom.representative_point() if not geom.centroid.within(geom) else geom.centroid
    return float(p.y), (float(p.x) + 180.0) % 360.0 - 180.0


def as_dict(region: VagueRegion) -> dict[str, Any]:
    """Plain form (for ``sitmap gazetteer info`` and tests)."""
    return {"id": region.id, "name": region.name, "names": list(region.names)}
