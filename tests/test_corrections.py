"""Issue 13: corrections kept with the store win over the parser, on every read and after a re-ingest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.view import corrections as cx
from layers.synthetic import event_row, events_from_rows


def _events() -> pd.DataFrame:
    return events_from_rows([
        event_row(event_id="a:0", claim_id="a", mention_text="Kursk", place_id="538560", place_name="Kursk"),
        event_row(event_id="a:1", claim_id="a", mention_text="EU", place_id="eu", place_name="Europe",
                  precision="vague", lat=50.0, lon=10.0, mention_start=40),
        event_row(event_id="b:0", claim_id="b", doc_id="d2", mention_text="EU", place_id="eu", place_name="Europe",
                  precision="vague", lat=50.0, lon=10.0),
    ])


def test_not_a_place_leaves_the_claim_its_other_places_or_lists_it_unlocated() -> None:
    out = cx.apply_corrections(_events(), [cx.Correction("not_a_place", mention="eu")])
    assert out["event_id"].tolist() == ["a:0", "b:0"]
    b = out.loc[out["claim_id"] == "b"].iloc[0]
    assert b["place_id"] == "" and pd.isna(b["lat"])  # still listed (as unlocated), never dropped
    only_d2 = cx.apply_corrections(_events(), [cx.Correction("not_a_place", mention="EU", doc_id="d2")])
    assert "eu" in only_d2.loc[only_d2["claim_id"] == "a", "place_id"].tolist()


def test_another_place_pin_and_date_and_the_latest_wins() -> None:
    region = cx.Correction("place", mention="Kursk", place_id="538555", place_name="Kursk Oblast", lat=51.73,
                           lon=36.19, country_code="RU", feature_code="ADM1", precision="admin")
    out = cx.apply_corrections(_events(), [region])
    row = out.loc[out["event_id"] == "a:0"].iloc[0]
    assert (row["place_id"], row["precision"], row["feature_code"]) == ("538555", "admin", "ADM1")
    pin = cx.Correction("pin", mention="kursk", lat=51.2, lon=35.3, place_name="Camp")
    out = cx.apply_corrections(_events(), [region, pin])
    row = out.loc[out["event_id"] == "a:0"].iloc[0]
    assert (row["lat"], row["lon"], row["place_name"], row["precision"]) == (51.2, 35.3, "Camp", "point")
    out = cx.apply_corrections(_events(), [cx.Correction("date", claim_id="b", date="2024-10-01")])
    assert out.loc[out["claim_id"] == "b", "event_date"].iloc[0] == pd.Timestamp("2024-10-01")


def test_the_file_round_trips_and_bad_rows_are_named_and_skipped(tmp_path: Path) -> None:
    path = cx.corrections_path(tmp_path)
    (added,) = cx.add_corrections(path, [cx.Correction("pin", mention="Camp \"Alpha\", north", lat=1.5, lon=2.5)])
    assert added.id and added.created
    items, errors = cx.load_corrections(path)
    assert items == [added] and errors == []
    with path.open("a", encoding="utf-8") as fh:
        fh.write("x1,,,,,,,,,,,,,,\nbogus,Kursk,,,,,,,,,,,,x2,\n")
    items, errors = cx.load_corrections(path)
    assert items == [added] and len(errors) == 2 and errors[1].startswith(f"{path}:4:")
    assert cx.remove_correction(path, added.id) == added and cx.load_corrections(path)[0] == []
    with pytest.raises(ValueError):
        cx.check(cx.Correction("pin", mention="x", lat=95.0, lon=0.0))


@pytest.mark.slow
def test_cli_corrections_win_over_the_parser_after_a_reingest(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from cli import main
    from data.ingest.run import ingest
    from data.store.store import Store
    from ui.loading import read_store

    art = tmp_path / "in" / "kursk.txt"
    art.parent.mkdir()
    art.write_text("Troops in Kursk\n\nOn October 23, 2024, North Korean troops arrived in Kursk, officials "
                   "said. The EU condemned the move on October 24, 2024.\n", encoding="utf-8")
    store = tmp_path / "store"
    ingest([art.parent], Store(store))
    before, _ = read_store(store)
    assert "EU" in set(before["mention_text"]) and (before["mention_text"] == "Kursk").any()
    assert main(["correct", "--store", str(store), "not-a-place", "EU"]) == 0
    assert main(["correct", "--store", str(store), "candidates", "Kursk"]) == 0
    region = next(ln.split("\t")[0] for ln in capsys.readouterr().out.splitlines() if "\tADM1\t" in ln)
    assert main(["correct", "--store", str(store), "place", "Kursk", region]) == 0
    for _ in range(2):  # as read now, and after the articles are ingested again
        after, _ = read_store(store)
        assert "EU" not in set(after.loc[after["place_id"] != "", "mention_text"])
        kursk = after.loc[after["mention_text"] == "Kursk"]
        assert len(kursk) and set(kursk["place_id"]) == {region} and set(kursk["precision"]) == {"admin"}
        ingest([art.parent], Store(store))
    assert main(["correct", "--store", str(store), "list"]) == 0
    listed = capsys.readouterr().out
    assert "is not a place" in listed and "Kursk Oblast" in listed
    first = listed.split("\t", 1)[0]
    assert main(["correct", "--store", str(store), "undo", first]) == 0
    assert "EU" in set(read_store(store)[0]["mention_text"])
