"""Approximate first-level areas (oblasts, states, provinces) as a partition of each country.

No kept PyPI package ships admin-1 polygons. GeoNames gives every town its admin-1 code, so each country
is cut into the Voronoi cells of its towns (``shapely.voronoi_polygons``), the cells of one admin-1 code are
merged, and the result is clipped to the country's outline. Unlike hulls of member towns, the areas cover
the country without overlapping, so their shared edges are borders (drawn by ``layers.borders``, dashed
and labelled approximate). Where towns are sparse an edge can be tens of km off. Computed once, at
gazetteer build time (``geo.build``), about ten seconds for the world.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

LINE_TOLERANCE = 0.01  # degrees (~1 km): the stored lines; the map simplifies further per view
CELL_TOLERANCE = 0.02  # the cells, simplified as one coverage so neighbours keep sharing their edge
NO_CODE = ("", "00")  # GeoNames: no admin-1 known


def _country_cells(points: np.ndarray, codes: list[str], country: BaseGeometry) -> dict[str, BaseGeometry]:
    """Admin-1 code -> its merged Voronoi cells, not yet clipped (they cover the country's envelope)."""
    pts = shapely.points(points)
    minx, miny, maxx, maxy = country.bounds
    frame = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame, ordered=True))
    if len(cells) != len(pts):  # ordered=True keeps input order; a mismatch means a degenerate input
        tree = shapely.STRtree(cells)
        hits = tree.query(pts, predicate="within")
        order = np.full(len(pts), -1)
        order[hits[0]] = hits[1]
        cells = np.array([cells[i] if i >= 0 else shapely.Point() for i in order], dtype=object)
    groups: dict[str, list[BaseGeometry]] = defaultdict(list)
    for code, cell in zip(codes, cells, strict=True):
        if not cell.is_empty:
            groups[code].append(cell)
    return {code: shapely.coverage_union_all(parts) for code, parts in groups.items()}


def admin1_partition(towns: Iterable[Mapping[str, Any]], countries: Mapping[str, BaseGeometry]
                     ) -> tuple[dict[tuple[str, str], BaseGeometry], dict[str, BaseGeometry]]:
    """Cells ``{(cc, admin1): polygon}`` clipped to each country, and each country's internal admin-1 lines
    ``{cc: (multi)linestring}`` (every shared edge once, simplified to ``LINE_TOLERANCE``).

    ``towns`` are GeoNames-like records (``cc``, ``admin1``, ``lat``, ``lon``); towns without an admin-1
    code or outside ``countries`` take no part. A country whose towns all share one code is that one cell.
    """
    by_cc: dict[str, dict[tuple[float, float], str]] = defaultdict(dict)
    for t in towns:
        if t["cc"] in countries and t["admin1"] not in NO_CODE:
            by_cc[t["cc"]].setdefault((round(float(t["lon"]), 5), round(float(t["lat"]), 5)), t["admin1"])
    cells: dict[tuple[str, str], BaseGeometry] = {}
    lines: dict[str, BaseGeometry] = {}
    for cc, where in by_cc.items():
        country = countries[cc]
        if country is None or country.is_empty:
            continue
        codes = list(where.values())
        if len(set(codes)) == 1:
            cells[(cc, codes[0])] = country
            continue
        try:
            raw = _country_cells(np.array(list(where)), codes, country)
        except shapely.errors.GEOSException:
            continue
        shapely.prepare(country)
        mine: dict[str, BaseGeometry] = {}
        for code, geom in raw.items():
            clipped = shapely.make_valid(shapely.intersection(geom, country))
            polys = [p for p in shapely.get_parts(clipped) if p.geom_type == "Polygon" and not p.is_empty]
            if polys:
                mine[code] = shapely.multipolygons(polys) if len(polys) > 1 else polys[0]
        simple = shapely.coverage_simplify(np.array(list(mine.values()), dtype=object), CELL_TOLERANCE)
        cells.update({(cc, code): shapely.make_valid(g) for code, g in zip(mine, simple, strict=True)})
        inner = _inner_lines(raw.values(), country)
        if inner is not None:
            lines[cc] = inner
    return cells, lines


def area_centre(geom: BaseGeometry) -> tuple[float, float] | None:
    """A first-level area's conventional point (lat, lon): the centroid of its largest part, or a point
    inside that part when the centroid falls outside it (a crescent-shaped region).

    Why not the data package's point: countrystatecity's region points are geocoder answers, and a
    region named like its chief city gets that city's point (New York state at New York City, Sao Paulo
    state at Sao Paulo), so a map draws the region on the city and a reader cannot tell which was meant.
    The largest part's centroid is the middle of the region people picture (offshore islands and
    exclaves do not pull it into the sea), close to how GeoNames pins first-level regions.
    """
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return None
    main = max(parts, key=lambda p: p.area)
    c = main.centroid
    if not main.contains(c):
        c = main.point_on_surface()
    return (c.y, c.x)


def _inner_lines(areas: Iterable[BaseGeometry], country: BaseGeometry) -> BaseGeometry | None:
    """The edges between unclipped areas, inside the country: each shared edge once (union nodes them)."""
    edges = shapely.union_all([g.boundary for g in areas])
    inner = shapely.intersection(edges, country)
    parts = [p for p in shapely.get_parts(inner) if p.geom_type in ("LineString", "MultiLineString")]
    if not parts:
        return None
    merged = shapely.line_merge(shapely.simplify(shapely.union_all(parts), LINE_TOLERANCE))
    return None if merged.is_empty else shapely.set_precision(merged, 1e-4)
