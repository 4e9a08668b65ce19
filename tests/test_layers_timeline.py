"""The playback control's range and histogram."""

from __future__ import annotations

import pandas as pd

from layers.synthetic import event_row, events_from_rows, synthetic_events
from layers.timeline import timeline_spec


def _day(s: str) -> int:
    return (pd.Timestamp(s) - pd.Timestamp("1970-01-01")).days


def test_range_and_histogram_cover_every_dated_claim() -> None:
    ev = events_from_rows([
        event_row(event_id="a:0", claim_id="a", event_date="2024-06-19", event_date_end="2024-06-19"),
        event_row(event_id="b:0", claim_id="b", event_date="2024-10-23", event_date_end="2024-10-23"),
        event_row(event_id="c:0", claim_id="c", event_date="2024-10-23", event_date_end="2024-10-23"),
        event_row(event_id="d:0", claim_id="d", event_date=None, event_date_end=None, published=None),
    ])
    spec = timeline_spec(ev)
    assert (spec["start"], spec["end"]) == (_day("2024-06-19"), _day("2024-10-23"))
    assert sum(spec["hist"]) == 3 and spec["hist"][0] == 1 and spec["hist"][-1] == 2
    assert spec["window"] == "upto"


def test_long_ranges_are_binned_and_published_basis() -> None:
    spec = timeline_spec(synthetic_events(2000, days=3000), basis="published")
    assert len(spec["hist"]) <= 400 and spec["histStep"] > 1 and sum(spec["hist"]) == 2000
    assert spec["basis"] == "published"


def test_nothing_dated_gives_no_control() -> None:
    ev = events_from_rows([event_row(event_date=None, event_date_end=None, published=None)])
    assert timeline_spec(ev) is None


def test_a_few_old_dates_do_not_stretch_the_range() -> None:
    rows = [event_row(event_id=f"n{i}:0", claim_id=f"n{i}", event_date=f"2024-10-{i + 1:02d}",
                      event_date_end=f"2024-10-{i + 1:02d}") for i in range(25)]
    rows.append(event_row(event_id="old:0", claim_id="old", event_date="2001-01-01", event_date_end="2001-12-31"))
    spec = timeline_spec(events_from_rows(rows))
    assert spec["start"] == _day("2024-10-01") and spec["end"] == _day("2024-10-25")  # where the story starts
    assert spec["earlier"] == 1 and sum(spec["hist"]) == 26 and spec["step"] == 1
