"""``data.timeml.bounds``: the first and last day of every TimeML date value the timex stage emits."""

from __future__ import annotations

from datetime import date

import pytest

from data.timeml import bounds as timeml_bounds
from data.timex.extract import extract_timexes


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024-10-23", date(2024, 10, 23), date(2024, 10, 23)),
    ("2024-10-23T16:00", date(2024, 10, 23), date(2024, 10, 23)),
    ("2024-W43", date(2024, 10, 21), date(2024, 10, 27)),
    ("2024-W43-WE", date(2024, 10, 26), date(2024, 10, 27)),
    ("2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
    ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
    ("2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
    ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ("19", date(1900, 1, 1), date(1999, 12, 31)),
    ("20", date(2000, 1, 1), date(2099, 12, 31)),
])
def test_bounds(value, first, last):
    assert timeml_bounds(value) == (first, last)


@pytest.mark.parametrize("value", ["PXW", "P3D", "PAST_REF", "XXXX-10-24", "2024-W54", "2024-H3", "00", "",
                                   None, "2024-W43-XX", "2024-13"])
def test_no_bounds_for_values_that_name_no_calendar_period(value):
    assert timeml_bounds(value) == (None, None)


def test_every_value_from_the_extractor_with_a_calendar_precision_has_bounds():
    text = ("Last weekend, in the first half of 2024, the 1990s, the 20th century, Q3, this summer, "
            "Oct. 24, last week and at 16:00 on Friday.")
    for tx in extract_timexes(text, date(2024, 10, 25)):
        if tx.type in ("DATE", "TIME") and tx.value[:1].isdigit():
            first, last = timeml_bounds(tx.value)
            assert first is not None and first <= last, tx
