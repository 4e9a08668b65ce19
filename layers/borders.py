"""Detailed borders and coastlines around the story, for zoomed-in views.

The basemap's country outlines are simplified to ~25 km (``regions.COUNTRY_TOLERANCE``) so the whole world
stays ~100 KB; at zoom 8 around Kursk that border is a zig-zag 20 km off. Around the story's own places
(``BOX_DEG`` either side) the same Natural Earth outlines are cut out at ~1 km and drawn as lines from
``MIN_ZOOM``. First-level (oblast, state, province) borders come from the gazetteer's approximate admin-1
partition (``geo.admin1``: Voronoi cells of towns by admin-1 code, computed at build time): each shared edge
once, within smaller boxes (``ADMIN1_BOX_DEG``), simplified to ``ADMIN1_TOLERANCE`` and drawn dashed from ``ADMIN1_MIN_ZOOM``,
named "approximate" in the layer switcher (no kept PyPI package ships real admin-1 polygons).

From ``MIN_ZOOM`` the basemap's rough outlines lose their stroke (their fill stays): drawn together with the
detailed lines they made a double border, a "lens" along Russia-Ukraine. So that every country keeps a border
wherever the user pans, the browser draws the rough outlines' lines outside the detailed boxes
(``detail_boxes``, handed to ``sitmap.basemap``; ``sitmap-basemap.js``): from the outlines it already has, so
no extra data is sent (an earlier server-side cut stopped 10 degrees from the story).
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import box, mapping

BOX_DEG = 4.0
TOLERANCE = 0.01  # degrees (~1 km)
MIN_ZOOM = 6
MAX_BOXES = 40
ADMIN1_TOLERANCE = 0.03  # degrees (~3 km): the lines are approximate to tens of km anyway
ADMIN1_BOX_DEG = 3.0  # a smaller box than the country borders': ~33 KB on the seeds (4 degrees: 46 KB)
ADMIN1_MIN_ZOOM = 4
ADMIN1_NAME = "First-level borders (approximate)"
ADMIN1_STYLE = {"color": "#8a8a8a", "weight": 0.9, "opacity": 0.8, "dashArray": "4 3", "className": "sitmap-admin1"}


def detailed_borders(gazetteer: Any, places: list[tuple[float, float]], box_deg: float = BOX_DEG,
                     tolerance: float = TOLERANCE) -> dict:
    """Country boundaries (borders and coasts) as GeoJSON lines, within ``box_deg`` of the story's places
    (``detail_boxes``)."""
    empty: dict = {"type": "FeatureCollection", "features": []}
    if gazetteer is None or not places:
        return empty
    try:
        countries = list(gazetteer.countries())
    except Exception:  # noqa: BLE001 - no borders rather than no map
        return empty
    area = _area(places, box_deg)
    feats = []
    for c in countries:
        geom = c.geometry
        if geom is None or geom.is_empty or not geom.intersects(area):
            continue
        line = shapely.intersection(geom.boundary, area)
        line = shapely.simplify(line, tolerance, preserve_topology=False)
        if line.is_empty:
            continue
        geo = mapping(shapely.set_precision(line, 0.001))
        feats.append({"type": "Feature", "geometry": geo, "properties": {"cc": c.country_code}})
    return {"type": "FeatureCollection", "features": feats}


def detail_boxes(places: list[tuple[float, float]], box_deg: float = BOX_DEG) -> list[list[float]]:
    """The boxes ``[west, south, east, north]`` around the story's places where the detailed lines are (wider
    in longitude: degrees of longitude are shorter).

    >>> detail_boxes([(50.0, 30.0)], 1.0)
    [[28.4, 49.0, 31.6, 51.0]]
    """
    return [[round(lon - box_deg * 1.6, 4), round(lat - box_deg, 4), round(lon + box_deg * 1.6, 4),
             round(lat + box_deg, 4)] for lat, lon in places[:MAX_BOXES]]


def _area(places: list[tuple[float, float]], box_deg: float) -> Any:
    """The union of ``detail_boxes``."""
    return shapely.union_all([box(*b) for b in detail_boxes(places, box_deg)])


def admin1_borders(gazetteer: Any, places: list[tuple[float, float]], box_deg: float = ADMIN1_BOX_DEG,
                   tolerance: float = ADMIN1_TOLERANCE) -> dict:
    """Approximate first-level borders (``Gazetteer.admin1_lines``) as GeoJSON lines within ``box_deg`` of
    the story's places; empty when the gazetteer has none (a stand-in, an old index)."""
    empty: dict = {"type": "FeatureCollection", "features": []}
    if gazetteer is None or not places or not hasattr(gazetteer, "admin1_lines"):
        return empty
    try:
        lines = gazetteer.admin1_lines()
    except Exception:  # noqa: BLE001 - no borders rather than no map
        return empty
    area = _area(places, box_deg)
    shapely.prepare(area)
    feats = []
    for cc, geom in sorted(lines.items()):
        if geom is None or geom.is_empty or not area.intersects(geom):
            continue
        cut = shapely.simplify(shapely.intersection(geom, area), tolerance, preserve_topology=False)
        cut = shapely.set_precision(cut, 0.001)
        parts = [p for p in shapely.get_parts(cut) if p.geom_type == "LineString" and p.length > 0]
        if parts:
            feats.append({"type": "Feature", "geometry": mapping(shapely.multilinestrings(parts)),
                          "properties": {"cc": cc}})
    return {"type": "FeatureCollection", "features": feats}
