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


def _records_from_jsonl(fh: TextIO, errors: list[str], label: str) -> Iterator[tuple[str, str]]:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            text = rec.get("text")
            if not isinstance(text, str):
                raise ValueError('no "text" string')
            doc_id = str(rec.get("id", n))
        except (ValueError, TypeError) as exc:
            errors.append(f"{label}:{n}: skipped malformed line: {exc}")
            print(errors[-1], file=sys.stderr)
            continue
        yield doc_id, text


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
                  f"{m['confidence']:.2f}\n    chosen: {m['why']}\n")
        for c in m["candidates"]:
            out.write(f"    also {c['score']:.3f} {c['name']} ({c['country_code']} {c['feature_code']} {c['id']})"
                      f": {c['why']}\n")


def _run(args: argparse.Namespace) -> int:
    errors: list[str] = []
    if args.jsonl:
        fh = sys.stdin if args.jsonl == "-" else None
        try:
            if fh is None:
                fh = open(args.jsonl, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            print(f"{args.jsonl}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return 1
        records = _records_from_jsonl(fh, errors, args.jsonl)
    elif args.files:
        records = _records_from_files(args.files, errors)
    else:
        print("sitmap geoparse: give FILE... or --jsonl IN (- for stdin)", file=sys.stderr)
        return 2
    out = sys.stdout
    for doc_id, text in records:
        rec = _output(doc_id, text, args.explain)
        if args.explain and not args.json_explain:
            _print_explain(rec, out)
        else:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if errors else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geoparse", help="find and resolve the places articles mention (JSON lines)")
    p.add_argument("files", nargs="*", metavar="FILE", help="text files, one output line each")
    p.add_argument("--jsonl", metavar="IN", help='JSON lines {"id", "text"} ("-" reads stdin)')
    p.add_argument("--explain", action="store_true",
                   help="print, per mention, the candidates considered with their scores")
    p.add_argument("--json-explain", action="store_true",
                   help="with --explain: keep JSON lines output and add an 'explain' field")
    p.set_defaults(func=_run)
