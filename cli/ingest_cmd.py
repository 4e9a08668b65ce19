"""``sitmap ingest PATH... [--store DIR] [--workers N | --scheduler tcp://HOST:PORT]``: load articles
into a store (serially, or extracting claims on Dask), with a progress bar on stderr and a per-file report of anything unreadable. Exit status 1 when any file (or any
record in one) could not be read; everything readable is stored either way."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when run: with --workers the worker server starts first (``local_workers``)
    from data.ingest.run import IngestReport
    from data.store.store import Store


def _progress_bar(enabled: bool):
    """A ``progress(done, total, label)`` callable drawing a tqdm bar on stderr."""
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=1, file=sys.stderr, unit="step", dynamic_ncols=True, leave=False)

    def progress(done: int, total: int, label: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_description_str(label[:40])
        bar.refresh()

    return progress, bar.close


def format_report(report: IngestReport, store: Store) -> str:
    """Human-readable summary: problems file by file, then totals; one line per problem, whatever a file's
    name or a reason holds (``one_line`` escapes line breaks and control characters)."""
    from data.ingest.isolate import one_line

    lines: list[str] = []
    for f in report.files:
        if f.error:
            what = "UNREADABLE" if not f.documents else "PARTLY READ"
            lines.append(f"{what} {one_line(f.path)}: {one_line(f.error, 2000)}")
            lines.extend(f"    {one_line(p, 2000)}" for p in f.problems[1:20])
            if len(f.problems) > 20:
                lines.append(f"    ... {len(f.problems) - 20} more")
        for w in f.warnings:
            lines.append(f"warning {one_line(w, 2000)}")
    for note in report.notes:
        lines.append(f"note: {one_line(note, 2000)}")
    if report.stale_documents:
        lines.append(stale_line(report.stale_documents, report.documents_total, store))
    lines.append(
        f"{len(report.files)} file(s), {report.documents_loaded} document(s) read, {report.new_documents} new; "
        f"store {one_line(store.path)} now holds {report.documents_total} document(s) "
        f"({report.undated_documents} undated), {report.claims_total} claim(s), {report.events_total} event row(s); "
        f"{'updated' if report.store_changed else 'unchanged'} in {report.duration_s:.1f} s"
    )
    return "\n".join(lines)


def stale_line(stale: int, total: int, store: Store) -> str:
    """The one line saying how many stored articles an older sitmap extracted, and what to run."""
    from data.ingest.isolate import one_line

    return (f"{stale:,} of {total:,} stored articles were extracted by an older sitmap; "
            f"run `sitmap reextract --store {one_line(str(store.path))}` to update them")


def local_workers(args: argparse.Namespace) -> None:
    """With ``--workers N`` (a cluster started here), fork the workers from one process that loads the
    extraction engine (``cli.workers``) instead of having each load it; that process starts now, so it
    loads while this one imports the store's libraries and reads the files."""
    if args.workers > 0 and not args.scheduler:
        from cli.workers import fork_local_workers

        fork_local_workers()


def _ingest(args: argparse.Namespace) -> int:
    local_workers(args)
    from data.ingest.run import ingest
    from data.store.store import Store, default_store_path

    store = Store(args.store or default_store_path())
    progress, close = _progress_bar(not args.quiet and sys.stderr.isatty() or args.progress)
    try:
        report = ingest(args.paths, store, progress, workers=args.workers, scheduler=args.scheduler)
    finally:
        close()
    if args.json:
        print(json.dumps(asdict(report), indent=1, default=str))
    else:
        text = format_report(report, store)
        *problems, summary = text.split("\n")
        if problems:
            print("\n".join(problems), file=sys.stderr)
        print(summary)
    return exit_now(1 if report.failed else 0)


def exit_now(code: int) -> int:
    """End the ``sitmap`` process here with ``code``, skipping the interpreter's teardown: freeing the
    run's objects one by one (the engine, link features, decoded claims, pandas, DuckDB) took ~1 CPU-s and
    ~1 s after the report was printed, for nothing (the store is committed and synced, the lock released,
    the cluster closed). Only when this process is the command itself (``python -m cli`` or the ``sitmap``
    script); a caller that runs the command in its own process (a test) gets ``code`` back."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    from cli import main as cli_main

    if getattr(spec, "name", None) == "cli.__main__" or getattr(main, "main", None) is cli_main:
        import logging
        import os

        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def add_run_options(p: argparse.ArgumentParser) -> None:
    """The options every command that extracts into a store shares (``ingest``, ``reextract``): where the
    store is, how to report, and where extraction runs."""
    p.add_argument("--store", metavar="DIR", help="store folder (default: $SITMAP_CACHE/stores/default)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--progress", action="store_true", help="progress bar even when stderr is not a terminal")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="extract claims on a local Dask cluster of N worker processes (default: serially)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="extract claims on an existing Dask cluster (workers need sitmap installed)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="load articles (.txt .md .html .json .jsonl .csv, or folders) into a store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are read recursively)")
    add_run_options(p)
    p.set_defaults(func=_ingest)
