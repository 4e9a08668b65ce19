"""Reading files into ``Document`` values: one entry point for every format.

``load_path`` never raises for one bad file: whatever cannot be read is returned as a
``LoadError`` with the file name and a reason, and everything else in the file still loads.
Formats: .txt (with ``manifest.csv`` beside it), .md (YAML front matter), .html, .json,
.jsonl, .csv/.tsv. Unknown extensions are sniffed from the content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from data.load.base import LoadError, LoadResult
from data.load.decode import DecodeError, decode_bytes
from data.load.feeds import load_csv, load_json, load_jsonl
from data.load.html import load_html
from data.load.limits import oversize_reason
from data.load.text import MANIFEST_NAME, ManifestEntry, load_md, load_txt, read_manifest

__all__ = ["FORMATS", "LoadError", "LoadResult", "iter_files", "load_bytes", "load_path", "sniff_format"]

FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}
MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused with a reason rather than read into memory."""


def sniff_format(name: str, text: str) -> str:
    """The format of a file: from its extension, else from how its text starts."""
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip()[:2000]
    low = head.lower()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") and "\n" in head.strip() else "json"
    if low.startswith(("<!doctype html", "<html")) or ("<p>" in low and "</p>" in low):
        return "html"
    if head.startswith("---\n"):
        return "md"
    return "txt"


def load_bytes(name: str, data: bytes, manifest: ManifestEntry | None = None) -> LoadResult:
    """Documents from the bytes of one file (an upload, or a file already read).

    ``name`` gives the format by its extension (anything else is sniffed, so pasted text
    named "pasted" loads as plain text) and is used as the documents' ``source_path``.
    """
    if not data.strip():
        return LoadResult(name, errors=(LoadError(name, "empty file"),))
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return LoadResult(name, errors=(LoadError(name, str(exc)),))
    fmt = sniff_format(name, text)
    too_big = oversize_reason(text) if fmt in ("txt", "md") else None  # one article: refuse before any work
    if too_big:
        return LoadResult(name, errors=(LoadError(name, too_big),), encoding=encoding)
    try:
        if fmt == "txt":
            return load_txt(text, name, encoding, manifest)
        if fmt == "md":
            return load_md(text, name, encoding)
        if fmt == "html":
            return load_html(text, name, encoding)
        if fmt == "json":
            return load_json(text, name, encoding)
        if fmt == "jsonl":
            return load_jsonl(text, name, encoding)
        return load_csv(text, name, encoding)
    except Exception as exc:  # noqa: BLE001 - one hostile file must never stop an ingest
        return LoadResult(name, errors=(LoadError(name, f"could not read as {fmt}: {type(exc).__name__}: {exc}"),),
                          encoding=encoding)


def load_path(path: str | Path) -> LoadResult:
    """Documents from one file; a folder loads every file under it (see ``iter_files``)."""
    p = Path(path)
    if p.is_dir():
        results = [load_path(f) for f in iter_files([p])]
        return LoadResult(
            str(p),
            documents=tuple(d for r in results for d in r.documents),
            errors=tuple(e for r in results for e in r.errors),
            warnings=tuple(w for r in results for w in r.warnings),
        )
    name = str(p)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return LoadResult(name, errors=(LoadError(name, f"file too large ({size // 2**20} MB)"),))
        data = p.read_bytes()
    except FileNotFoundError:
        return LoadResult(name, errors=(LoadError(name, "no such file"),))
    except OSError as exc:
        return LoadResult(name, errors=(LoadError(name, f"cannot read: {exc.strerror or exc}"),))
    manifest = None
    if FORMATS.get(p.suffix.lower(), "txt") == "txt":
        manifest = read_manifest(p.parent).get(p.name)
    return load_bytes(name, data, manifest)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file named, and every file under every folder named (sorted, recursively),
    skipping hidden files and the ``manifest.csv`` that describes a folder of text files.
    Paths that do not exist are yielded too, so their loading reports "no such file"."""
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.name != MANIFEST_NAME
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found = [p]
        for f in found:
            key = f.resolve() if f.exists() else f
            if key not in seen:
                seen.add(key)
                yield f
