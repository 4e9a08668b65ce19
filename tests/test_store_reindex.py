"""A store whose candidate index was written under an older key scheme is re-indexed before a batch
is linked against it: probing under the new keys would miss the stored claims under the old ones."""

from __future__ import annotations

from datetime import date

from data.ingest.batches import commit_batch
from data.link.candidates import index_rows
from data.link.corroborate import link_claims
from data.load.documents import make_document
from data.model import Claim, ClaimPlace, Quantity
from data.store.common import INDEX_VERSION
from data.store.store import CachedClaims, Store

UKRAINE = ClaimPlace("Ukraine", "690791", 49.0, 32.0, "UA", "PCLI", "country", 0, 7)
KHARKIV = ClaimPlace("Kharkiv", "706483", 50.0, 36.25, "UA", "PPLA", "point", 0, 5)


def toll(n: int, text: str, place: ClaimPlace, value: float) -> tuple:
    day = date(2024, 3, 5)
    doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                        source_path=f"t#{n}")
    return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day, doc.outlet,
                       claimant=f"Speaker {n}", kind="casualties", places=(place,),
                       quantities=(Quantity(f"{value:,.0f} people", value, None, None, "people"),)),)


def version_1_index(claims: list[Claim]):
    """Index rows as version 1 wrote them: a figure's measure keyed without its country."""
    idx = index_rows(claims)
    measure = idx["key"].str.startswith("m:")
    idx.loc[measure, "key"] = idx.loc[measure, "key"].str.rsplit("|", n=1).str[0]
    return idx.drop_duplicates(ignore_index=True)


def test_a_store_indexed_under_older_keys_is_reindexed_before_linking(tmp_path) -> None:
    store = Store(tmp_path / "s")
    doc, claims = toll(1, "At least 3,000 people died in Ukraine on Tuesday.", UKRAINE, 3000)
    linked = link_claims(list(claims), {doc.id: doc})
    store.commit({doc.id: doc}, {doc.id: CachedClaims("k", claims)}, linked=linked, events=None,
                 index=version_1_index(linked), index_version=1)
    store.commit({}, {}, linked=[], events=None)  # a later batch keeps the recorded version
    assert store.meta()["index"] == 1
    assert "m:people|" in {k for (k,) in store.connect().execute("SELECT key FROM claim_index").fetchall()}
    doc2, claims2 = toll(2, "12,000 people died in Kharkiv on Tuesday, officials said.", KHARKIV, 12000)
    commit_batch(store, {doc2.id: doc2}, {doc2.id: CachedClaims("k", claims2)}, set(), link_claims, "fp")
    assert {c.claim_id: c.conflicts for c in store.claims()} == {claims[0].claim_id: (claims2[0].claim_id,),
                                                                  claims2[0].claim_id: (claims[0].claim_id,)}
    assert store.meta()["index"] == INDEX_VERSION
    keys = {k for (k,) in store.connect().execute("SELECT key FROM claim_index").fetchall()}
    assert "m:people||UA" in keys and "m:people|" not in keys  # no row left under the old scheme
    assert not store.reindex()  # once


def test_a_new_store_records_the_current_index_version(tmp_path) -> None:
    store = Store(tmp_path / "s")
    doc, claims = toll(1, "3,000 people died in Ukraine.", UKRAINE, 3000)
    commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), link_claims, "fp")
    assert store.meta()["index"] == INDEX_VERSION


def test_reindex_pages_through_every_claim_in_chunks(tmp_path) -> None:
    """Chunks are read by keyset (ids after the last one rewritten), so every claim is rewritten once,
    including when the count is a multiple of the chunk, and the version is recorded at the end."""
    store = Store(tmp_path / "s")
    places = [UKRAINE, KHARKIV, UKRAINE, KHARKIV]
    pairs = [toll(n, f"{1000 + n:,} people died in the east on Tuesday.", places[n], 1000 + n) for n in range(4)]
    docs = {doc.id: doc for doc, _ in pairs}
    claims = [c for _, cs in pairs for c in cs]
    linked = link_claims(claims, docs)
    store.commit(docs, {doc.id: CachedClaims("k", cs) for doc, cs in pairs}, linked=linked, events=None,
                 index=version_1_index(linked), index_version=1)
    assert store.reindex(chunk=2)
    assert store.meta()["index"] == INDEX_VERSION
    assert sorted(c.claim_id for c in store.claims()) == sorted(c.claim_id for c in claims)
    keys = {k for (k,) in store.connect().execute("SELECT key FROM claim_index").fetchall()}
    assert not any(k.startswith("m:people|") and k.count("|") == 1 for k in keys)
    assert store.query("SELECT count(*) AS n FROM linked")["n"][0] == 4


def test_a_reindexed_store_holds_each_claim_once(tmp_path) -> None:
    # reindexing writes every claim again: the rows it supersedes are merged away, not left for every
    # later batch to read (a re-indexed 1M-claim store held 2M claim rows and 18M index rows)
    import pyarrow.parquet as pq

    store = Store(tmp_path / "s")
    items = [toll(n, f"{n},000 people died in Kharkiv on Tuesday.", KHARKIV, n * 1000.0) for n in range(1, 6)]
    docs = {d.id: d for d, _ in items}
    linked = link_claims([c for _, cs in items for c in cs], docs)
    store.commit(docs, {d.id: CachedClaims("k", cs) for d, cs in items}, linked=linked, events=None,
                 index=version_1_index(linked), index_version=1)
    before = store.claims()
    assert store.reindex(chunk=2)
    rows = sum(pq.ParquetFile(tmp_path / "s" / "segments" / s.name / "linked.parquet").metadata.num_rows
               for s in store.segments())
    assert rows == len(before) == 5 and store.claims() == before and store.meta()["index"] == INDEX_VERSION
