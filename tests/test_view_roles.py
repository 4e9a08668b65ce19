"""Which rows the map draws, counts and lists, by a place's role in its claim (event, origin, claimant)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from data.events import mapped_mask
from data.view.detail import claims_table, to_csv
from data.view.select import claim_count, in_view, unlocated
from data.view.state import ViewState
from layers.features import group_values, place_features
from layers.synthetic import SAMPLE_PLACES, events_from_rows, place_row

BY = {p.name: p for p in SAMPLE_PLACES}


@pytest.fixture()
def ev() -> pd.DataFrame:
    rows = [
        # "Kyiv says troops are in Kursk": claimant Kyiv, event Kursk
        place_row(BY["Kyiv"], event_id="a:0", claim_id="a", role="claimant"),
        place_row(BY["Kursk"], event_id="a:1", claim_id="a"),
        # "Kyiv says nothing has changed": only a claimant's place
        place_row(BY["Kyiv"], event_id="b:0", claim_id="b", role="claimant"),
        # "troops left North Korea": only an origin
        place_row(BY["North Korea"], event_id="c:0", claim_id="c", role="origin"),
        # "troops moved from North Korea to Kursk": origin and event
        place_row(BY["North Korea"], event_id="d:0", claim_id="d", role="origin"),
        place_row(BY["Kursk"], event_id="d:1", claim_id="d"),
    ]
    return events_from_rows(rows)


def test_mapped_rows_are_event_places_else_origins_never_claimants(ev: pd.DataFrame) -> None:
    assert ev.loc[mapped_mask(ev), "event_id"].tolist() == ["a:1", "c:0", "d:1"]


def test_view_keeps_origins_for_arcs_but_not_claimant_places(ev: pd.DataFrame) -> None:
    view = in_view(ev, ViewState())
    assert view["event_id"].tolist() == ["a:1", "c:0", "d:0", "d:1"]
    assert claim_count(view) == 3  # a, c, d: distinct claims, not rows


def test_a_claim_with_only_a_claimants_place_is_listed_unlocated(ev: pd.DataFrame) -> None:
    assert unlocated(ev)["claim_id"].tolist() == ["b"]


def test_markers_and_legend_follow_the_same_rule(ev: pd.DataFrame) -> None:
    data = place_features(in_view(ev, ViewState()), outlines=False)
    counts = {f["properties"]["name"]: f["properties"]["n"] for f in data.features}
    assert counts == {"Kursk": 2, "North Korea": 1}  # Kyiv (a claimant) has no marker
    assert len(group_values(ev)) == 3


def test_table_shows_each_rows_role(ev: pd.DataFrame) -> None:
    table = claims_table(in_view(ev, ViewState()))
    assert sorted(zip(table["place"], table["role"], strict=True)) == [
        ("Kursk", "event"), ("Kursk", "event"), ("North Korea", "origin"), ("North Korea", "origin")]


def test_csv_cells_a_spreadsheet_would_run_are_defused() -> None:
    hostile = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-3+4", "@SUM(A1)", "\tx", "plain = text"]
    rows = [place_row(BY["Kursk"], event_id=f"h{i}:0", claim_id=f"h{i}", text=t, claimant=t)
            for i, t in enumerate(hostile)]
    out = list(csv.DictReader(io.StringIO(to_csv(events_from_rows(rows)).decode("utf-8"))))
    assert [r["text"] for r in out] == ["'" + t for t in hostile[:5]] + ["plain = text"]
    assert [r["claimant"] for r in out][:1] == ["'" + hostile[0]]
    assert out[0]["mention_start"] == "20" and float(out[0]["lat"]) == pytest.approx(51.7373)


def test_a_click_on_a_marker_never_selects_a_claimants_place(ev: pd.DataFrame) -> None:
    from ui.mapview import nearest_event

    view = in_view(ev, ViewState())
    kyiv = BY["Kyiv"]
    # Kyiv has no marker: a click there (or a popup naming it) picks the nearest drawn marker's claim
    assert nearest_event(view, kyiv.lat, kyiv.lon, "Kyiv") in {"a:1", "d:1"}
    nk = BY["North Korea"]
    assert nearest_event(view, nk.lat, nk.lon, "North Korea") == "c:0"  # the origin-only claim, not d's tail


def test_the_side_panel_names_each_places_role(ev: pd.DataFrame) -> None:
    from data.view.detail import claim_detail

    assert claim_detail(ev, "a:1", {}).places == ("Kyiv (claimant)", "Kursk")
    assert claim_detail(ev, "d:1", {}).places == ("North Korea (origin)", "Kursk")


def test_new_places_are_what_an_upload_adds_to_the_map(ev: pd.DataFrame) -> None:
    from data.view.select import new_places

    seoul = BY["Seoul"]
    added = pd.concat([ev, events_from_rows([
        place_row(seoul, event_id="n:0", claim_id="n"),
        place_row(BY["Vladivostok"], event_id="m:0", claim_id="m", role="claimant"),  # not drawn: not new
        place_row(BY["Kursk"], event_id="k:0", claim_id="k"),  # already on the map
    ])], ignore_index=True)
    assert new_places(ev, added) == ["Seoul"]
    assert new_places(ev, ev) == []
    assert new_places(ev.iloc[0:0], ev) == ["Kursk", "North Korea"]
