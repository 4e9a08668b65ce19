"""data.timex.tense: sentence bounds and tenses from one scan per text must be those of
``anchor.sentence_bounds`` and ``anchor.tense_at`` (over ``Tokens`` with 40 characters of context)."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from data.timex.anchor import Tokens, sentence_bounds, tense_at
from data.timex.tense import Boundaries, Sentence

ROOT = Path(__file__).resolve().parent.parent
PIECES = [". ", ".  ", ".\n", ".\n\n", "\n", "! ", "? ", " ", "  ", "\t", ", ", "; ", " — ", "\"", "“", "”", "The",
          "A", "talks", "will", "be", "held", "said", "opened", "reported", "is", "on", "Monday", "to", "plans",
          "Mr.", "U.S.", "No.", "Jan.", "a.m.", "she'll", "that", "and", "but", "next", "week", "12", "2024", "was",
          "being", "expected", "x" * 45, "(", ")", "–", "it's", "Oct.", "St.", "approved", "opens"]


def reference(text: str, start: int, end: int) -> tuple[tuple[int, int], object]:
    lo, hi = bounds = sentence_bounds(text, start, end)
    tokens = Tokens(text, max(0, lo - 40), min(len(text), hi + 40))
    return bounds, tense_at(text, start, end, tokens, bounds)


def fast(text: str, start: int, end: int, found: Boundaries) -> tuple[tuple[int, int], object]:
    bounds = found.bounds(start, end)
    return bounds, Sentence(text, bounds).tense(start, end)


def _spans(text: str, rng: random.Random, n: int) -> list[tuple[int, int]]:
    """Word spans, spans next to sentence ends and anywhere at random."""
    out = []
    words = [i for i in range(len(text)) if text[i].isalnum() and (i == 0 or not text[i - 1].isalnum())]
    for i in rng.sample(words, min(n, len(words))):
        j = i
        while j < len(text) and text[j].isalnum():
            j += 1
        out.append((i, j + rng.choice([0, 0, 1, 6])))
    for _ in range(n):
        a = rng.randrange(len(text) + 1)
        out.append((a, min(len(text), a + rng.randrange(1, 30))))
    return [(a, min(b, len(text))) for a, b in out]


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_corpus import article, sample_places

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng, places = random.Random(11), sample_places(200, 0)
    texts += [article(rng, i, places, date(2024, 1, 1), 365)["text"] for i in range(25)]
    rng = random.Random(5)
    texts += ["".join(rng.choice(PIECES) + rng.choice(["", " "]) for _ in range(rng.randrange(5, 400)))
              for _ in range(60)]
    return texts


def test_bounds_and_tense_agree_with_the_per_expression_scan():
    rng = random.Random(1)
    checked = 0
    for text in _texts():
        found = Boundaries(text)
        for start, end in _spans(text, rng, 40):
            assert fast(text, start, end, found) == reference(text, start, end), (text[max(0, start - 60):end + 60],
                                                                                 start, end)
            checked += 1
    assert checked > 5000


def test_the_fallback_cases_agree():
    # a scan that would start inside a ". " run, an expression right after a sentence end (the bounded scan
    # cannot see the capital it starts with), a sentence end cut at 400 characters
    cases = [("Talks ended.   Monday was calm. " * 30, None), ("It said.\n\nOn Monday, he will go.", "Monday"),
             ("He left. Monday he will return.", "Monday"), ("x" * 398 + ". Monday" + " y" * 400, "Monday"),
             ("It rained on Monday. " + " " * 396 + ". Then it will end", "Monday"),
             ("a" * 380 + ".\n\nNext week the talks resumed.", "Next")]
    inside = "It ended. \n   Then " + "the talks went on " * 30 + "until Monday, when they will end."
    run = inside.index("\n") - 1  # a scan starting here is inside the ". \n   " match and finds its "\n"
    cases.append((inside, (run + 400, run + 406)))
    for text, word in cases:
        found = Boundaries(text)
        if word is None:
            spans = [(i, i + 6) for i in range(0, len(text) - 6, 7)]
        elif isinstance(word, tuple):
            spans = [word]
        else:
            spans = [(text.index(word), text.index(word) + len(word))]
        for start, end in spans:
            assert fast(text, start, end, found) == reference(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=120).map("".join), st.data())
def test_random_texts_agree(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    assert fast(text, start, end, Boundaries(text)) == reference(text, start, end)
