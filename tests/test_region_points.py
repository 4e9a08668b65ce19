"""A first-level region's point is the middle of its area (geo.admin1.area_centre), not the data package's
point, which for a region named like its chief city is that city (New York state at New York City)."""

from __future__ import annotations

from shapely.geometry import Point, box

from geo.admin1 import area_centre
from geo.build import build_tables
from geo.gazetteer import default_gazetteer
from geo.places import km


def _city(gid: int, name: str, lat: float, lon: float, pop: int, admin1: str) -> dict:
    return {"geonameid": gid, "name": name, "lat": lat, "lon": lon, "cc": "XX", "population": pop,
            "admin1": admin1, "alt": []}


def test_the_point_is_the_middle_of_the_area_not_the_namesake_city() -> None:
    # Country 0..10 x 0..4; region "01" (the west) is named like its big city at its western edge.
    cities = [_city(1, "Westport", 2.0, 0.5, 5_000_000, "01"), _city(2, "Ash", 2.0, 3.0, 9_000, "01"),
              _city(3, "Elm", 2.0, 7.0, 9_000, "02"), _city(4, "Oak", 2.0, 9.5, 9_000, "02")]
    country = {"cc": "XX", "iso3": "XXX", "geonameid": 9, "name": "Testland", "population": 1,
               "capital": "", "continent": "EU", "aliases": [], "codes": ["XX"]}
    region = {"iso": "XX-01", "cc": "XX", "admin1": "01", "geonameid": 11, "name": "Westport", "type": "Province",
              "aliases": [], "lat": 2.0, "lon": 0.5, "short_name": "Westport"}  # the source pins it on the city
    shape = {"cc": "XX", "geometry": box(0, 0, 10, 4), "label": (5.0, 2.0), "homepart": True}
    t = build_tables(cities, [country], [region], [], [shape], [])
    i = next(i for i, r in enumerate(t.rows) if r["feature_code"] == "ADM1")
    lat, lon = t.rows[i]["lat"], t.rows[i]["lon"]
    assert t.geoms[i].contains(Point(lon, lat))
    assert abs(lon - t.geoms[i].centroid.x) < 0.01 and abs(lat - t.geoms[i].centroid.y) < 0.01
    assert lon > 1.5  # not at Westport (0.5): the area runs to the Voronoi edge at lon 5


def test_an_island_does_not_pull_the_point_into_the_sea() -> None:
    main, island = box(0, 0, 4, 4), box(20, 0, 21, 1)
    lat, lon = area_centre(main.union(island))  # type: ignore[misc]
    assert (round(lat, 6), round(lon, 6)) == (2.0, 2.0)


def test_a_crescent_keeps_its_point_inside() -> None:
    crescent = box(0, 0, 10, 10).difference(box(2, 2, 10, 8))
    lat, lon = area_centre(crescent)  # type: ignore[misc]
    assert crescent.contains(Point(lon, lat))


def test_new_york_state_is_not_pinned_on_new_york_city() -> None:
    g = default_gazetteer()
    state = next(p for p in g.lookup("New York") if p.feature_code == "ADM1")
    city = next(p for p in g.lookup("New York City") if p.feature_code.startswith("PPL"))
    assert km(state.lat, state.lon, city.lat, city.lon) > 150
    assert g.geometry(state.id).contains(Point(state.lon, state.lat))
