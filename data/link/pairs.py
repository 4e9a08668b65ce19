"""Which pairs of claims ``link_claims`` compares: the pair search, apart from what a pair scores.

Pairs are only compared inside blocks (a claim's place cells with its kind, figure subjects,
speaker: ``corroborate._blocks``) at overlapping date windows, each claim with at most
``MAX_NEIGHBOURS`` claims after it in its block, so a crowded block stays linear; wire copies are
found through shared word trigrams, those held by more than ``MAX_BLOCK_SHARE`` claims too common
to block on. Both bounds depend on what else is linked with a claim (see
``tests/test_link_incremental.py`` on what that means for linking a store batch by batch).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from data.model import Claim

if TYPE_CHECKING:
    from data.link.corroborate import _Info

WIRE_JACCARD = 0.6
"""Word-trigram Jaccard at or above which two sentences from different documents are one wire story."""
MAX_BLOCK_SHARE = 200
"""Claims holding a word trigram above which it is too common to find wire copies by."""
MAX_NEIGHBOURS = 40
"""Claims of one block a claim is compared with at most, those after it by window start."""


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    both = len(a & b)  # the union's size without building it
    return both / (len(a) + len(b) - both)


def _dated_pairs(block: Sequence[int], member: Sequence[int], infos: Sequence[_Info]) -> set[tuple[int, int]]:
    """Pairs in one block whose date windows overlap (a sweep over each block's windows sorted by start,
    then claim), each claim paired with at most ``MAX_NEIGHBOURS`` claims after it, so a crowded block
    stays linear. ``block[k]`` holds dated claim ``member[k]``. Vectorised over every block at once
    (a Python sweep per block was a fifth of linking a batch)."""
    if not member:
        return set()
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
    keys = np.unique(np.minimum(x, y) * n + np.maximum(x, y))
    return set(zip((keys // n).tolist(), (keys % n).tolist(), strict=True))


def _candidates(claims: Sequence[Claim], infos: Sequence[_Info]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth scoring (blocked by subject, place cell and date window: ``_blocks``) and wire-copy pairs."""
    ids: dict[str, int] = {}
    block: list[int] = []
    member: list[int] = []
    for i, inf in enumerate(infos):
        if inf.lo is None:
            continue  # an undated claim is compared with none
        for key in inf.blocks:
            block.append(ids.setdefault(key, len(ids)))
            member.append(i)
    return _dated_pairs(block, member, infos), _wire_pairs(claims, infos)


def _wire_pairs(claims: Sequence[Claim], infos: Sequence[_Info]) -> set[tuple[int, int]]:
    """Pairs of claims from different documents whose word trigrams have a Jaccard of at least
    ``WIRE_JACCARD``, among pairs that share a trigram held by at most ``MAX_BLOCK_SHARE`` claims.

    Vectorised: the claims holding each trigram come from one sort of every (trigram, claim) pair, the
    pairs of blocks of one size from one ``triu_indices`` (a call per block was most of this function),
    and how many such trigrams each pair shares from ``numpy.unique``; that count bounds the Jaccard
    from below and, with the trigrams too common to block on, from above, so only pairs the bounds
    leave open are intersected as sets (a Python loop over every pair was over a third of an ingest's time)."""
    n = len(claims)
    size = np.fromiter((len(inf.shingles) for inf in infos), np.int64, n)
    total = int(size.sum())
    if not total:
        return set()
    grams = np.fromiter((g for inf in infos for g in inf.shingles), np.uint64, total)
    owner = np.repeat(np.arange(n, dtype=np.int64), size)
    order = np.lexsort((owner, grams))  # by trigram, then claim: a block's members in increasing order
    grams, owner = grams[order], owner[order]
    starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]])
    held = np.diff(np.r_[starts, total])  # claims holding each trigram
    crowded = held > MAX_BLOCK_SHARE
    common = np.bincount(owner[np.repeat(crowded, held)], minlength=n)  # trigrams of each claim too common to block on
    firsts, seconds = [], []
    for k in np.unique(held[(held > 1) & ~crowded]).tolist():
        members = owner[starts[held == k][:, None] + np.arange(k)]  # one row per block of k claims, increasing
        a, b = np.triu_indices(k, 1)
        firsts.append(members[:, a].ravel())
        seconds.append(members[:, b].ravel())
    if not firsts:
        return set()
    lo, hi = np.concatenate(firsts), np.concatenate(seconds)
    keys, shared = np.unique(lo * n + hi, return_counts=True)
    lo, hi = keys // n, keys % n
    doc_ids = {d: k for k, d in enumerate(dict.fromkeys(c.doc_id for c in claims))}
    doc = np.fromiter((doc_ids[c.doc_id] for c in claims), np.int64, n)
    keep = doc[lo] != doc[hi]
    lo, hi, shared = lo[keep], hi[keep], shared[keep]
    total = size[lo] + size[hi]
    at_least = shared / (total - shared)  # the Jaccard grows with the intersection
    most = np.minimum(shared + np.minimum(common[lo], common[hi]), np.minimum(size[lo], size[hi]))
    at_most = most / (total - most)
    wire = {(int(a), int(b)) for a, b in zip(lo[at_least >= WIRE_JACCARD], hi[at_least >= WIRE_JACCARD],
                                             strict=True)}
    open_ = (at_least < WIRE_JACCARD) & (at_most >= WIRE_JACCARD)
    for a, b in zip(lo[open_].tolist(), hi[open_].tolist(), strict=True):
        if _jaccard(infos[a].shingles, infos[b].shingles) >= WIRE_JACCARD:
            wire.add((a, b))
    return wire
