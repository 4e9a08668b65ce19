"""Where the dashboard's data comes from: the store, built from the corpus on first start, and uploads.

Environment (so tests and users can point the app elsewhere without touching the default cache):
``SITMAP_STORE`` store path (default ``data.store.store.default_store_path()``), ``SITMAP_CORPUS`` folder of
articles ingested when the store is empty (default ``seeds/`` beside the app; ``-`` for none: a user's own
store must never receive the demo corpus unless asked, so ``sitmap dashboard --store DIR`` sets it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from data.ingest.isolate import one_line
from data.model import Document

ROOT = Path(__file__).resolve().parent.parent
UPLOAD_TYPES = ("txt", "md", "html", "htm", "json", "jsonl", "csv")
_BUILD_LOCK = threading.Lock()

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One uploaded or corpus file as the per-file report shows it; ``warnings`` lost no text but explain
    a surprise (no claims, no dates, a claim extraction that failed). ``name == ""``: a note about the
    whole ingest, not a file."""

    name: str
    ok: bool
    message: str
    warnings: tuple[str, ...] = ()


NO_CORPUS = "-"


def corpus_dir() -> Path | None:
    """The folder ingested on first start (its ``manifest.csv`` gives titles, outlets, dates); None when
    ``$SITMAP_CORPUS`` is ``-`` (the store is used as it is)."""
    env = os.environ.get("SITMAP_CORPUS", "").strip()
    if env == NO_CORPUS:
        return None
    return Path(env) if env else ROOT / "seeds"


def store_path() -> Path:
    """The store the app reads and writes."""
    env = os.environ.get("SITMAP_STORE")
    if env:
        return Path(env)
    from data.store.store import default_store_path

    return Path(default_store_path())


def open_store(path: Path) -> object:
    """A ``data.store.store.Store`` at ``path``."""
    from data.store.store import Store

    return Store(path)


def store_version(path: Path) -> str:
    """The store's current generation and its corrections' stamp: changes whenever an ingest or a
    correction writes (cache key for loaded tables)."""
    from data.view.corrections import corrections_path, stamp

    gen = open_store(path).generation() or "empty"  # type: ignore[attr-defined]
    return f"{gen}+{stamp(corrections_path(path))}"


_STALE: dict[tuple[str, str], int] = {}


def stale_documents(path: Path, version: str) -> int:
    """How many stored articles an older sitmap extracted: the map shows their claims until ``sitmap
    reextract`` updates them, and the reader should know. Counted once per store version and server process
    (one query over every document's key, ~0.3 s at 100k articles)."""
    key = (str(path), version)
    if key not in _STALE:
        from data.ingest import run
        from data.ingest.stale import stale_count

        _STALE.clear()  # only the current version is ever asked for again
        _STALE[key] = stale_count(open_store(path), run.extractor_fingerprint())  # type: ignore[arg-type]
    return _STALE[key]


def documents_by_id(docs: object) -> dict[str, Document]:
    """The store's documents as a dict whatever container it returns."""
    if isinstance(docs, Mapping):
        return {str(k): v for k, v in docs.items()}
    return {d.id: d for d in docs}  # type: ignore[union-attr]


class StoreDocuments(Mapping):
    """The store's documents, read on demand (one article when the side panel shows it): a store of 100k
    articles is never held in memory for a dashboard."""

    def __init__(self, store: object, cache: int = 64) -> None:
        self._store, self._cache, self._max = store, {}, cache
        self._len: int | None = None
        self._lock = threading.Lock()

    def __getitem__(self, doc_id: str) -> Document:
        with self._lock:
            if doc_id in self._cache:
                return self._cache[doc_id]
        found = self._store.documents_by_ids([doc_id])  # type: ignore[attr-defined]
        if doc_id not in found:
            raise KeyError(doc_id)
        with self._lock:
            if len(self._cache) >= self._max:
                self._cache.pop(next(iter(self._cache)))
            self._cache[doc_id] = found[doc_id]
        return found[doc_id]

    def __len__(self) -> int:
        if self._len is None:  # the store's generation is fixed for this mapping: count once
            gen = self._store.generation()  # type: ignore[attr-defined]
            self._len = int(self._store.counts()["documents"]) if gen else 0  # type: ignore[attr-defined]
        return self._len

    def __iter__(self):  # noqa: ANN204 - an iterator of ids
        return iter(self._store.documents())  # type: ignore[attr-defined]


