"""Benchmark: re-extraction after an upgrade (``sitmap reextract``), in this process, serially.

An upgrade is simulated by patching the extractor fingerprint: the code is the same, so every claim
comes out as stored, the case of an upgrade that changes little (only the cache key moves; no relinking).

    python bench/bench_reextract.py noop -n 300              # a fresh store: ingest, then re-extract it all
    python bench/bench_reextract.py noop --store COPY        # a copy of a big store: the documents this
                                                             # tree's code extracted, re-extracted

Prints one JSON line per measure (CPU and wall seconds, commits, whether the store's contents stayed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _timed(fn):  # type: ignore[no-untyped-def]
    t, w = time.process_time(), time.perf_counter()
    out = fn()
    return out, round(time.process_time() - t, 2), round(time.perf_counter() - w, 2)


def noop(n: int, store_dir: str | None) -> None:
    from synth_corpus import generate

    import data.ingest.fingerprint as fingerprint
    import data.ingest.reextract as rx
    import data.ingest.run as run
    from data.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-reextract-"))
    try:
        if store_dir:
            store = Store(store_dir)
            fp = fingerprint.extractor_fingerprint()
            ids = [r[0] for r in store.connect().execute(
                "SELECT doc_id FROM cached WHERE starts_with(key, ?) ORDER BY doc_id", [fp + ":"]).fetchall()]
            rx.stale_ids = lambda s, f, limit=None: ids  # only those: the others an older code extracted
        else:
            generate(n, work / "corpus", seed=3)
            store = Store(work / "store")
            rep, cpu, wall = _timed(lambda: run.ingest([work / "corpus"], store))
            print(json.dumps({"measure": "ingest", "documents": rep.documents_total, "cpu_s": cpu, "wall_s": wall}))
        counts, claims = store.counts(), store.claims() if not store_dir else None
        run.extractor_fingerprint = lambda: "simulated-upgrade"
        rep, cpu, wall = _timed(lambda: rx.reextract(store))
        print(json.dumps({"measure": "reextract after a no-op upgrade", "store_documents": counts["documents"],
                          "reextracted": rep.reextracted, "stale_after": rep.stale_after, "commits": rep.commits,
                          "cpu_s": cpu, "wall_s": wall, "counts_unchanged": store.counts() == counts,
                          **({} if store_dir else {"claims_unchanged": store.claims() == claims})}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    n = sub.add_parser("noop", help="re-extraction after an upgrade that changes no claim")
    n.add_argument("-n", type=int, default=300, help="synthetic articles (without --store)")
    n.add_argument("--store", help="a COPY of a store (it is written to)")
    args = p.parse_args()
    noop(args.n, args.store)


if __name__ == "__main__":
    main()
