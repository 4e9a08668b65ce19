"""``data.tables``: the curated lists load from the package, in file order, and a broken file names itself."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from data import tables

TABLES = Path(str(files("data.tables")))


def test_every_table_loads_and_is_documented() -> None:
    provenance = (TABLES / "PROVENANCE.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in TABLES.iterdir() if p.suffix in {".txt", ".csv"})
    assert names, "no tables found"
    for name in names:
        stem, ext = name.rsplit(".", 1)
        loaded = tables.words(stem) if ext == "txt" else tables.rows(stem)
        assert loaded, name
        assert f"`{name}`" in provenance, f"{name} has no line in PROVENANCE.md"


def test_speech_verbs_keep_file_order() -> None:
    forms = [r["form"] for r in tables.rows("speech_verbs")]
    # a form must come before its longer variants, or the regex alternation would change what it matches
    assert forms.index("told") < forms.index("told reporters")
    assert len(forms) == len(set(forms))


def test_bad_row_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.csv").write_text("a,b\n1,2\n3\n", encoding="utf-8")
    monkeypatch.setattr(tables, "_read", lambda filename: (tmp_path / filename).read_text(encoding="utf-8"))
    tables.rows.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"data/tables/broken\.csv: row 3"):
            tables.rows("broken")
    finally:
        tables.rows.cache_clear()


def test_missing_table_is_named() -> None:
    with pytest.raises(FileNotFoundError, match="no_such_table.txt"):
        tables.words("no_such_table")
