"""Average-linkage clustering over a sparse similarity graph.

Single linkage (union-find over every similar pair) chains: a sighting in Kursk joins a troop
count through one claim that mentions both. Average linkage merges two groups only when the
mean similarity over their compared cross pairs reaches the threshold, so every member must be
close to the group as a whole, not to one neighbour. Pairs that were compared and found
unrelated must be given with similarity 0 (they pull the average down); pairs never compared
(blocking kept them apart) are unknown and do not count.

Optionally each item has a window (first, last day it may be about; None when undated), and a
cluster's dated members must share a day: a merge that would leave two members whose windows do
not meet is refused. The similarity already calls two claims whose windows do not meet different
things; without the rule, uncompared pairs let a cluster chain day by day through a year of one
speaker's statements, and a cluster (and the work of relinking it) would grow with the store.
With it a cluster is bounded by what one block holds around one day.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

Window = tuple[Any, Any]
"""(first, last) of comparable values (dates, day numbers), or (None, None) when undated."""


def _meet(a: Window | None, b: Window | None) -> Window | None:
    """The days two windows share (None: either side undated); an empty result has first > last."""
    if a is None or b is None:
        return a if b is None else b
    return max(a[0], b[0]), min(a[1], b[1])


def average_linkage(n: int, sims: Mapping[tuple[int, int], float], threshold: float,
                    windows: Sequence[Window] | None = None) -> list[int]:
    """A cluster label (the smallest member index) for each of ``n`` items.

    ``sims`` maps compared pairs ``(i, j)`` to a similarity in [0, 1] (0: compared, unrelated);
    pairs not in it were not compared. ``windows`` (one per item), when given, refuses merges whose
    dated members would not all share a day (see the module doc). Work is O(E log E) in the number
    of pairs given.

    Two groups merge only when one of their cross pairs reaches ``threshold``, so a cluster stays
    inside one component of the pairs that do (``_strong``): pairs across components, and items in
    none, are left out from the start (they change no merge, and were most of the work).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    part = _strong(n, sims, threshold)
    kept = [(i, j, s) for (i, j), s in sims.items() if i != j and part[i] == part[j]]
    first = np.fromiter((k[0] for k in kept), np.int64, len(kept))
    second = np.fromiter((k[1] for k in kept), np.int64, len(kept))
    score = np.fromiter((k[2] for k in kept), np.float64, len(kept))
    return _merged(n, first, second, score, threshold, windows)


