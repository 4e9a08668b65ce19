"""data.timex.base.last_run (``Ctx.word_before``) gives ``_WORD_BEFORE.search``'s group in any window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from data.timex.base import _WORD_BEFORE, Ctx, last_run

CHARS = list("aZ .$£€#,-'\"_9\n\t()") + ["é", "д", "٣", "\u00a0", "—", "’", "ſ", "K"]


def _regex(window: str) -> str:
    m = _WORD_BEFORE.search(window)
    return m.group(1) if m else ""


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(CHARS), max_size=45).map("".join))
def test_last_run_is_the_regex_group(window: str) -> None:
    assert last_run(window) == _regex(window)


def test_word_before_in_news_text() -> None:
    text = "It was delayed until April. Talks in the U.S. on Monday; by $5 — on. Friday ab-. x"
    ctx = Ctx(text, None)
    for pos in range(len(text) + 1):
        assert ctx.word_before(pos) == _regex(text[max(0, pos - 40):pos]), pos
    assert ctx.word_before(text.index("April")) == "until" and last_run("ab-.") == "ab" and last_run("") == ""
