"""The committing process does per-claim work once: link features memoised by claim content, computed on
the worker beside the claims, stored claims decoded once, one DuckDB connection per store and thread,
already conformed events columns left as they are. Results are what they were (``test_link_incremental``,
``test_store_segments``); these tests check the work is not redone."""

from __future__ import annotations

import dataclasses
from functools import partial

import pandas as pd
import pytest

import data.link.corroborate as corroborate
import data.store.codec as codec
from data.events import conform
from data.ingest.batches import commit_batch
from data.ingest.work import extract_documents
from data.link.candidates import index_rows
from data.link.corroborate import _info, _jaccard, link_claims
from data.link.features import claim_keys, prepare
from data.link.memo import MEMO, FeatureMemo
from data.store.store import CachedClaims, Store
from tests.test_link_incremental import corpus


@pytest.fixture
def counted(monkeypatch) -> list:
    """Every claim whose link features are computed (``compute_info``), from an empty memo."""
    MEMO.clear()
    seen: list = []
    real = corroborate.compute_info

    def count(c, source):
        seen.append(c.claim_id)
        return real(c, source)

    monkeypatch.setattr(corroborate, "compute_info", count)
    yield seen
    MEMO.clear()


def test_link_features_are_computed_once_per_claim_in_a_run(tmp_path, counted) -> None:
    """Two batches: the first batch's claims are read back as the second's neighbours, and every claim
    is looked up by the candidate query, ``affected``, ``link_claims`` and the index rows."""
    items = corpus(24)
    store = Store(tmp_path / "s")
    for batch in (items[:12], items[12:]):
        commit_batch(store, {d.id: d for d, _ in batch}, {d.id: CachedClaims("k", cs) for d, cs in batch},
                     set(), link_claims, "fp")
    assert sorted(counted) == sorted({c.claim_id for _, cs in items for c in cs})


def test_the_memo_ignores_link_columns_not_content_and_checks_the_source() -> None:
    memo = FeatureMemo(size=3)
    (doc, claims), *_ = corpus(1)
    c = claims[0]
    linked = dataclasses.replace(c, cluster_id="c1", corroboration_outlets=3, conflicts=("x",))
    assert memo.slot(c) is memo.slot(linked)
    assert memo.slot(c) is not memo.slot(dataclasses.replace(c, text=c.text + " More."))
    for k in range(5):  # bounded
        memo.slot(dataclasses.replace(c, start=k))
    assert len(memo) == 3
    bare = dataclasses.replace(c, outlet="")  # the source comes from the documents given, on every use
    assert _info(bare, {doc.id: doc}).source == f"outlet:{doc.outlet.lower()}"
    assert _info(bare, {}).source == f"doc:{doc.id}"


def test_a_worker_prepares_features_and_json_and_linking_then_computes_none(tmp_path, counted) -> None:
    items = corpus(6)
    claims_of = {d.id: cs for d, cs in items}
    out = list(extract_documents([(d, "k") for d, _ in items], extract=partial(_stored, claims_of)))
    assert [r.claims.json for r in out] == [codec.claims_to_json(list(cs)) for _, cs in items]
    assert out[0].prepared == prepare(items[0][1], {items[0][0].id: items[0][0]})
    assert out[0].prepared[0][2] == claim_keys(items[0][1][0], {items[0][0].id: items[0][0]})
    counted.clear()
    MEMO.clear()
    from data.link.features import seed

    for r in out:
        seed(r.claims.claims, r.prepared)
    store = Store(tmp_path / "s")
    commit_batch(store, {d.id: d for d, _ in items}, {r.doc_id: r.claims for r in out}, set(), link_claims, "fp")
    assert counted == []
    assert store.cached_claims() == {r.doc_id: r.claims for r in out}


def _stored(claims_of: dict, doc) -> list:
    return list(claims_of[doc.id])


