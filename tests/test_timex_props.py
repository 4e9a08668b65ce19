"""Properties of ``extract_timexes`` on any text: never crashes, spans are honest."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from data.timeml import precision as timeml_precision
from data.timex.extract import extract_timexes

WORDS = ["on", "Thursday", "Oct.", "24", "2024", ",", "last", "week", "the", "past", "two", "years", "ago",
         "mid-", "early", "and", "May", "16:00", "p.m.", "daily", "-", "to", "1990s", "Q3", "this", "summer",
         "next", "day", "yesterday", "December", "31", "29", "February", "every", "Monday", "12,000", "19th",
         "century", "now", "recently", "a", "half", " ", "\n", "'", "’s", "the same day"]

texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(texts, anchors)
def test_spans_are_sorted_disjoint_and_slice_to_text(text: str, anchor: date | None) -> None:
    got = extract_timexes(text, anchor)
    last_end = 0
    for t in got:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end
        last_end = t.end
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        assert t.value
        timeml_precision(t.value)
