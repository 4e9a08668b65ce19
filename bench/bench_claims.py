"""Throughput of ``extract_claims`` (geoparse + timex + claims) on the seed articles, repeated.

    python bench/bench_claims.py [DOCS]      # default 200 documents (the 5 seeds cycled)

The one-off cost of opening the gazetteer and building the name automaton is timed and
printed separately (the first document pays it); the throughput figures exclude it. CPU time
is reported beside wall time because the machine is shared.
"""

from __future__ import annotations

import sys
import time
from itertools import cycle, islice
from pathlib import Path

from data.claims.extract import extract_claims
from data.link.corroborate import link_claims
from data.load.paths import load_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main(n_docs: int = 200) -> None:
    docs = load_path(SEEDS).documents
    if not docs:
        raise SystemExit(f"no documents under {SEEDS}")
    w0, c0 = time.perf_counter(), time.process_time()
    extract_claims(docs[0])  # opens the gazetteer and builds the automaton
    print(f"one-off load (gazetteer, automaton, first document): {time.perf_counter() - w0:.2f} s wall, "
          f"{time.process_time() - c0:.2f} s CPU")
    batch = list(islice(cycle(docs), n_docs))
    words = sum(len(d.text.split()) for d in batch)
    claims = []
    w0, c0 = time.perf_counter(), time.process_time()
    for d in batch:
        claims.extend(extract_claims(d))
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"extract_claims: {len(batch)} docs, {words:,} words, {len(claims)} claims in {wall:.2f} s wall "
          f"({cpu:.2f} s CPU): {len(batch) / wall:.0f} docs/s, {words / wall:,.0f} words/s wall; "
          f"{len(batch) / cpu:.0f} docs/s, {words / cpu:,.0f} words/s CPU; {cpu / len(batch) * 1000:.1f} ms/doc CPU")
    one_round = [c for d in docs for c in extract_claims(d)]
    w0, c0 = time.perf_counter(), time.process_time()
    link_claims(one_round, {d.id: d for d in docs})
    print(f"link_claims: {len(one_round)} claims of {len(docs)} docs in {(time.perf_counter() - w0) * 1000:.0f} ms "
          f"wall ({(time.process_time() - c0) * 1000:.0f} ms CPU)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
