"""User overrides take precedence: extra places, corrections, and names that are not places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.exc import OverrideError
from geo.gazetteer import Gazetteer, default_gazetteer, open_gazetteer
from geo.geocoder import OfflineGeocoder
from geo.overrides import load_overrides, overrides_from_env

CSV = """name,lat,lon,country_code,feature_code,aliases,id,not_a_place
Camp Falcon,48.51,35.02,UA,,Falcon training camp|Falcon camp,,
Reading,,,,,,,1
Moscow,55.7558,37.6173,RU,PPLC,,524901,
Broken Row,north,35,UA,,,,
Nowhere,100,35,UA,,,,
,1,2,UA,,,,
"""


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    p = tmp_path / "overrides.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def real() -> Gazetteer:
    return default_gazetteer()


def test_csv_rows_load_and_bad_rows_are_reported(csv_file: Path) -> None:
    ov = load_overrides(csv_file)
    assert [p.name for p in ov.places] == ["Camp Falcon", "Moscow"]
    assert len(ov.errors) == 3
    assert any(":5:" in e and "lat" in e for e in ov.errors)
    assert any("out of range" in e for e in ov.errors)
    assert any("missing name" in e for e in ov.errors)
    assert "reading" in ov.blocked


def test_overrides_take_precedence_in_the_gazetteer(csv_file: Path, real: Gazetteer) -> None:
    g = open_gazetteer(real.directory, overrides=load_overrides(csv_file))
    camp = g.lookup("Falcon training camp")
    assert camp and camp[0].name == "Camp Falcon" and camp[0].country_code == "UA"
    assert g.prior(camp[0]) == 1.0
    assert g.get(camp[0].id) == camp[0]
    assert g.lookup("Reading") == [] and real.lookup("Reading")  # blocked only with the overrides
    moscow = g.lookup("Moscow")
    assert moscow[0].lat == 55.7558 and len(moscow) == len(real.lookup("Moscow"))  # corrected, not duplicated
    assert "Falcon camp" in set(g.iter_names())


def test_geocoder_uses_overrides(csv_file: Path, real: Gazetteer) -> None:
    geo = OfflineGeocoder(open_gazetteer(real.directory, overrides=load_overrides(csv_file)))
    loc = geo.geocode("Camp Falcon")
    assert (loc.latitude, loc.longitude) == (48.51, 35.02)
    assert geo.geocode("Reading") is None


def test_geojson_with_polygon(tmp_path: Path, real: Gazetteer) -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Exclusion Zone", "country_code": "UA", "feature_code": "RGN",
                                           "aliases": ["Chernobyl zone"]},
         "geometry": {"type": "Polygon", "coordinates": [[[29.5, 51.1], [30.5, 51.1], [30.5, 51.6],
                                                          [29.5, 51.6], [29.5, 51.1]]]}},
        {"type": "Feature", "properties": {"name": "Checkpoint 7"},
         "geometry": {"type": "Point", "coordinates": [36.1, 50.0]}},
        {"type": "Feature", "properties": {"name": "Bad"}, "geometry": {"type": "Polygon", "coordinates": "x"}},
    ]}
    p = tmp_path / "o.geojson"
    p.write_text(json.dumps(doc))
    ov = load_overrides(p)
    assert len(ov.places) == 2 and len(ov.errors) == 1
    zone = ov.places[0]
    assert zone.precision == "vague" and 51.1 < zone.lat < 51.6
    g = open_gazetteer(real.directory, overrides=ov)
    assert g.geometry(zone.id).area == pytest.approx(0.5)
    assert g.lookup("Chernobyl zone")[0].id == zone.id
    assert g.lookup("Checkpoint 7")[0].lon == 36.1


def test_missing_or_malformed_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OverrideError, match="not found"):
        load_overrides(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("place,lat\nx,1\n")
    with pytest.raises(OverrideError, match="'name' column"):
        load_overrides(bad)
    notgeo = tmp_path / "bad.geojson"
    notgeo.write_text("{not json")
    with pytest.raises(OverrideError, match="not valid JSON"):
        load_overrides(notgeo)


def test_env_var(monkeypatch: pytest.MonkeyPatch, csv_file: Path) -> None:
    monkeypatch.delenv("SITMAP_OVERRIDES", raising=False)
    assert overrides_from_env() is None
    monkeypatch.setenv("SITMAP_OVERRIDES", str(csv_file))
    assert overrides_from_env().places[0].name == "Camp Falcon"
