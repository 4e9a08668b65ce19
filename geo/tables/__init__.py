"""Every curated list and table the geoparser and the gazetteer build read, as data files (provenance:
PROVENANCE.md in this folder), and the one loader for them.

Formats: ``NAME.txt`` is words separated by blanks (``#`` starts a comment line); ``NAME.csv`` is rows of
a CSV file without a header (``#`` lines are comments); ``NAME.json`` is JSON. A malformed file raises
``ValueError`` naming it.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The file of table ``name`` ("titles.txt", "aliases.csv")."""
    p = HERE / name
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such table")
    return p


@cache
def words(name: str) -> frozenset[str]:
    """The words of ``NAME.txt``."""
    out: list[str] = []
    for line in path(f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            out += line.split()
    return frozenset(out)


def rows(name: str, width: int = 1, file: Path | None = None) -> list[list[str]]:
    """The rows of ``NAME.csv`` (or of ``file``), each with at least ``width`` fields, comments skipped."""
    p = file or path(f"{name}.csv")
    out = []
    with open(p, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < width:
                raise ValueError(f"{p}: malformed row {row!r} (wants {width} fields)")
            out.append(row)
    return out


def mapping(name: str) -> dict[str, str]:
    """``NAME.csv`` as key -> value (first two fields), in file order."""
    return {r[0]: r[1] for r in rows(name, 2)}


def load_json(name: str) -> Any:
    """``NAME.json``, parsed."""
    p = path(f"{name}.json")
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{p}: {exc}") from exc
