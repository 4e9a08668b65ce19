"""Wire-copy detection: the vectorised pair search finds exactly the pairs its definition names."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from data.link import pairs
from data.link.corroborate import _info
from data.link.pairs import WIRE_JACCARD, _jaccard, _wire_pairs
from data.model import Claim


def _claims(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    common = ["officials", "said", "on", "monday", "that"]
    vocab = [f"w{k}" for k in range(60)]
    out: list[Claim] = []
    for k in range(n):
        if out and rng.random() < 0.4:  # a copy of an earlier sentence, a few words changed or added
            words = out[rng.randrange(len(out))].text.split()
            for _ in range(rng.randrange(4)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            words += [rng.choice(vocab) for _ in range(rng.randrange(3))]
        else:
            words = common + [rng.choice(vocab) for _ in range(rng.randrange(2, 12))]
        text = " ".join(words)
        doc = f"d{rng.randrange(n // 2)}"
        out.append(Claim(f"{doc}:{k}", doc, 0, len(text), text, "2024-03-01", "", "day", date(2024, 3, 1), ""))
    return out


def test_wire_pairs_are_the_cross_document_pairs_over_the_threshold(monkeypatch) -> None:
    monkeypatch.setattr(pairs, "MAX_BLOCK_SHARE", 25)  # the common words are too common to block on
    for seed in range(3):
        claims = _claims(300, seed)
        infos = [_info(c, {}) for c in claims]
        by_shingle: dict[int, list[int]] = defaultdict(list)
        for i, inf in enumerate(infos):
            for s in inf.shingles:
                by_shingle[s].append(i)
        blocked = {(i, j) for m in by_shingle.values() if len(m) <= 25 for a, i in enumerate(m) for j in m[a + 1:]}
        expected = {(i, j) for i, j in blocked if claims[i].doc_id != claims[j].doc_id
                    and _jaccard(infos[i].shingles, infos[j].shingles) >= WIRE_JACCARD}
        assert len(expected) > 20
        assert _wire_pairs(claims, infos) == expected
