"""Speed-ups in the claims stage give what the plain code gave: the short-circuit noise test and
the memoised side look-up, over every sentence of the seed articles."""

from __future__ import annotations

from pathlib import Path

from data.claims import claimants
from data.claims.extract import _CREDIT, _is_noise, _lower_word
from data.sentences import sentences

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _all_sentences() -> list:
    return [s for p in SEEDS for s in sentences(p.read_text(encoding="utf-8"))]


def test_noise_test_stops_early_with_the_same_answer() -> None:
    ss = _all_sentences()
    assert len(ss) > 50
    for s in ss:
        words = s.text.split()
        asks = s.text.endswith("?") and s.text[:1] not in "“\"'‘"
        plain = asks or bool(_CREDIT.match(s.text)) or len(words) < 4 or sum(
            1 for w in words[:60] if _lower_word(w)) < 2
        assert _is_noise(s) == plain, s.text


def test_side_mentions_memoised_equal_the_regex_and_are_not_shared() -> None:
    texts = [s.text for s in _all_sentences()]
    for t in texts + texts:
        found = claimants.side_mentions(t)
        assert found == [(m.start(), m.end(), claimants._SIDES[m.group(1).lower()])
                         for m in claimants._SIDE_RE.finditer(t)]
    some = next(t for t in texts if claimants.side_mentions(t))
    claimants.side_mentions(some).clear()  # a caller's list is its own
    assert claimants.side_mentions(some)
    assert claimants.side_mentions(None) == []  # type: ignore[arg-type]
