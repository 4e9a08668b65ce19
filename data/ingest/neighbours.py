"""The stored claims a batch is linked with, read a bounded chunk at a time.

At a million stored claims a batch of 50 articles has ~30,000 candidates (``data.link.candidates``)
of which a fifth are affected (``affected``): decoding every candidate and the heads of all their
documents at once was the biggest part of the batch's peak memory (the process's peak RSS adding
500 articles to the 100k-article store was 1.07 GB, 0.72 GB into an empty store). Here the
candidates' JSON is read in one query, then decoded, tested and dropped ``CANDIDATE_CHUNK`` at a
time; only the affected ones and their documents' heads are kept.

The result is the one the whole pass gives: a candidate is affected when a new claim hits it or
when it shares a cluster with one that is hit. A chunk's ``affected`` finds the hits in the chunk and
their cluster mates within it; mates in other chunks are remembered by (claim id, cluster id) and
read back at the end once every hit cluster is known.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import data.link.candidates as link_candidates
from data.link.memo import MEMO
from data.model import Claim, Document
from data.store.codec import stored_claims_from_json
from data.store.store import Store

CANDIDATE_CHUNK = 4000
"""Candidates decoded at a time (~3 kB each decoded, with their link features ~8 kB)."""


def candidate_chunk() -> int:
    """``$SITMAP_CANDIDATE_CHUNK`` or ``CANDIDATE_CHUNK``."""
    try:
        return max(1, int(os.environ.get("SITMAP_CANDIDATE_CHUNK") or CANDIDATE_CHUNK))
    except ValueError:
        return CANDIDATE_CHUNK


def stored_neighbourhood(store: Store, new: Sequence[Claim], versions: Mapping[str, int], candidates: set[str],
                         keep: set[str], reset: set[str], docs: Mapping[str, Document],
                         chunk: int | None = None) -> tuple[list[Claim], dict[str, Document]]:
    """(stored claims to link with ``new``, in the store's order; the documents linking needs: the
    heads of theirs, then ``docs``). Of ``versions`` (claim id -> current batch), the ``candidates``
    that ``affected`` keeps and every claim of ``keep``; claims of ``reset`` documents never."""
    size = chunk or candidate_chunk()
    kept: dict[str, Claim] = {}
    heads: dict[str, Document] = {}
    left: dict[str, str] = {}  # candidates read and dropped: claim id -> cluster id
    texts = store.claim_json_at({k: versions[k] for k in candidates})
    while texts:
        part = [c for t in texts[:size] for c in stored_claims_from_json(t) if c.doc_id not in reset]
        del texts[:size]
        context = {**store.document_heads({c.doc_id for c in part}), **docs}
        hit = link_candidates.affected(new, part, context)
        kept.update((c.claim_id, c) for c in hit)
        heads.update((c.doc_id, context[c.doc_id]) for c in hit if c.doc_id in context)
        dropped = [c for c in part if c.claim_id not in kept]
        left.update((c.claim_id, c.cluster_id) for c in dropped if c.cluster_id)
        MEMO.release(dropped)
        del part, context, hit, dropped
    clusters = {c.cluster_id for c in kept.values() if c.cluster_id}
    again = {k for k, cluster in left.items() if cluster in clusters} | (keep - kept.keys())
    rest = [c for c in store.claims_at({k: versions[k] for k in again if k in versions}) if c.doc_id not in reset]
    kept.update((c.claim_id, c) for c in rest)
    old = sorted(kept.values(), key=lambda c: (c.doc_id, c.start, c.claim_id))
    heads.update(store.document_heads({c.doc_id for c in rest} - heads.keys()))
    return old, {**{d: heads[d] for d in sorted({c.doc_id for c in old}) if d in heads}, **docs}
