"""Average-linkage clustering over a sparse similarity graph.

Single linkage (union-find over every similar pair) chains: a sighting in Kursk joins a troop
count through one claim that mentions both. Average linkage merges two groups only when the
mean similarity over their compared cross pairs reaches the threshold, so every member must be
close to the group as a whole, not to one neighbour. Pairs that were compared and found
unrelated must be given with similarity 0 (they pull the average down); pairs never compared
(blocking kept them apart) are unknown and do not count.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping


def average_linkage(n: int, sims: Mapping[tuple[int, int], float], threshold: float) -> list[int]:
    """A cluster label (the smallest member index) for each of ``n`` items.

    ``sims`` maps compared pairs ``(i, j)`` to a similarity in [0, 1] (0: compared, unrelated);
    pairs not in it were not compared. Work is O(E log E) in the number of pairs given.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> summed similarity
    count: dict[int, dict[int, int]] = defaultdict(dict)  # cluster -> cluster -> compared pairs
    for (i, j), s in sims.items():
        if i == j:
            continue
        a, b = (i, j) if i < j else (j, i)
        total[a][b] = total[b][a] = total[a].get(b, 0.0) + max(0.0, s)
        count[a][b] = count[b][a] = count[a].get(b, 0) + 1
    heap = [(-t / count[a][b], a, b) for a, row in total.items() for b, t in row.items()
            if a < b and t / count[a][b] >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in total[a]:
            continue
        avg = total[a][b] / count[a][b]
        if abs(avg + neg) > 1e-12:  # stale entry: the pair's average changed since it was pushed
            continue
        members[a].extend(members.pop(b))  # merge b into a
        row_t, row_c = total.pop(b), count.pop(b)
        for x, t in row_t.items():
            if x == a:
                continue
            del total[x][b], count[x][b]
            total[a][x] = total[x][a] = total[a].get(x, 0.0) + t
            count[a][x] = count[x][a] = count[a].get(x, 0) + row_c[x]
        total[a].pop(b, None)
        count[a].pop(b, None)
        for x, t in total[a].items():
            avg_x = t / count[a][x]
            if avg_x >= threshold:
                heapq.heappush(heap, (-avg_x, min(a, x), max(a, x)))
    label = list(range(n))
    for group in members.values():
        low = min(group)
        for i in group:
            label[i] = low
    return label
