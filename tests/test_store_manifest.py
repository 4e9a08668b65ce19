"""What each commit keeps in the manifest so an ingest asks the store no question whose cost grows with
it (documents per extractor fingerprint: the stale count), and the store's DuckDB memory settings."""

from __future__ import annotations

import json

import pytest

from data.events import build_events
from data.ingest.stale import fingerprints, stale_count
from data.load.documents import make_document
from data.model import Claim
from data.store.common import CachedClaims
from data.store.counting import _CURRENT_KEYS
from data.store.store import Store


def _doc(i: int):
    return make_document(f"Report {i} on shelling in Kursk.", outlet=f"Outlet {i % 3}")


def _claim(doc) -> Claim:
    return Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=10, text=doc.text, date="2024-10-23",
                 date_text="", date_precision="day", published=None, outlet=doc.outlet)


def _by_query(store: Store) -> dict[str, int]:
    rows = Store(store.path).connect().execute(
        "SELECT CASE WHEN contains(key, ':') THEN split_part(key, ':', 1) ELSE '' END AS fp, count(*) "
        f"FROM ({_CURRENT_KEYS}) GROUP BY fp").fetchall()
    return {fp: n for fp, n in rows}


def test_documents_per_fingerprint_are_kept_by_each_commit(tmp_path) -> None:
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(6)]
    ctx = {d.id: d for d in docs}

    def cached(key: str, *ds) -> dict[str, CachedClaims]:
        return {d.id: CachedClaims(key, (_claim(d),)) for d in ds}

    steps = [
        dict(documents=ctx, claims={**cached("old:1", *docs[:3]), **cached("0123456789abcdef", *docs[3:5])}),
        dict(documents={}, claims=cached("new:1", docs[0], docs[5]), reset=[docs[0].id]),  # re-extracted; one more
        dict(documents={}, claims=cached("new:2", docs[1])),  # replaced without a reset
        dict(documents={}, claims={}, reset=[docs[2].id, docs[3].id, "no-such-doc"]),  # dropped
        dict(documents={}, claims={}, sources={"/a.txt": {"mtime_ns": 1, "size": 2}}),  # sources alone
    ]
    for step in steps:
        linked = [c for v in step["claims"].values() for c in v.claims]
        store.commit(**step, linked=linked, events=build_events(linked, ctx))
        assert store.meta()["key_counts"] == _by_query(store)
    assert store.key_counts() == {"new": 3, "": 1}
    store.compact()
    assert Store(store.path).key_counts() == {"new": 3, "": 1}


def test_the_stale_count_reads_the_manifest_not_the_store(tmp_path, monkeypatch) -> None:
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(4)]
    store.commit({d.id: d for d in docs}, {d.id: CachedClaims(f"fp{i % 2}:x", ()) for i, d in enumerate(docs)},
                 linked=[], events=None)
    fresh = Store(store.path)
    monkeypatch.setattr(Store, "connect", lambda self: pytest.fail("stale_count queried the store"))
    assert stale_count(fresh, "fp0") == 2 and stale_count(fresh, "fp9") == 4
    assert fingerprints(fresh) == {"fp0": 2, "fp1": 2}


def test_a_store_written_before_key_counts_counts_them_once_then_keeps_them(tmp_path) -> None:
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(3)]
    store.commit({d.id: d for d in docs}, {d.id: CachedClaims("fp0:x", ()) for d in docs}, linked=[], events=None)
    meta_file = store.path / store.generation() / "meta.json"
    meta = json.loads(meta_file.read_text())
    del meta["key_counts"]  # as an older sitmap wrote it
    meta_file.write_text(json.dumps(meta))
    older = Store(store.path)
    assert older.key_counts() == {"fp0": 3} and stale_count(older, "fp1") == 3
    d = _doc(9)
    older.commit({d.id: d}, {d.id: CachedClaims("fp1:y", ())}, linked=[], events=None)
    assert older.meta()["key_counts"] == {"fp0": 3, "fp1": 1}


def test_store_connections_hand_freed_memory_back(tmp_path) -> None:
    """DuckDB kept up to 128 MB of each finished query's memory in its allocator: a store connection
    flushes it past 8 MB, from background threads, so an ingest's peak RSS does not hold every query's."""
    con = Store(tmp_path / "s").connect()
    flush = con.execute("SELECT current_setting('allocator_flush_threshold')").fetchall()[0][0]
    assert con.execute("SELECT current_setting('allocator_background_threads')").fetchall()[0][0] is True
    assert flush == "8MB"  # the default is "134217728B"


def test_decoding_a_stored_claim_builds_no_field_list(monkeypatch) -> None:
    """``dataclasses.fields`` per decoded claim, place and quantity was 45% of decoding a batch's stored
    claims: the field names are made once; fields unknown to this version are still dropped."""
    from data.model import ClaimPlace, Quantity
    from data.store import codec

    c = Claim(claim_id="d:0", doc_id="d", start=0, end=5, text="Shelling in Kursk.", date="2024-10-23",
              date_text="", date_precision="day", published=None, outlet="O",
              places=(ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "ADM1", "admin", 0, 5),),
              quantities=(Quantity("3", 3.0, None, None, "people"),))
    text = codec.claims_to_json([c])
    monkeypatch.setattr(codec, "fields", lambda cls: pytest.fail("fields() called while decoding"))
    assert codec.claims_from_json(text) == [c]
    newer = text.replace('"text":', '"added_later": 1, "text":')
    assert codec.claims_from_json(newer) == [c]


def test_stored_claims_stream_in_chunks_and_come_back_in_store_order(tmp_path, monkeypatch) -> None:
    """``claims_at``/``claims_by_ids`` decode the JSON texts a chunk at a time and sort the claims (DuckDB
    sorting the texts held them all, beside their decoded claims); the order is still document, position, id."""
    from dataclasses import replace

    from data.store import store as store_mod

    monkeypatch.setattr(store_mod, "FETCH_ROWS", 2)
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(3)]
    claims = [replace(_claim(d), claim_id=f"{d.id}:{k}", start=100 - 10 * k) for d in docs for k in range(4)]
    store.commit({d.id: d for d in docs}, {}, linked=claims[::-1], events=None)
    want = sorted(claims, key=lambda c: (c.doc_id, c.start, c.claim_id))
    assert store.claims_by_ids(c.claim_id for c in claims) == want
    seg = store.meta()["next_segment"] - 1
    assert store.claims_at({c.claim_id: seg for c in claims[:5]}) == [c for c in want if c in claims[:5]]
