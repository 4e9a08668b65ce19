"""Counts a commit keeps in the manifest, so no ingest, report or dashboard counts the whole store:
documents, linked claims and event rows (``counts``), and documents per extractor fingerprint of
their cached claims' key (``key_counts``: what ``sitmap ingest`` reports as stale). Each commit
derives them from the counts before it and look-ups of the batch's own keys. A mixin of ``Store``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd
import pyarrow as pa

from data.model import Claim, Document
from data.store.common import CachedClaims
from data.store.segments import current

KEY_SEPARATOR = ":"
"""A cache key is ``FINGERPRINT:CONTENT`` (``data.ingest.stale``); a key without one has no known fingerprint."""
_CURRENT_KEYS = ("SELECT c.doc_id, c.key FROM (SELECT doc_id, arg_max(key, _seg) AS key, max(_seg) AS s "
                 "FROM _raw_cached GROUP BY doc_id) c LEFT JOIN _reset z ON z.doc_id = c.doc_id "
                 "WHERE z.r IS NULL OR c.s >= z.r")
"""Each stored document's current cache key: the visibility rule (``data.store.segments``) as one aggregate
over the key columns."""


def key_fingerprint(key: str | None) -> str:
    """The part of a cache key before ``KEY_SEPARATOR`` ("" when it has none)."""
    fp, sep, _ = (key or "").partition(KEY_SEPARATOR)
    return fp if sep else ""


class Counting:
    """``counts``, ``key_counts`` and the commit's ``_counts_after``."""

    def counts(self) -> dict[str, int]:
        """Documents, linked claims and event rows in the store: kept in the manifest by each commit
        (one query over the store for one written before that)."""
        kept = self.meta().get("counts")  # type: ignore[attr-defined]
        if isinstance(kept, dict) and {"documents", "claims", "events"} <= kept.keys():
            return {k: int(kept[k]) for k in ("documents", "claims", "events")}
        row = self.connect().execute(  # type: ignore[attr-defined]
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM linked), "
            "(SELECT count(*) FROM events)").fetchall()[0]
        return {"documents": int(row[0]), "claims": int(row[1]), "events": int(row[2])}

    def key_counts(self) -> dict[str, int]:
        """{extractor fingerprint of a cache key ("" when unknown): stored documents whose cached claims
        are kept under it}: kept in the manifest by each commit (one aggregate over the cache keys for a
        store written before that), so counting the documents an older extractor made is no query."""
        if not self.generation():  # type: ignore[attr-defined]
            return {}
        kept = self.meta().get("key_counts")  # type: ignore[attr-defined]
        if isinstance(kept, dict):
            return {str(k): int(v) for k, v in kept.items()}
        rows = self.connect().execute(  # type: ignore[attr-defined]
            f"SELECT CASE WHEN contains(key, '{KEY_SEPARATOR}') THEN split_part(key, '{KEY_SEPARATOR}', 1) "
            f"ELSE '' END AS fp, count(*) FROM ({_CURRENT_KEYS}) GROUP BY fp").fetchall()
        return {str(fp): int(n) for fp, n in rows}

    def _counts_after(self, documents: Mapping[str, Document], claims: Mapping[str, CachedClaims],
                      linked: list[Claim], events: pd.DataFrame | None, reset: set[str], full: bool
                      ) -> tuple[dict[str, int], dict[str, int]]:
        """The store's ``counts`` and ``key_counts`` once this batch is committed: those before it, kept
        in the manifest, plus what the batch adds, minus what it replaces or resets (found by look-ups of
        the batch's keys)."""
        first = not self.generation()  # type: ignore[attr-defined]
        before = {"documents": 0, "claims": 0, "events": 0} if first else self.counts()
        keys = Counter(self.key_counts())
        new_events = len(events) if events is not None else 0
        if not (documents or claims or linked or reset or full):  # sources alone (an ingest's last commit)
            return {**before, "events": before["events"] + new_events}, dict(keys)
        con = self.connect()  # type: ignore[attr-defined]
        docs, ids = sorted(set(documents) | reset), sorted({c.claim_id for c in linked})
        con.register("_c_docs", pa.table({"id": pa.array(docs, pa.string())}))
        con.register("_c_claims", pa.table({"claim_id": pa.array(ids, pa.string())}))
        con.register("_c_cached", pa.table({"id": pa.array(sorted(set(claims) | reset), pa.string())}))
        try:
            seen_docs = {r[0] for r in con.execute(
                current("documents", "id IN (SELECT id FROM _c_docs)", ("id",), by_key=True)).fetchall()}
            old_keys = [r[0] for r in con.execute(
                current("cached", "doc_id IN (SELECT id FROM _c_cached)", ("key",), by_key=True)).fetchall()]
            mine = " UNION ALL ".join(f"SELECT * FROM ({current('linked', w, ('claim_id', 'doc_id', '_seg'), by_key=k)})"
                                      for w, k in (("claim_id IN (SELECT claim_id FROM _c_claims)", True),
                                                   ("doc_id IN (SELECT id FROM _c_docs)", False)))
            seen = con.execute(f"""
                WITH v AS (SELECT DISTINCT * FROM ({mine}))
                SELECT v.claim_id, any_value(v.doc_id), count(e.claim_id) FROM v
                LEFT JOIN _raw_events e ON e.claim_id = v.claim_id AND e._seg = v._seg GROUP BY v.claim_id""").fetchall()
        finally:
            for table in ("_c_docs", "_c_claims", "_c_cached"):
                con.unregister(table)
        keys.subtract(key_fingerprint(k) for k in old_keys)
        keys.update(key_fingerprint(c.key) for c in claims.values())
        keys = Counter({k: n for k, n in keys.items() if n > 0})
        n_docs = before["documents"] + len(set(documents) - seen_docs) - len((seen_docs & reset) - set(documents))
        if full:
            return {"documents": n_docs, "claims": len(ids), "events": new_events}, dict(keys)
        mine_ids = set(ids)
        gone = [n for c, d, n in seen if d in reset or c in mine_ids]  # replaced or reset: their rows stop counting
        return ({"documents": n_docs, "claims": before["claims"] - len(gone) + len(ids),
                 "events": before["events"] - sum(gone) + new_events}, dict(keys))


