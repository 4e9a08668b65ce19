"""Detailed borders and coastlines around the story, for zoomed-in views.

The basemap's country outlines are simplified to ~25 km (``regions.COUNTRY_TOLERANCE``) so the whole world
stays ~100 KB; at zoom 8 around Kursk that border is a zig-zag 20 km off. Around the story's own places
(``BOX_DEG`` either side) the same Natural Earth outlines are cut out at ~1 km and drawn as lines from
``MIN_ZOOM``. First-level (oblast, province) borders are not drawn: no kept PyPI package ships them, and the
gazetteer's first-level outlines are hulls of member towns (they overlap), which would draw borders where
there are none.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import box, mapping

BOX_DEG = 4.0
TOLERANCE = 0.01  # degrees (~1 km)
MIN_ZOOM = 6
MAX_BOXES = 40


def detailed_borders(gazetteer: Any, places: list[tuple[float, float]], box_deg: float = BOX_DEG,
                     tolerance: float = TOLERANCE) -> dict:
    """Country boundaries (borders and coasts) as GeoJSON lines, within ``box_deg`` of the story's places."""
    empty: dict = {"type": "FeatureCollection", "features": []}
    if gazetteer is None or not places:
        return empty
    try:
        countries = list(gazetteer.countries())
    except Exception:  # noqa: BLE001 - no borders rather than no map
        return empty
    area = shapely.union_all([box(lon - box_deg * 1.6, lat - box_deg, lon + box_deg * 1.6, lat + box_deg)
                              for lat, lon in places[:MAX_BOXES]])
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