def test_stored_claims_are_decoded_once_and_the_connection_is_kept(tmp_path, monkeypatch) -> None:
    items = corpus(4)
    store = Store(tmp_path / "s")
    commit_batch(store, {d.id: d for d, _ in items[:2]}, {d.id: CachedClaims("k", cs) for d, cs in items[:2]},
                 set(), link_claims, "fp")
    con = store.connect()
    codec._decoded.cache_clear()
    decoded: list[str] = []
    real = codec.claims_from_json
    monkeypatch.setattr(codec, "claims_from_json", lambda text: decoded.append(text) or real(text))
    ids = [c.claim_id for _, cs in items[:2] for c in cs]
    first, again = store.claims_by_ids(ids), store.claims_by_ids(ids)
    assert first == again and all(a is b for a, b in zip(first, again, strict=True))
    assert len(decoded) == len(ids)
    commit_batch(store, {d.id: d for d, _ in items[2:]}, {d.id: CachedClaims("k", cs) for d, cs in items[2:]},
                 set(), link_claims, "fp")
    assert store.connect() is con  # the next generation's views on the same connection
    assert store.counts()["documents"] == 4
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(4,)]


def test_conform_leaves_conformed_columns_alone(monkeypatch) -> None:
    items = corpus(3)
    from data.events import build_events

    events = build_events([c for _, cs in items for c in cs], {d.id: d for d, _ in items})
    raw = events.astype(object)
    raw.loc[0, "title"], raw.loc[1, "start"] = None, None
    casts: list = []
    real = pd.Series.astype
    monkeypatch.setattr(pd.Series, "astype", lambda self, *a, **k: casts.append(self.name) or real(self, *a, **k))
    again = conform(events)
    assert casts == [] and again.equals(events)
    fixed = conform(raw)
    assert fixed["title"][0] == "" and fixed["start"][1] == -1 and list(fixed.dtypes) == list(events.dtypes)


def test_index_rows_and_jaccard_keep_their_values() -> None:
    (doc, claims), *_ = corpus(1)
    df = index_rows(claims, {doc.id: doc})
    assert list(df.dtypes.astype(str)) == ["object", "object", "Int64", "Int64"]
    assert len(df) == sum(len(claim_keys(c)[2]) for c in claims)
    empty = index_rows([])
    assert list(empty.columns) == ["claim_id", "key", "lo", "hi"] and list(empty.dtypes.astype(str))[2:] == ["Int64"] * 2
    for a, b in [({1, 2, 3}, {2, 3, 4}), ({1}, {1}), (set(), {1}), ({1, 2}, {3})]:
        a, b = frozenset(a), frozenset(b)
        assert _jaccard(a, b) == (len(a & b) / len(a | b) if a and b else 0.0)


def test_shingles_are_the_blake2b_numbers_they_were() -> None:
    import hashlib

    from data.link.corroborate import _shingles

    text = "Officials said 12,000 North Korean troops were seen near Kursk on Monday."
    words = text.lower().replace(",", " ").replace(".", " ").split()
    want = {int(hashlib.blake2b(" ".join(words[i:i + 3]).encode(), digest_size=8).hexdigest(), 16)
            for i in range(len(words) - 2)}
    assert _shingles(text) == frozenset(want)


def test_features_share_empty_sets_and_strings_across_claims() -> None:
    """What the memo holds per claim: an empty feature set is one shared object, and words, cells and
    block keys are the same string objects in every claim that has them (``corroborate._compact``)."""
    claims = [c for _, cs in corpus(6) for c in cs]
    infos = [corroborate.compute_info(c, "s") for c in claims]
    empties = [s for inf in infos for s in (inf.sides, inf.subjects, inf.precise, inf.vague, inf.countries) if not s]
    assert empties and all(s is empties[0] for s in empties)
    for field in ("words", "cells", "blocks"):
        seen: dict[str, str] = {}
        shared = 0
        for inf in infos:
            for w in getattr(inf, field):
                shared += w in seen
                assert seen.setdefault(w, w) is w, f"{field}: {w!r} is a copy"
        assert shared, f"no {field} repeat across the test claims"
