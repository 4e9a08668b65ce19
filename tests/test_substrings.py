"""data.claims.substrings: the document's occurrences must answer as str.find on each slice does."""

from __future__ import annotations

import random

import pytest

from data.claims.substrings import holds_any, occurrences


def test_holds_any_is_find_on_every_slice() -> None:
    rng = random.Random(3)
    needles = ("--", "―", "—", "ab", "aba", "said")
    for _ in range(300):
        text = "".join(rng.choice(["-", "a", "b", " ", "—", "said", "SAID", "x"]) for _ in range(rng.randint(0, 40)))
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                assert holds_any(text, lo, hi, needles) == any(text.find(n, lo, hi) >= 0 for n in needles)
                want = any(text.lower().find(n, lo, hi) >= 0 for n in needles)
                assert holds_any(text, lo, hi, needles, lower=True) == want


def test_occurrences_overlap_and_refuse_empty_needles() -> None:
    assert occurrences("a---b", ("--",)) == ([1, 2], [3, 4])
    with pytest.raises(ValueError):
        occurrences("text", ("",))
