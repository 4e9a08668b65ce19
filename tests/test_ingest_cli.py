"""``sitmap ingest``: per-file report of unreadable files, exit status, idempotent re-runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures import DOCS, SEEDS

import data.ingest.run as ingest_mod
from cli import main
from data.store.store import Store


@pytest.fixture(autouse=True)
def no_claims(monkeypatch) -> None:
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (None, None, []))


def test_unreadable_files_are_named_with_a_reason(tmp_path: Path, capsys) -> None:
    code = main(["ingest", str(DOCS), "--store", str(tmp_path / "s"), "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "UNREADABLE" in err and "garbage.txt: binary data" in err
    assert "notext.csv: no text column" in err
    assert "PARTLY READ" in err and "feed.jsonl" in err and "line 2: invalid JSON" in err
    assert "12 document(s)" in out and "updated" in out
    assert len(Store(tmp_path / "s").documents()) == 12


def test_seeds_ingest_cleanly_then_change_nothing(tmp_path: Path, capsys) -> None:
    args = ["ingest", str(SEEDS), "--store", str(tmp_path / "s"), "--quiet"]
    assert main(args) == 0
    assert "5 new" in capsys.readouterr().out
    assert main(args) == 0
    assert "unchanged" in capsys.readouterr().out


def test_json_report(tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(DOCS / "empty.txt"), "--store", str(tmp_path / "s"), "--json", "--quiet"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["error"] == "empty file"
    assert report["documents_loaded"] == 0


def test_default_store_is_under_sitmap_cache(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SITMAP_CACHE", str(tmp_path / "cache"))
    assert main(["ingest", str(SEEDS / "000_2bbe9f76d3e00081.txt"), "--quiet"]) == 0
    assert len(Store(tmp_path / "cache" / "stores" / "default").documents()) == 1
