"""Dates pandas cannot hold (before 1677, after 2262) never fail the events table: NaT with the value kept."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.events import DAY_MAX, DAY_MIN, as_day_timestamps, build_events, validate_events
from data.model import Claim, Document
from data.view.select import undated


def _claim(cid: str, value: str | None, text: str, published: date | None = date(2024, 10, 3)) -> Claim:
    return Claim(claim_id=cid, doc_id="d1", start=0, end=len(text), text=text, date=value,
                 date_text=value or "", date_precision="year" if value else "none", published=published,
                 outlet="Wire")


@pytest.mark.parametrize("value", ["1564", "1517", "1000-05-01", "2300-W05", "9999-12", "156", "15"])
def test_out_of_range_values_become_undated_with_value_kept(value: str) -> None:
    doc = Document("d1", "x", title="t")
    claims = [_claim("c1", value, f"Galileo, born around {value}."), _claim("c2", "2024-10-23", "Troops moved.")]
    ev = build_events(claims, {"d1": doc})
    validate_events(ev)
    assert ev["event_date"].dtype == "datetime64[ns]"
    old = ev.loc[ev["claim_id"] == "c1"].iloc[0]
    assert pd.isna(old["event_date"]) and pd.isna(old["event_date_end"])
    assert old["date_value"] == value and old["date_text"] == value
    assert ev.loc[ev["claim_id"] == "c2", "event_date"].iloc[0] == pd.Timestamp("2024-10-23")
    assert "c1" in set(undated(ev)["claim_id"])


def test_out_of_range_publication_date_is_unknown_not_a_crash() -> None:
    ev = build_events([_claim("c1", None, "A sentence.", published=date(1066, 10, 14))], {})
    assert pd.isna(ev["published"].iloc[0])


def test_bounds_are_the_edges_pandas_holds() -> None:
    got = as_day_timestamps([DAY_MIN, DAY_MAX, date(1677, 9, 21), date(2262, 4, 12), "nonsense", None])
    assert got.dtype == "datetime64[ns]"
    assert got.iloc[0] == pd.Timestamp(DAY_MIN) and got.iloc[1] == pd.Timestamp(DAY_MAX)
    assert got.iloc[2:].isna().all()


def test_conformed_table_round_trips() -> None:
    ev = build_events([_claim("c1", "2024-10-23", "Troops moved.")], {})
    again = build_events([_claim("c1", "2024-10-23", "Troops moved.")], {})
    pd.testing.assert_frame_equal(ev, again)
