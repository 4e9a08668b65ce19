"""Benchmark: ingest throughput (serial and Dask), peak RSS, and adding 10 articles to a big store.

Every ingest runs ``sitmap ingest`` in a child process on synthetic articles (``bench/synth_corpus.py``),
timed from outside, with the child's peak RSS from ``wait4`` (the main process; Dask workers are
separate processes and reported apart when ``--workers``). The big store for "add 10" is filled
without extraction (``fill``): documents and claims built directly from the same generator at
real gazetteer places, indexed and committed in batches like ingest's, so its size is cheap to
reach; the 10 added articles then go through the real ingest (extraction, candidate linking, commit).

    python bench/bench_scale.py ingest -n 1000 [--workers 2]   # with --workers: the speed-up and its bound
    python bench/bench_scale.py fill --docs 100000 --store /tmp/big
    python bench/bench_scale.py add10 --store /tmp/big [--articles 500]   # RSS flat in store size?
    python bench/bench_scale.py phases --store /tmp/big   # add 10 in-process to a copy: time per phase
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_DOCS_S, TARGET_SPEEDUP, TARGET_RSS_GB, TARGET_ADD10_S = 150, 1.7, 1.0, 5.0


def _adopt_orphans() -> None:
    """Make this process the reaper of its descendants that outlive their parent (Linux
    ``PR_SET_CHILD_SUBREAPER``): ``sitmap ingest --workers N`` forks its Dask workers from a forkserver it does
    not wait for, so without this their CPU would count nowhere (``run_cli`` reaps and counts them)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _reap_adopted(timeout: float = 60.0) -> float:
    """Wait for the adopted descendants to exit (they do once the CLI that started them has); their CPU seconds."""
    cpu, deadline = 0.0, time.monotonic() + timeout
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return cpu
        if pid:
            cpu += usage.ru_utime + usage.ru_stime
        elif time.monotonic() > deadline:
            return cpu
        else:
            time.sleep(0.05)


