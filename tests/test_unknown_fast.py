"""geo.unknown tries its context patterns only where a match can start: it must find exactly what
running each pattern over the whole text finds (the reference), on real, synthetic and fuzzed text."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from geo import unknown as U

ROOT = Path(__file__).resolve().parent.parent
PIECES = ("the village of Alican", "in the Sarmada district", "Kolotilovka, a village in", "near Jindires",
          "Defne district of Hatay", "the Seym River", "The Don river", "iPhone, a small town near", "McAllen",
          "on the outskirts of Kursk", "in the outskirts of Idlib", "villages of Bar", "Al-Bab", "O'Neill",
          "Guinea\u2019s", "St. Louis", "the", "The", "of", "in", "to", "from", "around", "outside", "Tt", "river",
          "Rivers", "liver", "area", "areas", "border crossing", "oblast", "raion", "province", "region", "city",
          "Sasebo", "New York", "Port-au-Prince", "a", "an", ",", ".", ";", "(", ")", "\"", "-", "\u2019", "'",
          "\u00e9cole", "\u00c9vry", "North", "John", "Monday", "Camp", "Town")
GAPS = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "-", "", ", ")


def _fuzz(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(GAPS) for _ in range(rng.randint(3, 40))) for _ in range(n)]


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_corpus import article, sample_places

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng, places = random.Random(5), sample_places(200, 0)
    texts += [article(rng, i, places, date(2024, 1, 1), 365)["text"] for i in range(40)]
    return texts + _fuzz(3000)


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_each_context_matches_as_the_whole_text_scan():
    found = [0] * len(U._CONTEXTS)
    for text in _texts():
        for i, (pattern, _) in enumerate(U._CONTEXTS):
            want = _spans(pattern.finditer(text))
            assert _spans(U._finditer(i, pattern, text)) == want, (i, text)
            found[i] += len(want)
    assert all(n > 20 for n in found), found  # every context is exercised, not only absent


def test_find_unknown_fast_equals_reference():
    for text in _texts():
        assert U.find_unknown(text, []) == U.find_unknown(text, [], fast=False), text
