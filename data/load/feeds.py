"""Feeds with one article per record: .json, .jsonl and .csv.

Each record is read on its own, so a broken line or row costs that record only; the
rest of the file still loads and the broken one is reported with its line or row number.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from data.load.base import TEXT_KEYS, LoadError, LoadResult, record_to_document
from data.load.html import html_to_text
from data.model import Document

_LIST_KEYS = ("articles", "items", "documents", "docs", "records", "data", "entries", "results")
_MAX_FIELD = 64 * 1024 * 1024
_TOO_DEEP = "JSON nested too deeply to read (hundreds of levels of [ or {); not an article feed"


def _collect(path: str, records: Iterable[tuple[str, object]], encoding: str,
             errors: list[LoadError]) -> LoadResult:
    docs: list[Document] = []
    warnings: list[LoadError] = []
    for where, rec in records:
        if not isinstance(rec, Mapping):
            errors.append(LoadError(path, f"not an object but {type(rec).__name__}", where))
            continue
        try:
            doc, warn = record_to_document(rec, path, where, html_to_text=html_to_text)
        except ValueError as exc:
            errors.append(LoadError(path, str(exc), where))
            continue
        docs.append(doc)
        warnings.extend(warn)
    if not docs and not errors:
        errors.append(LoadError(path, "no records in the file"))
    return LoadResult(path, tuple(docs), tuple(errors), tuple(warnings), encoding)


def load_jsonl(text: str, path: str, encoding: str = "") -> LoadResult:
    """One JSON object per line; blank lines are skipped, invalid lines are reported.

    Lines end at ``\n`` only (``\r\n`` too): ``str.splitlines`` would also split at U+0085 or U+2028
    inside a JSON string and reject a valid record."""
    errors: list[LoadError] = []

    def records() -> Iterable[tuple[str, object]]:
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                yield f"line {n}", json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(LoadError(path, f"invalid JSON ({exc.msg}, column {exc.colno})", f"line {n}"))
            except RecursionError:
                errors.append(LoadError(path, _TOO_DEEP, f"line {n}"))

    return _collect(path, records(), encoding, errors)


def load_json(text: str, path: str, encoding: str = "") -> LoadResult:
    """A JSON array of records, an object holding one (``{"articles": [...]}``), or a single
    record. A .json file that is really JSON Lines is read as such."""
    try:
        data = json.loads(text)
    except RecursionError:
        return LoadResult(path, errors=(LoadError(path, _TOO_DEEP),), encoding=encoding)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{"):
            return load_jsonl(text, path, encoding)
        return LoadResult(path, errors=(LoadError(path, f"invalid JSON ({exc.msg}, line {exc.lineno})"),),
                          encoding=encoding)
    if isinstance(data, Mapping):
        lowered = {str(k).lower(): v for k, v in data.items()}
        inner = next((lowered[k] for k in _LIST_KEYS if isinstance(lowered.get(k), list)), None)
        if inner is not None:
            data = inner
        elif any(k in lowered for k in TEXT_KEYS):
            data = [data]
        else:
            return LoadResult(path, errors=(LoadError(
                path, f"no records: expected a list, a text field, or one of {', '.join(_LIST_KEYS[:4])}"),),
                encoding=encoding)
    if not isinstance(data, list):
        return LoadResult(path, errors=(LoadError(path, f"expected a list of records, got {type(data).__name__}"),),
                          encoding=encoding)
    return _collect(path, ((f"record {i}", rec) for i, rec in enumerate(data, start=1)), encoding, [])


def _delimiter(text: str, path: str) -> str:
    """Tab for .tsv; else whichever of , ; tab | the header line uses most (csv.Sniffer
    guesses wrong on quoted multi-line fields)."""
    if path.lower().endswith(".tsv"):
        return "\t"
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t", "|"), key=header.count)


def load_csv(text: str, path: str, encoding: str = "") -> LoadResult:
    """A table with a header row; one article per row. A table without a text column is
    reported as a whole (there is nothing to read); a bad row costs only that row."""
    if csv.field_size_limit() < _MAX_FIELD:
        csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, path))
    try:
        header = next(reader)
    except StopIteration:
        return LoadResult(path, errors=(LoadError(path, "empty table"),), encoding=encoding)
    except csv.Error as exc:
        return LoadResult(path, errors=(LoadError(path, f"unreadable CSV header: {exc}"),), encoding=encoding)
    names = [h.strip().lstrip("\ufeff") for h in header]
    if not any(n.lower() in TEXT_KEYS for n in names):
        return LoadResult(path, errors=(LoadError(
            path, f"no text column (expected one of: {', '.join(TEXT_KEYS[:4])}; found: {', '.join(names)[:200]})"),),
            encoding=encoding)
    errors: list[LoadError] = []

    def records() -> Iterable[tuple[str, object]]:
        row_no = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row_no += 1
                errors.append(LoadError(path, f"unreadable row: {exc}", f"line {reader.line_num}"))
                if len(errors) > 1000:
                    errors.append(LoadError(path, "too many unreadable rows; stopped reading"))
                    return
                continue
            row_no += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                errors.append(LoadError(path, f"{len(row)} fields where the header has {len(names)}",
                                        f"line {reader.line_num}"))
                continue
            yield f"line {reader.line_num}", dict(zip(names, row, strict=True))

    return _collect(path, records(), encoding, errors)
