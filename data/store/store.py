"""The embedded store: documents, per-document claims, linked claims and the events table, as
append-only Parquet segments read through DuckDB (``data.store.segments``).

Layout: ``DIR/CURRENT`` names the current generation folder ``DIR/gen-NNNNNN/`` whose
``meta.json`` (the manifest) lists the segments under ``DIR/segments/`` that make up the store,
the extractor fingerprint and the next segment number. A batch commit writes a new segment
(whole, via a temporary folder renamed into place), then a new generation naming it, and only
then does ``CURRENT`` switch (``os.replace``): a reader sees the store before the batch or after
it, never half of it, and a kill mid-batch loses only that batch. Segments of one size tier are merged
in tens (``MERGE_FAN``), so a store of N batches reads O(log N) segments and a small batch never
rewrites a big one. A lock file serialises
writers (the CLI and the app may ingest at the same time).

A store written before segments (format 1: Parquet tables in the generation folder) is migrated
into one segment the first time it is opened.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from data.events import conform, empty_events
from data.model import Claim, Document
from data.store.codec import claims_from_json, documents_from_table, stored_claims_from_json
from data.store.common import FORMAT, CachedClaims, StoreBusy, StoreError
from data.store.connection import MEMORY_LIMIT, open_connection
from data.store.counting import Counting
from data.store.migrate import Migration
from data.store.policy import MERGE_FAN, MergePolicy
from data.store.positions import rows_at
from data.store.segments import Segment, arrow, current, views
from data.store.writer import KEEP_GENERATIONS, StoreWriter

__all__ = ["FORMAT", "KEEP_GENERATIONS", "MEMORY_LIMIT", "MERGE_FAN", "CachedClaims", "Store", "StoreBusy",
           "StoreError", "cache_root", "default_store_path"]



def cache_root() -> Path:
    """``$SITMAP_CACHE``, or ``~/.cache/sitmap``."""
    return Path(os.environ.get("SITMAP_CACHE") or Path.home() / ".cache" / "sitmap").expanduser()


def default_store_path() -> Path:
    """Where the store for the default corpus (the seeds) lives."""
    return cache_root() / "stores" / "default"


class Store(StoreWriter, Counting, MergePolicy, Migration):
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
        if held is not None:  # a new generation: the same connection with its views replaced (ingest
            try:  # makes one per batch, and opening a connection cost as much as a batch's look-ups)
                views(held[1], self.path / "segments", self.segments() if gen else [])
            except duckdb.Error:
                held[1].close()
                self._local.con = None
            else:
                self._local.con = (gen, held[1])
                return held[1]
        con = open_connection()
        try:
            views(con, self.path / "segments", self.segments() if gen else [])
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{self.path}: unreadable segments ({exc})") from exc
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
        return self._documents_with(ids, "* EXCLUDE (_seg)")

    def document_heads(self, ids: Iterable[str]) -> dict[str, Document]:
        """The documents with these ids without their text (``text == ""``): what linking and the
        link columns of stored claims need (outlet, title, url, date), at a fraction of the memory."""
        return self._documents_with(ids, "* EXCLUDE (_seg, text), '' AS text")

    def _documents_with(self, ids: Iterable[str], columns: str) -> dict[str, Document]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        con = self.connect()
        con.register("_want", pa.table({"id": ids}))
        try:
            return documents_from_table(arrow(con, f"SELECT {columns} FROM "
                                                   f"({current('documents', 'id IN (SELECT id FROM _want)', by_key=True)}) "
                                                   "ORDER BY id"))
        finally:
            con.unregister("_want")

    def events_of_claims(self, ids: Iterable[str], versions: Mapping[str, int] | None = None) -> pd.DataFrame:
        """The current events rows of these claims (``data.events`` schema), in the order ``events`` gives.
        ``versions`` (claim id -> batch ``_seg``, as a lookup under the writer lock resolved them, see
        ``claims_at``) are read as they are, without resolving visibility over the claim column again."""
        ids = sorted(set(ids))
        if not ids:
            return empty_events()
        con = self.connect()
        if versions is None:
            con.register("_want_events", pa.table({"claim_id": ids}))
            at = current("linked", "claim_id IN (SELECT claim_id FROM _want_events)", ("claim_id", "_seg"), by_key=True)
        else:
            con.register("_want_events", pa.table({"claim_id": ids, "_seg": [int(versions[k]) for k in ids]}))
            at = "SELECT claim_id, _seg FROM _want_events"
        try:  # the rows found on the key columns, then read whole (``data.store.positions``)
            located = con.execute(f"""SELECT filename, list(file_row_number) FROM _located_events e
                SEMI JOIN ({at}) l ON l.claim_id = e.claim_id AND l._seg = e._seg
                GROUP BY filename ORDER BY filename""").fetchall()
        finally:
            con.unregister("_want_events")
        got = rows_at(con, located)
        if got is None or not got.num_rows:
            return empty_events()
        con.register("_got_events", got)
        try:
            df = arrow(con, """SELECT * EXCLUDE (_seg) FROM _got_events
                ORDER BY doc_id, start, claim_id, TRY_CAST(split_part(event_id, ':', -1) AS INTEGER), event_id""").to_pandas()
        finally:
            con.unregister("_got_events")
        del got
        return conform(df)

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
            return _decoded_in_order(con, f"SELECT claim_json FROM ({current('linked', 'claim_id IN (SELECT claim_id FROM _want_claims)', by_key=True)})")
        finally:
            con.unregister("_want_claims")

    def claims_at(self, versions: Mapping[str, int]) -> list[Claim]:
        """The linked claims stored under these (claim id -> batch ``_seg``) versions, in the order of
        ``claims_by_ids``: for versions a lookup has just resolved as current (under the writer lock),
        read with one pass over the claim column instead of resolving visibility again."""
        if not versions:
            return []
        out = [c for rows in self.claim_texts_at(versions) for _, text in rows for c in stored_claims_from_json(text)]
        out.sort(key=_stored_order)
        return out

    def claim_texts_at(self, versions: Mapping[str, int], size: int | None = None,
                       by_cluster: bool = False) -> Iterator[list[tuple[str, str]]]:
        """The (cluster id, claim JSON) rows of the linked claims stored under these (claim id -> batch
        ``_seg``) versions, ``size`` (``FETCH_ROWS``) rows at a time, in no set order (``by_cluster``: a
        cluster's rows one after another): a caller that keeps a few of many candidates decodes a chunk,
        keeps what it needs and lets the rest go, instead of holding every candidate decoded at once
        (``data.link.candidates.stored_neighbourhood``, which keeps a cluster's members with the features
        it has just computed when they come together)."""
        if not versions:
            return
        cur = self.connect().cursor()  # its own cursor: the caller may query the store between chunks
        ids = sorted(versions)
        cur.register("_want_at", pa.table({"claim_id": ids, "_seg": [int(versions[k]) for k in ids]}))
        try:
            cur.execute("SELECT x.cluster_id, x.claim_json FROM _raw_linked x SEMI JOIN _want_at w "
                        "ON w.claim_id = x.claim_id AND w._seg = x._seg" + (" ORDER BY x.cluster_id" if by_cluster else ""))
            while rows := cur.fetchmany(size or FETCH_ROWS):
                yield rows
        finally:
            cur.close()

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


FETCH_ROWS = 2048
"""Stored claims' JSON texts fetched (and decoded) at a time."""


def _decoded_in_order(con: duckdb.DuckDBPyConnection, sql: str) -> list[Claim]:
    """The stored claims whose JSON ``sql`` selects, decoded ``FETCH_ROWS`` texts at a time and sorted by
    document, position and id. Sorting the decoded claims instead of the rows (``ORDER BY`` on a
    ``json_extract`` of each text) means DuckDB streams the texts instead of holding them all for a
    sort, and no batch of texts is held beside its claims: ~70 MB less at a peak for 37k candidates."""
    cur = con.execute(sql)
    out: list[Claim] = []
    while rows := cur.fetchmany(FETCH_ROWS):
        out += [c for (text,) in rows for c in stored_claims_from_json(text)]
    out.sort(key=_stored_order)
    return out


def _stored_order(c: Claim) -> tuple[str, int, str]:
    return c.doc_id, c.start, c.claim_id
