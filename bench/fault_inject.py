"""Fault injection: poisoned articles must cost only themselves, and a killed ingest must never damage
the store.

    python bench/fault_inject.py [--kills 20] [--seed 1] [--max-doc-mb 0.5]

1. Ingests the hostile corpus (``bench/hostile_corpus.py``: one poisoned article of each kind among
   ordinary ones) and prints how many articles with text survived and how many unreadable files were
   reported.
2. ``--kills`` times: starts ``sitmap ingest`` of that corpus (plus a batch of ordinary articles) in a
   subprocess, SIGKILLs it at a random moment of its run, then checks that the store opens, that its
   events table follows the schema and only points at stored documents, and that re-running the ingest
   completes with every article stored once (no duplicates). Prints one line per kill and a total.
Exit status 1 when any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from hostile_corpus import write_hostile_corpus  # noqa: E402 - bench/ is the script's own folder


def _markers(store) -> list[str]:
    return [m for d in store.documents().values() for m in re.findall(r"KEEP\d\d", d.text)]


def _check(store_dir: Path, expected: set[str] | None) -> str | None:
    """None when the store is sound (and, with ``expected``, holds exactly those markers once each)."""
    from data.events import validate_events
    from data.store.store import Store

    try:
        store = Store(store_dir)
        docs = store.documents()
        events = store.events()
        validate_events(events)
    except Exception as exc:  # noqa: BLE001 - any failure to open is what this script looks for
        return f"store does not open: {type(exc).__name__}: {exc}"
    orphans = set(events["doc_id"]) - set(docs)
    if orphans:
        return f"{len(orphans)} event rows point at documents not stored"
    if expected is not None:
        found = _markers(store)
        if len(found) != len(set(found)):
            return "duplicate articles after re-run"
        if set(found) != expected:
            return f"missing after re-run: {sorted(expected - set(found))}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--good", type=int, default=40, help="ordinary articles beside the poisoned ones")
    ap.add_argument("--max-doc-mb", type=float, default=0.5, help="SITMAP_MAX_DOC_MB for the run")
    args = ap.parse_args()
    os.environ["SITMAP_MAX_DOC_MB"] = str(args.max_doc_mb)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    from data.ingest.run import ingest
    from data.store.store import Store

    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_hostile_corpus(Path(tmp) / "corpus", good=args.good,
                                      huge_bytes=int(args.max_doc_mb * 2**20) + 100_000)
        t0 = time.perf_counter()
        report = ingest([corpus.folder], Store(Path(tmp) / "once"))
        took = time.perf_counter() - t0
        stored = set(_markers(Store(Path(tmp) / "once")))
        reported = {Path(f.path).name for f in report.failed if not f.documents}
        print(json.dumps({"articles_with_text": len(corpus.keep), "stored": len(stored & set(corpus.keep)),
                          "unreadable_files": len(corpus.unreadable),
                          "reported": len(reported & set(corpus.unreadable)), "ingest_s": round(took, 2)}),
              flush=True)
        failures += len(stored) != len(corpus.keep) or reported != set(corpus.unreadable)
        cmd = [sys.executable, "-m", "cli", "ingest", str(corpus.folder), "--quiet", "--store"]
        t0 = time.perf_counter()  # how long a whole ingest takes in a fresh process: kills land inside it
        subprocess.run([*cmd, str(Path(tmp) / "timing")], cwd=ROOT, capture_output=True)
        whole = time.perf_counter() - t0
        for i in range(args.kills):
            store_dir = Path(tmp) / f"kill{i}"
            if i % 2:  # half the rounds kill an ingest that adds to an existing store
                subprocess.run([*cmd[:4], str(corpus.folder / "good0.txt"), "--quiet", "--store", str(store_dir)],
                               check=True, capture_output=True, cwd=ROOT)
            proc = subprocess.Popen([*cmd, str(store_dir)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            delay = rng.uniform(0.2, 0.95 * whole)
            time.sleep(delay)
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            after_kill = _check(store_dir, None)
            rerun = subprocess.run([*cmd, str(store_dir)], cwd=ROOT, capture_output=True, text=True)
            after_rerun = _check(store_dir, set(corpus.keep)) if rerun.returncode in (0, 1) else \
                f"re-run failed: {rerun.stderr[-300:]}"
            ok = after_kill is None and after_rerun is None
            failures += not ok
            print(json.dumps({"kill": i + 1, "at_s": round(delay, 2), "killed": killed, "ok": ok,
                              "after_kill": after_kill, "after_rerun": after_rerun}), flush=True)
    print(json.dumps({"kills": args.kills, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