def run_cli(args: list[str], env: dict | None = None, whole: bool = False) -> tuple[float, float, str, float]:
    """(seconds, peak RSS in GB of the child, last stdout line (``whole``: all of stdout), CPU seconds of the
    child and of every process it started: Dask workers, also those forked from a server it did not wait for)
    of ``python -m cli ARGS``."""
    _adopt_orphans()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT, stdout=out, stderr=err,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, problems = out.read(), err.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {problems[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime + _reap_adopted()
    return elapsed, usage.ru_maxrss / 1e6, text if whole else (text.strip().splitlines() or [""])[-1], cpu


def cmd_ingest(args: argparse.Namespace) -> None:
    from synth_corpus import generate

    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        files = generate(args.n, work / "corpus", seed=args.seed)
        words = sum(len(line.split()) for f in files for line in f.open(encoding="utf-8")) / args.n
        print(f"{args.n} synthetic articles, ~{words:.0f} words each; {os.cpu_count()} cores")
        modes = [("serial", [])] + ([(f"dask {args.workers} workers", ["--workers", str(args.workers)])]
                                    if args.workers else [])
        rates, cpus, times, last = {}, {}, {}, 0.0
        for label, extra in modes:
            store = work / f"store-{label.split()[0]}"
            load = os.getloadavg()[0]
            secs, rss, text, cpu = run_cli(["ingest", str(work / "corpus"), "--store", str(store), "--quiet",
                                            "--json", *extra], whole=True)
            report = json.loads(text)
            rates[label], cpus[label], times[label] = args.n / secs, cpu, secs
            print(f"{label:>18}: {secs:7.1f} s  {args.n / secs:6.1f} docs/s  ({args.n / cpu:6.1f} docs per CPU-s)  "
                  f"peak RSS {rss:.2f} GB (main process)  load avg {load:.1f}->{os.getloadavg()[0]:.1f}  "
                  f"[target >= {TARGET_DOCS_S} docs/s serial, <= {TARGET_RSS_GB} GB]")
            commits = report.get("commit_seconds") or [0.0]
            print(f"{'':>20}{report['documents_total']} documents, {report['claims_total']} claims, "
                  f"{report['events_total']} event rows; {cpu:.1f} CPU-s in all; linked and committed in "
                  f"{len(commits)} batches, {sum(commits):.1f} s (the last {commits[-1]:.1f} s)")
            if not extra:
                last = commits[-1]
        if len(rates) == 2:
            (s_label, s), (d_label, d) = rates.items()
            print(f"{'speed-up':>18}: {d / s:.2f}x  [target >= {TARGET_SPEEDUP}x]")
            print(bound_line(times[s_label], cpus[s_label], cpus[d_label], last, os.cpu_count() or 1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def speedup_bound(serial_s: float, serial_cpu: float, last_commit_s: float, cores: int) -> float:
    """The most a cluster on ``cores`` cores can speed up a serial ingest of ``serial_s`` seconds and
    ``serial_cpu`` CPU-seconds whose last batch took ``last_commit_s`` to link and commit. Workers extract;
    the ingesting process links and commits each batch after the one before, and the last batch can only be
    linked once it is extracted, when nothing else is left to run: during it ``cores - 1`` cores idle. The
    distributed run does at least the serial run's work, so it lasts at least
    ``(serial_cpu + (cores - 1) * last_commit_s) / cores`` seconds.

    >>> round(speedup_bound(18.8, 20.4, 2.2, 2), 2)
    1.66
    """
    return serial_s / ((serial_cpu + (cores - 1) * last_commit_s) / max(1, cores))


def bound_line(serial_s: float, serial_cpu: float, dask_cpu: float, last_commit_s: float, cores: int) -> str:
    """The speed-up bound (``speedup_bound``) of this run's serial figures, and the distributed run's extra CPU."""
    return (f"{'bound':>18}: at most about {speedup_bound(serial_s, serial_cpu, last_commit_s, cores):.2f}x on {cores} cores "
            f"(serial {serial_s:.1f} s, {serial_cpu:.1f} CPU-s, last batch linked and committed in {last_commit_s:.1f} s "
            f"with the other cores idle); the distributed run took {dask_cpu - serial_cpu:+.1f} CPU-s more than serial")


def cmd_fill(args: argparse.Namespace) -> None:
    """A store of ``--docs`` synthetic documents with ~10 claims each, committed in batches."""
    from synth_corpus import CLAIMANTS, UNITS, article, sample_places

    from data.events import build_events
    from data.ingest.run import cache_key, extractor_fingerprint
    from data.load.documents import make_document
    from data.model import Claim, ClaimPlace, Quantity
    from data.store.store import CachedClaims, Store

    fp = extractor_fingerprint()  # keyed like ingest's, so a later ingest does not re-extract the fill
    store = Store(args.store)
    places = sample_places(1500, args.seed)
    rng = random.Random(args.seed)
    start = date(2024, 1, 1)
    t0 = time.perf_counter()
    have = store.counts()["documents"] if store.generation() else 0
    for k in range(have, args.docs, args.batch):
        docs, cached, linked = {}, {}, []
        for i in range(k, min(args.docs, k + args.batch)):
            rec = article(rng, 10_000_000 + i, places, start, 365)
            pub = date.fromisoformat(rec["published"])
            doc = make_document(rec["text"], title=rec["title"], outlet=rec["source"], url=rec["url"],
                                published=pub, source_path=f"fill#{i}")
            claims = []
            for j in range(10):
                town, _, p = rng.choice(places)
                n = rng.randrange(2, 400) * 50
                day = pub - timedelta(days=rng.randrange(0, 10))
                text = f"{rng.choice(CLAIMANTS)} said about {n:,} {rng.choice(UNITS)} were in {town} on {day}."
                claims.append(Claim(
                    claim_id=f"{doc.id}:{j}", doc_id=doc.id, start=j * 100, end=j * 100 + len(text), text=text,
                    date=day.isoformat(), date_text=str(day), date_precision="day", published=pub,
                    outlet=doc.outlet, claimant=rng.choice(CLAIMANTS), kind=rng.choice(["statement", "count"]),
                    places=(ClaimPlace(p.name, p.id, p.lat, p.lon, p.country_code, p.feature_code, "point",
                                       j * 100, j * 100 + len(town)),),
                    quantities=(Quantity(f"{n:,}", float(n), None, None, rng.choice(UNITS)),),
                    cluster_id=f"c{doc.id}:{j}"))
            docs[doc.id] = doc
            cached[doc.id] = CachedClaims(cache_key(doc, fp), tuple(claims))
            linked += claims
        store.commit(docs, cached, linked=linked, events=build_events(linked, docs), reset=docs, fingerprint=fp)
        done = min(args.docs, k + args.batch)
        if done % (args.batch * 10) == 0 or done == args.docs:
            print(f"{done} documents ({time.perf_counter() - t0:.0f} s, {len(store.segments())} segments)",
                  flush=True)
    print(store.counts())


def cmd_add10(args: argparse.Namespace) -> None:
    from synth_corpus import generate

    from data.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-add10-"))
    try:
        counts = Store(args.store).counts()
        print(f"store {args.store}: {counts['documents']} documents, {counts['claims']} claims; "
              f"{os.cpu_count()} cores")
        for r in range(args.repeat):
            files = generate(args.articles, work / f"new{r}", seed=args.seed,
                             offset=20_000_000 + args.articles * r + (int(time.time()) if args.offset is None
                                                                      else args.offset))
            empty = work / f"empty{r}"
            new = str(files[0].parent)
            e_secs, e_rss, _, e_cpu = run_cli(["ingest", new, "--store", str(empty), "--quiet"])
            secs, rss, line, cpu = run_cli(["ingest", new, "--store", str(args.store), "--quiet"])
            print(f"load avg {os.getloadavg()[0]:.1f}; add {args.articles} articles: to the big store {secs:.1f} s, "
                  f"{cpu:.1f} CPU-s (peak RSS {rss:.2f} GB); to an empty store {e_secs:.1f} s, {e_cpu:.1f} CPU-s "
                  f"(peak RSS {e_rss:.2f} GB)  [target <= {TARGET_ADD10_S} s]")
            print(f"    {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


PHASES = (  # (label, module path suffix, function): cumulative time under cProfile, summed per label
    ("geoparse engine build", "geo/geoparse.py", "build_engine"),  # counted in extraction too
    ("read files, stored keys", "data/ingest/batches.py", "read_batches"),
    ("extract claims", "data/ingest/work.py", "extract_documents"),
    ("candidates (index query)", "data/link/candidates.py", "candidate_ids"),
    ("candidates (index query)", "data/link/candidates.py", "candidate_versions"),
    ("fetch stored claims", "data/store/store.py", "claims_at"),
    ("fetch stored claims", "data/store/store.py", "claims_by_ids"),
    ("fetch stored claims", "data/store/store.py", "claim_texts_at"),
    ("fetch stored documents", "data/store/store.py", "documents_by_ids"),
    ("fetch stored documents", "data/store/store.py", "document_heads"),
    ("  affected of them", "data/link/candidates.py", "affected"),
    ("  affected of them", "data/link/candidates.py", "stored_neighbourhood"),  # decodes as it reads
    ("link", "data/link/candidates.py", "link_batch"),
    ("  pair search", "data/link/pairs.py", "_candidates"),
    ("  pair search", "data/link/pairs.py", "compared"),
    ("events", "data/ingest/isolate.py", "events_isolated"),
    ("commit segment", "data/store/writer.py", "commit"),
    ("  merge segments", "data/store/segments.py", "merge"),
    ("report", "data/ingest/outcome.py", "file_claims"),
    ("counts", "data/store/store.py", "counts"),
)


def cmd_phases(args: argparse.Namespace) -> None:
    """Add 10 articles in this process to a copy of ``--store`` under cProfile; print each phase's time."""
    import cProfile
    import pstats

    from synth_corpus import generate

    import data.link.candidates as cand
    from data.ingest.run import ingest
    from data.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-phases-"))
    try:
        store_dir = work / "store"
        if args.store:
            shutil.copytree(args.store, store_dir)
        files = generate(10, work / "new", seed=args.seed, offset=20_000_000)
        store = Store(store_dir)
        n = store.counts() if store.generation() else {"documents": 0, "claims": 0}
        print(f"store {args.store or '(empty)'}: {n['documents']} documents, {n['claims']} claims; "
              f"{os.cpu_count()} cores, load avg {os.getloadavg()[0]:.1f}")
        sizes = {"candidates": 0, "affected": 0, "linked": 0}
        neighbourhood, link_batch = cand.stored_neighbourhood, cand.link_batch

        def count_kept(new, chunks, documents, heads, candidates, *args, **kwargs):
            old, context = neighbourhood(new, chunks, documents, heads, candidates, *args, **kwargs)
            sizes["candidates"] += len(candidates)
            sizes["affected"] += len(old)
            return old, context

        def count_linked(new, old, *args, **kwargs):  # whatever the signature: a TypeError here would
            sizes["linked"] += len(new) + len(old)  # be caught by ingest and leave the batch unlinked
            return link_batch(new, old, *args, **kwargs)

        cand.stored_neighbourhood, cand.link_batch = count_kept, count_linked
        prof = cProfile.Profile()
        t0, c0 = time.perf_counter(), time.process_time()
        prof.enable()
        report = ingest([files[0]], store)
        prof.disable()
        cand.stored_neighbourhood, cand.link_batch = neighbourhood, link_batch
        if any("linking claims" in str(n) for n in report.notes):
            raise SystemExit(f"linking failed, the figures would be wrong: {report.notes}")
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if args.profile:
            prof.dump_stats(args.profile)
        stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
        phases: dict[str, float] = {}  # a label may name several functions (a phase renamed since)
        for label, path, func in PHASES:
            cum = sum(v[3] for (f, _, name), v in stats.items() if name == func and f.endswith(path))
            phases[label] = phases.get(label, 0.0) + cum
        for label, cum in phases.items():
            print(f"  {label:<26} {cum:7.2f} s")
        print(f"  {'total (wall / CPU)':<26} {wall:7.2f} s / {cpu:.2f} s   [target <= {TARGET_ADD10_S} s]")
        print(f"  {report.new_documents} new documents, {report.claims_extracted} claims extracted, "
              f"{report.claims_total} claims in the store; stored claims: {sizes['candidates']} candidates, "
              f"{sizes['affected']} kept (linking can change them); {sizes['linked']} claims linked")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("-n", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("fill")
    p.add_argument("--docs", type=int, default=100_000)
    p.add_argument("--store", required=True)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_fill)
    p = sub.add_parser("add10")
    p.add_argument("--store", required=True)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--articles", type=int, default=10,
                   help="articles per add (e.g. 500: peak RSS into the big store vs an empty one)")
    p.add_argument("--offset", type=int, default=None,
                   help="article numbers start here (default: from the clock, so repeated runs on one store add new "
                        "articles); the same offset on fresh copies adds the same articles, to compare two trees")
    p.set_defaults(func=cmd_add10)
    p = sub.add_parser("phases")
    p.add_argument("--store", default="", help="store to copy (none: an empty store)")
    p.add_argument("--profile", default="", help="also write the cProfile stats to this file")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_phases)
    args = ap.parse_args(argv)
    args.func(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
