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


def _scans_fast(pattern: re.Pattern[str]) -> bool:
    """re skips ahead only for patterns whose first item is a literal, a class or a branch of literals."""
    from re import _parser  # type: ignore[attr-defined]

    op, av = _parser.parse(pattern.pattern).data[0]
    while str(op) == "SUBPATTERN":  # a group: re looks inside it
        op, av = av[3].data[0]
    return str(op) in ("LITERAL", "BRANCH", "IN")


def test_whole_text_patterns_start_where_re_can_skip_ahead() -> None:
    from geo import organisations, recognize, streets
    from geo.parse import support

    for p in (recognize._CAPS_RUN, support._CLOCK_ZONE, organisations._HEAD, organisations._BEFORE,
              organisations.load_table()[1], streets._HEAD_FIRST):
        assert _scans_fast(p), p.pattern[:60]


def test_rewritten_boundaries_match_as_before() -> None:
    from geo import recognize
    from geo.parse import support

    text = ("WASHINGTON (AP) - XNEW YORK. The U.S. ARMY said at 7 a.m. CT, 11:59 p.m. (ET) and 123 pm ET, a7 pm ET, "
            "\"HOUSTON, TEXAS\" and USA-BASED O'NEILL ST. LOUIS 12 PM CT.")
    caps = re.compile(r"\b[A-Z][A-Z.'\u2019-]*[A-Z.](?:[ \t]+[A-Z][A-Z.'\u2019-]*[A-Z.])*\b\.?")
    assert [m.span() for m in recognize._CAPS_RUN.finditer(text)] == [m.span() for m in caps.finditer(text)]
    zones = "|".join(sorted(support.TIME_ZONES, key=len, reverse=True))
    clock = re.compile(r"\b\d{1,2}(?::\d{2})?[ \t]*(?:[ap]\.m\.|[ap]m|[AP]M)[ \t]+\(?(" + zones + r")\b")
    got = [(m.span(), m.group(1)) for m in support._CLOCK_ZONE.finditer(text)]
    assert got == [(m.span(), m.group(1)) for m in clock.finditer(text)] and len(got) == 3


def test_fold_joiners_is_cheap_on_long_texts() -> None:
    import time

    from geo.surface import fold_joiners

    text = ("Rostov-on-Don, Guinea\u2010Bissau and Kvemo\u2011Kartli - a long story. " * 20_000)
    table = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " "})
    assert fold_joiners(text) == text.translate(table)

    def best_of_five(f: object) -> float:  # the least CPU time of five runs: robust on a loaded machine
        times = []
        for _ in range(5):
            t0 = time.process_time()
            f()  # type: ignore[operator]
            times.append(time.process_time() - t0)
        return min(times)

    assert best_of_five(lambda: fold_joiners(text)) < best_of_five(lambda: text.translate(table)) / 3  # ~80x
