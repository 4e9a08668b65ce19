"""Reading ``{"id", "text", ...}`` JSON lines for the evaluation commands (geoparse, timex).

The contract (../shared/eval/README.md): a malformed line is reported on stderr with its line
number and skipped, the rest is still processed, and the command exits non-zero at the end.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any


def open_input(path: str, stdin: IO[str] | None = None) -> IO[str]:
    """``path`` opened as UTF-8 text (undecodable bytes replaced), or stdin for "-"; raises
    OSError. Close it with ``close_input``."""
    if path == "-":
        return stdin or sys.stdin
    return open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - the caller closes it


def close_input(stream: IO[str], path: str) -> None:
    """Close what ``open_input`` opened (never stdin)."""
    if path != "-":
        stream.close()


def label_of(path: str) -> str:
    """How messages name the input."""
    return "<stdin>" if path == "-" else path


def read_jsonl(stream: IO[str], err: IO[str], label: str, *, require_id: bool = False
               ) -> Iterator[tuple[int, dict[str, Any]] | None]:
    """``(line number, record)`` for each JSON object with a string "text" (and an "id" when
    ``require_id``); for any other non-blank line, a report on ``err`` and then None, so the
    caller knows to fail at the end."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
            if require_id and "id" not in rec:
                raise ValueError('no "id"')
            if not isinstance(rec.get("text"), str):
                raise ValueError('no "text" string')
        except (ValueError, RecursionError) as exc:
            print(f"{label}:{n}: malformed line {n} skipped: {exc}", file=err)
            yield None
            continue
        yield n, rec
