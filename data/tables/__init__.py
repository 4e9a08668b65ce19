"""Curated word lists and tables of ``data/`` kept as files (sources in ``PROVENANCE.md``).

Lists that are facts about language or the world (speech verbs, who speaks for which side,
hedges in front of figures) live here rather than inline in the rules, so a reviewer can see,
diff and source them in one place. ``words`` reads a ``.txt`` list, ``rows`` a ``.csv`` table;
both keep file order (some callers build regex alternations whose order matters) and read
each file once.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files

__all__ = ["number", "rows", "words"]


def _read(filename: str) -> str:
    path = files(__package__).joinpath(filename)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"data table missing: data/tables/{filename} (is the package data installed?)") from None


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of ``data/tables/<name>.txt`` in file order: one per line (may hold spaces),
    blank lines and ``#`` comment lines skipped."""
    return tuple(ln.strip() for ln in _lines(_read(f"{name}.txt")))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/tables/<name>.csv`` (header line first, ``#`` comment lines skipped) in file order.

    Raises ``ValueError`` naming the file when a row has more or fewer fields than the header."""
    reader = csv.reader(io.StringIO("\n".join(_lines(_read(f"{name}.csv")))))
    header = next(reader)
    out = []
    for n, row in enumerate(reader, start=2):
        if len(row) != len(header):
            raise ValueError(f"data/tables/{name}.csv: row {n} has {len(row)} fields, the header {len(header)}")
        out.append(dict(zip(header, row, strict=True)))
    return tuple(out)


def number(text: str) -> float:
    """A number of a table as written: "300" stays an int and "0.5" or "2e6" is a float, so values keep
    the form they had inline ("P2D", not "P2.0D"; "low": 300 in the claims JSON)."""
    return int(text) if text.lstrip("-").isdigit() else float(text)
