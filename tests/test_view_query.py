"""The DuckDB view returns exactly the rows the pandas view rule keeps, for any window and filters."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.events import build_events
from data.view.query import StoreView
from data.view.select import in_view
from data.view.state import ViewState
from data.view.synth import sample_events, synthetic_events

STATES = [
    ViewState(),
    ViewState(day=date(2024, 7, 15)),
    ViewState(day=date(2024, 8, 1), window="last", days=10),
    ViewState(day=date(2024, 8, 1), window="last", days=1, basis="published"),
    ViewState(basis="published", day=date(2024, 9, 1)),
    ViewState(outlets=("Reuters",), claimants=("HUR",)),
    ViewState(countries=("RU", "UA"), min_confidence=0.5),
    ViewState(place="kur", query="troops"),
    ViewState(only_conflicts=True, day=date(2024, 10, 30)),
]


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    ev = pd.concat([synthetic_events(3000, seed=3), sample_events()], ignore_index=True)
    return ev.drop_duplicates("event_id").reset_index(drop=True)


@pytest.mark.parametrize("state", STATES, ids=range(len(STATES)))
def test_query_equals_in_view(events: pd.DataFrame, state: ViewState) -> None:
    view = StoreView(events)
    want = in_view(events, state)
    got = view.rows(state)
    assert len(want) == view.count(state)[0] and list(got.index) == list(want.index)  # callers align on it
    want = want.reset_index(drop=True)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


def test_aggregates_count_claims_per_place_and_day(events: pd.DataFrame) -> None:
    state = ViewState(day=date(2024, 9, 1), window="last", days=60)
    view = StoreView(events)
    agg = view.aggregate(state)
    rows = in_view(events, state)
    assert agg["claims"].sum() >= rows["claim_id"].nunique()
    per_place = agg.groupby("key")["claims"].sum()
    one = per_place.index[0]
    days = pd.to_datetime(rows.loc[rows["place_id"] == one, "event_date"]).dt.normalize()
    assert per_place[one] == rows.loc[rows["place_id"] == one].assign(d=days).groupby("d")["claim_id"].nunique().sum()
    cells = view.aggregate(state, by="cell", cell_deg=10.0)
    assert len(cells) and cells["claims"].sum() <= agg["claims"].sum()  # a cell-day counts a claim once
    at = view.rows_at(state, one)
    assert set(at["event_id"]) == set(rows.loc[rows["place_id"] == one, "event_id"])


def test_view_of_a_store_reads_its_segments(tmp_path) -> None:
    from data.load.documents import make_document
    from data.model import Claim, ClaimPlace
    from data.store.store import CachedClaims, Store

    doc = make_document("Shelling in Kursk.", outlet="Wire", published=date(2024, 10, 24))
    claim = Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=10, text=doc.text, date="2024-10-23",
                  date_text="", date_precision="day", published=doc.published, outlet="Wire",
                  places=(ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "ADM1", "admin", 12, 17),))
    store = Store(tmp_path)
    store.commit({doc.id: doc}, {doc.id: CachedClaims("k", (claim,))}, linked=[claim],
                 events=build_events([claim], {doc.id: doc}))
    view = StoreView.of_store(store)
    assert view.generation == store.generation()
    assert view.count(ViewState(day=date(2024, 10, 23))) == (1, 1)
    assert view.count(ViewState(day=date(2024, 10, 22))) == (0, 0)