def linkage_of_pairs(n: int, first: np.ndarray, second: np.ndarray, score: np.ndarray, threshold: float,
                     windows: Sequence[Window] | None = None) -> list[int]:
    """``average_linkage`` of the pairs (``first[k]``, ``second[k]``) with similarity ``score[k]``, given as
    arrays (``link_claims``' pairs: a dict keyed by 329k tuples cost a second and ~50 MB per late batch)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    first, second = np.asarray(first, np.int64), np.asarray(second, np.int64)
    score = np.asarray(score, np.float64)
    strong = np.flatnonzero(score >= threshold)
    part = np.asarray(_components(n, first[strong].tolist(), second[strong].tolist()), np.int64)
    keep = (first != second) & (part[first] == part[second])
    return _merged(n, first[keep], second[keep], score[keep], threshold, windows)


def _merged(n: int, first: np.ndarray, second: np.ndarray, score: np.ndarray, threshold: float,
            windows: Sequence[Window] | None) -> list[int]:
    """The merges of average linkage over pairs that lie inside one component (no self pairs)."""
    # cluster -> cluster -> [summed similarity, compared pairs]: one cell per pair of clusters, shared by
    # both rows, so a merge updates it once (two dicts of sums and counts, each updated both ways, and a
    # push for every neighbour after each merge took 2.0 s on a 329k-pair neighbourhood, this 1.5-1.75 s).
    # The cells are summed by numpy (bincount adds in the order given, as a loop over the pairs did)
    low, high = np.minimum(first, second), np.maximum(first, second)
    pair, at = np.unique(low * max(n, 1) + high, return_inverse=True)
    total = np.bincount(at, weights=np.maximum(score, 0.0), minlength=len(pair))
    count = np.bincount(at, minlength=len(pair))
    a_of, b_of = pair // max(n, 1), pair % max(n, 1)
    rows: dict[int, dict[int, list]] = {i: {} for i in sorted_unique(np.concatenate([a_of, b_of])).tolist()}
    for a, b, t, c in zip(a_of.tolist(), b_of.tolist(), total.tolist(), count.tolist(), strict=True):
        rows[a][b] = rows[b][a] = [t, c]
    span: dict[int, Window | None] = {}
    for i in rows:
        w = windows[i] if windows is not None else None
        span[i] = tuple(w) if w is not None and w[0] is not None else None

    def meets(a: int, b: int) -> bool:  # _meet inlined: whether the days they share are not empty
        x, y = span[a], span[b]
        if x is None or y is None:
            x = y if x is None else x
            return x is None or x[0] <= x[1]
        return max(x[0], y[0]) <= min(x[1], y[1])

    # the strong cells in the order a heap of them pops them, (-average, a, b), sorted by numpy: the heap
    # only takes the cells a merge changes, which are popped in turn with them (heapifying and popping
    # ~180k cells was a fifth of a late batch's _merged). Equal tuples in both are one cell: either
    # goes first, the other then finds b merged
    neg = -total / count  # what -t / c gives for each cell, in one pass
    strong = np.flatnonzero(-neg >= threshold)
    strong = strong[np.lexsort((b_of[strong], a_of[strong], neg[strong]))]
    start = [(v, a, b) for v, a, b in zip(neg[strong].tolist(), a_of[strong].tolist(), b_of[strong].tolist(),
                                          strict=True) if meets(a, b)]
    k, end = 0, len(start)
    heap: list[tuple[float, int, int]] = []
    members: dict[int, list[int]] = {}
    while k < end or heap:
        if heap and (k == end or heap[0] < start[k]):
            neg, a, b = heapq.heappop(heap)
        else:
            neg, a, b = start[k]
            k += 1
        row_a = rows.get(a)
        cell = row_a.get(b) if row_a is not None and b in rows else None
        if cell is None:
            continue  # a or b was merged into another cluster since
        if abs(cell[0] / cell[1] + neg) > 1e-12:  # stale entry: the pair's average changed since it was pushed
            continue
        if not meets(a, b):  # once apart, always apart: a merge only narrows a cluster's shared days
            continue
        members.setdefault(a, [a]).extend(members.pop(b, [b]))  # merge b into a
        span[a] = _meet(span[a], span.pop(b))
        row_b = rows.pop(b)
        del row_a[b]
        for x, theirs in row_b.items():
            if x == a:
                continue
            row_x = rows[x]
            del row_x[b]
            mine = row_a.get(x)
            if mine is None:
                row_a[x] = row_x[a] = mine = theirs
            else:
                mine[0] += theirs[0]
                mine[1] += theirs[1]
            # only the pairs b took part in change: a's others keep their averages and heap entries
            avg = mine[0] / mine[1]
            if avg >= threshold and meets(a, x):
                heapq.heappush(heap, (-avg, a, x) if a < x else (-avg, x, a))
    label = list(range(n))
    for group in members.values():
        low = min(group)
        for i in group:
            label[i] = low
    return label


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """``np.unique(a)`` of a 1-d array, by a sort and a mask: NumPy 2.4's ``unique`` without ``return_*``
    hashes, then sorts, 8-10x slower on a late batch's ~1M pair keys (0.53 s against 0.06 s)."""
    s = np.sort(a)
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


def _strong(n: int, sims: Mapping[tuple[int, int], float], threshold: float) -> list[int]:
    """Each item's component under the pairs whose similarity reaches ``threshold`` (a representative)."""
    return _components(n, *_unzip([pair for pair, s in sims.items() if s >= threshold]))


def _unzip(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return [i for i, _ in pairs], [j for _, j in pairs]


def _components(n: int, first: Sequence[int], second: Sequence[int]) -> list[int]:
    """Each of ``n`` items' component under the pairs (``first[k]``, ``second[k]``): a representative."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(first, second, strict=True):
        a, b = find(i), find(j)
        if a != b:
            parent[a] = b
    return [find(i) for i in range(n)]
