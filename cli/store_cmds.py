"""``sitmap reextract --store DIR [--workers N | --scheduler tcp://HOST:PORT] [--limit N]``: re-extract the
stored documents an older sitmap made claims for, in batches committed one by one (resumable);
``sitmap status [--store DIR]``: what a store holds, and how many of its documents are stale."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from cli.ingest_cmd import _progress_bar, add_run_options, local_workers, stale_line
from data.ingest.isolate import one_line
from data.store.store import Store, default_store_path


def _reextract(args: argparse.Namespace) -> int:
    from data.ingest.reextract import describe, reextract

    store = Store(args.store or default_store_path())
    if not store.generation():
        print(f"sitmap: {store.path}: no store there", file=sys.stderr)
        return 1
    local_workers(args)
    progress, close = _progress_bar(not args.quiet and sys.stderr.isatty() or args.progress)
    try:
        report = reextract(store, progress, workers=args.workers, scheduler=args.scheduler, limit=args.limit)
    finally:
        close()
    if args.json:
        print(json.dumps(asdict(report), indent=1, default=str))
    else:
        for line in (*report.problems, *(f"note: {n}" for n in report.notes)):
            print(f"warning {one_line(line, 2000)}", file=sys.stderr)
        print(describe(report, one_line(str(store.path))))
    return 1 if report.problems else 0


def status(store: Store) -> dict:
    """What ``sitmap status`` prints: counts, segments, the present fingerprint and the stale documents."""
    from data.ingest.run import _fingerprint_if_claims
    from data.ingest.stale import fingerprints

    fp = _fingerprint_if_claims()
    by_fp = fingerprints(store)
    meta = store.meta()
    counts = store.counts() if store.generation() else {"documents": 0, "claims": 0, "events": 0}
    return {"store": str(store.path), "generation": store.generation(), "segments": len(store.segments()),
            **counts, "fingerprint": fp, "last_written": meta.get("written", ""),
            "stale_documents": sum(n for f, n in by_fp.items() if f != fp) if fp else 0,
            "documents_by_fingerprint": {f or "unknown (before per-document fingerprints)": n
                                         for f, n in sorted(by_fp.items())}}


def _status(args: argparse.Namespace) -> int:
    store = Store(args.store or default_store_path())
    info = status(store)
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    if not info["generation"]:
        print(f"{one_line(info['store'])}: empty (no store yet)")
        return 0
    print(f"{one_line(info['store'])}: {info['documents']:,} document(s), {info['claims']:,} claim(s), "
          f"{info['events']:,} event row(s) in {info['segments']} segment(s) ({info['generation']}, "
          f"written {info['last_written']})")
    print(f"extractor fingerprint {info['fingerprint']}; documents by the fingerprint of their claims: "
          + ", ".join(f"{f} {n:,}" for f, n in info["documents_by_fingerprint"].items()))
    print(stale_line(info["stale_documents"], info["documents"], store) if info["stale_documents"]
          else "every stored document's claims were made by this sitmap")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reextract", help="re-extract the stored articles an older sitmap made claims for")
    add_run_options(p)
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N documents this run")
    p.set_defaults(func=_reextract)
    s = sub.add_parser("status", help="describe a store: counts, segments, documents extracted by an older sitmap")
    s.add_argument("--store", metavar="DIR", help="store folder (default: $SITMAP_CACHE/stores/default)")
    s.add_argument("--json", action="store_true", help="print as JSON")
    s.set_defaults(func=_status)
