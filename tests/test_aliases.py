"""The one alias table: both readers (recogniser, gazetteer build) see one target per surface and use."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import aliases


def test_each_surface_has_one_target_per_reader() -> None:
    by_reader: dict[tuple[str, str], set[str]] = {}
    for a in aliases.load():
        for reader in ("recogniser" if a.uses & {"alias", "comma"} else "", "gazetteer" if "name" in a.uses else ""):
            if reader:
                by_reader.setdefault((a.surface, reader), set()).add(a.target)
    assert all(len(t) == 1 for t in by_reader.values())
    # The two readings by position are written down, not accidental: "Macon, LA" vs "LA" alone.
    assert by_reader[("LA", "recogniser")] == {"US-LA"} and by_reader[("LA", "gazetteer")] == {"5368361"}
    assert by_reader[("N.Y.", "recogniser")] == by_reader[("N.Y.", "gazetteer")] == {"US-NY"}


def test_ambiguous_abbreviations_only_after_a_place() -> None:
    rec = aliases.recogniser_aliases()
    assert rec["Miss."] == ("US-MS", "comma") and rec["La."] == ("US-LA", "comma")
    assert "Miss." not in aliases.names_of("US-MS") and "Calif." in aliases.names_of("US-CA")
    assert aliases.shown_name("RU-CE") == "Chechnya" and aliases.shown_name("US-CA") is None


def test_bad_rows_are_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.csv"
    bad.write_text("Foo,Europe,name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="aliases.csv"):
        aliases.load(bad)
    bad.write_text("Foo,US,sometimes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="uses must be"):
        aliases.load(bad)
