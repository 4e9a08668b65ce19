"""``sitmap timex``: temporal expressions as JSON lines (the contract in ../shared/eval/README.md).

    sitmap timex --jsonl IN.jsonl > pred.jsonl        # IN lines: {"id", "text", "published"? or "dct"?}
    sitmap timex FILE... [--published YYYY-MM-DD]     # plain text files; id = the path

Without --published, a plain file's anchor is inferred from its text (dateline, latest full
date: ``data.load.pubdate``) and written out as "published"/"published_how"; the JSONL output
keeps exactly the scorer's fields.

A malformed input line is reported on stderr with its line number and skipped; the rest
is still processed and the exit status is 1 at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from cli.jsonl_io import close_input, label_of, open_input, read_jsonl
from data.model import TimeEx

_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def register(sub: Any) -> None:
    p = sub.add_parser("timex", help="find and normalise temporal expressions (TimeML values)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="plain text files ('-' reads stdin)")
    p.add_argument("--jsonl", metavar="IN", help="JSON lines {id, text, published?}; '-' reads stdin")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="anchor date for FILE arguments")
    p.set_defaults(func=run)


def parse_day(value: object) -> date:
    """A publication date from "2024-10-25" or "2024-10-25T08:00:00Z"; ValueError otherwise."""
    if not isinstance(value, str) or not _ISO_DAY.match(value.strip()):
        raise ValueError(f"published must be YYYY-MM-DD, got {value!r}")
    return date.fromisoformat(value.strip()[:10])


def timex_record(doc_id: object, timexes: Iterable[TimeEx]) -> dict[str, Any]:
    return {"id": doc_id, "timexes": [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in timexes
    ]}


def iter_jsonl(stream: IO[str], err: IO[str], label: str = "<stdin>"
               ) -> Iterator[tuple[object, str, date | None] | None]:
    """(id, text, anchor) per good line; None after reporting a bad one on ``err``.

    A line whose only fault is its "published" date is reported (None) and then still
    processed without an anchor: its absolute dates are worth having."""
    for item in read_jsonl(stream, err, label, require_id=True):
        if item is None:
            yield None
            continue
        n, rec = item
        anchor = None
        published = rec.get("published", rec.get("dct"))  # gold files name it "dct" (TimeML)
        if published not in (None, ""):
            try:
                anchor = parse_day(published)
            except ValueError as exc:
                print(f"{label}:{n}: line {n}: {exc}; relative dates left unresolved", file=err)
                yield None
        yield rec["id"], rec["text"], anchor


def run(args: argparse.Namespace, stdin: IO[str] | None = None, out: IO[str] | None = None,
        err: IO[str] | None = None) -> int:
    from data.timex.extract import extract_timexes

    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    if not args.jsonl and not args.files:
        print("sitmap timex: give --jsonl IN or FILE arguments", file=err)
        return 2
    failed = False
    if args.jsonl:
        try:
            stream = open_input(args.jsonl, stdin)
        except OSError as exc:
            print(f"{args.jsonl}: cannot read: {exc.strerror or exc}", file=err)
            return 1
        try:
            for item in iter_jsonl(stream, err, label_of(args.jsonl)):
                if item is None:
                    failed = True
                    continue
                doc_id, text, anchor = item
                out.write(json.dumps(timex_record(doc_id, extract_timexes(text, anchor)), ensure_ascii=False) + "\n")
        finally:
            close_input(stream, args.jsonl)
    anchor = None
    if args.published:
        try:
            anchor = parse_day(args.published)
        except ValueError as exc:
            print(f"sitmap timex: {exc}", file=err)
            return 2
    for name in args.files:
        try:
            text = stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror or exc}", file=err)
            failed = True
            continue
        doc_anchor, how = (anchor, "argument") if anchor else _infer_anchor(text)
        rec = timex_record(name, extract_timexes(text, doc_anchor))
        rec.update(published=doc_anchor.isoformat() if doc_anchor else None, published_how=how)
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _infer_anchor(text: str) -> tuple[date | None, str]:
    """The loaders' publication-date inference, when that module is present."""
    try:
        from data.load.pubdate import infer_published
    except ImportError:
        return None, ""
    try:
        return infer_published(text)
    except Exception:  # another stage's heuristics must not cost us the file
        return None, ""
