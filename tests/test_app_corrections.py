"""Issue 13 under AppTest: corrections from the side panel, the Corrections tab with undo, the lists beside
the map (countries and areas, expected, places not found), outlet and country filter values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.view import corrections as cx
from data.view.select import NO_OUTLET
from tests.test_app import FakeStore, app, store, table  # noqa: F401 - ``store`` is a fixture
from ui import loading


@pytest.fixture
def fixable(store: FakeStore, monkeypatch: pytest.MonkeyPatch) -> FakeStore:  # noqa: F811
    """The fake store, read the way ``loading.read_store`` reads a real one: with its corrections applied."""
    def read(path: Path):  # noqa: ANN202
        return cx.apply_corrections(store.events, cx.load_corrections(cx.corrections_path(path))[0]), store.docs

    monkeypatch.setattr(loading, "read_store", read)
    monkeypatch.setattr(loading, "store_version",
                        lambda p: f"{p}:{store.version}:{cx.stamp(cx.corrections_path(p))}")
    return store


def _button(at, label: str):  # noqa: ANN001, ANN202
    return next(b for b in at.button if b.label == label)


def test_not_a_place_from_the_panel_then_undo_on_the_corrections_tab(fixable: FakeStore) -> None:
    at = app()
    assert "Kursk" in set(table(at)["place"])
    at.session_state["selected"] = "c2:0"  # "Ukrainian forces entered Kursk on August 6."
    at.run()
    _button(at, "Not a place").click().run()
    assert not at.exception
    path = cx.corrections_path(loading.store_path())
    (fix,) = cx.load_corrections(path)[0]
    assert fix.action == "not_a_place" and fix.mention == "Kursk"
    assert "Kursk" not in set(table(at)["place"])
    assert any("Saved:" in s.value.replace("\\", "") for s in at.success)
    assert any(t.label == "Corrections (1)" for t in at.tabs)
    _button(at, "Undo").click().run()
    assert cx.load_corrections(path)[0] == [] and "Kursk" in set(table(at)["place"])


def test_wrong_date_from_the_panel_moves_the_claim(fixable: FakeStore) -> None:
    at = app()
    at.session_state["selected"] = "c6:0"
    at.run()
    at.date_input(key="cx_date").set_value("2024-06-01").run()
    _button(at, "Set the date").click().run()
    (fix,) = cx.load_corrections(cx.corrections_path(loading.store_path()))[0]
    assert (fix.action, fix.claim_id, fix.date) == ("date", "c6", "2024-06-01")
    row = table(at).loc[lambda t: t["event_id"] == "c6:0"]
    assert str(row["date"].iloc[0])[:10] == "2024-06-01"


def test_lists_and_filter_values_people_read(fixable: FakeStore) -> None:
    at = app()
    labels = [t.label for t in at.tabs]
    # the tabs that follow the date are filled by the day's fragment: their count is inside, not in the label
    areas = next(t for t in at.tabs if t.label == "Countries and areas")
    assert re.match(r"\d+ claims about a whole country", areas.caption[0].value)
    assert any(lb.startswith("Expected (") for lb in labels) and any(lb.startswith("Places not found (") for lb in labels)
    countries = at.multiselect(key="countries")
    assert all("(" in countries.format_func(o) or len(o) > 3 for o in countries.options)
    outlets = at.multiselect(key="outlets")
    if NO_OUTLET in outlets.options:
        outlets.set_value([NO_OUTLET]).run()
        assert not at.exception


def test_pause_button_reads_pause_while_playing(fixable: FakeStore) -> None:
    at = app()
    at.button(key="play").click().run()
    assert at.button(key="play").label == "⏸ Pause"


def test_pin_here_puts_the_mention_at_the_last_map_click(fixable: FakeStore) -> None:
    at = app()
    at.session_state["selected"] = "c2:0"
    at.session_state["_map_point"] = (51.2, 35.3)  # what a click on the map's background leaves
    at.run()
    _button(at, "Pin here (51.2000, 35.3000)").click().run()
    (fix,) = cx.load_corrections(cx.corrections_path(loading.store_path()))[0]
    assert (fix.action, fix.mention, fix.lat, fix.lon) == ("pin", "Kursk", 51.2, 35.3)
    row = table(at).loc[lambda t: t["event_id"] == "c2:0"]
    assert row["place"].iloc[0] == "Kursk"
