"""``stored_neighbourhood`` (what a commit reads of its candidates, a chunk at a time) keeps exactly what
its definition, ``affected`` over every candidate decoded at once, keeps: the claims linking the batch can
change and the rest of their clusters. A difference would relink a batch against the wrong claims."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from data.link.candidates import affected, candidate_versions, link_order, stored_neighbourhood
from data.link.memo import MEMO
from data.store.store import Store
from tests.test_link_incremental import corpus, ingest_in

ROOT = Path(__file__).resolve().parent.parent


def _synthetic(n: int, tmp: Path) -> list[tuple]:
    """(document, claims) of ``n`` synthetic articles spread over a year (``bench/synth_corpus.py``),
    extracted for real: sparse enough that linking leaves most candidates alone."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synth_corpus import generate

    from data.ingest.work import extract_documents
    from data.load.paths import iter_files, load_path

    generate(n, tmp / "corpus", seed=0)
    docs = [d for f in iter_files([tmp / "corpus"]) for d in load_path(f).documents]
    return [(d, r.claims.claims) for d, r in zip(docs, extract_documents([(d, "k") for d in docs]), strict=True)]


@pytest.mark.slow  # ~10 s: 300 articles extracted
def test_chunked_neighbourhood_keeps_what_affected_keeps(tmp_path) -> None:
    items = _synthetic(300, tmp_path)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:150], items[150:250]])
    batch = items[250:]
    docs = {d.id: d for d, _ in batch}
    new = [c for _, claims in batch for c in claims]
    versions = candidate_versions(store.connect(), new, docs)
    assert len(versions) > 20  # the batch meets many stored claims
    stored = store.claims_at(versions)
    context = {**store.document_heads({c.doc_id for c in stored}), **docs}
    MEMO.clear()
    want = {c.claim_id for c in affected(new, stored, context)}
    assert 0 < len(want) < len(stored)  # some candidates are kept, some are not: the test can tell

    for size, by_cluster in [(1, False), (7, False), (1000, False), (1, True), (7, True)]:
        # a claim kept in a later chunk still brings its cluster mates read earlier
        MEMO.clear()
        kept, ctx = stored_neighbourhood(new, store.claim_texts_at(versions, size, by_cluster), docs,
                                         store.document_heads, set(versions))
        assert {c.claim_id for c in kept} == want, size
        assert kept == sorted(kept, key=link_order)
        assert set(docs) <= set(ctx) and {c.doc_id for c in kept if not c.outlet} <= set(ctx)


def _ten_against_twenty(tmp: Path) -> tuple:
    """A store of 20 synthetic documents and a batch of 10 more: (store, the batch's documents, its claims,
    ``candidate_versions`` of them)."""
    items = corpus(30, seed=6)
    store = Store(tmp / "s")
    ingest_in(store, [items[:20]])
    docs = {d.id: d for d, _ in items[20:]}
    new = [c for _, claims in items[20:] for c in claims]
    return store, docs, new, candidate_versions(store.connect(), new, docs)


def test_always_and_skip(tmp_path) -> None:
    """``always`` (the cluster mates of vanishing claims) are kept whatever the probe says; the claims of
    ``skip`` documents (re-extracted or dropped) never are."""
    store, docs, new, versions = _ten_against_twenty(tmp_path)
    stored = store.claims_at(versions)
    gone_doc = stored[0].doc_id
    extra = next(c.claim_id for c in stored if c.doc_id != gone_doc)
    kept, _ = stored_neighbourhood(new, store.claim_texts_at(versions, 3), docs, store.document_heads,
                                   set(versions), always={extra}, skip={gone_doc})
    ids = {c.claim_id for c in kept}
    assert extra in ids
    assert not any(c.doc_id == gone_doc for c in kept)


def test_a_copy_on_days_that_do_not_meet_is_left_alone() -> None:
    """Linking compares a pair only when their date windows meet (``pairs.dated_pairs``), so a stored
    claim whose words a new claim copies, at a place and kind they share, but dated a month apart, is
    neither similar nor a wire copy: linking the batch cannot change it. Its dates moved to the new
    claim's, it is kept."""
    items = corpus(6, seed=2)
    docs = {d.id: d for d, _ in items}
    old = items[0][1][0]
    copy = dataclasses.replace(old, claim_id="new-1", doc_id=items[1][0].id, outlet="another outlet",
                               quantities=(), date="2024-05-20", date_precision="day")
    far = dataclasses.replace(old, quantities=(), date="2024-04-10", date_precision="day")
    MEMO.clear()
    assert affected([copy], [far], docs) == []
    near = dataclasses.replace(far, date="2024-05-21")
    assert affected([copy], [near], docs) == [near]


def test_candidates_reuse_the_features_the_memo_holds(tmp_path, monkeypatch) -> None:
    """The stored candidates of a batch that the memo knows (the claims of the batch before, whose
    features it was seeded with) are not featurised again; with the memo cleared they are, and the
    batch keeps the same claims either way."""
    import data.link.features as features

    items = corpus(30, seed=6)
    store = Store(tmp_path / "s")
    batch = items[20:]
    docs = {d.id: d for d, _ in batch}
    new = [c for _, claims in batch for c in claims]
    featurised: list[str] = []
    real = features.prepare
    monkeypatch.setattr(features, "prepare", lambda cs, d: (featurised.extend(c.claim_id for c in cs), real(cs, d))[1])
    MEMO.clear()
    ingest_in(store, [items[:20]])  # seeds the memo with these claims' features
    versions = candidate_versions(store.connect(), new, docs)
    assert versions
    warm, _ = stored_neighbourhood(new, store.claim_texts_at(versions), docs, store.document_heads, set(versions))
    assert featurised == []
    MEMO.clear()
    cold, _ = stored_neighbourhood(new, store.claim_texts_at(versions), docs, store.document_heads, set(versions))
    assert sorted(featurised) == sorted(versions)
    assert warm == cold


def test_cluster_mates_read_together_keep_their_features(tmp_path) -> None:
    """Read a cluster at a time (``claim_texts_at(by_cluster=True)``), the members of a kept cluster that
    do not meet the batch themselves are kept with the features just computed to decide that, so linking
    does not featurise them again (8,589 of 15,652 claims linked by a 50-article batch into 75k claims);
    the claims kept are those of any other order."""
    store, docs, new, versions = _ten_against_twenty(tmp_path)
    MEMO.clear()
    unordered, _ = stored_neighbourhood(new, store.claim_texts_at(versions, 3), docs, store.document_heads,
                                        set(versions))
    MEMO.clear()
    together, ctx = stored_neighbourhood(new, store.claim_texts_at(versions, 3, by_cluster=True), docs,
                                         store.document_heads, set(versions))
    assert together == unordered
    mates = [c for c in together if c.cluster_id and c.claim_id not in {
        x.claim_id for x in together if _meets_alone(new, x, ctx)}]
    assert mates  # the test can tell: some claims are kept only for their cluster
    for c in together:
        slot = MEMO.peek(c)
        assert slot is not None and None not in (slot.info, slot.figures, slot.keys), c.claim_id


def _meets_alone(new, c, docs) -> bool:
    from data.link.candidates import _Probe
    from data.link.conflicts import measure_blocks
    from data.link.features import stored_features

    inf, figures, keys = stored_features(c, docs)
    return _Probe(new, docs).meets(c, inf, keys[2], frozenset(measure_blocks(c, figures)))
