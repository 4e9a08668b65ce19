"""``sitmap attribution --jsonl IN``: who says what, one JSON line per article (the attreval contract).

    sitmap attribution --jsonl ../shared/eval/attribution_dev.jsonl > pred.jsonl

IN lines: {"id", "text", ...}. Each output line: {"id", "claims": [{"start", "end", "claimant",
"claimant_start", "claimant_end", "cue_start", "cue_end", "kind"}]}: one claim per attribution found,
its span the sentence (a claim in a multi-sentence quotation repeats its speaker), ``claimant`` the
display text (a pronoun resolved to a name), ``claimant_start``/``claimant_end`` the mention itself.
A malformed line is reported on stderr with its line number and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from cli.jsonl_io import close_input, label_of, open_input, read_jsonl


def register(sub: Any) -> None:
    p = sub.add_parser("attribution", help="who says what: attributions as JSON lines (attreval contract)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jsonl", metavar="IN", required=True, help='JSON lines {"id", "text"} ("-" reads stdin)')
    p.set_defaults(func=run)


def attribution_record(doc_id: object, text: str) -> dict[str, Any]:
    """The prediction line of one article."""
    from data.claims.attribution import attribute
    from data.sentences import sentences

    ss = sentences(text)
    claims = []
    for s, found in zip(ss, attribute(text, ss), strict=True):
        for a in found:
            claims.append({"start": s.start, "end": s.end, "claimant": a.claimant, "claimant_start": a.start,
                           "claimant_end": a.end, "cue_start": a.cue_start, "cue_end": a.cue_end,
                           "kind": a.pattern})
    return {"id": doc_id, "claims": claims}


def run(args: argparse.Namespace, stdin: IO[str] | None = None, out: IO[str] | None = None,
        err: IO[str] | None = None) -> int:
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    try:
        stream = open_input(args.jsonl, stdin)
    except OSError as exc:
        print(f"{args.jsonl}: cannot read: {exc.strerror or exc}", file=err)
        return 1
    failed = False
    try:
        for item in read_jsonl(stream, err, label_of(args.jsonl), require_id=True):
            if item is None:
                failed = True
                continue
            _, rec = item
            out.write(json.dumps(attribution_record(rec["id"], rec["text"]), ensure_ascii=False) + "\n")
    finally:
        close_input(stream, args.jsonl)
    return 1 if failed else 0
