"""The embedded store: documents, per-document claims, linked claims and the events table.

Layout: ``DIR/CURRENT`` names the current generation folder ``DIR/gen-NNNNNN/`` holding
``documents.parquet``, ``claims.parquet`` (raw claims per document, the extraction cache),
``linked.parquet`` (claims after cross-document linking), ``events.parquet`` and
``meta.json`` (the corpus files and their mtimes, the extractor fingerprint).

Writes are atomic: a new generation is written to a temporary folder, renamed into place,
and only then does ``CURRENT`` switch to it (``os.replace``), so a reader (the app) sees
either the old store or the new one, never half of each; a crash mid-write loses nothing.
A lock file serialises writers (the CLI and the app may ingest at the same time).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data.events import conform, empty_events
from data.model import Claim, Document
from data.store.codec import (
    claims_from_json,
    claims_to_json,
    documents_from_table,
    documents_to_table,
)

FORMAT = 1
KEEP_GENERATIONS = 2


def cache_root() -> Path:
    """``$SITMAP_CACHE``, or ``~/.cache/sitmap``."""
    return Path(os.environ.get("SITMAP_CACHE") or Path.home() / ".cache" / "sitmap").expanduser()


def default_store_path() -> Path:
    """Where the store for the default corpus (the seeds) lives."""
    return cache_root() / "stores" / "default"


@dataclass(frozen=True, slots=True)
class CachedClaims:
    """Raw claims of one document, valid while ``key`` (document + extractor) is unchanged."""

    key: str
    claims: tuple[Claim, ...]


class StoreError(RuntimeError):
    """The store on disk is unreadable (not a sitmap store, or damaged)."""


class StoreBusy(StoreError):
    """Another process held the store's writer lock for longer than we were willing to wait."""


