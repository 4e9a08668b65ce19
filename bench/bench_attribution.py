"""Throughput of the attribution stage (``data.claims.attribution.attribute``) on real articles.

    python bench/bench_attribution.py [REPEAT]     # default 3 passes over attribution_dev + claims_dev

Uses the development corpora when they are at hand (``bench/corpora.py``), else the seed articles.
The stage needs no gazetteer, so there is no one-off load beyond reading its tables (timed apart).
CPU time is reported beside wall time because the machine is shared.
"""

from __future__ import annotations

import sys
import time

from bench.corpora import eval_files, jsonl_texts
from data.claims.attribution import attribute
from data.sentences import sentences


def main(repeat: int = 3) -> None:
    texts = jsonl_texts(eval_files("attribution_dev.jsonl", "claims_dev.jsonl"))
    w0 = time.perf_counter()
    attribute(texts[0])  # reads the cue tables, compiles the cue pattern
    print(f"one-off load (tables, cue pattern): {time.perf_counter() - w0:.2f} s wall")
    words = sum(len(t.split()) for t in texts) * repeat
    found = 0
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for t in texts:
            found += sum(len(f) for f in attribute(t, sentences(t)))
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    n = len(texts) * repeat
    print(f"attribute: {n} docs, {words:,} words, {found} attributions in {wall:.2f} s wall ({cpu:.2f} s CPU): "
          f"{n / wall:.0f} docs/s, {words / wall:,.0f} words/s wall")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
