"""Outlines for places: the gazetteer's shapely geometries as small GeoJSON dicts.

Geometries are simplified and rounded (a country outline at full resolution would be
megabytes of HTML) and cached per gazetteer, place and tolerance. Everything takes the
gazetteer as an argument; ``resolve_gazetteer(None)`` falls back to the default one and
to "no outlines" (with a warning) when it cannot be built, so a map always renders.
"""

from __future__ import annotations

import json
import math
import time
import warnings
from typing import Any, Protocol

import numpy as np
import shapely

from geo.model import Place

COUNTRY_TOLERANCE = 0.25
"""Basemap simplification in degrees (~25 km): the basemap is resent on every rerun, so it stays ~100 KB."""
SPECK = 2.0
"""Parts of a multi-part outline smaller than (SPECK * tolerance)^2 square degrees are dropped (islands that
would be a few pixels at the zoom the tolerance suits); the largest part always stays."""


class GeometrySource(Protocol):
    """The part of ``geo.gazetteer.Gazetteer`` the layers use."""

    def get(self, place_id: str) -> Place | None: ...

    def geometry(self, place_id: str) -> Any: ...

    def countries(self) -> list[Place]: ...


_UNSET = object()
_default: Any = _UNSET
_failed_at = 0.0
RETRY_SECONDS = 60.0
"""After a failure, how long maps go without outlines before the gazetteer is tried again."""
_cache: dict[tuple[int, str, float | None], Any] = {}


def resolve_gazetteer(gazetteer: GeometrySource | None) -> GeometrySource | None:
    """``gazetteer`` itself, else the default gazetteer, else None (outlines unavailable)."""
    global _default, _failed_at
    if gazetteer is not None:
        return gazetteer
    if _default is _UNSET or (_default is None and time.monotonic() - _failed_at > RETRY_SECONDS):
        try:
            from geo.gazetteer import default_gazetteer

            _default = default_gazetteer()
        except Exception as exc:  # noqa: BLE001 - any failure means "no outlines", never "no map"
            warnings.warn(f"sitmap: gazetteer unavailable, drawing no outlines ({exc})", stacklevel=2)
            _default, _failed_at = None, time.monotonic()
    return _default


def adaptive_tolerance(geom: Any) -> float:
    """A simplification tolerance in proportion to the outline's size (1/400 of its diagonal)."""
    minx, miny, maxx, maxy = geom.bounds
    return float(min(max(math.hypot(maxx - minx, maxy - miny) / 400.0, 0.005), 0.25))


def to_geojson(geom: Any, tolerance: float | None, digits: int | None = None,
               keep_topology: bool = True) -> dict | None:
    """A simplified, rounded GeoJSON geometry dict (None for empty or non-areal input).

    ``tolerance=None`` adapts to the outline's size; ``digits=None`` follows the tolerance.
    """
    if geom is None:
        return None
    geom_in = geom
    try:
        if geom.is_empty:
            return None
        if tolerance is None:
            tolerance = adaptive_tolerance(geom)
        if digits is None:
            digits = 3 if tolerance < 0.02 else 2
        if tolerance > 0:
            geom = _drop_specks(geom, (SPECK * tolerance) ** 2)
            geom = shapely.simplify(geom, tolerance, preserve_topology=keep_topology)
            if geom.is_empty and not keep_topology:  # a small country simplified away: keep it, coarsely
                return to_geojson(geom_in, tolerance, digits, keep_topology=True)
        geom = shapely.transform(geom, lambda c: np.round(c, digits))
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            return None
        return json.loads(shapely.to_geojson(geom))
    except (AttributeError, TypeError, ValueError, shapely.errors.GEOSException):
        return None


def _drop_specks(geom: Any, min_area: float) -> Any:
    """``geom`` without its parts smaller than ``min_area`` (the largest part is always kept)."""
    parts = list(getattr(geom, "geoms", []))
    if len(parts) < 2:
        return geom
    areas = [p.area for p in parts]
    big = max(range(len(parts)), key=areas.__getitem__)
    kept = [p for i, p in enumerate(parts) if i == big or areas[i] >= min_area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept) if all(
        k.geom_type == "Polygon" for k in kept) else shapely.GeometryCollection(kept)


def outline(gazetteer: GeometrySource | None, place_id: str,
            tolerance: float | None = None) -> dict | None:
    """The outline of one place as GeoJSON, or None when the gazetteer has none."""
    if gazetteer is None or not place_id:
        return None
    key = (id(gazetteer), place_id, tolerance)
    if key not in _cache:
        try:
            geom = gazetteer.geometry(place_id)
        except Exception:  # noqa: BLE001 - one bad record must not lose the map
            geom = None
        _cache[key] = to_geojson(geom, tolerance)
    return _cache[key]


def is_approximate(gazetteer: GeometrySource | None, place_id: str, precision: str) -> bool:
    """Whether a place's outline is a stand-in (vague regions always are, unless told otherwise)."""
    place = None
    if gazetteer is not None and place_id:
        try:
            place = gazetteer.get(place_id)
        except Exception:  # noqa: BLE001
            place = None
    if place is not None:
        return bool(place.approximate)
    return precision == "vague"


def country_outlines(gazetteer: GeometrySource | None, tolerance: float = COUNTRY_TOLERANCE) -> dict:
    """Every country outline as a GeoJSON FeatureCollection (the offline basemap)."""
    feats: list[dict] = []
    if gazetteer is None:
        return {"type": "FeatureCollection", "features": feats}
    key = (id(gazetteer), "__countries__", tolerance)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    try:
        countries = list(gazetteer.countries())
    except Exception as exc:  # noqa: BLE001
        warnings.warn(f"sitmap: no country outlines ({exc})", stacklevel=2)
        countries = []
    for c in countries:
        geo = to_geojson(c.geometry, tolerance, 2, keep_topology=False)
        if geo is not None:
            feats.append({"type": "Feature", "geometry": geo,
                          "properties": {"cc": c.country_code}})
    out = {"type": "FeatureCollection", "features": feats}
    _cache[key] = out
    return out


def clear_cache() -> None:
    """Forget cached outlines (tests; a rebuilt gazetteer)."""
    global _default
    _cache.clear()
    _default = _UNSET
