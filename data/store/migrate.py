"""Migrations of older stores. A store written before segments (format 1: Parquet tables in the
generation folder) becomes one full segment the first time it is opened. A store whose candidate
index predates the current key scheme (``INDEX_VERSION``) has every stored claim's index rows
rewritten before a batch is linked against it (``reindex``): a probe under the new keys would miss
the stored claims under the old ones. A mixin of ``Store``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data.store.codec import claims_from_json, documents_from_table
from data.store.common import FORMAT, INDEX_VERSION, CachedClaims, StoreError


class Migration:
    """``Store._migrate``: format 1 -> one segment, under the writer lock."""

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


    def reindex(self, chunk: int = 25_000) -> bool:
        """Rewrite the index rows of every stored claim under the current key scheme when the store's
        are older; True when it did. Claims are rewritten ``chunk`` at a time (with their events rows,
        unchanged) so memory stays bounded; the version is recorded with the last chunk, so an
        interrupted run starts over. Then the store is compacted: every claim was just written again,
        and the superseded rows (half the store) would otherwise be read by every later batch, never
        merged away (a merge waits for ten segments of one size)."""
        with self.lock():
            if not self.generation() or self.meta().get("index", 1) >= INDEX_VERSION:
                return False
            after = ""
            while True:  # keyset paging: never all ids in memory at once (1M ids are ~100 MB of str)
                ids = [r[0] for r in self.connect().execute(
                    "SELECT claim_id FROM linked WHERE claim_id > ? ORDER BY claim_id LIMIT ?",
                    [after, chunk + 1]).fetchall()]
                part, last = ids[:chunk], len(ids) <= chunk
                self.commit({}, {}, linked=self.claims_by_ids(part), events=self.events_of_claims(part),
                            index_version=INDEX_VERSION if last else None)
                if last:
                    break
                after = part[-1]
            self.compact()
            return True


def _rows(f: Path) -> list[dict]:
    return pq.read_table(f).to_pylist() if f.exists() else []
