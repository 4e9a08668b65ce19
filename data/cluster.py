"""Average-linkage clustering over a sparse similarity graph.

Single linkage (union-find over every similar pair) chains: a sighting in Kursk joins a troop
count through one claim that mentions both. Average linkage merges two groups only when the
mean similarity over *all* their cross pairs (missing pairs count 0) reaches the threshold,
so every member must be close to the group as a whole, not to one neighbour.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping


def average_linkage(n: int, sims: Mapping[tuple[int, int], float], threshold: float) -> list[int]:
    """A cluster label (the smallest member index) for each of ``n`` items.

    ``sims`` maps pairs ``(i, j)`` to a similarity in [0, 1]; absent pairs are 0. Work is
    O(E log E) in the number of pairs given, so callers should pass only candidate pairs.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    size = [1] * n
    label = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> summed similarity
    for (i, j), s in sims.items():
        if i == j or s <= 0:
            continue
        a, b = (i, j) if i < j else (j, i)
        between[a][b] = between[a].get(b, 0.0) + s
        between[b][a] = between[a][b]
    heap = [(-s, a, b) for a, row in between.items() for b, s in row.items() if a < b and s >= threshold]
    heapq.heapify(heap)
    alive = set(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        avg = between[a].get(b, 0.0) / (size[a] * size[b])
        if abs(avg + neg) > 1e-12:  # stale entry: the pair's average changed since it was pushed
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, b))
            continue
        # merge b into a
        alive.discard(b)
        size[a] += size[b]
        members[a].extend(members.pop(b))
        row_b = between.pop(b, {})
        for x, s in row_b.items():
            if x == a:
                continue
            between[x].pop(b, None)
            between[a][x] = between[a].get(x, 0.0) + s
            between[x][a] = between[a][x]
        between[a].pop(b, None)
        for x, s in between[a].items():
            avg_x = s / (size[a] * size[x])
            if avg_x >= threshold:
                heapq.heappush(heap, (-avg_x, min(a, x), max(a, x)))
    for group in members.values():
        low = min(group)
        for i in group:
            label[i] = low
    return label
