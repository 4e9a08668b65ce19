"""The benchmark corpus generator: deterministic by seed, and varied enough that unrelated
articles do not read alike (a corpus of a few repeated sentences makes linking build giant
clusters no real news gives, and the ingest benchmark then measures that)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from synth_corpus import generate  # noqa: E402


def _sentences(files: list[Path]) -> list[str]:
    out = []
    for f in files:
        for line in f.open(encoding="utf-8"):
            out += [s for s in re.split(r"(?<=\.)\s+", json.loads(line)["text"]) if s]
    return out


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    a = generate(20, tmp_path / "a", seed=3, per_file=8)
    b = generate(20, tmp_path / "b", seed=3, per_file=8)
    c = generate(20, tmp_path / "c", seed=4, per_file=8)
    assert [f.read_bytes() for f in a] == [f.read_bytes() for f in b]
    assert [f.read_bytes() for f in a] != [f.read_bytes() for f in c]
    assert sum(1 for f in a for _ in f.open()) == 20


def test_articles_are_about_500_words_and_rarely_repeat_a_sentence(tmp_path):
    files = generate(40, tmp_path, seed=0)
    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8")]
    assert all(450 <= len(t.split()) <= 560 for t in texts)
    sentences = _sentences(files)
    assert len(set(sentences)) / len(sentences) > 0.6
