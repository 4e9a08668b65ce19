"""The dashboard's view rules: time window, filters, lists, histogram, playback steps."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.events import validate_events
from data.view.select import (
    at_end,
    clamp_day,
    date_bounds,
    histogram,
    in_view,
    in_window,
    options,
    prune_state,
    step_day,
    story_bounds,
    timeline,
    undated,
    unlocated,
)
from data.view.state import ViewState
from data.view.synth import sample_events, synthetic_events


@pytest.fixture(scope="module")
def ev() -> pd.DataFrame:
    return sample_events()


def claims(df: pd.DataFrame) -> set[str]:
    return set(df["claim_id"])


def test_sample_table_follows_the_schema(ev: pd.DataFrame) -> None:
    validate_events(ev)


def test_upto_window_hides_kursk_before_august(ev: pd.DataFrame) -> None:
    view = in_view(ev, ViewState(day=date(2024, 7, 31)))
    assert claims(view) == {"c1"}
    assert "Kursk" not in set(view["place_name"])
    assert "Kursk" in set(in_view(ev, ViewState(day=date(2024, 8, 6)))["place_name"])


def test_no_day_means_everything_dated_and_located(ev: pd.DataFrame) -> None:
    # c7 undated, c8 unlocated: neither on the map
    assert claims(in_view(ev, ViewState())) == {"c1", "c2", "c3", "c4", "c5", "c6"}


def test_last_n_days_window(ev: pd.DataFrame) -> None:
    view = in_view(ev, ViewState(day=date(2024, 10, 23), window="last", days=6))
    assert claims(view) == {"c4", "c5", "c6"}
    view = in_view(ev, ViewState(day=date(2024, 10, 23), window="last", days=1))
    assert claims(view) == {"c5", "c6"}


def test_last_window_keeps_a_month_long_claim_through_its_month(ev: pd.DataFrame) -> None:
    ev = ev.copy()
    ev.loc[ev["claim_id"] == "c3", "event_date"] = pd.Timestamp("2024-10-01")
    ev.loc[ev["claim_id"] == "c3", "event_date_end"] = pd.Timestamp("2024-10-31")
    mask = in_window(ev, ViewState(day=date(2024, 10, 25), window="last", days=1))
    assert "c3" in set(ev.loc[mask, "claim_id"])


def test_publication_basis_uses_published_dates(ev: pd.DataFrame) -> None:
    view = in_view(ev, ViewState(day=date(2024, 8, 7), basis="published"))
    assert claims(view) == {"c1", "c2"}
    # c7 has a publication date, so it is dated on this basis
    assert "c7" in claims(in_view(ev, ViewState(basis="published")))


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ViewState(outlets=("Reuters",)), {"c1", "c3"}),
        (ViewState(claimants=("HUR",)), {"c4", "c6"}),
        (ViewState(countries=("KP",)), {"c1"}),
        (ViewState(place="kur"), {"c2", "c4", "c5", "c6"}),
        (ViewState(query="12,000"), {"c4"}),
        (ViewState(query="KIRBY"), {"c5"}),
        (ViewState(only_conflicts=True), {"c4"}),
        (ViewState(outlets=("Reuters", "AP"), place="Kursk"), {"c5"}),
    ],
)
def test_filters(ev: pd.DataFrame, state: ViewState, expected: set[str]) -> None:
    assert claims(in_view(ev, state)) == expected


def test_min_confidence(ev: pd.DataFrame) -> None:
    ev = ev.copy()
    ev.loc[ev["claim_id"] == "c1", "confidence"] = 0.2
    assert "c1" not in claims(in_view(ev, ViewState(min_confidence=0.5)))
    assert "c1" in claims(in_view(ev, ViewState(min_confidence=0.1)))


def test_text_search_is_literal_not_regex(ev: pd.DataFrame) -> None:
    assert claims(in_view(ev, ViewState(query="(["))) == set()
    assert claims(in_view(ev, ViewState(query="."))) == {"c1", "c2", "c3", "c4", "c5", "c6"}


def test_undated_and_unlocated_lists(ev: pd.DataFrame) -> None:
    assert claims(undated(ev)) == {"c7"}
    assert claims(unlocated(ev)) == {"c8"}
    assert claims(undated(ev, ViewState(outlets=("AP",)))) == set()


def test_unlocated_ignores_claims_with_one_located_place(ev: pd.DataFrame) -> None:
    extra = ev.loc[ev["claim_id"] == "c2"].copy()
    extra["event_id"] = "c2:1"
    extra[["place_id", "place_name", "lat", "lon"]] = ["", "", float("nan"), float("nan")]
    both = pd.concat([ev, extra], ignore_index=True)
    assert "c2" not in claims(unlocated(both))


def test_histogram_counts_claims_per_day_with_zero_days(ev: pd.DataFrame) -> None:
    h = histogram(ev)
    assert h["day"].iloc[0] == pd.Timestamp("2024-06-19")
    assert h["day"].iloc[-1] == pd.Timestamp("2024-10-23")
    assert len(h) == (date(2024, 10, 23) - date(2024, 6, 19)).days + 1
    by_day = dict(zip(h["day"].dt.date, h["claims"], strict=True))
    assert by_day[date(2024, 10, 23)] == 2
    assert by_day[date(2024, 7, 1)] == 0
    assert h["claims"].sum() == 7  # every dated claim once; c7 undated


def test_histogram_counts_a_claim_once_whatever_its_places(ev: pd.DataFrame) -> None:
    extra = ev.loc[ev["claim_id"] == "c1"].copy()
    extra["event_id"] = "c1:1"
    h = histogram(pd.concat([ev, extra], ignore_index=True))
    assert h.loc[h["day"] == pd.Timestamp("2024-06-19"), "claims"].item() == 1


def test_histogram_of_nothing_is_empty(ev: pd.DataFrame) -> None:
    assert histogram(ev.iloc[0:0]).empty


def test_bounds_and_timeline(ev: pd.DataFrame) -> None:
    assert date_bounds(ev) == (date(2024, 6, 19), date(2024, 10, 23))
    assert timeline(ev)[:2] == [date(2024, 6, 19), date(2024, 8, 6)]
    assert date_bounds(ev.iloc[0:0]) is None
    assert clamp_day(date(2020, 1, 1), date_bounds(ev)) == date(2024, 6, 19)
    assert clamp_day(None, date_bounds(ev)) == date(2024, 10, 23)


def test_step_day_modes(ev: pd.DataFrame) -> None:
    bounds, days = date_bounds(ev), timeline(ev)
    assert step_day(date(2024, 6, 19), bounds) == date(2024, 6, 20)
    assert step_day(date(2024, 6, 19), bounds, -1) == date(2024, 6, 19)  # clamped at the start
    assert step_day(date(2024, 6, 19), bounds, 1, "week") == date(2024, 6, 26)
    assert step_day(date(2024, 6, 19), bounds, 1, "event", days) == date(2024, 8, 6)
    assert step_day(date(2024, 9, 1), bounds, -1, "event", days) == date(2024, 8, 6)
    assert step_day(date(2024, 10, 23), bounds, 1, "event", days) == date(2024, 10, 23)


def test_playback_reaches_the_end(ev: pd.DataFrame) -> None:
    bounds, days = date_bounds(ev), timeline(ev)
    day, steps = bounds[0], 0
    while not at_end(day, bounds):
        day = step_day(day, bounds, 1, "event", days)
        steps += 1
    assert steps == len(days) - 1


def test_options_and_prune(ev: pd.DataFrame) -> None:
    assert options(ev, "claimant") == ["HUR", "John Kirby", "South Korea's NIS", "Ukrainian General Staff"]
    state = prune_state(ViewState(outlets=("Reuters", "Nope"), countries=("ZZ",)), ev)
    assert state.outlets == ("Reuters",) and state.countries == ()


def test_view_is_fast_on_10k_events() -> None:
    import time

    big = synthetic_events(10_000)
    t0 = time.perf_counter()
    for day in timeline(big)[:20]:
        in_view(big, ViewState(day=day, query="about", outlets=("AP", "BBC")))
    assert (time.perf_counter() - t0) / 20 < 0.1


def test_story_bounds_skip_old_background_dates(ev: pd.DataFrame) -> None:
    old = ev.loc[ev["claim_id"] == "c1"].copy()
    old[["event_id", "claim_id"]] = ["old:0", "old"]
    old["event_date"] = old["event_date_end"] = pd.Timestamp("2001-01-01")
    both = pd.concat([ev, old], ignore_index=True)
    assert story_bounds(both) == (date(2024, 6, 19), date(2024, 10, 23))
    assert date_bounds(both)[0] == date(2001, 1, 1)
    # at the slider's first day, "everything up to the date" still shows the 2001 claim
    assert "old" in claims(in_view(both, ViewState(day=date(2024, 6, 19))))
    h = histogram(both, bounds=story_bounds(both))
    assert h["day"].iloc[0] == pd.Timestamp("2024-06-19") and h["claims"].sum() == 7
