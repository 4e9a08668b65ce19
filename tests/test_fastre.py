"""geo.fastre: word alternations rewritten to scan fast must match exactly what the plain form matches."""

from __future__ import annotations

import re

import pytest

from geo.fastre import words_after

TEXT = ("The Party met the Ministry of Health; a Partyline, the TimesTimes and New York Times Co. "
        "Federation Council, XFederation Council, -Council, US-Council, Post Post-war Posts. Timesx Times")


@pytest.mark.parametrize("not_after", [r"\w", r"[\w-]"])
def test_words_after_matches_as_the_lookbehind_alternation(not_after: str) -> None:
    words = ["Federation Council", "Council", "Times", "Time", "Party", "Post", "Posts", "P", "Ministry of Health"]
    for order in (words, sorted(words, key=len, reverse=True)):
        plain = re.compile(rf"(?<!{not_after})(?:" + "|".join(map(re.escape, order)) + r")(?![\w-])")
        fast = re.compile(words_after(order, not_after) + r"(?![\w-])")
        assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
        assert fast.search(TEXT) is not None


def test_words_after_starts_with_literals_so_re_can_skip_ahead() -> None:
    # re only skips to a possible first character for patterns that start with literals or a class
    from re import _parser  # type: ignore[attr-defined]

    for words in (["Party", "Post"], ["Party", "Ministry"]):
        assert str(_parser.parse(words_after(words)).data[0][0]) in ("LITERAL", "BRANCH", "IN")
    with pytest.raises(ValueError):
        words_after(["Party", ""])
