"""The dashboard's store queries give what the pandas rules give on the whole events table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data.link.series import figure_series
from data.view import mapquery, select, storeq, timefocus
from data.view import timeframe as tf
from data.view.detail import claim_detail
from data.view.lists import area_claims
from data.view.query import StoreView
from data.view.state import ViewState
from data.view.synth import sample_events, synthetic_events
from layers import features, framing

STATES = [
    ViewState(),
    ViewState(day=date(2024, 8, 1), window="last", days=10),
    ViewState(basis="published", day=date(2024, 9, 1)),
    ViewState(outlets=("Reuters",), claimants=("HUR",)),
    ViewState(countries=("RU", "UA"), min_confidence=0.5, query="troops"),
]


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    ev = pd.concat([synthetic_events(2000, seed=5), sample_events()], ignore_index=True)
    return ev.drop_duplicates("event_id").reset_index(drop=True)


@pytest.fixture(scope="module")
def sv(events: pd.DataFrame) -> StoreView:
    return StoreView(events)


@pytest.mark.parametrize("basis", ["event", "published"])
def test_day_table_gives_the_table_rules_answers(events: pd.DataFrame, sv: StoreView, basis: str) -> None:
    for ev in (events, events.iloc[:7], sample_events()):
        t = tf.from_events(ev, basis) if ev is not events else storeq.day_table(sv, basis)
        assert t == tf.from_events(ev, basis)
        assert tf.timeline(t) == select.timeline(ev, basis)
        assert tf.date_bounds(t) == select.date_bounds(ev, basis)
        assert tf.default_day(t) == timefocus.default_day(ev, basis)
        assert tf.focus_bounds(t) == timefocus.focus_bounds(ev, basis)
        bounds = tf.focus_bounds(t)
        pd.testing.assert_frame_equal(tf.histogram(t, bounds), select.histogram(ev, basis, bounds))


@pytest.mark.parametrize("state", STATES, ids=range(len(STATES)))
def test_lists_match_the_pandas_rules(events: pd.DataFrame, sv: StoreView, state: ViewState) -> None:
    view = select.in_view(events, state)
    assert storeq.view_count(sv, state) == (len(view), select.claim_count(view))
    n, rows = storeq.undated(sv, state, 10**6)
    assert n == len(select.undated(events, state)) and set(rows["claim_id"]) == set(select.undated(events, state)["claim_id"])
    n, rows = storeq.unlocated(sv, state, 10**6)
    want = select.unlocated(events, state)
    assert n == len(want) and set(rows["claim_id"]) == set(want["claim_id"])
    n, rows = storeq.areas(sv, state, 10**6)
    want = area_claims(view)
    assert n == want["claim_id"].nunique() and set(rows["event_id"]) == set(want["event_id"])
    table = storeq.table(sv, state, 50)
    assert len(table) == min(50, len(view)) and set(table["event_id"]) <= set(view["event_id"])


def test_store_wide_summaries(events: pd.DataFrame, sv: StoreView) -> None:
    assert storeq.options(sv, "claimant") == select.options(events, "claimant")
    assert storeq.options(sv, "outlet") == select.options(events, "outlet")
    n, rows = storeq.expected(sv, 10**6)
    assert n == len(timefocus.expected(events))
    want = framing.drawn_places(events)
    got = storeq.story_places(sv)
    assert framing.story_frame(got) == framing.story_frame(want)
    values = features.group_values(events, "kind")
    assert storeq.group_counts(sv, "kind") == pd.Series(values).value_counts().to_dict()


def test_related_rows_give_the_same_side_panel(events: pd.DataFrame, sv: StoreView) -> None:
    ids = list(events["event_id"].iloc[::97]) + list(sample_events()["event_id"])
    for key in ids:
        sub = storeq.related(sv, key)
        assert claim_detail(sub, key, {}) == claim_detail(events, key, {})
        cid = str(events.loc[events["event_id"] == key, "claim_id"].iloc[0])
        pd.testing.assert_frame_equal(figure_series(sub, cid), figure_series(events, cid))


@pytest.mark.parametrize("state", [ViewState(day=date(2024, 9, 1)), ViewState(countries=("RU", "UA"), min_confidence=0.3)],
                         ids=["claim filters", "place filters"])
def test_aggregated_places_match_the_per_row_layer(events: pd.DataFrame, sv: StoreView, state: ViewState) -> None:
    agg = mapquery.aggregate(sv, state, "claimant", popup=3, budget=200)
    per_row = features.place_features(select.in_view(events, state), outlines=False)
    mine = features.aggregate_features(agg, outlines=False)
    want = {f["properties"]["id"]: f["properties"] for f in per_row.features}
    got = {f["properties"]["id"]: f["properties"] for f in mine.features}
    assert want.keys() == got.keys() and len(mine.items) <= 200
    for pid, p in got.items():
        for k in ("name", "n", "outlets", "conflict", "corr", "group", "cc", "prec"):
            assert p[k] == want[pid][k], (pid, k)
        assert len(p["items"]) <= 3 and p["t"][0][2] == p["n"]
    most = len(agg.places) - 1
    cells = mapquery.aggregate(sv, state, "claimant", max_places=most)
    assert cells.cell_deg > 0 and len(cells.places) > 0 and (len(cells.places) <= most or cells.cell_deg >= 90)
    assert cells.places["n"].sum() <= agg.places["n"].sum() and cells.places["places"].sum() >= len(agg.places)


def test_nearest_and_at_place(events: pd.DataFrame, sv: StoreView) -> None:
    from ui.mapview import nearest_event

    state = ViewState(day=date(2024, 9, 1))
    view = select.in_view(events, state)
    for lat, lon, name in ((50.0, 36.0, ""), (51.7, 36.19, "Kursk"), (10.0, 10.0, "Nowhere")):
        assert storeq.nearest(sv, state, lat, lon, name) == nearest_event(view, lat, lon, name)
    pid = view["place_id"].iloc[0]
    assert set(storeq.at_place(sv, state, pid, 10**6)["event_id"]) == set(view.loc[view["place_id"] == pid, "event_id"])


def test_read_view_of_a_store_equals_the_view_of_read_store(tmp_path: Path) -> None:
    """The app reads the store straight into DuckDB, corrections and claimant names applied like read_store."""
    import argparse
    import sys

    from data.store.store import Store
    from data.view import corrections as cx
    from ui import loading

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from bench_scale import cmd_fill  # documents and claims at gazetteer places, committed like ingest's

    store = tmp_path / "store"
    cmd_fill(argparse.Namespace(docs=40, store=str(store), batch=20, seed=4))
    events = Store(store).events()
    row = events.loc[events["mention_text"] != ""].iloc[0]
    other = events.loc[events["claim_id"] != row["claim_id"]].iloc[0]
    cx.add_corrections(cx.corrections_path(store), [
        cx.Correction("pin", mention=str(row["mention_text"]), lat=10.0, lon=20.0, place_name="Pinned"),
        cx.Correction("date", claim_id=str(other["claim_id"]), date="2024-03-03")])
    want_events, _ = loading.read_store(store)
    sv, docs = loading.read_view(store)
    assert len(docs) == Store(store).counts()["documents"]
    want = StoreView(want_events)
    for state in STATES:
        got = sv.rows(state).sort_values("event_id").reset_index(drop=True)
        exp = want.rows(state).sort_values("event_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, exp, check_dtype=False)
    assert storeq.options(sv, "claimant") == storeq.options(want, "claimant")
    pinned = sv.sql("SELECT count(*) AS n FROM ev WHERE place_name = 'Pinned'")["n"].iloc[0]
    assert pinned == (want_events["place_name"] == "Pinned").sum() > 0
    assert sv.rows(ViewState()).loc[lambda d: d["claim_id"] == other["claim_id"], "date_text"].eq("corrected").all()


def test_movement_context_places_articles_as_the_whole_table_does(events: pd.DataFrame, sv: StoreView) -> None:
    from layers.arcs import article_places

    with_country_moves = pd.concat([events, _country_move()], ignore_index=True)
    sv2 = StoreView(with_country_moves)
    got = article_places(storeq.movement_context(sv2))
    want = article_places(with_country_moves)
    moved = set(_country_move()["doc_id"])
    assert not got.empty and set(got["doc_id"]) <= set(want["doc_id"])
    key = ["doc_id", "country_code"]
    pd.testing.assert_frame_equal(got[got["doc_id"].isin(moved)].sort_values(key).reset_index(drop=True),
                                  want[want["doc_id"].isin(moved)].sort_values(key).reset_index(drop=True))


def _country_move() -> pd.DataFrame:
    from layers.synthetic import SAMPLE_PLACES, events_from_rows, place_row, renamed

    by = {p.name: p for p in SAMPLE_PLACES}
    russia = renamed(by["North Korea"], id="2017370", name="Russia", country_code="RU", lat=60.0, lon=100.0)
    common = {"doc_id": "dmv", "claim_id": "mvx", "kind": "movement"}
    return events_from_rows([place_row(by["Pyongyang"], event_id="mvx:0", role="origin", **common),
                             place_row(russia, event_id="mvx:1", **common),
                             place_row(by["Kursk Oblast"], doc_id="dmv", claim_id="cx", event_id="cx:0")])
