"""How many documents an ingest commits per batch: big batches into a small store (each stored claim
is relinked fewer times), small ones into a big store (a batch holds its whole stored neighbourhood,
so memory follows the batch). Decided when a batch is read, never from what has been committed, so a
run cuts the same batches serial or on Dask (their links depend on the cut)."""

from __future__ import annotations

import math
import os

from data.store.store import Store

DEFAULT_BATCH = 200
"""Documents per committed batch into a store of fewer than ``BIG_STORE`` claims. Each batch relinks the
stored neighbourhood of its new claims, so bigger batches relink each stored claim fewer times: 1,000
synthetic articles linked and committed at 16.8 CPU-ms per article in batches of 50, 9.8 in batches of
200 (``bench/bench_link_batches.py``), and closer to what linking them at once gives."""
BIG_STORE_BATCH = 50
"""Documents per batch into a store of ``BIG_STORE`` claims or more: there a claim's stored neighbourhood
is ~40 claims, all read at once, so memory grows with the batch (adding 500 articles to a store of 1M
claims peaked at 1.07 GB in batches of 50, 1.86 GB in batches of 200, for the same CPU time)."""
BIG_STORE = 50_000
"""Stored claims (about 3,500 articles) from which batches are ``BIG_STORE_BATCH`` documents."""
CLAIMS_PER_DOCUMENT = 14
"""Claims a document is assumed to bring to an empty store (synthetic articles bring 15): how a run
that starts small knows when it has grown the store to ``BIG_STORE``. A store's own ratio is used
once it has documents."""


def batch_size(store: Store | None = None) -> int:
    """Documents per committed batch when a run starts: ``$SITMAP_INGEST_BATCH``, else by the size of
    ``store`` (``DEFAULT_BATCH``, ``BIG_STORE_BATCH``). A run that grows the store to ``BIG_STORE`` goes
    on in ``BIG_STORE_BATCH``es (``sizes``)."""
    return sizes(store)[0]


def sizes(store: Store | None) -> tuple[int, int | None, int]:
    """(batch size at the start, documents after which it changes (None: never), the size after).

    One long run into a small store (a year of news) reaches the size a later run would start small in:
    it switches to ``BIG_STORE_BATCH`` after the documents that should bring the store to ``BIG_STORE``
    claims at the store's claims per document. Counted in documents read, not claims committed: a batch
    is cut when it is read, before its claims exist (on Dask reading runs ahead of committing), so the
    cut, and with it every link, is the same serial or on Dask.

    >>> sizes(None)
    (200, 3572, 50)
    """
    try:
        if os.environ.get("SITMAP_INGEST_BATCH"):
            forced = max(1, int(os.environ["SITMAP_INGEST_BATCH"]))
            return forced, None, forced
    except ValueError:
        pass
    claims, docs = 0, 0
    if store is not None and store.generation():
        counts = store.counts()
        claims, docs = counts["claims"], counts["documents"]
    if claims >= BIG_STORE:
        return BIG_STORE_BATCH, None, BIG_STORE_BATCH
    per_doc = claims / docs if docs and claims else CLAIMS_PER_DOCUMENT
    return DEFAULT_BATCH, math.ceil((BIG_STORE - claims) / per_doc), BIG_STORE_BATCH
