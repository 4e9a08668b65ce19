"""Claim extraction's fast paths must give exactly what the plain scans they replace give.

The figure pattern is tried only where a figure can start (``data.claims.figure_scan``), the cue-phrase
pattern only in sentences holding one of the phrases' words (``attribution_cues._may_hold_phrase``),
and sentence splitting jumps from one terminal mark to the next. Each is compared with the reference
behaviour on the seeds, synthetic articles and case-folding traps, over whole texts and over slices
cut anywhere.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAPS = ("US$ 5 million, $ 400, €5bn, £ 3 k, about  12,000, at least\u00a0300, İn excess of 5, ſome 12 \u212aelvin "
         "upwards of twenty-one  a dozen (between 3 and 4) 2023-24 1,200-km 5–6 ten to twelve tenants sixteenth "
         "12 000, ¥40, 3\u2009000 troops; ACCORDING TO him, Ac\u212aording to; acCording\nto her; in a \u017ftatement, "
         "IN A  STATEMENT; reported by; as quoted by; İn remarks; \u0130n a tweet. Mr. Smith said. U.S. troops! "
         "He left… Then “Yes.” (No.) 3.5 km. Gen. Lee? ok!! “Fine.” he said.\n")


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_corpus import article, sample_places

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng, places = random.Random(11), sample_places(200, 0)
    texts += [article(rng, i, places, date(2024, 1, 1), 365)["text"] for i in range(30)]
    return texts + [TRAPS, TRAPS.lower(), TRAPS.upper()]


def _pieces(text: str, rng: random.Random) -> list[str]:
    return [text] + [text[a:a + rng.randint(1, 300)] for a in (rng.randrange(len(text) + 1) for _ in range(12))]


def test_figure_scan_matches_finditer() -> None:
    from data.claims.quantities import _FIGURE, _FIGURE_SCAN

    rng = random.Random(3)
    tried = 0
    for text in _texts():
        for piece in _pieces(text, rng):
            want = [(m.span(), m.groupdict()) for m in _FIGURE.finditer(piece)]
            assert [(m.span(), m.groupdict()) for m in _FIGURE_SCAN.finditer(piece)] == want, piece
            tried += len(want)
    assert tried > 300


def test_figure_scan_finds_signs_spaces_and_qualifiers() -> None:
    from data.claims.quantities import _FIGURE_SCAN, extract_quantities

    got = [m.group() for m in _FIGURE_SCAN.finditer("(  $ 400 and US$5bn, € 3 , at least 12 troops, ( 7 left)")]
    assert got == ["$ 400", "US$5bn", "€ 3", "at least 12", " 7"]
    assert [q.text for q in extract_quantities("Officials said about 1,200 troops and £ 40 million left.")] \
        == ["about 1,200 troops", "£ 40 million"]


def test_phrase_prefilter_never_hides_a_phrase() -> None:
    from data.claims import attribution_cues as ac
    from data.sentences import sentences

    found = 0
    for text in _texts():
        spans = [(s.start, s.end) for s in sentences(text)] + [(a, a + 90) for a in range(0, len(text), 61)]
        for lo, hi in spans:
            if any(ac._phrase_re().finditer(text, lo, hi)):
                found += 1
                assert ac._may_hold_phrase(text, lo, hi), text[lo:hi]
    assert found > 20
    assert not ac._may_hold_phrase("The mayor said the bridge was closed.", 0, 37)
    folded = "he said in a \u017ftatement"  # the long s matches "s"
    assert list(ac._phrase_re().finditer(folded)) and ac._may_hold_phrase(folded, 0, len(folded))


def _split_reference(block: str) -> list[tuple[int, int]]:
    """``sentences._split_block`` as it was: one step per character."""
    from data.sentences import _CLOSERS, _OPENERS, _TERMINAL, _is_abbreviation

    spans, start, i, n = [], 0, 0, len(block)
    while i < n:
        ch = block[i]
        if ch in _TERMINAL:
            j = i + 1
            while j < n and (block[j] in _TERMINAL or block[j] in _CLOSERS):
                j += 1
            k = j
            while k < n and block[k] in " \t\r\u00a0":
                k += 1
            if k == j or k >= n:
                i = j
                continue
            nxt = block[k]
            if (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS) and not (
                    ch == "." and j == i + 1 and _is_abbreviation(block, i)):
                spans.append((start, j))
                start = k
            i = j
            continue
        i += 1
    if start < n:
        spans.append((start, n))
    return [(s, e) for s, e in spans if block[s:e].strip()]


def test_sentence_split_jumps_between_marks_like_the_character_loop() -> None:
    from data.sentences import _NEXT_TERMINAL, _split_block, paragraphs

    assert _NEXT_TERMINAL.pattern  # the split looks terminal marks up instead of stepping through every character
    rng = random.Random(5)
    for text in _texts():
        for piece in _pieces(text, rng):
            for para in paragraphs(piece):
                assert _split_block(para.text) == _split_reference(para.text), para.text


def test_names_pattern_skips_to_capitals_with_the_same_matches() -> None:
    import re

    from data.claims.attribution_pronouns import _NAME

    assert _NAME.pattern.startswith("(?=[A-Z])")  # re skips to capitals only with a charset it can read
    plain = re.compile(_NAME.pattern.removeprefix("(?=[A-Z])"))
    for text in _texts():
        assert [m.span() for m in _NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_headline_claimant_is_find_claimants_headline_rule() -> None:
    from data.claims.claimants import find_claimant, headline_claimant
    from data.sentences import sentences

    heads = 0
    texts = _texts() + ["Kremlin: Troops will stay.\nUkraine: North Korean soldiers have entered Kursk.\n"
                        "Police: the road is shut.\nBreaking: Officials said 12 died."]
    for text in texts:
        for s in sentences(text):
            full = find_claimant(s.text, s.start)
            want = full if full is not None and full.pattern == "headline" else None
            assert headline_claimant(s.text, s.start) == want, s.text
            heads += want is not None
    assert heads >= 2


def test_claimant_country_memo_gives_the_pattern_side() -> None:
    from data.claims.claimants import _SIDE_RE, _SIDES, _named_side, claimant_country

    for name in ["the Pentagon", "Ukraine's military intelligence", "police", "", "North Korean troops",
                 "a UN spokesperson", "the mayor of Kursk"]:
        m = _SIDE_RE.search(name)
        assert _named_side(name) == (_SIDES[m.group(1).lower()] if m else None)
        assert claimant_country(name, ["FR"]) == (_SIDES[m.group(1).lower()] if m else "FR")


def test_role_tail_test_never_hides_a_before_pattern() -> None:
    from data.claims import roles

    rng = random.Random(9)
    hits = 0
    for text in _texts():
        for end in sorted(rng.sample(range(len(text)), min(len(text), 120))):
            before = text[max(0, end - 40):end]
            for extra in ("", " ", " the ", " \n"):
                b = before + extra
                if any(p.search(b) for p in (roles._SOURCE_BEFORE, roles._SENT_BY_BEFORE, roles._FROM_BEFORE,
                                             roles._DISTANCE_FROM)):
                    hits += 1
                    assert b.rstrip()[-4:].lower().endswith(roles._BEFORE_ENDS), b
    for b in ("reported by ", "According To THE ", "sent by\n", "5 km from ", "reports out of the  "):
        assert roles._SOURCE_BEFORE.search(b) or roles._SENT_BY_BEFORE.search(b) or roles._FROM_BEFORE.search(b)
        assert b.rstrip()[-4:].lower().endswith(roles._BEFORE_ENDS)
    assert hits > 10


def test_attribute_takes_the_quotations_it_is_given() -> None:
    from data.claims.attribution import attribute
    from data.claims.attribution_quotes import quotes
    from data.sentences import sentences

    for text in _texts()[:12]:
        ss = sentences(text)
        assert attribute(text, ss, quotes(text)) == attribute(text, ss)


def test_time_tail_test_never_hides_a_time_phrase() -> None:
    from data.claims import attribution_clause as ac
    from data.sentences import sentences

    hits = 0
    extra = ["Putin said on Monday, ", "officials said last week ", "in 2023,\n", "late Sunday night", "on ٢٠٢٣ ",
             "this weekend", "on Friday ,", "officials said Monday evening,  "]
    for text in _texts() + extra:
        for s in sentences(text):
            for cut in range(s.start, s.end, 7):
                pre = text[s.start:cut]
                if ac._TIME.search(pre):
                    hits += 1
                    assert ac._time_tail(pre), pre
    for pre in extra:
        assert bool(ac._TIME.search(pre)) <= ac._time_tail(pre)
    assert hits > 20


def test_sentence_events_are_memoised_and_unchanged() -> None:
    from data.claims.cue_tables import mapping
    from data.claims.figure_subject import _events, sentence_events

    text = "Two people were killed in a missile attack and a drone strike on Monday."
    want = frozenset(mapping("event_nouns")[m.group()] for m in _events().finditer(text.lower()))
    assert sentence_events(text) == want and want
    hits = sentence_events.cache_info().hits
    assert sentence_events(text) is sentence_events(text)
    assert sentence_events.cache_info().hits == hits + 2
