"""data.wordscan: looking a pattern's first words up must find exactly the matches finditer finds."""

from __future__ import annotations

import random
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from data.wordscan import MultiScan, WordScan, pattern_starts

ROOT = Path(__file__).resolve().parent.parent
TRICKY = ("The \u212aremlin (Kelvin K) and the \u017fouth Korean side; İran, ıran; NORTH KOREAN troops; "
          "Ukraine’s army, Ukraine's army, U.S. officials; north-korean; pentagonal Pentagon. "
          "according to the mayor; According  To him; accordingto; 'the next day' the Next Day, 12 days ago, "
          "twenty-five weeks later, a day later, an hour, FY2024, Q3 2024, 10:30 a.m., 1600 GMT, Mon.")


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_corpus import article, sample_places

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng, places = random.Random(7), sample_places(200, 0)
    texts += [article(rng, i, places, date(2024, 1, 1), 365)["text"] for i in range(30)]
    return texts + [TRICKY, TRICKY.lower(), TRICKY.upper()]


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def _windows(text: str) -> list[tuple[int, int]]:
    """The whole text, and slices of it cut anywhere (also inside words) to check pos/endpos."""
    return [(0, len(text))] + [(a, a + 150) for a in range(0, len(text), 97)]


def test_side_names_scan_like_finditer() -> None:
    from data.claims.claimants import _SIDE_SCAN

    for scan in (_SIDE_SCAN,):
        for text in _texts():
            for a, b in _windows(text):
                assert _spans(scan.finditer(text, a, b)) == _spans(scan.pattern.finditer(text, a, b)), text[a:b]


def test_timex_rules_scan_like_finditer_inside_their_windows() -> None:
    from data.timex import extract as tx
    from data.timex.rules import RULES
    from data.timex.windows import rule_windows

    assert sum(s is not None for s in tx._scan().scans) >= 30  # most rules are looked up, not scanned
    for text in _texts():
        spans, starts = rule_windows(text, tx._TRIGGERS), tx._scan().starts(text)
        for prio, (name, pattern, _) in enumerate(RULES):
            for sp in (spans[prio], [(0, len(text))]):
                got = _spans(tx._scan().finditer(prio, text, sp, starts))
                assert got == _spans(m for a, b in sp for m in pattern.finditer(text, a, b)), name


def test_pattern_starts_reads_first_words_and_refuses_what_it_cannot_tell() -> None:
    exact, prefixes, digits = pattern_starts(re.compile(r"(?<![\w.])(?i:the\s+next|an?|Mon(?:day)?)\s+\d"))
    assert exact == {"the", "a", "an", "mon", "monday"} and not digits and not prefixes
    assert pattern_starts(re.compile(r"(?<![\w])(?:Mon[a-z]*|Q)\d?"))[1] == ("mon", "q")  # word goes on: prefixes
    assert pattern_starts(re.compile(r"(?<![\w])(?:\d+|about)\s+days"))[2] is True
    assert pattern_starts(re.compile(r"(?:the|a)\s+day")) is None  # no guard: could start inside a word
    assert pattern_starts(re.compile(r"(?<![\w])(?:\$|the)\s*\d")) is None  # may start with a non-word character
    assert pattern_starts(re.compile(r"(?<![\w])\w+ day")) is None  # any word


def test_multiscan_leaves_unreadable_patterns_to_finditer() -> None:
    scan = MultiScan([re.compile(r"\d+ days"), re.compile(r"(?<![\w])(?i:the)\s+day")])
    text = "In 3 days, X12 days and the day, theday, The Day"
    starts = scan.starts(text)
    assert starts[0] is None and starts[1] is not None
    for i in range(2):
        assert _spans(scan.finditer(i, text, [(0, len(text))], starts)) == _spans(scan.patterns[i].finditer(text))


def test_wordscan_rejects_phrases_it_cannot_look_up() -> None:
    with pytest.raises(ValueError):
        WordScan(re.compile("x"), ["two words"])
    with pytest.raises(ValueError):
        WordScan(re.compile("x"), ["a"], prefixes=[""])


def test_kind_cues_scan_like_search() -> None:
    from data.claims.kinds import _patterns, _scan

    scan = _scan()
    for text in _texts():
        for sentence in [text] + text.split(". "):
            low = sentence.lower()
            starts = scan.starts(low)
            for i, (kind, pattern) in enumerate(_patterns()):
                assert scan.search(i, low, starts) == (pattern.search(low) is not None), (kind, sentence)


def test_multiscan_starts_are_the_word_starts_its_rules_name() -> None:
    from data.claims.kinds import _scan
    from data.wordscan import _RUN

    scan = _scan()
    for text in _texts():
        for t in (text, text.lower()):
            want: list[list[int] | None] = [[] if s is not None else None for s in scan.scans]
            for m in _RUN.finditer(t):
                for i in scan.word_rules(m.group()):
                    want[i].append(m.start())  # type: ignore[union-attr]
            assert scan.starts(t) == want


def test_figure_lead_scan_finds_what_finditer_finds() -> None:
    from data.claims.quantities import _FIGURE, _FIGURE_SCAN

    extra = ["$400 million and € 5, US$12bn, about 12 000 troops, between two and three thousand, tenbn",
             "\u212a 12, İki 3, _5 people, 5_000, x-12 -12 .12 /12 ,12 $$12 £ 7"]
    for text in _texts() + extra:
        for t in [text] + text.split(". "):
            got = [(m.span(), m.groupdict()) for m in _FIGURE_SCAN.finditer(t)]
            assert got == [(m.span(), m.groupdict()) for m in _FIGURE.finditer(t)], t


def test_cue_verbs_are_the_words_finditer_finds() -> None:
    """``_verb_matches`` splits the words off in C; its cues must be those of a walk over ``_WORD.finditer``."""
    import data.claims.attribution_cues as cues

    def reference(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
        out, skip_to = [], lo
        for m in cues._WORD.finditer(text, lo, hi):
            if m.start() < skip_to:
                continue
            for form in cues._longest_first().get(m.group().lower(), ()):
                end = m.end()
                for w in form.split()[1:]:
                    nxt = cues._NEXT_WORD.match(text[end:min(hi, end + 40)])
                    if nxt is None or nxt.group(1).lower() != w:
                        break
                    end += nxt.end()
                else:
                    out.append((m.start(), end, form))
                    skip_to = end
                    break
        return out

    extra = ["said-said x'said ’told 1said said1 _said said_ -said said- Said, SAID; called  for \u212asaid"]
    for text in _texts() + extra:
        for lo, hi in _windows(text) + [(a, a + 7) for a in range(0, min(len(text), 400), 3)]:
            hi = min(hi, len(text))
            assert cues._verb_matches(text, lo, hi) == reference(text, lo, hi), (text[lo:hi],)
