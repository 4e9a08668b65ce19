"""``sitmap geoparse``: places and nationalities in articles, as JSON lines.

``sitmap geoparse FILE...`` writes one line per file; ``sitmap geoparse --jsonl IN``
reads ``{"id", "text"}`` lines (``-`` for stdin) and writes one line per input line, in
order (contract: ../shared/eval/README.md). A malformed line is reported on stderr with
its number and skipped; the rest is still processed and the exit status is 1 at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from cli.jsonl_io import close_input, label_of, open_input, read_jsonl


def _records_from_jsonl(fh: TextIO, errors: list[str], label: str) -> Iterator[tuple[str, str]]:
    for item in read_jsonl(fh, sys.stderr, label):
        if item is None:
            errors.append(label)
            continue
        n, rec = item
        yield str(rec.get("id", n)), rec["text"]


def _records_from_files(paths: list[str], errors: list[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            print(errors[-1], file=sys.stderr)
            continue
        yield path, raw.decode("utf-8", errors="replace")


def _output(doc_id: str, text: str, explain: bool) -> dict[str, Any]:
    from geo.geoparse import explain as explain_fn
    from geo.geoparse import geoparse, to_json

    res = geoparse(text, doc_id)
    out: dict[str, Any] = {"id": doc_id, "toponyms": [to_json(r) for r in res]}
    if explain:
        out["explain"] = explain_fn(res)
    return out


def _print_explain(rec: dict[str, Any], out: TextIO) -> None:
    out.write(f"# {rec['id']}\n")
    for m in rec["explain"]:
        met = " (metonymic)" if m["metonymic"] else ""
        w = m["winner"]
        won = f"{w['name']} ({w['country_code']} {w['feature_code']} {w['id']})" if w else "unresolved"
        out.write(f"{m['start']}-{m['end']} {m['text']!r} [{m['kind']}]{met} -> {won}, confidence "
                  f"{m['confidence']:.2f}\n    passes: kept by {m['kept_by']}; place chosen by {m['chosen_by']}\n"
                  f"    chosen: {m['why']}\n")
        for c in m["candidates"]:
            out.write(f"    also {c['score']:.3f} {c['name']} ({c['country_code']} {c['feature_code']} {c['id']})"
                      f": {c['why']}\n")


def _run(args: argparse.Namespace) -> int:
    errors: list[str] = []
    if not args.jsonl and not args.files:
        print("sitmap geoparse: give FILE... or --jsonl IN (- for stdin)", file=sys.stderr)
        return 2
    if not args.jsonl:
        _write(_records_from_files(args.files, errors), args, sys.stdout)
        return 1 if errors else 0
    try:
        fh = open_input(args.jsonl)
    except OSError as exc:
        print(f"{args.jsonl}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        _write(_records_from_jsonl(fh, errors, label_of(args.jsonl)), args, sys.stdout)
    finally:
        close_input(fh, args.jsonl)
    return 1 if errors else 0


def _write(records: Iterator[tuple[str, str]], args: argparse.Namespace, out: TextIO) -> None:
    for doc_id, text in records:
        rec = _output(doc_id, text, args.explain)
        if args.explain and not args.json_explain:
            _print_explain(rec, out)
        else:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out.flush()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geoparse", help="find and resolve the places articles mention (JSON lines)")
    p.add_argument("files", nargs="*", metavar="FILE", help="text files, one output line each")
    p.add_argument("--jsonl", metavar="IN", help='JSON lines {"id", "text"} ("-" reads stdin)')
    p.add_argument("--explain", action="store_true",
                   help="print, per mention, the candidates considered with their scores")
    p.add_argument("--json-explain", action="store_true",
                   help="with --explain: keep JSON lines output and add an 'explain' field")
    p.set_defaults(func=_run)
