"""Throughput of ``extract_timexes`` on the seed articles (characters per second, one core).

    python bench/bench_timex.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from data.timex.extract import extract_timexes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main(rounds: int = 5) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    chars = sum(map(len, texts))
    found = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            found += len(extract_timexes(t, date(2024, 10, 25)))
    dt = time.perf_counter() - t0
    print(f"{rounds * len(texts)} docs, {rounds * chars:,} chars, {found} timexes in {dt:.2f} s: "
          f"{rounds * chars / dt / 1000:.0f} kB/s, {dt / (rounds * len(texts)) * 1000:.1f} ms/doc")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
