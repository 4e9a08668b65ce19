"""The embedded store: documents, per-document claims, linked claims and the events table, as
append-only Parquet segments read through DuckDB (``data.store.segments``).

Layout: ``DIR/CURRENT`` names the current generation folder ``DIR/gen-NNNNNN/`` whose
``meta.json`` (the manifest) lists the segments under ``DIR/segments/`` that make up the store,
the extractor fingerprint and the next segment number. A batch commit writes a new segment
(whole, via a temporary folder renamed into place), then a new generation naming it, and only
then does ``CURRENT`` switch (``os.replace``): a reader sees the store before the batch or after
it, never half of it, and a kill mid-batch loses only that batch. Small segments are merged in
tens (``MERGE_FAN``), so a store of N batches reads O(log N) segments. A lock file serialises
writers (the CLI and the app may ingest at the same time).

A store written before segments (format 1: Parquet tables in the generation folder) is migrated
into one segment the first time it is opened.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
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
from data.store.segments import Segment, arrow, empty_tables, merge, to_arrow, views, write_segment

FORMAT = 2
KEEP_GENERATIONS = 2
MEMORY_LIMIT = os.environ.get("SITMAP_DUCKDB_MEMORY") or "512MB"
"""DuckDB's working memory per store connection (it spills to a temp folder beyond it)."""
MERGE_FAN = 10
"""This many consecutive segments of one level merge into one of the next level."""


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
        self._local = threading.local()

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

    def meta(self) -> dict:
        """The manifest: ``segments``, ``fingerprint``, ``next_segment``, ``format``, ..."""
        gen = self.generation()
        if not gen:
            return {}
        key = (gen, "meta")
        if key not in self._cache:
            file = self.path / gen / "meta.json"
            try:
                meta = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise StoreError(f"{file}: unreadable ({exc})") from exc
            if meta.get("format", 1) < FORMAT:
                if getattr(self, "_migrating", False):
                    return {"format": FORMAT, "segments": []}  # the migration's own commit starts afresh
                self._migrate()
                return self.meta()
            self._cache = {k: v for k, v in self._cache.items() if k[0] == gen}
            self._cache[key] = meta
        return self._cache[key]  # type: ignore[return-value]

    def segments(self) -> list[Segment]:
        """The segments of the current generation, oldest first."""
        return [Segment.from_json(d) for d in self.meta().get("segments", [])]

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection (one per thread, per generation) with the store's current state as views:
        ``documents``, ``cached``, ``linked``, ``claim_index``, ``events``, ``sources``."""
        gen = self.generation()
        held = getattr(self._local, "con", None)
        if held is not None and held[0] == gen:
            return held[1]
        con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": 2,
                                     "temp_directory": str(Path(tempfile.gettempdir()) / "sitmap-duckdb")})
        try:
            views(con, self.path / "segments", self.segments() if gen else [])
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{self.path}: unreadable segments ({exc})") from exc
        if held is not None:
            held[1].close()
        self._local.con = (gen, con)
        return con

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        """Run ``sql`` against the views of ``connect`` and return a DataFrame."""
        try:
            return self.connect().execute(sql, params or []).df()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({exc})") from exc

    def _arrow(self, sql: str) -> pa.Table:
        try:
            return arrow(self.connect(), sql)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: unreadable ({exc})") from exc

    def _read(self, what: str, parse):
        key = (self.generation(), what)
        if key not in self._cache:
            self._cache[key] = parse()
        return self._cache[key]

    def sources(self) -> dict[str, dict]:
        """Files the store was built from, with the mtime and size they had then."""
        def parse():
            t = self._arrow("SELECT path, mtime_ns, size FROM sources ORDER BY path").to_pylist()
            return {r["path"]: {"mtime_ns": r["mtime_ns"], "size": r["size"]} for r in t}
        return dict(self._read("sources", parse))

    def documents(self) -> dict[str, Document]:
        """Every document by id."""
        return dict(self._read("documents", lambda: documents_from_table(
            self._arrow("SELECT * FROM documents ORDER BY id"))))

    def documents_by_ids(self, ids: Iterable[str]) -> dict[str, Document]:
        """The documents with these ids (those the store holds)."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        con = self.connect()
        con.register("_want", pa.table({"id": ids}))
        try:
            return documents_from_table(arrow(con, "SELECT d.* FROM documents d JOIN _want USING (id) ORDER BY id"))
        finally:
            con.unregister("_want")

    def events(self) -> pd.DataFrame:
        """The events table (``data.events`` schema; empty with all columns when none)."""
        def parse():
            df = self._arrow("SELECT * FROM events ORDER BY doc_id, start, claim_id, "
                             "TRY_CAST(split_part(event_id, ':', -1) AS INTEGER), event_id").to_pandas()
            return conform(df) if len(df) else empty_events()
        return self._read("events", parse).copy()

    def claims(self) -> list[Claim]:
        """Claims after cross-document linking (corroboration, conflicts)."""
        return list(self._read("linked", lambda: self.claims_where("")))

    def claims_where(self, where: str = "", params: list | None = None) -> list[Claim]:
        """Linked claims matching an SQL condition on ``linked`` (claim_id, doc_id, cluster_id)."""
        sql = "SELECT claim_json FROM linked" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY doc_id, TRY_CAST(json_extract(claim_json, '$.start') AS BIGINT), claim_id"
        rows = self.connect().execute(sql, params or []).fetchall()
        return [c for (text,) in rows for c in claims_from_json(text)]

    def claims_by_ids(self, ids: Iterable[str]) -> list[Claim]:
        """The linked claims with these ids (those the store holds)."""
        ids = sorted(set(ids))
        if not ids:
            return []
        con = self.connect()
        con.register("_want_claims", pa.table({"claim_id": ids}))
        try:
            return self.claims_where("claim_id IN (SELECT claim_id FROM _want_claims)")
        finally:
            con.unregister("_want_claims")

    def cached_claims(self) -> dict[str, CachedClaims]:
        """Raw (unlinked) claims per document id, with the key they were extracted under."""
        return dict(self._read("cached", lambda: self.cached_where("")))

    def cached_keys(self) -> dict[str, str]:
        """{document id: the key its cached claims were extracted under} without decoding the claims."""
        return dict(self.connect().execute("SELECT doc_id, key FROM cached").fetchall())

    def cached_where(self, where: str = "", params: list | None = None) -> dict[str, CachedClaims]:
        """Cached raw claims of the documents matching an SQL condition on ``cached`` (doc_id, key)."""
        sql = "SELECT doc_id, key, claims_json FROM cached" + (f" WHERE {where}" if where else "")
        rows = self.connect().execute(sql + " ORDER BY doc_id", params or []).fetchall()
        return {d: CachedClaims(k, tuple(claims_from_json(t))) for d, k, t in rows}

    def counts(self) -> dict[str, int]:
        """Documents, linked claims and event rows in the store (one query, nothing decoded)."""
        row = self.connect().execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM linked), "
                                     "(SELECT count(*) FROM events)").fetchall()[0]
        return {"documents": int(row[0]), "claims": int(row[1]), "events": int(row[2])}

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
        and replace the linked claims and events table when given (a ``full`` segment).

        Commits one segment atomically; returns False (and writes nothing) when the result would
        equal what is stored, so re-adding the same things changes nothing. Reads the whole store
        to compare: ingest uses ``commit`` for batches.
        """
        new_docs = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
        with self.lock():
            docs = self.documents()
            cached = self.cached_claims()
            meta = self.meta()
            old_sources = self.sources()
            gone = {k for k in drop if k in docs or k in cached} - set(new_docs)
            changed = bool(gone) or any(docs.get(k) != d for k, d in new_docs.items())
            changed |= any(cached.get(k) != c for k, c in (claims or {}).items())
            changed |= {**old_sources, **(sources or {})} != old_sources
            changed |= fingerprint is not None and fingerprint != meta.get("fingerprint")
            if linked is not None:
                changed |= linked != self.claims()
            if events is not None:
                changed |= not _same_events(events, self.events())
            if not changed and self.generation():
                return False
            full = linked is not None or events is not None
            self.commit(new_docs, claims or {}, linked=(self.claims() if linked is None else linked) if full else [],
                        events=(self.events() if events is None else events) if full else None,
                        sources={k: v for k, v in (sources or {}).items() if old_sources.get(k) != v},
                        fingerprint=fingerprint, reset=gone | set(claims or {}), full=full)
            return True

    def commit(self, documents: Mapping[str, Document], claims: Mapping[str, CachedClaims], *,
               linked: list[Claim], events: pd.DataFrame | None, sources: Mapping[str, dict] | None = None,
               fingerprint: str | None = None, reset: Iterable[str] = (), full: bool = False,
               index: pd.DataFrame | None = None) -> str:
        """Append one batch as a segment and switch to a generation that includes it.

        ``documents``/``claims`` are added or replace the same ids; ``linked`` (with its ``events``
        rows) adds or replaces claims by id; ``reset`` documents lose every earlier row (dropped, or
        re-extracted here); ``full`` makes ``linked``/``events`` the whole set. ``index`` is the
        candidate index for ``linked`` (computed when None). Returns the new generation's name.
        """
        from data.link.candidates import index_rows

        with self.lock():
            meta = self.meta()
            segs = self.segments()
            number = self._next_segment(meta)
            tables = empty_tables(number)
            ordered = [documents[k] for k in sorted(documents)]
            tables["documents"] = to_arrow("documents", documents_to_table(ordered), number)
            tables["cached"] = to_arrow("cached", pa.table({
                "doc_id": sorted(claims), "key": [claims[k].key for k in sorted(claims)],
                "claims_json": [claims_to_json(list(claims[k].claims)) for k in sorted(claims)]}), number)
            tables["linked"] = to_arrow("linked", pa.table({
                "claim_id": [c.claim_id for c in linked], "doc_id": [c.doc_id for c in linked],
                "cluster_id": [c.cluster_id or "" for c in linked],
                "claim_json": [claims_to_json([c]) for c in linked]}), number)
            idx = index_rows(linked) if index is None else index
            tables["claim_index"] = to_arrow("claim_index", idx, number)
            if events is not None and len(events):
                tables["events"] = to_arrow("events", events, number)
            src = sources or {}
            tables["sources"] = to_arrow("sources", pa.table({
                "path": list(src), "mtime_ns": [int(v.get("mtime_ns", 0)) for v in src.values()],
                "size": [int(v.get("size", 0)) for v in src.values()]}), number)
            tables["reset"] = to_arrow("reset", pa.table({"doc_id": sorted(set(reset))}, ), number)
            name = f"seg-{number:06d}"
            (self.path / "segments").mkdir(parents=True, exist_ok=True)
            write_segment(self.path / "segments", name, tables)
            segs = [*segs, Segment(name, 0, full, len(documents))]
            segs, last = self._merge_tail(segs, number)
            fp = meta.get("fingerprint", "") if fingerprint is None else fingerprint
            return self._write_generation(segs, {"fingerprint": fp, "next_segment": last + 1})

    def _next_segment(self, meta: dict) -> int:
        """One more than any segment on disk (a writer killed after renaming its segment into place
        but before switching CURRENT leaves an orphan with that number)."""
        root = self.path / "segments"
        on_disk = [int(p.name[4:]) for p in root.iterdir() if p.name.startswith("seg-")] if root.is_dir() else []
        return max([int(meta.get("next_segment", 1)) - 1, *on_disk]) + 1

    def _merge_tail(self, segs: list[Segment], number: int) -> tuple[list[Segment], int]:
        """Merge the newest ``MERGE_FAN`` segments while they share a level (a binary-counter-like
        LSM: each row is rewritten about log10(batches) times, the store reads O(log) segments)."""
        while len(segs) >= MERGE_FAN and len({s.level for s in segs[-MERGE_FAN:]}) == 1:
            tail = segs[-MERGE_FAN:]
            number += 1
            merged = merge(self.path / "segments", tail, f"seg-{number:06d}", tail[0].level + 1)
            segs = [*segs[:-MERGE_FAN], merged]
        return segs, number

    def compact(self) -> str:
        """Merge every segment into one (fewer files to read; drops superseded rows)."""
        with self.lock():
            segs, meta = self.segments(), self.meta()
            if len(segs) <= 1:
                return self.generation()
            number = self._next_segment(meta)
            merged = merge(self.path / "segments", segs, f"seg-{number:06d}", max(s.level for s in segs) + 1)
            return self._write_generation([merged], {"fingerprint": meta.get("fingerprint", ""),
                                                     "next_segment": number + 1})

    def _write_generation(self, segs: list[Segment], meta: dict) -> str:
        current = self.generation()
        number = max([int(current[4:]) if current else 0, *self._generation_numbers()]) + 1
        name = f"gen-{number:06d}"
        tmp = self.path / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir(parents=True)
        try:
            meta = {**meta, "format": FORMAT, "generation": number, "segments": [s.to_json() for s in segs],
                    "documents_written": sum(s.documents for s in segs),
                    "written": datetime.now(UTC).isoformat(timespec="seconds")}
            (tmp / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
            _fsync(tmp / "meta.json")
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
        return name

    def _migrate(self) -> None:
        """Turn a format-1 store (tables in the generation folder) into one full segment."""
        with self.lock():
            gen = self.generation()
            old = self.path / gen
            meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format", 1) >= FORMAT:
                return  # another process migrated it while we waited for the lock
            try:
                docs = documents_from_table(pq.read_table(old / "documents.parquet"))
                cached = {r["doc_id"]: CachedClaims(r["key"], tuple(claims_from_json(r["claims_json"])))
                          for r in _rows(old / "claims.parquet")}
                linked = [c for r in _rows(old / "linked.parquet") for c in claims_from_json(r["claim_json"])]
                events = pd.read_parquet(old / "events.parquet") if (old / "events.parquet").exists() else None
            except (OSError, pa.ArrowException, ValueError, KeyError) as exc:
                raise StoreError(f"{old}: unreadable while migrating to segments ({exc})") from exc
            self._cache.clear()
            self._migrating = True
            try:
                self.commit(docs, cached, linked=linked, events=events, sources=meta.get("sources", {}),
                            fingerprint=meta.get("fingerprint", ""), full=True)
            finally:
                self._migrating = False

    def _generation_numbers(self) -> list[int]:
        return [int(p.name[4:]) for p in self.path.iterdir() if p.name.startswith("gen-") and p.name[4:].isdigit()]

    def _prune(self, number: int) -> None:
        """Drop generations older than the last ``KEEP_GENERATIONS`` (a reader that opened
        the previous one can still finish), segments no kept generation names, and temp folders
        left by crashed writers."""
        keep: set[str] = set()
        for p in self.path.iterdir():
            old = p.name.startswith("gen-") and p.name[4:].isdigit() and int(p.name[4:]) <= number - KEEP_GENERATIONS
            if old or p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(".CURRENT-"):
                p.unlink(missing_ok=True)
            elif p.name.startswith("gen-"):
                with contextlib.suppress(OSError, ValueError):
                    m = json.loads((p / "meta.json").read_text(encoding="utf-8"))
                    keep.update(s["name"] for s in m.get("segments", []))
        root = self.path / "segments"
        if root.is_dir():
            for p in root.iterdir():
                if p.name.startswith(".tmp-") or (p.name.startswith("seg-") and p.name not in keep):
                    shutil.rmtree(p, ignore_errors=True)


def _rows(f: Path) -> list[dict]:
    return pq.read_table(f).to_pylist() if f.exists() else []


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
