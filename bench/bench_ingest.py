"""Benchmark ingest: loading speed, a first ingest, an idempotent re-ingest and an
incremental one-file add, on a synthetic corpus built from the seeds.

    python bench/bench_ingest.py [--docs 200] [--no-claims]

Each synthetic document is a seed article with a numbered sentence appended (so every
document has its own id). Prints one line per stage with documents per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import data.ingest.run as ingest_mod  # noqa: E402
from data.load.paths import load_path  # noqa: E402
from data.store.store import Store  # noqa: E402


def _corpus(folder: Path, n: int) -> list[Path]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for i in range(n):
            rec = {"id": f"b{i}", "title": f"Bench {i}", "source": f"Outlet {i % 7}", "published": "2024-10-24",
                   "text": texts[i % len(texts)] + f"\n\nBench paragraph number {i}."}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    extra = folder / "extra.txt"
    extra.write_text(texts[0] + "\n\nOne more article added later.", encoding="utf-8")
    return [feed, extra]


def _line(stage: str, seconds: float, docs: int) -> None:
    rate = docs / seconds if seconds > 0 else float("inf")
    print(f"{stage:<28} {seconds:8.2f} s  {docs:6d} docs  {rate:9.1f} docs/s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--no-claims", action="store_true", help="store documents only (skip claim extraction)")
    args = ap.parse_args()
    if args.no_claims:
        ingest_mod._claims_functions = lambda: (None, None, ["claims skipped (--no-claims)"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed, extra = _corpus(folder, args.docs)
        t = time.perf_counter()
        n = len(load_path(feed).documents)
        _line("load jsonl", time.perf_counter() - t, n)
        store = Store(folder / "store")
        t = time.perf_counter()
        rep = ingest_mod.ingest([feed], store)
        _line("first ingest", time.perf_counter() - t, rep.documents_loaded)
        print(f"  -> {rep.claims_total} claims, {rep.events_total} event rows; {' '.join(rep.notes)}")
        t = time.perf_counter()
        rep = ingest_mod.ingest([feed], store)
        _line("re-ingest (unchanged)", time.perf_counter() - t, rep.documents_loaded)
        assert not rep.store_changed, "re-ingest changed the store"
        t = time.perf_counter()
        rep = ingest_mod.ingest([extra], store)
        _line("add one file", time.perf_counter() - t, rep.documents_loaded)
        print(f"  -> store now {rep.documents_total} docs, {rep.events_total} event rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