def read_store(path: Path) -> tuple[pd.DataFrame, Mapping[str, Document]]:
    """Events (corrections applied) and the documents (read on demand) of the store at ``path``."""
    from data.view.corrections import apply_corrections, corrections_path, load_corrections
    from data.view.names import canonical_claimants

    store = open_store(path)
    items, _ = load_corrections(corrections_path(path))  # unreadable rows are listed on the Corrections tab
    events = apply_corrections(store.events(), items)  # type: ignore[attr-defined]
    events = canonical_claimants(events)  # Kiev = Kyiv: one claimant, one filter value
    return events, StoreDocuments(store)


def read_view(path: Path, version: str = "") -> tuple:
    """(``StoreView``, documents) of the store at ``path``: its events go from the Parquet segments into
    DuckDB without a pandas copy; the corrections (``data.view.corrections``) are applied to the rows of the
    claims they touch and claimants get their shown names (``data.view.names``), as ``read_store`` does."""
    import numpy as np

    from data.view.corrections import apply_corrections, corrections_path, load_corrections
    from data.view.names import _gazetteer, claimant_names
    from data.view.query import INTERNAL, StoreView
    from geo.normalize import name_key

    store = open_store(path)
    sv = StoreView.of_store(store)  # type: ignore[arg-type]
    sv.generation = version or sv.generation
    items, _ = load_corrections(corrections_path(path))
    if items:
        keys = {name_key(c.mention) for c in items if c.action != "date"}
        texts = [t for t in sv.sql("SELECT DISTINCT mention_text AS t FROM ev")["t"].astype(str)
                 if name_key(t) in keys]
        ids = [c.claim_id for c in items if c.action == "date"]
        marks = lambda xs: ", ".join("?" * len(xs)) or "NULL"  # noqa: E731
        rows = sv.sql(f"SELECT * EXCLUDE ({INTERNAL}) FROM ev "
                      f"WHERE claim_id IN (SELECT claim_id FROM ev WHERE mention_text IN ({marks(texts)}) "
                      f"OR claim_id IN ({marks(ids)})) ORDER BY _row", [*texts, *ids])
        if len(rows):
            fixed = apply_corrections(rows, items)  # keeps each row's ``_ix``
            sv.replace_claims(fixed, set(rows["claim_id"].astype(str)))
    spellings = sv.sql("SELECT claimant, count(*) AS n FROM ev WHERE claimant <> '' GROUP BY 1")
    values = pd.Series(np.repeat(spellings["claimant"].astype(str).to_numpy(), spellings["n"].to_numpy()))
    sv.map_values("claimant", claimant_names(values, _gazetteer()))
    return sv, StoreDocuments(store)


def view_of(events: pd.DataFrame, documents: Mapping[str, Document], version: str = "") -> tuple:
    """(``StoreView``, documents) from tables already in memory (what ``read_view`` gives for a store)."""
    from data.view.query import StoreView

    return StoreView(events, version), documents


_VIEWS: dict[tuple[str, str], tuple] = {}
_VIEWS_LOCK = threading.Lock()
KEEP_VIEWS = 2


def shared_view(path: Path, version: str) -> tuple:
    """(``data.view.query.StoreView``, documents) of the store at ``path`` as of ``version``: built once per
    server process and shared by every session (the events table goes into DuckDB and is not kept in pandas).
    ``sitmap dashboard`` builds it before the server listens, so no visitor waits for it."""
    key = (str(path), version)
    with _VIEWS_LOCK:  # one build at a time: a second session waits for the first one's result
        if key not in _VIEWS:
            from data.view.storeq import warm

            _VIEWS[key] = read_view(path, version)
            warm(_VIEWS[key][0])
            for old in [k for k in _VIEWS if k != key][: max(0, len(_VIEWS) - KEEP_VIEWS)]:
                _VIEWS.pop(old)
        return _VIEWS[key]


_CHECKED: set[str] = set()


def needs_build(path: Path) -> bool:
    """Whether the store must be (re)built from the corpus: checked once per server process, so later
    reruns and sessions reuse the store without touching the corpus."""
    if str(path) in _CHECKED or corpus_dir() is None:
        return False
    from data.ingest.run import is_current

    current = is_current([corpus_dir()], open_store(path))  # type: ignore[arg-type]
    if current:
        _CHECKED.add(str(path))
    return not current


