"""Which stored claims a batch of new claims must be linked against, found by an index query.

``link_claims`` only ever compares claims inside one block (a place cell, a figure's unit and
party, a speaker) whose date windows overlap. The store keeps those block keys and each claim's
window in an index table (``index_rows``), so the claims a new batch can meet are one DuckDB join
away: stored claims sharing a key with a new claim and overlapping its window, plus the other
members of their clusters (a cluster is re-averaged as a whole). Linking that neighbourhood with
the batch costs what the batch's neighbourhood costs, not what the store holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

import pandas as pd

from data.link.corroborate import _MAX_NEIGHBOURS, _cells, _info, link_claims
from data.model import Claim, Document

_EPOCH = date(1970, 1, 1)
INDEX_COLUMNS = ("claim_id", "key", "lo", "hi")


def claim_keys(claim: Claim, documents: Mapping[str, Document] | None = None) -> tuple[int | None, int | None,
                                                                                       list[str]]:
    """(first day, last day, block keys) of one claim: days since 1970 of its padded date window
    (None when undated) and every block ``link_claims`` puts it in (a place cell and its kind, a
    figure subject, a speaker)."""
    inf = _info(claim, documents or {})
    cells = sorted({cell for p in inf.places for cell in _cells(p)})
    keys = [f"at:{c}|{claim.kind}" for c in cells]
    for unit, party in sorted(inf.subjects):
        keys += [f"fig:{unit}|{party}"] if party else [f"fig:{unit}|@{c}" for c in cells]
    if inf.voice:
        keys.append(f"says:{inf.voice}")
    lo = (inf.lo - _EPOCH).days if inf.lo else None
    hi = (inf.hi - _EPOCH).days if inf.hi else None
    return lo, hi, keys


def index_rows(claims: Iterable[Claim], documents: Mapping[str, Document] | None = None) -> pd.DataFrame:
    """The index table for ``claims``: one row per (claim, key) with the claim's window."""
    rows = []
    for c in claims:
        lo, hi, keys = claim_keys(c, documents)
        rows.extend((c.claim_id, k, lo, hi) for k in keys)
    df = pd.DataFrame(rows, columns=list(INDEX_COLUMNS))
    return df.astype({"claim_id": object, "key": object, "lo": "Int64", "hi": "Int64"})


def candidate_ids(con, new: Sequence[Claim], documents: Mapping[str, Document] | None = None) -> list[str]:
    """Claim ids in the store (``con`` has the store's ``claim_index`` and ``_linked`` views) that
    share a block with one of ``new`` at an overlapping window, with their clusters' other members.

    Per new claim and block, only the ``_MAX_NEIGHBOURS`` stored claims nearest in date count: the
    same bound ``link_claims`` puts on the pairs it compares in a crowded block, so a block that holds
    a year of one speaker's statements costs the batch 40 neighbours, not thousands."""
    probe = index_rows(new, documents)
    probe = probe[probe["lo"].notna()]
    if probe.empty:
        return []
    con.register("probe", probe)
    try:
        rows = con.execute("""
            WITH near AS (
                SELECT i.claim_id, row_number() OVER (PARTITION BY p.claim_id, p.key
                                                      ORDER BY abs(i.lo - p.lo), i.claim_id) AS rank
                FROM claim_index i JOIN probe p ON i.key = p.key AND i.lo <= p.hi AND p.lo <= i.hi),
            hit AS (SELECT DISTINCT claim_id FROM near WHERE rank <= ?)
            SELECT l.claim_id FROM _linked l
            WHERE l.claim_id IN (SELECT claim_id FROM hit)
               OR l.cluster_id IN (SELECT l2.cluster_id FROM _linked l2 JOIN hit USING (claim_id)
                                   WHERE l2.cluster_id <> '')
        """, [_MAX_NEIGHBOURS]).fetchall()
    finally:
        con.unregister("probe")
    return sorted({r[0] for r in rows})


def link_order(c: Claim) -> tuple[str, int, str]:
    """The order claims are linked in, whatever batch brought them (``link_claims`` breaks ties by
    position): the store's order, by document, then position in it."""
    return c.doc_id, c.start, c.claim_id


def link_batch(new: Sequence[Claim], old: Sequence[Claim], documents: Mapping[str, Document],
               link: Callable[[list[Claim], Mapping[str, Document]], list[Claim]] = link_claims) -> list[Claim]:
    """Link ``new`` claims together with their stored neighbourhood ``old``; returns the new claims
    linked and the old ones whose cluster, counts or conflicts changed (what a commit must rewrite)."""
    if not new and not old:
        return []
    linked = link(sorted([*old, *new], key=link_order), documents)
    before = {c.claim_id: c for c in old}
    return [c for c in linked if before.get(c.claim_id) != c]