class Store:
    """A folder holding one corpus's documents, claims and events (see the module doc)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self._lock_depth = 0
        self._lock_fd: int | None = None
        self._cache: dict[tuple[str, str], object] = {}

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- reading ---------------------------------------------------------------------------
    def generation(self) -> str:
        """Name of the current generation folder ("" for an empty store)."""
        try:
            name = (self.path / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""
        if not name.startswith("gen-") or not (self.path / name).is_dir():
            raise StoreError(f"{self.path}: CURRENT points at a missing generation {name!r}")
        return name

    def _read(self, what: str, parse):
        gen = self.generation()
        if not gen:
            return parse(None)
        key = (gen, what)
        if key not in self._cache:
            file = self.path / gen / what
            try:
                self._cache[key] = parse(file)
            except (OSError, pa.ArrowException, ValueError, KeyError) as exc:
                raise StoreError(f"{file}: unreadable ({exc})") from exc
        return self._cache[key]

    def meta(self) -> dict:
        """The store's bookkeeping: ``sources`` {path: {mtime_ns, size}}, ``fingerprint``, ..."""
        return self._read("meta.json", lambda f: json.loads(f.read_text(encoding="utf-8")) if f else {})

    def sources(self) -> dict[str, dict]:
        """Files the store was built from, with the mtime and size they had then."""
        return dict(self.meta().get("sources", {}))

    def documents(self) -> dict[str, Document]:
        """Every document by id."""
        return dict(self._read("documents.parquet", lambda f: documents_from_table(pq.read_table(f)) if f else {}))

    def events(self) -> pd.DataFrame:
        """The events table (``data.events`` schema; empty with all columns when none)."""
        def parse(f):
            if f is None or not f.exists():
                return empty_events()
            df = pd.read_parquet(f)
            return conform(df) if len(df) else empty_events()
        return self._read("events.parquet", parse).copy()

    def claims(self) -> list[Claim]:
        """Claims after cross-document linking (corroboration, conflicts)."""
        return list(self._read("linked.parquet", lambda f: _read_claim_rows(f, "claim_json")))

    def cached_claims(self) -> dict[str, CachedClaims]:
        """Raw (unlinked) claims per document id, with the key they were extracted under."""
        def parse(f):
            if f is None or not f.exists():
                return {}
            t = pq.read_table(f).to_pylist()
            return {r["doc_id"]: CachedClaims(r["key"], tuple(claims_from_json(r["claims_json"]))) for r in t}
        return dict(self._read("claims.parquet", parse))

    # -- writing ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the writer lock (re-entrant within this ``Store``) for a read-modify-write.

        Another process's ingest may hold it; waiting is bounded (``timeout`` seconds, default
        ``$SITMAP_LOCK_TIMEOUT`` or 600) and ends in a ``StoreBusy`` naming the lock file, never a hang.
        """
        if self._lock_depth == 0:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / ".lock", os.O_CREAT | os.O_RDWR, 0o644)
            limit = timeout if timeout is not None else float(os.environ.get("SITMAP_LOCK_TIMEOUT") or 600)
            deadline, pause = time.monotonic() + limit, 0.01
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        raise StoreBusy(f"{self.path / '.lock'}: another ingest has held the store for over "
                                        f"{limit:g} s; try again when it ends") from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.5)
            self._lock_fd = fd
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0 and self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
                self._lock_fd = None

    def add(
        self,
        documents: Mapping[str, Document] | list[Document] = (),
        claims: Mapping[str, CachedClaims] | None = None,
        *,
        linked: list[Claim] | None = None,
        events: pd.DataFrame | None = None,
        sources: Mapping[str, dict] | None = None,
        fingerprint: str | None = None,
        drop: Iterable[str] = (),
    ) -> bool:
        """Merge documents (new ids added, same ids replaced), cached claims and sources into
        the store, remove the documents (and their cached claims) whose ids are in ``drop``,
        and replace the linked claims and events table when given.

        Writes a new generation atomically; returns False (and writes nothing) when the
        result would equal what is stored, so re-adding the same things changes nothing.
        """
        new_docs = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
        with self.lock():
            docs = self.documents()
            cached = self.cached_claims()
            meta = self.meta()
            old_sources = dict(meta.get("sources", {}))
            merged_sources = {**old_sources, **(sources or {})}
            gone = {k for k in drop if k in docs or k in cached} - set(new_docs)
            changed = bool(gone) or any(docs.get(k) != d for k, d in new_docs.items())
            changed |= any(cached.get(k) != c for k, c in (claims or {}).items())
            changed |= merged_sources != old_sources
            changed |= fingerprint is not None and fingerprint != meta.get("fingerprint")
            if linked is not None:
                changed |= linked != self.claims()
            if events is not None:
                changed |= not _same_events(events, self.events())
            if not changed and self.generation():
                return False
            docs.update(new_docs)
            cached.update(claims or {})
            for k in gone:
                docs.pop(k, None)
                cached.pop(k, None)
            self._write_generation(
                docs, cached,
                self.claims() if linked is None else linked,
                self.events() if events is None else events,
                {"format": FORMAT, "sources": merged_sources,
                 "fingerprint": meta.get("fingerprint", "") if fingerprint is None else fingerprint},
            )
            return True

    def _write_generation(self, docs: dict[str, Document], cached: dict[str, CachedClaims],
                          linked: list[Claim], events: pd.DataFrame, meta: dict) -> None:
        # one more than any generation on disk: a writer that crashed after renaming its
        # generation into place but before switching CURRENT leaves an orphan with that number
        current = self.generation()
        number = max([int(current[4:]) if current else 0, *self._generation_numbers()]) + 1
        name = f"gen-{number:06d}"
        tmp = self.path / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir(parents=True)
        try:
            ordered = [docs[k] for k in sorted(docs)]
            pq.write_table(documents_to_table(ordered), tmp / "documents.parquet")
            pq.write_table(pa.table({
                "doc_id": sorted(cached),
                "key": [cached[k].key for k in sorted(cached)],
                "claims_json": [claims_to_json(list(cached[k].claims)) for k in sorted(cached)],
            }), tmp / "claims.parquet")
            pq.write_table(pa.table({
                "claim_id": [c.claim_id for c in linked],
                "doc_id": [c.doc_id for c in linked],
                "claim_json": [claims_to_json([c]) for c in linked],
            }), tmp / "linked.parquet")
            conform(events).to_parquet(tmp / "events.parquet", index=False)
            meta = {**meta, "generation": number, "documents": len(docs), "events": len(events),
                    "written": datetime.now(UTC).isoformat(timespec="seconds")}
            (tmp / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
            for f in tmp.iterdir():
                _fsync(f)
            os.rename(tmp, self.path / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        pointer = self.path / f".CURRENT-{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n", encoding="utf-8")
        _fsync(pointer)
        os.replace(pointer, self.path / "CURRENT")
        _fsync_dir(self.path)
        self._prune(number)

    def _generation_numbers(self) -> list[int]:
        return [int(p.name[4:]) for p in self.path.iterdir() if p.name.startswith("gen-") and p.name[4:].isdigit()]

    def _prune(self, number: int) -> None:
        """Drop generations older than the last ``KEEP_GENERATIONS`` (a reader that opened
        the previous one can still finish) and temp folders left by crashed writers."""
        for p in self.path.iterdir():
            old = p.name.startswith("gen-") and p.name[4:].isdigit() and int(p.name[4:]) <= number - KEEP_GENERATIONS
            if old or p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(".CURRENT-"):
                p.unlink(missing_ok=True)


def _read_claim_rows(f: Path | None, column: str) -> tuple[Claim, ...]:
    if f is None or not f.exists():
        return ()
    return tuple(c for text in pq.read_table(f, columns=[column]).column(column).to_pylist()
                 for c in claims_from_json(text))


def _same_events(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if len(a) != len(b):
        return False
    if not len(a):
        return True
    return conform(a).equals(conform(b))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(path)
