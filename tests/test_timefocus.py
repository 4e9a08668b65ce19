"""Issue 13: the default date is the last reported day (never an expected one) and the slider frames the story."""

from __future__ import annotations

from datetime import date

from data.view.timefocus import default_day, expected, focus_bounds, horizon
from layers.synthetic import event_row, events_from_rows


def _story() -> object:
    rows = [event_row(event_id=f"s{i}:0", claim_id=f"s{i}", event_date=f"2024-10-{17 + i % 9:02d}",
                      event_date_end=f"2024-10-{17 + i % 9:02d}", published="2024-10-25") for i in range(30)]
    rows += [event_row(event_id=f"b{i}:0", claim_id=f"b{i}", event_date=d, event_date_end=d, published="2024-10-24")
             for i, d in enumerate(["2024-06-19", "2024-08-06", "2001-01-01"])]
    rows.append(event_row(event_id="x:0", claim_id="x", event_date="2024-11-06", event_date_end="2024-11-06",
                          published="2024-10-24", text="The treaty is expected to pass on November 6."))
    return events_from_rows(rows)


def test_default_day_is_the_last_reported_day_not_an_expected_vote() -> None:
    ev = _story()
    assert horizon(ev) == date(2024, 10, 25)
    assert default_day(ev) == date(2024, 10, 25)
    assert expected(ev)["claim_id"].tolist() == ["x"]


def test_slider_starts_where_the_story_is_and_ends_on_the_default_day() -> None:
    ev = _story()
    assert focus_bounds(ev) == (date(2024, 10, 17), date(2024, 10, 25))


def test_a_few_claims_keep_their_whole_range() -> None:
    rows = [event_row(event_id=f"c{i}:0", claim_id=f"c{i}", event_date=d, event_date_end=d, published="2024-10-25")
            for i, d in enumerate(["2024-06-19", "2024-08-06", "2024-10-23"])]
    assert focus_bounds(events_from_rows(rows)) == (date(2024, 6, 19), date(2024, 10, 23))
