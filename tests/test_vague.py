"""Approximate outlines: hulls, antimeridian boxes, and the curated vague-region table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box

from geo.normalize import name_key
from geo.vague import VAGUE_FILE, VagueRegion, centre, load_vague_regions, place_hull, vague_geometry


def test_table_is_well_formed() -> None:
    regions = load_vague_regions()
    ids = [r.id for r in regions]
    assert len(ids) == len(set(ids)) and all(i.startswith("rgn:") for i in ids)
    for r in regions:
        assert r.countries or r.regions or r.bbox, r.id
        assert r.names, r.id
    keys = {name_key(n) for r in regions for n in (r.name, *r.names)}
    for must in ("Russia's Far East", "Far Eastern Federal District", "eastern Russia", "western Russia",
                 "Siberia", "eastern Ukraine", "Donbas", "Korean Peninsula", "Middle East", "Indo-Pacific",
                 "Caucasus", "North Africa", "Central Asia", "the Balkans", "Scandinavia", "Gaza Strip",
                 "West Bank", "Crimea"):
        assert name_key(must) in keys, must


def test_malformed_entry_is_named(tmp_path: Path) -> None:
    p = tmp_path / "v.json"
    p.write_text(json.dumps([{"id": "rgn:x", "name": "X", "bbox": [1, 2, 3]}]))
    with pytest.raises(ValueError, match="entry 0"):
        load_vague_regions(p)
    assert VAGUE_FILE.exists()


def test_hull_covers_its_places_and_is_clipped() -> None:
    pts = [(30.0, 50.0), (31.0, 50.5), (32.0, 49.5), (30.5, 49.0), (31.5, 51.0)]
    land = box(29.0, 48.0, 31.8, 52.0)
    hull = place_hull(pts, clip=land)
    assert hull.is_valid and hull.bounds[2] <= 31.8 + 1e-6
    assert hull.contains(Point(31.0, 50.2))
    with pytest.raises(ValueError):
        place_hull([])


def test_one_or_two_places_give_a_small_area() -> None:
    hull = place_hull([(10.0, 10.0)])
    assert 0 < hull.area < 1 and hull.contains(Point(10.0, 10.0))


def test_hull_across_the_antimeridian_stays_local() -> None:
    hull = place_hull([(177.5, 64.7), (-179.1, 65.5), (170.3, 69.7), (178.0, 66.0)])
    assert hull.intersection(box(-170, -90, 160, 90)).area == 0
    assert hull.area < 40


def test_vague_geometry_unions_and_cuts() -> None:
    countries = {"AA": box(0, 0, 10, 10), "BB": box(10, 0, 20, 10)}
    regions = {"AA-1": box(0, 0, 2, 2)}
    both = vague_geometry(VagueRegion("rgn:t", "T", ("T",), countries=("AA", "BB")), countries, regions)
    assert both.area == pytest.approx(200)
    west = vague_geometry(VagueRegion("rgn:w", "W", ("W",), countries=("AA", "BB"), bbox=(0, 0, 5, 10)),
                          countries, regions)
    assert west.area == pytest.approx(50)
    assert vague_geometry(VagueRegion("rgn:n", "N", ("N",), countries=("ZZ",)), countries, regions) is None


def test_area_across_the_antimeridian_is_one_shape_for_the_map() -> None:
    """A box over the dateline is drawn by Leaflet as one shape (longitudes past 180), not as two
    strips at opposite edges of the world; its point is still a normal longitude."""
    wrap = vague_geometry(VagueRegion("rgn:p", "P", ("P",), bbox=(170, -10, -170, 10)), {}, {})
    assert wrap.area == pytest.approx(400) and wrap.contains(Point(175, 0)) and wrap.contains(Point(185, 0))
    assert shapely.get_num_geometries(wrap) == 1
    lat, lon = centre(wrap)
    assert -180 <= lon <= 180 and abs(abs(lon) - 180) < 1 and abs(lat) < 1
    # Mostly east of the line (Indo-Pacific): the small western piece joins it, beyond 180.
    indo = vague_geometry(VagueRegion("rgn:i", "I", ("I",), bbox=(40, -50, -120, 50)), {}, {})
    assert shapely.get_num_geometries(indo) == 1 and indo.bounds == pytest.approx((40, -50, 240, 50))
    # Mostly west of the line (the Americas with an Aleutian tip): the tip moves west instead.
    americas = vague_geometry(VagueRegion("rgn:a", "A", ("A",), countries=("US",)),
                              {"US": box(-180, 20, -60, 70).union(box(175, 50, 180, 53))}, {})
    assert americas.bounds == pytest.approx((-185, 20, -60, 70))


def test_centre_is_inside() -> None:
    ring = box(0, 0, 10, 10).difference(box(2, 2, 8, 8))
    lat, lon = centre(ring)
    assert ring.contains(Point(lon, lat))