def build(path: Path, progress: Progress | None = None) -> list[FileOutcome] | None:
    """Ingest the corpus unless the store already holds it as it is now (once, even with several
    sessions starting together). Returns per-file outcomes, or None when nothing had to be done."""
    if corpus_dir() is None:
        return None
    with _BUILD_LOCK:
        from data.ingest.run import ensure_current

        report = ensure_current([corpus_dir()], open_store(path), progress=progress)  # type: ignore[arg-type]
        _CHECKED.add(str(path))
    return None if report is None else outcomes(report)


def ingest_uploads(items: list[tuple[str, bytes]], path: Path, progress: Progress | None = None) -> list[FileOutcome]:
    """Ingest uploaded articles; one outcome per file, rejected ones with the reason."""
    from data.ingest.run import ingest_texts
    from data.store.store import StoreError

    try:
        with _BUILD_LOCK:
            report = ingest_texts(items, open_store(path), progress=progress)  # type: ignore[arg-type]
    except StoreError as exc:  # busy or damaged store: nothing was added, say so per file
        return [FileOutcome(one_line(name), False, f"not added: {one_line(exc)}") for name, _ in items]
    except Exception as exc:  # noqa: BLE001 - a bug must show as a reason per file, not a traceback
        why = one_line(f"{type(exc).__name__}: {exc}")
        return [FileOutcome(one_line(name), False, f"not added: ingest failed ({why})") for name, _ in items]
    return outcomes(report)


@dataclass(frozen=True, slots=True)
class Pasted:
    """An article pasted into the form, with what the user typed about it."""

    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None


def ingest_pasted(item: Pasted, path: Path, progress: Progress | None = None) -> list[FileOutcome]:
    """Ingest a pasted article with its title, outlet, link and publication date."""
    from data.ingest.run import ingest_pasted as ingest
    from data.store.store import StoreError

    label = item.title.strip() or "pasted article"
    try:
        with _BUILD_LOCK:
            report = ingest(item.text, open_store(path), title=item.title, outlet=item.outlet,  # type: ignore[arg-type]
                            url=item.url, published=item.published, progress=progress)
    except StoreError as exc:
        return [FileOutcome(label, False, f"not added: {exc}")]
    return [FileOutcome(label, o.ok, o.message, o.warnings) if o.name else o for o in outcomes(report)]


def _claims_message(f: object) -> tuple[str, tuple[str, ...]]:
    """"12 claims (9 dated, 11 with a place)" and what to warn about when none can be shown."""
    n, dated, located = (int(getattr(f, k, 0)) for k in ("claims", "dated_claims", "located_claims"))
    if n == 0:
        return "", ()
    warn = []
    if dated == 0:
        warn.append(f"none of its {n} claims has a date: they are listed under Undated, not on the time "
                    "slider (give the article a publication date to anchor \"on Tuesday\" and the like)")
    if located == 0:
        warn.append(f"none of its {n} claims names a place the gazetteer knows: they are listed under Unlocated")
    return f"{n} claim{'s' if n != 1 else ''} ({dated} dated, {located} with a place)", tuple(warn)


def outcomes(report: object) -> list[FileOutcome]:
    """Per-file outcomes from a ``data.ingest.run.IngestReport``, then its notes (``name == ""``)."""
    out = []
    for f in getattr(report, "files", ()):
        name = one_line(Path(str(f.path)).name)
        warnings = tuple(getattr(f, "warnings", ()))
        if f.error:
            detail = "; ".join(f.problems[:5])
            out.append(FileOutcome(name, False, f.error + (f" ({detail})" if detail and detail != f.error else ""),
                                   warnings))
        elif f.documents == 0:
            out.append(FileOutcome(name, False, "no article found in this file", warnings))
        else:
            new = f"{f.new_documents} new" if f.new_documents != f.documents else "all new"
            claims, warn = _claims_message(f)
            msg = f"{f.documents} article(s), {new}" + (f"; {claims}" if claims else "")
            out.append(FileOutcome(name, True, msg, warnings + warn))
    notes = tuple(getattr(report, "notes", ()))
    if notes:
        out.append(FileOutcome("", True, "", notes))
    return out
