"""The per-place snapshots (``data.view.preagg``) and the bounded reads give what aggregating the rows gives,
and a slider step's payload stays bounded as the store grows."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from data.view import mapquery, preagg, storeq
from data.view.query import StoreView
from data.view.state import ViewState
from data.view.synth import sample_events, synthetic_events
from layers.mapbuild import aggregate_layers


def _varied(n: int, places: int, seed: int) -> pd.DataFrame:
    """Synthetic rows with what makes the folds differ: many places, multi-day events, several rows of one
    claim at a place, conflicts, corroboration, claimant countries and kinds, origins."""
    rng = random.Random(seed)
    ev = synthetic_events(n, seed=seed).reset_index(drop=True)
    ev["place_id"] = [f"{p}-{rng.randrange(places)}" for p in ev["place_id"]]
    ev["event_date_end"] = [d + pd.Timedelta(days=rng.choice([0, 0, 0, 1, 5, 40])) if pd.notna(d) else d
                            for d in ev["event_date"]]
    ev["published"] = [d + pd.Timedelta(days=rng.randrange(0, 12)) if pd.notna(d) else d for d in ev["event_date"]]
    ev["has_conflict"] = [rng.random() < 0.1 for _ in range(len(ev))]
    ev["corroboration_outlets"] = [rng.randrange(1, 5) for _ in range(len(ev))]
    ev["claimant_country"] = [rng.choice(["", "RU", "UA", "KP"]) for _ in range(len(ev))]
    ev["kind"] = [rng.choice(["statement", "casualties", "movement"]) for _ in range(len(ev))]
    ev["place_name"] = [f"{name} {pid[-2:]}" for name, pid in zip(ev["place_name"], ev["place_id"], strict=True)]
    twins = ev.sample(frac=0.1, random_state=seed).copy()  # a second mention of the place in the same claim
    twins["event_id"] = twins["event_id"] + "b"
    origins = ev.sample(frac=0.05, random_state=seed + 1).copy()  # movements: an origin row of the claim
    origins["event_id"] = origins["event_id"] + "o"
    origins["role"] = "origin"
    origins["place_id"] = "origin-" + origins["place_id"]
    lone = ev.sample(frac=0.03, random_state=seed + 2).copy()  # an origin of a claim with no event place
    lone["claim_id"] = lone["claim_id"] + "-lone"
    lone["event_id"] = lone["event_id"] + "l"
    lone["role"] = "origin"
    out = pd.concat([ev, twins, origins, lone, sample_events()], ignore_index=True)
    return out.drop_duplicates("event_id").reset_index(drop=True)


@pytest.fixture(scope="module")
def varied() -> pd.DataFrame:
    return _varied(3000, 60, seed=3)


@pytest.fixture(scope="module")
def sv(varied: pd.DataFrame) -> StoreView:
    return StoreView(varied)


def _days(sv: StoreView, basis: str) -> list[date]:
    return list(storeq.day_table(sv, basis).days)  # type: ignore[arg-type]


@pytest.mark.parametrize("basis", ["event", "published"])
@pytest.mark.parametrize("color_by", ["claimant", "kind"])
def test_snapshots_equal_the_raw_aggregation_over_random_days(sv: StoreView, basis: str, color_by: str) -> None:
    rng = random.Random(hash((basis, color_by)) % 1000)
    days = _days(sv, basis)
    picks = [None, days[0], days[-1], days[0] - timedelta(days=3)] + rng.sample(days, 6)
    for day in picks:
        state = ViewState(day=day, basis=basis)  # type: ignore[arg-type]
        assert preagg.applies(state)
        fast = mapquery.aggregate(sv, state, color_by, popup=3, budget=120)
        raw = mapquery.aggregate(sv, state, color_by, popup=3, budget=120, snapshots=False)
        pd.testing.assert_frame_equal(fast.places, raw.places, check_dtype=False)
        pd.testing.assert_frame_equal(fast.items, raw.items)


def _raw_places(sv: StoreView, state: ViewState, col: str) -> pd.DataFrame:
    """``mapquery._places`` as before any bounded read (the reference)."""
    from data.view.query import view_where
    from data.view.storeq import claim_level, mapped_params

    where, params = view_where(state)
    drawn = mapquery._drawn(where, col, state, "place_id")
    return mapquery._places(sv, drawn, mapped_params(state, params), claim_level(state))


@pytest.mark.parametrize("seed", range(4))
def test_snapshot_places_equal_the_raw_fold_on_random_stores(seed: int) -> None:
    ev = _varied(800, 25, seed=seed)
    view = StoreView(ev)
    rng = random.Random(seed)
    for basis in ("event", "published"):
        days = _days(view, basis)
        for day in rng.sample(days, 6) + [None]:
            state = ViewState(day=day, basis=basis)  # type: ignore[arg-type]
            for col in ("claimant_country", "kind"):
                want = _raw_places(view, state, col)
                got = preagg.places(view, state, col)
                pd.testing.assert_frame_equal(got, want, check_dtype=False)
                assert preagg.place_count(view, state, col) == len(want)


@pytest.mark.parametrize("state", [ViewState(window="last", days=10), ViewState(outlets=("Reuters",)),
                                   ViewState(countries=("RU",)), ViewState(only_conflicts=True),
                                   ViewState(query="claim")], ids=["last", "outlet", "country", "conflicts", "text"])
def test_filtered_views_aggregate_the_rows(sv: StoreView, state: ViewState) -> None:
    assert not preagg.applies(state)
    fast = mapquery.aggregate(sv, state, budget=100)
    raw = mapquery.aggregate(sv, state, budget=100, snapshots=False)
    pd.testing.assert_frame_equal(fast.places, raw.places)


def test_corrections_rebuild_the_snapshots(varied: pd.DataFrame) -> None:
    view = StoreView(varied)
    state = ViewState()
    before = mapquery.aggregate(view, state)
    gone = set(varied["claim_id"].iloc[:400])
    view.replace_claims(varied.iloc[0:0].assign(_ix=pd.Series(dtype="int64")), gone)
    after = mapquery.aggregate(view, state)
    raw = mapquery.aggregate(view, state, snapshots=False)
    pd.testing.assert_frame_equal(after.places, raw.places, check_dtype=False)
    assert after.places["n"].sum() < before.places["n"].sum()


def _step_payload(n: int) -> int:
    ev = _varied(n, 4000, seed=11)
    view = StoreView(ev)
    agg = mapquery.aggregate(view, ViewState(), max_places=300)
    layer = aggregate_layers(agg, outlines=False)
    return sum(len(el.payload_json) for el in layer._children.values() if hasattr(el, "payload_json"))


def test_a_steps_payload_stays_bounded_as_the_store_grows() -> None:
    small, big = _step_payload(3000), _step_payload(30000)
    assert big < 1.5 * small and big < 600_000, (small, big)
