"""Average-linkage clustering: no chaining through one shared neighbour."""

from __future__ import annotations

import random

import pytest

from data.link.cluster import average_linkage


def test_a_chain_of_strong_links_does_not_make_one_cluster():
    # 0~1 and 1~2 are strong, 0 and 2 compared and unrelated: single linkage would join all three
    labels = average_linkage(3, {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.0}, 0.6)
    assert labels[0] == labels[1] != labels[2]


def test_pairs_never_compared_do_not_count_against_a_merge():
    # a big story: each claim was compared only with its neighbours in time (blocking caps the pairs)
    n = 40
    sims = {(i, j): 0.9 for i in range(n) for j in range(i + 1, min(n, i + 4))}
    assert len(set(average_linkage(n, sims, 0.6))) == 1


def test_a_tight_group_merges_and_labels_are_the_smallest_member():
    sims = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.7, (3, 4): 1.0, (2, 3): 0.2}
    assert average_linkage(5, sims, 0.6) == [0, 0, 0, 3, 3]


def test_no_pairs_and_bad_threshold():
    assert average_linkage(3, {}, 0.6) == [0, 1, 2]
    assert average_linkage(0, {}, 0.6) == []
    with pytest.raises(ValueError):
        average_linkage(2, {}, 0)


def test_every_cluster_is_close_on_average():
    rng = random.Random(7)
    n = 60
    sims = {(i, j): rng.random() for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3}
    labels = average_linkage(n, sims, 0.6)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    assert len(groups) > 1
    for g in groups.values():
        known = [sims[(i, j)] for i in g for j in g if (i, j) in sims]
        if len(g) > 1:
            assert known and sum(known) / len(known) >= 0.6 / 2  # merged halves were each >= 0.6


def test_a_cluster_does_not_chain_through_time():
    # one speaker's statements day after day: each overlaps its neighbours (compared, similar), the
    # rest were never compared. Without windows they make one cluster as long as the run; with
    # them every cluster's windows share a day, so a cluster stays as short as one window.
    n = 40
    sims = {(i, i + 1): 0.9 for i in range(n - 1)}
    assert len(set(average_linkage(n, sims, 0.6))) == 1
    windows = [(i, i + 3) for i in range(n)]
    labels = average_linkage(n, sims, 0.6, windows)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    assert len(groups) > 1
    for g in groups.values():
        assert max(windows[i][0] for i in g) <= min(windows[i][1] for i in g)
    assert average_linkage(3, {(0, 1): 0.9, (1, 2): 0.9}, 0.6, [(0, 2), (None, None), (50, 52)]) == [0, 0, 2]


def _naive(n: int, sims: dict, threshold: float, windows: list | None = None) -> list[int]:
    """Average linkage written out the slow, obvious way: each round merges the two clusters with the
    highest mean similarity over their compared cross pairs (at least ``threshold``, their dated members
    sharing a day), ties to the smallest labels."""
    groups = {i: [i] for i in range(n)}
    span = {i: (windows[i] if windows and windows[i] and windows[i][0] is not None else None) for i in range(n)}
    while True:
        best = None
        for a in groups:
            for b in groups:
                if a >= b:
                    continue
                cross = [max(0.0, s) for (i, j), s in sims.items() if i != j
                         and ((i in groups[a] and j in groups[b]) or (i in groups[b] and j in groups[a]))]
                if not cross or sum(cross) / len(cross) < threshold:
                    continue
                x, y = span[a], span[b]
                if x is not None and y is not None and max(x[0], y[0]) > min(x[1], y[1]):
                    continue
                key = (-sum(cross) / len(cross), a, b)
                best = key if best is None or key < best else best
        if best is None:
            break
        _, a, b = best
        groups[a] += groups.pop(b)
        x, y = span[a], span.pop(b)
        span[a] = y if x is None else x if y is None else (max(x[0], y[0]), min(x[1], y[1]))
    return [min(g) for i in range(n) for g in groups.values() if i in g]


@pytest.mark.parametrize("seed", range(12))
def test_the_fast_merge_order_is_the_obvious_one(seed: int) -> None:
    """On random sparse graphs with many ties (similarities in eighths: sums are exact), windows, undated
    items, pairs given both ways round and self pairs, the labels are those of the slow definition."""
    rng = random.Random(seed)
    n = rng.randrange(8, 40)
    sims: dict = {}
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < 0.12:
                sims[(i, j)] = rng.choice([0.0, 0.25, 0.5, 0.625, 0.75, 0.875, 1.0])
    sims[(0, 0)] = 1.0
    windows = [None if rng.random() < 0.2 else (d, d + rng.randrange(0, 4)) for d in
               (rng.randrange(0, 12) for _ in range(n))]
    for w in (None, windows):
        assert average_linkage(n, sims, 0.6, w) == _naive(n, sims, 0.6, w)


def test_the_heap_takes_only_the_cells_merges_change(monkeypatch) -> None:
    """The strong cells start sorted (numpy), not in the heap: it only ever holds what merges push, so it
    pops no more than was pushed (heapifying every strong cell and popping each was a fifth of a late
    batch's clustering). The labels are the slow definition's."""
    import heapq

    import data.link.cluster as cluster

    counts = {"push": 0, "pop": 0}

    class Counted:
        def heappush(self, heap, item):
            counts["push"] += 1
            heapq.heappush(heap, item)

        def heappop(self, heap):
            counts["pop"] += 1
            return heapq.heappop(heap)

        def heapify(self, heap):
            counts["pop"] += len(heap)  # each will be popped
            heapq.heapify(heap)

    monkeypatch.setattr(cluster, "heapq", Counted())
    rng = random.Random(5)
    n = 30
    sims = {(i, j): rng.choice([0.0, 0.5, 0.75, 1.0]) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3}
    assert cluster.average_linkage(n, sims, 0.6) == _naive(n, sims, 0.6)
    assert 0 < counts["pop"] <= counts["push"]


def test_sorted_unique_is_numpys_unique() -> None:
    import numpy as np

    from data.link.cluster import sorted_unique

    rng = np.random.default_rng(3)
    for m in (0, 1, 2, 7, 1000):
        a = rng.integers(0, 40, m)
        got = sorted_unique(a)
        assert got.dtype == np.unique(a).dtype and got.tolist() == np.unique(a).tolist()
