"""Writing the store: the writer lock, a batch committed as one segment, a new generation naming it
and the switch of ``CURRENT`` (see ``data.store.store``), compaction and pruning of what no kept
generation names. A mixin of ``Store``: it reads through the store's own reading methods."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from data.events import conform
from data.model import Claim, Document
from data.store.codec import claims_to_json, documents_to_table
from data.store.common import FORMAT, INDEX_VERSION, CachedClaims, StoreBusy
from data.store.merging import merge
from data.store.segments import Segment, empty_tables, to_arrow, write_segment

KEEP_GENERATIONS = 2


class StoreWriter:
    """The writing half of ``Store`` (``lock``, ``add``, ``commit``, ``compact``)."""

    path: Path
    _lock_depth: int
    _lock_fd: int | None

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
               index: pd.DataFrame | None = None, index_version: int | None = None) -> str:
        """Append one batch as a segment and switch to a generation that includes it.

        ``documents``/``claims`` are added or replace the same ids; ``linked`` (with its ``events``
        rows) adds or replaces claims by id; ``reset`` documents lose every earlier row (dropped, or
        re-extracted here); ``full`` makes ``linked``/``events`` the whole set. ``index`` is the
        candidate index for ``linked`` (computed when None). ``index_version`` is recorded as the
        version of every index row (a full commit, or the first, writes all of them: the current
        one; otherwise the stored one is kept). Returns the new generation's name.
        """
        from data.link.candidates import index_rows

        with self.lock():
            meta = self.meta()
            segs = self.segments()
            first = not segs
            number = self._next_segment(meta)
            tables = empty_tables(number)
            ordered = [documents[k] for k in sorted(documents)]
            tables["documents"] = to_arrow("documents", documents_to_table(ordered), number)
            tables["cached"] = to_arrow("cached", pa.table({
                "doc_id": sorted(claims), "key": [claims[k].key for k in sorted(claims)],
                "claims_json": [claims[k].json or claims_to_json(list(claims[k].claims)) for k in sorted(claims)]}), number)
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
            counts, keys = self._counts_after(documents, claims, linked, events, set(reset), full)
            name = f"seg-{number:06d}"
            (self.path / "segments").mkdir(parents=True, exist_ok=True)
            write_segment(self.path / "segments", name, tables)
            segs = [*segs, Segment(name, 0, full, len(documents))]
            segs, last = self._merge_tail(segs, number)
            fp = meta.get("fingerprint", "") if fingerprint is None else fingerprint
            if index_version is None:
                index_version = INDEX_VERSION if full or first else meta.get("index", 1)
            return self._write_generation(segs, {"fingerprint": fp, "next_segment": last + 1, "counts": counts,
                                                 "key_counts": keys, "index": index_version})

    def _next_segment(self, meta: dict) -> int:
        """One more than any segment on disk (a writer killed after renaming its segment into place
        but before switching CURRENT leaves an orphan with that number)."""
        root = self.path / "segments"
        on_disk = [int(p.name[4:]) for p in root.iterdir() if p.name.startswith("seg-")] if root.is_dir() else []
        return max([int(meta.get("next_segment", 1)) - 1, *on_disk]) + 1

    def compact(self) -> str:
        """Merge every segment into one (fewer files to read; drops superseded rows)."""
        with self.lock():
            segs, meta = self.segments(), self.meta()
            if len(segs) <= 1:
                return self.generation()
            number = self._next_segment(meta)
            merged = merge(self.path / "segments", segs, f"seg-{number:06d}", max(s.level for s in segs) + 1)
            return self._write_generation([merged], {"fingerprint": meta.get("fingerprint", ""),
                                                     "index": meta.get("index", 1),
                                                     **{k: meta[k] for k in ("counts", "key_counts") if k in meta},
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
