"""Outlines: simplified, rounded, cached; a missing gazetteer never breaks the map."""

from __future__ import annotations

import builtins
import json

import pytest
from shapely.geometry import Point, Polygon, box

from layers import regions
from layers.synthetic import FakeGazetteer


def test_to_geojson_simplifies_and_rounds() -> None:
    wiggly = Polygon([(x / 100, (x % 2) * 0.0001) for x in range(1000)] + [(10, 5), (0, 5)])
    geo = regions.to_geojson(wiggly, None)
    assert geo["type"] == "Polygon" and len(geo["coordinates"][0]) < 50
    assert all(len(str(c).split(".")[-1]) <= 3 for p in geo["coordinates"][0] for c in p)
    assert regions.to_geojson(Point(1, 2), 0.1, 2) is None
    assert regions.to_geojson(None, 0.1, 2) is None


def test_outline_uses_the_gazetteer_and_caches() -> None:
    regions.clear_cache()
    gaz = FakeGazetteer()
    assert regions.outline(gaz, "adm1:RU-KRS")["type"] == "Polygon"
    gaz.shapes["adm1:RU-KRS"] = box(0, 0, 1, 1)
    assert json.dumps(regions.outline(gaz, "adm1:RU-KRS")).count("34.1") >= 1  # cached
    assert regions.outline(gaz, "nowhere") is None
    assert regions.outline(None, "adm1:RU-KRS") is None


def test_a_broken_geometry_record_costs_only_itself() -> None:
    class Broken(FakeGazetteer):
        def geometry(self, place_id: str):
            raise OSError("damaged index")

    regions.clear_cache()
    assert regions.outline(Broken(), "adm1:RU-KRS") is None


def test_country_outlines_feature_collection() -> None:
    regions.clear_cache()
    fc = regions.country_outlines(FakeGazetteer())
    assert {f["properties"]["cc"] for f in fc["features"]} == {"RU", "UA", "KP", "KR", "US"}
    assert regions.country_outlines(None)["features"] == []


def test_approximate_from_place_or_precision() -> None:
    gaz = FakeGazetteer()
    assert regions.is_approximate(gaz, "rgn:russian-far-east", "vague") is True
    assert regions.is_approximate(gaz, "adm1:RU-KRS", "admin") is False
    assert regions.is_approximate(None, "x", "vague") is True


def test_unavailable_default_gazetteer_warns_and_draws_no_outlines(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "geo.gazetteer":
            raise ImportError("no gazetteer here")
        return real_import(name, *args, **kwargs)

    regions.clear_cache()
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.warns(UserWarning, match="gazetteer unavailable"):
        assert regions.resolve_gazetteer(None) is None
    assert regions.resolve_gazetteer(None) is None  # remembered: no second warning, no retry yet
    monkeypatch.setattr(builtins, "__import__", real_import)
    monkeypatch.setattr(regions, "RETRY_SECONDS", 0.0)
    sentinel = FakeGazetteer()
    monkeypatch.setattr("geo.gazetteer.default_gazetteer", lambda: sentinel)
    assert regions.resolve_gazetteer(None) is sentinel  # tried again once the delay is over
    regions.clear_cache()


def test_basemap_drops_specks_but_keeps_small_countries() -> None:
    import shapely.geometry as sg

    big = sg.box(0, 0, 10, 10)
    islands = [sg.box(20 + i, 0, 20.01 + i, 0.01) for i in range(50)]
    geo = regions.to_geojson(sg.MultiPolygon([big, *islands]), 0.25, 2, keep_topology=False)
    assert geo["type"] == "Polygon"  # 50 specks gone
    tiny = regions.to_geojson(sg.box(5, 5, 5.1, 5.1), 0.25, 2, keep_topology=False)
    assert tiny is not None  # a small island nation is still drawn
