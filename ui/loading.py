"""Where the dashboard's data comes from: the store, built from the corpus on first start, and uploads.

Environment (so tests and users can point the app elsewhere without touching the default cache):
``SITMAP_STORE`` store path (default ``data.store.default_store_path()``), ``SITMAP_CORPUS`` folder of
articles ingested when the store is empty (default ``seeds/`` beside the app).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.model import Document

ROOT = Path(__file__).resolve().parent.parent
UPLOAD_TYPES = ("txt", "md", "html", "htm", "json", "jsonl", "csv")
_BUILD_LOCK = threading.Lock()

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One uploaded or corpus file as the per-file report shows it."""

    name: str
    ok: bool
    message: str


def corpus_dir() -> Path:
    """The folder ingested on first start."""
    return Path(os.environ.get("SITMAP_CORPUS") or ROOT / "seeds")


def corpus_files(folder: Path | None = None) -> list[Path]:
    """Article files in the corpus folder, in a stable order."""
    folder = folder or corpus_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lstrip(".").lower() in UPLOAD_TYPES)


def store_path() -> Path:
    """The store the app reads and writes."""
    env = os.environ.get("SITMAP_STORE")
    if env:
        return Path(env)
    from data.store import default_store_path

    return Path(default_store_path())


def open_store(path: Path) -> object:
    """A ``data.store.Store`` at ``path``."""
    from data.store import Store

    return Store(path)


def store_version(path: Path) -> str:
    """A cheap signature that changes whenever the store's files change (cache key for loaded tables)."""
    if not path.exists():
        return "missing"
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    stats = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files]
    return str(hash(tuple(sorted(stats))))


def documents_by_id(docs: object) -> dict[str, Document]:
    """The store's documents as a dict whatever container it returns."""
    if isinstance(docs, Mapping):
        return {str(k): v for k, v in docs.items()}
    return {d.id: d for d in docs}  # type: ignore[union-attr]


def read_store(path: Path) -> tuple[pd.DataFrame, dict[str, Document]]:
    """Events and documents from the store at ``path``."""
    store = open_store(path)
    return store.events(), documents_by_id(store.documents())  # type: ignore[attr-defined]


def store_is_empty(path: Path) -> bool:
    if not path.exists():
        return True
    events, _ = read_store(path)
    return events.empty


def build_if_empty(path: Path, progress: Progress | None = None) -> list[FileOutcome] | None:
    """Ingest the corpus into an empty store (once, even with several sessions starting together).

    Returns the per-file outcomes, or None when the store already had data.
    """
    with _BUILD_LOCK:
        if not store_is_empty(path):
            return None
        from data.ingest import ingest

        files = corpus_files()
        report = ingest(files, open_store(path), progress=progress)
        return outcomes(report, [p.name for p in files])


def ingest_uploads(items: list[tuple[str, bytes]], path: Path, progress: Progress | None = None) -> list[FileOutcome]:
    """Ingest uploaded or pasted articles; one outcome per file, rejected ones with the reason."""
    from data.ingest import ingest_texts

    with _BUILD_LOCK:
        report = ingest_texts(items, open_store(path), progress=progress)
    return outcomes(report, [name for name, _ in items])


def _errors_by_name(report: object) -> dict[str, str]:
    raw = getattr(report, "errors", None) or getattr(report, "rejected", None) or ()
    if isinstance(raw, Mapping):
        return {Path(str(k)).name: str(v) for k, v in raw.items()}
    found: dict[str, str] = {}
    for item in raw:
        if isinstance(item, tuple | list) and len(item) >= 2:
            found[Path(str(item[0])).name] = str(item[1])
        else:
            name = getattr(item, "path", None) or getattr(item, "source", None) or getattr(item, "name", "")
            msg = getattr(item, "message", None) or getattr(item, "error", None) or getattr(item, "reason", item)
            found[Path(str(name)).name] = str(msg)
    return found


def outcomes(report: object, names: list[str]) -> list[FileOutcome]:
    """Per-file outcomes from an ``IngestReport`` (whatever shape its error list takes)."""
    errors = _errors_by_name(report)
    out = [FileOutcome(n, n not in errors, errors.get(n, "ingested")) for n in names]
    out += [FileOutcome(n, False, msg) for n, msg in errors.items() if n not in names]
    return out
