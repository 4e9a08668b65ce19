"""The rules run only in windows around their trigger words (``data.timex.windows``): same output as a full scan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import data.timex.extract as timex
from data.timex.rules import RULES
from data.timex.windows import rule_triggers, rule_windows

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORDS = ["on", "Thursday", "Thurs.", "Oct.", "24", "2024", ",", "last", "week", "weeks", "the", "past", "two",
         "years", "ago", "mid-", "early", "and", "May", "may", "16:00", "p.m.", "daily", "to", "1990s", "the '80s",
         "Q3", "this", "summer", "next", "day", "yesterday", "December", "31", "February", "every", "Monday",
         "19th", "century", "centuries", "now", "recently", "a", "half", "\n", "’s", "the same day", "noon",
         "weekend", "fortnight", "Christmas", "fiscal", "FY2025", "twice", "a year", "later", "earlier",
         "2024-10-24", "10/24/2024", "0600 GMT", "the 20th century", "first quarter", "the coming weeks",
         "the nineties", "the future", "currently", "annually", "tonight", "Tue", "Sept."]


def full_scan(text: str, anchor: date | None, monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(timex, "_windows", lambda t: ([[(0, len(t))]] * len(RULES), timex._scan().starts(t)))
        return timex.extract_timexes(text, anchor)


def test_every_rule_has_triggers_or_scans_everything():
    trig = rule_triggers([p.pattern for _, p, _ in RULES])
    for r, (name, _, _) in enumerate(RULES):
        has_words = any(r in rules for rules in (*trig.by_word.values(), *trig.by_name.values()))
        assert has_words or r in trig.digit_rules or trig.everywhere[r], name


def test_windows_end_between_words_and_skip_text_without_triggers():
    text = "Nothing temporal here at all. " * 20 + "Talks resumed on Thursday in Geneva. " + "Filler words. " * 20
    spans = rule_windows(text, timex._TRIGGERS)
    weekday = next(i for i, (name, _, _) in enumerate(RULES) if name == "weekday")
    (a, b), = spans[weekday]
    assert a < text.index("Thursday") < b < len(text) and not text[b].isalnum()
    assert b - a < 200


def test_seed_articles_come_out_as_with_a_full_scan(monkeypatch):
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert timex.extract_timexes(text, date(2024, 10, 25)) == full_scan(text, date(2024, 10, 25), monkeypatch)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
       st.sampled_from([None, date(2024, 10, 25), date(1999, 1, 1)]))
def test_windowed_equals_full_scan(text: str, anchor: date | None) -> None:
    with pytest.MonkeyPatch.context() as mp:
        assert timex.extract_timexes(text, anchor) == full_scan(text, anchor, mp)


def test_timex_test_sentences_agree(monkeypatch):
    src = (Path(__file__).parent / "test_timex.py").read_text(encoding="utf-8")
    for sentence in re.findall(r'"([^"\n]{8,})"', src):
        assert timex.extract_timexes(sentence, date(2024, 10, 25)) == full_scan(sentence, date(2024, 10, 25),
                                                                               monkeypatch)


def test_a_rule_skips_windows_without_a_word_every_match_needs():
    # "the 19th century" needs "century": a window around a figure alone cannot hold one (was scanned)
    text = "Officials said 2,400 people had left. " * 5 + "Nothing else happened here at all. " * 10
    spans = rule_windows(text, timex._TRIGGERS)
    by_name = {name: i for i, (name, _, _) in enumerate(RULES)}
    assert spans[by_name["century"]] == [] and spans[by_name["units_ago"]] == []
    assert spans[by_name["year"]]  # a figure can be a year: scanned as before


def test_needs_read_off_the_patterns():
    from data.timex.required import DIGIT, needs

    assert needs(r"\b(?P<tx>\d{1,2}(?:st|nd|rd|th)\s+(?i:century))") == {"century"}
    assert needs(r"(?i:years?|centur(?:y|ies))\s+ago") == {"ago"}  # the fewest words win
    assert needs(r"(?:once|twice|\d+\s+times)") == {"once", "twice", "times"}
    assert needs(r"(?:19|20)\d\d") == {DIGIT}
    assert needs(r"mins?\b") == {"min"}
    assert needs(r"(?:a|the)?\s*now") == {"now"}
    assert needs(r"(?:an?|\d+)\s+days?|weeks") == {"day", "weeks"}
    assert needs(r"(?:an?\s+)?(?:day|x)") is None  # "x" is no word: nothing is promised
    assert needs(r"[A-Za-z]+") is None


def test_casefold_letters_keep_every_window():
    # an ignore-case "century" also matches "centuKy" with the Kelvin sign: such texts are not narrowed
    text = "It was the 19th centu\u212ay. " + "Filler words. " * 5
    assert timex.extract_timexes(text, None) == full_scan_plain(text)


def full_scan_plain(text: str) -> list:
    with pytest.MonkeyPatch.context() as mp:
        return full_scan(text, None, mp)


ODD_WORDS = ("FY2025 Q3_2024 abc_12de 12abc Zürich ZÜRICH \u212aremlin centu\u212ay İstanbul ıran ٣ days ²³ 1st "
             "x٣y Thursday's Thurs.Oct.24 mid-2024 2024-10-24T16:00 week_ends WEEKS weeks' Octobers MAY May may")


def test_one_word_pass_gives_the_windows_and_the_scan_starts():
    import random
    import sys

    from data.timex.windows import WordPass
    sys.path.insert(0, str(SEEDS.parent / "bench"))
    from synth_corpus import article, sample_places

    rng, places = random.Random(3), sample_places(200, 0)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [article(rng, i, places, date(2024, 1, 1), 365)["text"] for i in range(20)]
    texts += [ODD_WORDS, ODD_WORDS.lower(), ODD_WORDS.upper(), " ".join(WORDS), "", "   \n"]
    scan = timex._scan()
    one = WordPass(timex._TRIGGERS, scan)
    for _ in range(2):  # cold and warm memo
        for text in texts:
            assert one(text) == (rule_windows(text, timex._TRIGGERS), scan.starts(text)), text[:80]
    assert timex._windows(texts[0]) == (rule_windows(texts[0], timex._TRIGGERS), scan.starts(texts[0]))


def test_a_window_ends_where_the_character_loop_ended_it():
    # windows extend to the end of a word with one regex call: the same characters the old per-character loop took
    from data.timex.windows import _WORD_REST

    for c in map(chr, range(0x110000)):
        assert (_WORD_REST.fullmatch(c) is not None) == (c.isalnum() or c in "_'’-"), hex(ord(c))


def _merge_reference(points, text, margin):
    """The window merge as it was, one character at a time."""
    n, spans = len(text), []
    for s, e in points:
        a, b = max(0, s - margin), min(n, e + margin)
        while b < n and (text[b].isalnum() or text[b] in "_'’-"):
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def test_windows_shared_between_rules_are_the_windows_merged_one_by_one():
    import random

    from data.timex.windows import _TOKEN, _merge

    rng = random.Random(2)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8") + " " + ODD_WORDS
        tokens = [m.span() for m in _TOKEN.finditer(text)]
        ends: dict[int, int] = {}  # one memo for all the rules of a text, as rule_windows uses it
        for _ in range(40):
            pts = sorted(rng.sample(tokens, rng.randrange(0, min(60, len(tokens)))))
            for margin in (0, 3, 50):
                got = _merge(pts, text, margin, ends if margin == 50 else {})
                assert got == _merge_reference(pts, text, margin)
