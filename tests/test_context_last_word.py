"""``geo.context.cues`` finds the word before a span from the end (``last_word``), not with a regex anchored at
the end and tried from every position of the window: same groups as that regex, in any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.context import _PREV, _REGION_OF, cues, last_word

CHARS = list("ab Z9_.'\u2019&-,;:\"()\n\t") + ["é", "д", "٣", "\u00a0", "—", "ſ", "İ", "o", "f", "O", "F"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(CHARS), max_size=30).map("".join))
def test_last_word_is_the_regex_answer(before: str) -> None:
    m = _PREV.search(before)
    assert last_word(before) == ((m.group(1), m.group(2)) if m else None)


def test_cues_read_the_word_before_and_the_region_word() -> None:
    text = "Fighting went on in the region of Kursk, near St. Petersburg's edge and O'Brien-"
    c = cues(text, text.index("Kursk"), text.index("Kursk") + 5)
    assert (c.prev, c.prev_gap, c.region_of) == ("of", " ", c.region_of) and c.region_of
    c = cues(text, text.index("Petersburg"), text.index("Petersburg") + 10)
    assert (c.prev, c.prev_gap) == ("St.", " ")
    assert last_word("  -- ") == ("--", " ") and last_word("   ") is None and last_word("") is None
    assert _REGION_OF.search("the oblast of ") is not None
