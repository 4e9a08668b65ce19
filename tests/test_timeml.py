"""``data.timeml``: the one parser of TimeML values; precision, bounds and the claim vocabulary agree."""

from __future__ import annotations

import typing
from datetime import date

import pytest

from data import timeml
from data.model import DatePrecision

VALUES = ["2024-10-23", "2024-10-23T16:00", "2024-W43", "2024-W43-WE", "2024-10", "2024-SU", "2024-WI",
          "2024-Q3", "2024-H1", "2024", "FY2024", "202", "19", "XXXX-10-24", "2024-WXX-1", "P3D", "PXW",
          "PAST_REF", "", "nonsense", "2024-13", "2023-02-30"]


@pytest.mark.parametrize("value", VALUES)
def test_claim_precision_is_a_date_precision(value: str) -> None:
    assert timeml.claim_precision(value) in typing.get_args(DatePrecision)


@pytest.mark.parametrize("value", VALUES)
def test_bounds_come_with_a_calendar_precision(value: str) -> None:
    p = timeml.parse(value)
    if p.first is not None:
        assert p.precision not in {"duration", "ref", "none"} and p.first <= p.last  # type: ignore[operator]
        assert timeml.calendar_part(value) is not None


def test_one_label_per_form() -> None:
    # a half-year was "quarter" in the claims copy of this table and "half" in the timex one
    assert timeml.precision("2024-H2") == "half" and timeml.claim_precision("2024-H2") == "year"
    assert timeml.bounds("2024-H2") == (date(2024, 7, 1), date(2024, 12, 31))
    assert timeml.claim_precision("19") == "decade" and timeml.claim_precision("P3D") == "none"


def test_winter_runs_into_next_year() -> None:
    assert timeml.bounds("2023-WI") == (date(2023, 12, 1), date(2024, 2, 29))


def test_impossible_calendar_values_have_no_bounds() -> None:
    assert timeml.bounds("2024-13") == (None, None) and timeml.precision("2024-13") == "month"
    assert timeml.bounds("2023-02-30") == (None, None) and timeml.bounds("FY2024") == (None, None)
