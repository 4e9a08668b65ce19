"""How many documents an ingest commits per batch: big batches into a small store (fewer relinks of
each stored claim), small ones into a big store (a batch holds its whole stored neighbourhood)."""

from __future__ import annotations

import data.ingest.batchsize as batches
from data.ingest.batchsize import batch_size, sizes
from data.store.store import Store
from tests.test_link_incremental import corpus, ingest_in


def test_batches_are_big_into_a_small_store_and_small_into_a_big_one(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SITMAP_INGEST_BATCH", raising=False)
    store = Store(tmp_path / "s")
    assert batch_size(store) == batch_size() == 200  # an empty store
    ingest_in(store, [corpus(10)])  # 40 claims
    assert batch_size(store) == 200
    monkeypatch.setattr(batches, "BIG_STORE", 40)
    assert batch_size(store) == 50
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "7")
    assert batch_size(store) == 7


def test_read_batches_cuts_by_the_stores_size(tmp_path, monkeypatch) -> None:
    from data.ingest.batches import RunState, read_batches
    from data.ingest.stale import make_key
    from data.load.paths import LoadResult

    monkeypatch.delenv("SITMAP_INGEST_BATCH", raising=False)
    store = Store(tmp_path / "s")
    items = corpus(12)
    ingest_in(store, [items[:2]])
    monkeypatch.setattr(batches, "BIG_STORE", 8)
    monkeypatch.setattr(batches, "BIG_STORE_BATCH", 4)
    docs = tuple(d for d, _ in items[2:])
    loaders = [("f.jsonl", lambda: LoadResult("f.jsonl", documents=docs))]
    cut = list(read_batches(loaders, store, RunState(), lambda d: make_key(d, "fp"), False,
                            lambda res, new: type("R", (), {"error": "", "new": new})(), str, lambda *a: None))
    assert [len(b) for b in cut] == [4, 4, 2]


def _cut(store: Store, docs: tuple) -> list[int]:
    from data.ingest.batches import RunState, read_batches
    from data.ingest.stale import make_key
    from data.load.paths import LoadResult

    loaders = [("f.jsonl", lambda: LoadResult("f.jsonl", documents=docs))]
    return [len(b) for b in read_batches(loaders, store, RunState(), lambda d: make_key(d, "fp"), False,
                                         lambda res, new: type("R", (), {"error": "", "new": new})(), str,
                                         lambda *a: None)]


def test_a_run_that_grows_the_store_big_goes_on_in_small_batches(tmp_path, monkeypatch) -> None:
    """One long run into a small store switches to small batches once the documents it has read should
    bring the store to ``BIG_STORE`` claims (at the store's claims per document), as a later run would."""
    monkeypatch.delenv("SITMAP_INGEST_BATCH", raising=False)
    store = Store(tmp_path / "s")
    items = corpus(14)
    ingest_in(store, [items[:2]])  # 2 documents, 8 claims: 4 per document
    monkeypatch.setattr(batches, "BIG_STORE", 24)  # 16 claims to go: after 4 documents
    monkeypatch.setattr(batches, "DEFAULT_BATCH", 3)
    monkeypatch.setattr(batches, "BIG_STORE_BATCH", 2)
    assert sizes(store) == (3, 4, 2)
    assert _cut(store, tuple(d for d, _ in items[2:])) == [3, 3, 2, 2, 2]
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "5")  # a forced size stays
    assert _cut(store, tuple(d for d, _ in items[2:])) == [5, 5, 2]
    monkeypatch.delenv("SITMAP_INGEST_BATCH")
    monkeypatch.setattr(batches, "CLAIMS_PER_DOCUMENT", 8)  # an empty store assumes its ratio
    assert sizes(Store(tmp_path / "empty")) == (3, 3, 2)

