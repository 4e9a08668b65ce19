"""Bounded work: time per stage against article size, for single-line articles (the worst case for
sentence splitting), and what happens to an article over the size limit.

    python bench/bench_bounded.py [--sizes 10000,100000,1000000] [--huge-mb 20]

Prints one JSON object per size (sentence splitting, claim extraction, whole ingest into a fresh store,
peak RSS; wall and CPU seconds, CPU being the steadier on a shared machine) and the ratio of the 1 MB time
to the 100 KB time (linear work: about 10). The text is the
development corpora (or the seeds) joined into one line and cut to size, so it reads like news.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from corpora import eval_files, jsonl_texts  # noqa: E402 - bench/ is the script's own folder


def _one_line(size: int) -> str:
    texts = jsonl_texts(eval_files("geowebnews_dev.jsonl", "geovirus.jsonl"))
    joined = " ".join(" ".join(t.split()) for t in texts)
    while len(joined) < size:
        joined = joined + " " + joined
    return joined[:size]


def _rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="article sizes in characters")
    ap.add_argument("--huge-mb", type=float, default=20.0, help="size of the article meant to exceed the limit")
    args = ap.parse_args()
    from data.claims.extract import extract_claims
    from data.ingest.run import ingest
    from data.load.documents import make_document
    from data.load.limits import max_doc_bytes
    from data.sentences import sentences
    from data.store.store import Store
    from geo.geoparse import default_engine

    default_engine()
    extract_claims(make_document("Troops moved to Kharkiv on Monday."))  # warm caches
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            text = _one_line(size)
            t0, c0 = time.perf_counter(), time.process_time()
            n_sent = len(sentences(text))
            t1, c1 = time.perf_counter(), time.process_time()
            n_claims = len(extract_claims(make_document(text)))
            t2, c2 = time.perf_counter(), time.process_time()
            path = Path(tmp) / f"line{size}.txt"
            path.write_text("One line\n\n" + text, encoding="utf-8")
            report = ingest([path], Store(Path(tmp) / f"store{size}"))
            t3, c3 = time.perf_counter(), time.process_time()
            rows[size] = {"chars": size, "sentences": n_sent, "sentences_s": round(t1 - t0, 3), "claims": n_claims,
                          "extract_s": round(t2 - t1, 2), "ingest_s": round(t3 - t2, 2),
                          "sentences_cpu_s": round(c1 - c0, 3), "extract_cpu_s": round(c2 - c1, 2),
                          "ingest_cpu_s": round(c3 - c2, 2),
                          "stored": report.documents_total, "peak_rss_mb": _rss_mb()}
            print(json.dumps(rows[size]), flush=True)
        huge = Path(tmp) / "huge.txt"
        unit = "Officials said troops moved to Kharkiv on Monday. "
        huge.write_text(unit * int(args.huge_mb * 2**20 / len(unit)), encoding="utf-8")
        t0 = time.perf_counter()
        report = ingest([huge], Store(Path(tmp) / "store-huge"))
        limit = max_doc_bytes()
        print(json.dumps({"huge_mb": args.huge_mb, "limit_mb": round(limit / 2**20, 2) if limit else None,
                          "seconds": round(time.perf_counter() - t0, 2), "stored": report.documents_total,
                          "reason": report.files[0].error, "peak_rss_mb": _rss_mb()}), flush=True)
    if 100_000 in rows and 1_000_000 in rows:
        for key in ("sentences_s", "extract_s", "ingest_s", "sentences_cpu_s", "extract_cpu_s", "ingest_cpu_s"):
            small, big = rows[100_000][key], rows[1_000_000][key]
            print(json.dumps({"ratio_1MB_to_100KB": key, "value": round(big / small, 1) if small else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
