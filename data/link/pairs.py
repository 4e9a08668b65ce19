"""Which pairs of claims ``link_claims`` compares: the pair search, apart from what a pair scores.

Pairs are only compared inside blocks (a claim's place cells with its kind, figure subjects,
speaker: ``corroborate._blocks``) at overlapping date windows, each claim with at most
``MAX_NEIGHBOURS`` claims after it in its block, so a crowded block stays linear; wire copies are
the compared pairs whose word trigrams mostly agree. The bound depends on what else is linked with
a claim (see ``tests/test_link_incremental.py`` on what that means for linking a store batch by batch).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from data.link.cluster import sorted_unique
from data.model import Claim

if TYPE_CHECKING:
    from data.link.corroborate import _Info

WIRE_JACCARD = 0.6
"""Word-trigram Jaccard at or above which two sentences from different documents are one wire story."""
MAX_NEIGHBOURS = 40
"""Claims of one block a claim is compared with at most, those after it by window start."""


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    both = len(a & b)  # the union's size without building it
    return both / (len(a) + len(b) - both)


def _dated_pairs(block: Sequence[int], member: Sequence[int], infos: Sequence[_Info]) -> set[tuple[int, int]]:
    """``dated_pairs`` as a set of (i, j) with i < j."""
    x, y = dated_pairs(block, member, infos)
    return set(zip(x.tolist(), y.tolist(), strict=True))


def dated_pairs(block: Sequence[int], member: Sequence[int], infos: Sequence[_Info]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs in one block whose date windows overlap (a sweep over each block's windows sorted by start,
    then claim), each claim paired with at most ``MAX_NEIGHBOURS`` claims after it, so a crowded block
    stays linear. ``block[k]`` holds dated claim ``member[k]``. Vectorised over every block at once
    (a Python sweep per block was a fifth of linking a batch). Returns (i, j) with i < j, each pair
    once, sorted."""
    if not member:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    n = len(infos)
    b, i = np.asarray(block, np.int64), np.asarray(member, np.int64)
    first = np.fromiter((inf.lo.toordinal() if inf.lo is not None else 0 for inf in infos), np.int64, n)
    last = np.fromiter((inf.hi.toordinal() if inf.hi is not None else 0 for inf in infos), np.int64, n)
    lo, hi = first[i], last[i]
    order = np.lexsort((i, lo, b))
    b, i, lo, hi = b[order], i[order], lo[order], hi[order]
    once = np.r_[True, (b[1:] != b[:-1]) | (i[1:] != i[:-1])]  # a claim in a block once
    b, i, lo, hi = b[once], i[once], lo[once], hi[once]
    base = int(lo.min())
    span = max(int(lo.max()), int(hi.max())) - base + 2  # (block, day) as one sortable number
    pos = np.arange(len(i))
    end = np.searchsorted(b * span + (lo - base), b * span + (hi - base), side="right")  # past the last start <= hi
    count = np.maximum(np.minimum(end, pos + 1 + MAX_NEIGHBOURS) - pos - 1, 0)
    a = np.repeat(pos, count)
    after = a + 1 + np.arange(len(a)) - np.repeat(np.cumsum(count) - count, count)
    x, y = i[a], i[after]
    keys = sorted_unique(np.minimum(x, y) * n + np.maximum(x, y))
    return keys // n, keys % n


def _candidates(claims: Sequence[Claim], infos: Sequence[_Info]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth scoring (blocked by subject, place cell and date window: ``_blocks``) and wire-copy pairs."""
    x, y, wire = compared(claims, infos)
    return set(zip(x.tolist(), y.tolist(), strict=True)), set(zip(x[wire].tolist(), y[wire].tolist(), strict=True))


def compared(claims: Sequence[Claim], infos: Sequence[_Info]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs worth scoring (blocked by subject, place cell and date window: ``_blocks``) as two index
    arrays (i < j, sorted), and which of them are wire copies (``wire_pairs``)."""
    ids: dict[str, int] = {}
    block: list[int] = []
    member: list[int] = []
    for i, inf in enumerate(infos):
        if inf.lo is None:
            continue  # an undated claim is compared with none
        for key in inf.blocks:
            block.append(ids.setdefault(key, len(ids)))
            member.append(i)
    x, y = dated_pairs(block, member, infos)
    return x, y, wire_pairs(claims, infos, x, y)


def wire_pairs(claims: Sequence[Claim], infos: Sequence[_Info], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which compared pairs (``x[k]``, ``y[k]``) are of claims from different documents whose word trigrams
    have a Jaccard of at least ``WIRE_JACCARD``.

    Only compared pairs: a wire copy tells its story at its place, kind, figure subject or speaker, on its
    days, so it shares a block with the original. Two templated sentences that only share their words
    ("protesters gathered in X" at two places far apart) are not one story, and a pair sharing no block
    is one a batch's candidate query (``data.link.candidates``) cannot find: searching every claim's
    trigrams made linking the store whole and linking it batch by batch disagree. Pairs whose trigram
    counts alone rule it out (``_may_copy``) are never intersected."""
    docs: dict[str, int] = {}
    doc = np.fromiter((docs.setdefault(c.doc_id, len(docs)) for c in claims), np.int64, len(claims))
    size = np.fromiter((len(inf.shingles) for inf in infos), np.int64, len(infos))
    out = (doc[x] != doc[y]) & _may_copy(size[x], size[y])
    for k in np.flatnonzero(out).tolist():
        out[k] = _jaccard(infos[x[k]].shingles, infos[y[k]].shingles) >= WIRE_JACCARD
    return out


def _may_copy(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether sets of sizes ``a`` and ``b`` can have a Jaccard of ``WIRE_JACCARD``: it is at most min/max,
    so a smaller ratio rules a pair out (the slack covers rounding; what passes is checked exactly), as
    does an empty set."""
    low, high = np.minimum(a, b), np.maximum(a, b)
    return (low > 0) & (low >= high * WIRE_JACCARD - 1e-6)


def wire_copy(a: frozenset, b: frozenset) -> bool:
    """Whether two claims' word trigrams (``_Info.shingles``) make them one wire story; their sizes are
    compared first (``_may_copy``), which rules most pairs out without intersecting them."""
    low, high = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    return low > 0 and low >= high * WIRE_JACCARD - 1e-6 and _jaccard(a, b) >= WIRE_JACCARD
