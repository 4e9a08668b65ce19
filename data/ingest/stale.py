"""Which stored documents an older extractor made claims for, without re-extracting them.

Every document's cached claims are stored under a key ``FINGERPRINT:CONTENT`` (``data.ingest.run.cache_key``):
the extractor fingerprint they were made with and a hash of the document's content and metadata.
So one store can hold claims of several sitmap versions: an upgrade (or another gazetteer) does not
make the next ``sitmap ingest`` re-extract the whole store; it adds the new articles with the new code
and counts the documents left behind (``stale_count``), which ``sitmap reextract`` brings up to date
batch by batch (``data.ingest.reextract``). A key written before this scheme (16 hex digits, no
fingerprint) counts as stale.
"""

from __future__ import annotations

import hashlib
import json

from data.model import Document
from data.store.store import Store

SEPARATOR = ":"


def content_key(doc: Document) -> str:
    """Hash of what a document's claims depend on besides the code: its id (a hash of its text, outlet,
    url and stated date), title, outlet, url and publication date (which anchors relative dates)."""
    meta = [doc.id, doc.title, doc.outlet, doc.url, str(doc.published), doc.published_how]
    return hashlib.sha256(json.dumps(meta).encode()).hexdigest()[:16]


def make_key(doc: Document, fingerprint: str) -> str:
    """The key a document's claims are cached under when ``fingerprint``'s extractor made them."""
    return f"{fingerprint}{SEPARATOR}{content_key(doc)}"


def key_fingerprint(key: str | None) -> str:
    """The fingerprint of the extractor that made the claims cached under ``key`` ("" when unknown)."""
    fp, sep, _ = (key or "").partition(SEPARATOR)
    return fp if sep else ""


def unchanged(doc: Document, key: str | None, legacy: dict[str, Document] | None = None) -> bool:
    """True when ``doc`` is stored as it is now with claims cached under ``key``, whatever extractor made
    them: ingesting it again is not needed (re-extraction is ``sitmap reextract``'s job). A key of the
    old scheme says nothing about the content: the stored document's metadata is compared instead
    (``legacy``: those documents, looked up by the caller for a whole file at once)."""
    if not key:
        return False  # stored without claims (its extraction failed): try again
    fp, sep, content = key.partition(SEPARATOR)
    if sep:
        return content == content_key(doc)
    old = (legacy or {}).get(doc.id)
    return old is not None and content_key(old) == content_key(doc)


def legacy_heads(store: Store, keys: dict[str, str | None]) -> dict[str, Document]:
    """The stored documents (without text) whose claims are cached under an old-scheme key."""
    ids = [d for d, k in keys.items() if k and SEPARATOR not in k]
    return store.document_heads(ids) if ids else {}


_CURRENT_KEYS = ("SELECT c.doc_id, c.key FROM (SELECT doc_id, arg_max(key, _seg) AS key, max(_seg) AS s "
                 "FROM _raw_cached GROUP BY doc_id) c LEFT JOIN _reset z ON z.doc_id = c.doc_id "
                 "WHERE z.r IS NULL OR c.s >= z.r")
"""Each stored document's current cache key: the store's visibility rule (``data.store.segments``) as one
aggregate over the key columns (a third of the time of the window the ``cached`` view runs, at 100k)."""


def _stale_sql() -> str:
    """Current cache keys not of the fingerprint ``$fp``."""
    return f"SELECT doc_id FROM ({_CURRENT_KEYS}) WHERE NOT starts_with(key, $fp)"


def stale_count(store: Store, fingerprint: str) -> int:
    """How many stored documents have claims an extractor other than ``fingerprint``'s made: from the
    documents per fingerprint each commit keeps in the manifest (``Store.key_counts``), not a query."""
    if not store.generation():
        return 0
    if not fingerprint:  # keys of no fingerprint would count as current: ask the store
        sql = f"SELECT count(*) FROM ({_stale_sql()})"
        return int(store.connect().execute(sql, {"fp": SEPARATOR}).fetchall()[0][0])
    return sum(n for fp, n in store.key_counts().items() if fp != fingerprint)


def stale_ids(store: Store, fingerprint: str, limit: int | None = None) -> list[str]:
    """Ids of the stored documents whose claims an extractor other than ``fingerprint``'s made, sorted."""
    if not store.generation():
        return []
    sql = f"SELECT doc_id FROM ({_stale_sql()}) ORDER BY doc_id" + (f" LIMIT {int(limit)}" if limit else "")
    return [r[0] for r in store.connect().execute(sql, {"fp": fingerprint + SEPARATOR}).fetchall()]


def fingerprints(store: Store) -> dict[str, int]:
    """{fingerprint ("" for unknown): stored documents whose claims it made}, for ``sitmap status``."""
    return store.key_counts()
