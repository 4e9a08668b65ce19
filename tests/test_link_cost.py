"""Linking does less work for the same links: wire copies are intersected only when their sizes allow
it, average linkage keeps no state for pairs that cannot merge, a relinked copy of a claim finds its
features by identity, and the memo drops its oldest claim object in constant time. What linking gives is
checked against definitions here and in ``test_link_incremental`` / ``test_corroborate``."""

from __future__ import annotations

import dataclasses
import random
import time
import tracemalloc

import numpy as np

import data.link.corroborate as corroborate
from data.link import pairs as pair_search
from data.link.cluster import Window, average_linkage, linkage_of_pairs
from data.link.corroborate import _info, compute_info, link_claims
from data.link.memo import MEMO, FeatureMemo
from data.model import Claim, Quantity
from tests.test_link_incremental import corpus
from tests.test_link_wire import _claims


def test_wire_copies_are_intersected_only_when_their_sizes_allow_it(monkeypatch) -> None:
    claims = _claims(150, 4)
    infos = [_info(c, {}) for c in claims]
    sizes: list[tuple[int, int]] = []
    real = pair_search._jaccard

    def counted(a, b):
        sizes.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(pair_search, "_jaccard", counted)
    compared, wire = pair_search._candidates(claims, infos)
    monkeypatch.undo()
    assert wire == {(i, j) for i, j in compared if claims[i].doc_id != claims[j].doc_id
                    and real(infos[i].shingles, infos[j].shingles) >= pair_search.WIRE_JACCARD}
    assert len(wire) >= 5 and sizes
    assert all(min(s) >= 0.6 * max(s) for s in sizes)  # a Jaccard of 0.6 needs that much overlap
    assert pair_search.wire_copy(infos[0].shingles, infos[0].shingles)
    assert not pair_search.wire_copy(frozenset(), frozenset())


def _reference(n: int, sims: dict[tuple[int, int], float], threshold: float, windows: list[Window]) -> list[int]:
    """Average linkage by its definition: merge the two clusters whose compared cross pairs have the
    highest mean (at least ``threshold``; ties to the smallest labels) while their windows share a day."""
    groups = {i: [i] for i in range(n)}
    span = {i: windows[i] for i in range(n)}
    apart: set[tuple[int, int]] = set()
    while True:
        best = None
        for a in groups:
            for b in groups:
                if a >= b or (a, b) in apart:
                    continue
                cross = [sims[min(i, j), max(i, j)] for i in groups[a] for j in groups[b]
                         if (min(i, j), max(i, j)) in sims]
                if cross and sum(cross) / len(cross) >= threshold:
                    key = (-sum(cross) / len(cross), a, b)
                    best = min(best, key) if best else key
        if best is None:
            break
        _, a, b = best
        lo, hi = max(span[a][0], span[b][0]), min(span[a][1], span[b][1])
        if lo > hi:
            apart.add((a, b))
            continue
        groups[a] += groups.pop(b)
        span[a] = (lo, hi)
    label = list(range(n))
    for a, members in groups.items():
        for i in members:
            label[i] = a
    return label


def test_average_linkage_is_its_definition_on_random_graphs() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        n = rng.randrange(2, 14)
        sims = {(i, j): rng.choice([0.0, 0.25, 0.5, 0.625, 0.75, 1.0])  # exact in binary: no rounding ties
                for i in range(n) for j in range(i + 1, n) if rng.random() < 0.5}
        starts = [rng.randrange(6) for _ in range(n)]
        windows = [(s, s + rng.randrange(4)) for s in starts]
        assert average_linkage(n, sims, 0.6, windows) == _reference(n, sims, 0.6, windows), seed


def test_linkage_of_pair_arrays_is_average_linkage() -> None:
    # link_claims hands its pairs over as arrays (in any order, some undated items): the same labels
    for seed in range(30):
        rng = random.Random(seed)
        n = rng.randrange(2, 14)
        sims = {(i, j): rng.choice([0.0, 0.25, 0.5, 0.625, 0.75, 1.0])
                for i in range(n) for j in range(i + 1, n) if rng.random() < 0.5}
        windows = [(None, None) if rng.random() < 0.2 else (s, s + rng.randrange(4))
                   for s in (rng.randrange(6) for _ in range(n))]
        pairs = list(sims.items())
        rng.shuffle(pairs)
        first = np.array([p[0][0] for p in pairs], np.int64)
        second = np.array([p[0][1] for p in pairs], np.int64)
        score = np.array([p[1] for p in pairs], np.float64)
        assert linkage_of_pairs(n, first, second, score, 0.6, windows) == average_linkage(n, sims, 0.6, windows), seed


def test_average_linkage_keeps_no_state_for_pairs_that_cannot_merge() -> None:
    # 20,000 claims compared with their next five, none similar, but for one pair: one merge. The
    # per-pair sums of 100,000 pairs that can never reach the threshold are not built
    n = 20_000
    sims = {(i, j): 0.1 for i in range(n) for j in range(i + 1, min(n, i + 6))}
    sims[(0, 1)] = 0.9
    tracemalloc.start()
    try:
        labels = average_linkage(n, sims, 0.6, [(0, 1)] * n)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert labels[:3] == [0, 0, 2] and labels[-1] == n - 1
    assert peak < 2_000_000, peak


def test_a_relinked_copy_is_the_replaced_claim_and_finds_its_features_by_identity() -> None:
    (doc, claims), *_ = corpus(1)
    c = claims[0]
    slot = MEMO.slot(c)
    link = ("c123", 3, 2, ("x:1",))
    out = corroborate._relinked(c, link)
    assert out == dataclasses.replace(c, cluster_id="c123", corroboration_outlets=3, corroboration_claimants=2,
                                      conflicts=("x:1",))
    held = MEMO._objects.get(id(out))
    assert held is not None and held[0] is out and held[1] is slot
    linked = link_claims(list(claims), {doc.id: doc})
    assert all(MEMO._objects[id(x)][1] is MEMO.slot(dataclasses.replace(x)) for x in linked)


def test_the_features_hold_the_unit_classes_that_corroboration_compares() -> None:
    (doc, claims), *_ = corpus(1)
    c = dataclasses.replace(claims[0], quantities=(Quantity("12,000 troops", 12000.0, None, None, "troops"),
                                                   Quantity("thousands of people", None, None, None, "people"),
                                                   Quantity("hundreds of troops", None, None, None, "troops")))
    inf = compute_info(c, "outlet:x")
    assert inf.precise == {"troops"} and inf.vague == {"people"}


def _evictions(size: int, claims: list[Claim]) -> float:
    memo = FeatureMemo(size=size)
    t = time.process_time()
    for c in claims:
        memo.slot(c)
    return time.process_time() - t


def test_the_memo_drops_its_oldest_claim_object_in_constant_time() -> None:
    # a plain dict whose oldest key is found by iterating from its front scans the entries deleted there
    # since it was last resized: thousands at 12,000 claims (4.8 times the time of a memo of 100, measured)
    claims = [Claim(f"x{k}", "d", 0, 1, "t", None, "", "", None, "") for k in range(60_000)]
    small = min(_evictions(100, claims) for _ in range(3))
    big = min(_evictions(12_000, claims) for _ in range(3))
    assert big < 3 * small, (big, small)
