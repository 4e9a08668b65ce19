"""Geoparser throughput: docs/s and words/s on >= 1M words, with peak memory.

    python bench/bench_geoparse.py [--min-words 1000000] [--workers 2] [JSONL ...]

Defaults to the development corpora (``bench/corpora.py`` finds them; the seeds when absent), repeated until the corpus has at
least ``--min-words`` words. The engine (gazetteer + automaton) is built once in the parent
and shared with forked workers copy-on-write; build time is reported separately.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from corpora import eval_files, jsonl_texts  # noqa: E402 - bench/ is the script's own folder


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _work(chunk: list[str]) -> tuple[int, float, float]:
    from geo.geoparse import geoparse

    n = 0
    c0 = time.process_time()
    for text in chunk:
        n += len(geoparse(text))
    return n, _rss_mb(), time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--min-words", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    texts = jsonl_texts(args.files or eval_files("geowebnews_dev.jsonl", "geovirus.jsonl"))
    if not texts:
        print("no documents", file=sys.stderr)
        return 1
    words_once = sum(len(t.split()) for t in texts)
    reps = max(1, -(-args.min_words // words_once))
    corpus = texts * reps
    words = words_once * reps
    t0 = time.perf_counter()
    from geo.geoparse import default_engine, geoparse

    default_engine()
    for t in texts[:20]:  # warm the caches a little, as a long-running process would be
        geoparse(t)
    build = time.perf_counter() - t0
    parent_rss = _rss_mb()
    chunks = [corpus[i:i + 50] for i in range(0, len(corpus), 50)]
    t1 = time.perf_counter()
    if args.workers > 1:
        with mp.get_context("fork").Pool(args.workers) as pool:
            results = pool.map(_work, chunks, chunksize=1)
    else:
        results = [_work(c) for c in chunks]
    dt = time.perf_counter() - t1
    mentions = sum(r[0] for r in results)
    worker_rss = max(r[1] for r in results)
    cpu = sum(r[2] for r in results)
    print(json.dumps({
        "documents": len(corpus), "words": words, "workers": args.workers, "seconds": round(dt, 2),
        "docs_per_s": round(len(corpus) / dt, 1), "words_per_s": round(words / dt),
        "cpu_seconds": round(cpu, 2), "words_per_cpu_s": round(words / cpu),
        "words_per_s_if_cores_idle": round(words / cpu * args.workers), "mentions": mentions, "engine_build_s": round(build, 2), "parent_rss_mb": round(parent_rss),
        "max_worker_rss_mb": round(worker_rss),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
