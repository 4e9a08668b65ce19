"""The claims stage's word tables (``data/claims/tables/*.csv``), read once.

Cue words live in data files, each with a comment header saying where its entries come from, so
that a new story's vocabulary is added to a table, not to code. Lines starting with "#" are
comments; the first other line is the header.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

TABLES = Path(__file__).resolve().parent / "tables"


@cache
def table(name: str) -> tuple[tuple[str, str], ...]:
    """The (key, value) rows of ``tables/<name>.csv``; a missing file is an error naming it."""
    path = TABLES / f"{name}.csv"
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise RuntimeError(f"{path}: cannot read cue table ({exc})") from exc
    rows = list(csv.reader(lines))[1:]
    return tuple((r[0].strip().lower(), r[1].strip()) for r in rows if len(r) >= 2 and r[0].strip())


@cache
def mapping(name: str) -> dict[str, str]:
    """``table(name)`` as a dict (first row wins for a repeated key)."""
    out: dict[str, str] = {}
    for k, v in table(name):
        out.setdefault(k, v)
    return out


def cue_pattern(cues: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One lower-case pattern for whole-word cues; a trailing "*" matches any word ending."""
    parts = sorted({re.escape(c.rstrip("*")) + (r"\w*" if c.endswith("*") else "") for c in cues},
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
