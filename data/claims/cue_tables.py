"""The claims stage's cue tables (``data/tables/``: figure_*.csv, kind_cues.csv), as pairs and maps.

Cue words live in data files (sources in ``data/tables/PROVENANCE.md``) so that a new story's
vocabulary is added to a table, not to code.
"""

from __future__ import annotations

import re
from functools import cache

from data import tables

_NAMES = {"count_nouns": "figure_count_classes", "status_cues": "figure_status_cues",
          "measure_phrases": "figure_measure_phrases", "event_nouns": "figure_event_nouns", "kind_cues": "kind_cues"}


@cache
def table(name: str) -> tuple[tuple[str, str], ...]:
    """The (first column lower-cased, second column) rows of the table called ``name``."""
    out = []
    for row in tables.rows(_NAMES.get(name, name)):
        key, value = list(row.values())[:2]
        if key.strip():
            out.append((key.strip().lower(), value.strip()))
    return tuple(out)


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
