"""Which stored claims a batch of new claims must be linked against, found by an index query.

``link_claims`` only ever compares claims inside one block (a place cell, a figure's unit and
party, a speaker; for conflicts, a figure's measure) whose date windows overlap. The store keeps
those block keys and each claim's window in an index table (``index_rows``), so the claims a new
batch can meet are one DuckDB join away: stored claims sharing a key with a new claim and
overlapping its window, plus the other members of their clusters (a cluster is re-averaged as a
whole). Linking that neighbourhood with the batch costs what the batch's neighbourhood costs, not
what the store holds.

Why this scales (the design, and what was rejected): the neighbourhood is bounded because a
cluster is. Its dated members must share a day (``data.link.cluster``: the similarity already
calls claims whose windows do not meet different things), so a cluster holds what one block holds
around one day, whatever the store's span; before, clusters chained day by day through uncompared
pairs and grew with the store (up to 307 claims at 1,500 synthetic articles, 22 with the rule).
A claim's counts depend on its cluster alone (wire copies merge outlets per cluster, and are only
found among compared pairs, which share a block), and a relinked claim keeps its conflicts with the
stored claims left alone (``link_batch``). Relinking the neighbourhood gives nearly what relinking the
store would, not exactly: (1) in a block more crowded than the neighbour bound (``pairs.MAX_NEIGHBOURS``)
which pairs are compared depends on what else is linked; (2) average linkage is greedy, so a new claim
that takes a stored claim from its cluster can free another to join a cluster outside the
neighbourhood, and clusters are connected through chains of strong pairs far wider than any
neighbourhood (one component held 4,183 of 15,005 claims of 1,000 synthetic articles), so relinking
every component a batch touches was no option. Measured on those 1,000 articles: batches of 50
against one batch, 463 claims' links differ (1,492 before wire copies and kept conflicts; never a
conflict now), batches of 200, 152. Linking reads stored claims and
their documents' heads, never document text; a relinked stored claim's events rows are its stored
rows with new link columns. Linking a new claim against per-cluster summaries (a representative,
counts updated by difference) was rejected: average linkage needs the pair similarities of
members, and a claim's counts leave out the members whose figures clash with it, so no summary
gives the answer whole linking gives. So was keeping the stored clusters as they are and letting a
batch's claims only join them (average linkage started from the stored clusters, never scoring a
pair of stored claims again: 85% of the pairs a 200-article batch compares at 2,800 synthetic
articles): on the 1,000 articles above, 2,738 and 3,032 of 15,005 claims' links then differ from one
batch (batches of 200 and 50, against 152 and 463), because which claims end up together depends on
the order of merges, and a batch's claims often regroup what earlier batches grouped.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import pandas as pd

from data.link import pairs
from data.link.conflicts import ANY_COUNTRY, MAX_NEIGHBOURS, claim_blocks, day_window, measure_blocks
from data.link.corroborate import _Info, _info, link_claims, similarity
from data.link.features import Prepared, claim_keys, stored_features
from data.link.memo import MEMO
from data.link.pairs import wire_copy
from data.model import Claim, Document
from data.store.codec import claims_from_json
from data.store.segments import current

INDEX_COLUMNS = ("claim_id", "key", "lo", "hi")
WINDOW_PARTS = 4
"""The candidate query ranks a batch's join rows in this many parts (``candidate_versions``)."""


def index_rows(claims: Iterable[Claim], documents: Mapping[str, Document] | None = None) -> pd.DataFrame:
    """The index table for ``claims``: one row per (claim, key) with the claim's window."""
    ids: list[str] = []
    keys: list[str] = []
    los: list[int | None] = []
    his: list[int | None] = []
    for c in claims:  # built by column: a tuple per row and a cast of the whole frame took twice as long
        lo, hi, mine = claim_keys(c, documents)
        n = len(mine)
        ids += [c.claim_id] * n
        keys += mine
        los += [lo] * n
        his += [hi] * n
    return pd.DataFrame({"claim_id": pd.Series(ids, dtype=object), "key": pd.Series(keys, dtype=object),
                         "lo": pd.array(los, dtype="Int64"), "hi": pd.array(his, dtype="Int64")})


def candidate_ids(con, new: Sequence[Claim], documents: Mapping[str, Document] | None = None) -> list[str]:
    """The ids of ``candidate_versions``, sorted."""
    return sorted(candidate_versions(con, new, documents))


def candidate_versions(con, new: Sequence[Claim], documents: Mapping[str, Document] | None = None) -> dict[str, int]:
    """Claim ids in the store (``con`` is a store connection: ``data.store.segments.views``) that
    share a block with one of ``new`` at an overlapping window, with their clusters' other members.

    Per new claim and block, only the ``pairs.MAX_NEIGHBOURS`` stored claims nearest in date count (in a
    measure's block ``MAX_NEIGHBOURS``): the same bounds ``link_claims`` puts on the pairs it compares
    in a crowded block, so a block that holds a year of one speaker's statements costs the batch 40
    neighbours, not thousands. The index is read once (the visibility rule then applies to those
    neighbours alone): at a million claims a new claim's blocks overlap thousands of index rows
    (a new claim naming no country also reads the index's measure keys, see ``_measure_probe``).
    Each id maps to the batch (``_seg``) of its current version, which the query has just resolved:
    ``Store.claims_at`` reads those rows without resolving visibility over the claim column again."""
    probe = _measure_probe(con, index_rows(new, documents))
    if probe.empty:
        return {}
    # each (claim, key) probe row numbered: the windows below partition by one integer, not two strings
    # (a 50-article batch's window takes in 528k join rows at a million claims: 109 -> 91 MB measured)
    probe = probe.assign(rid=probe.groupby(["claim_id", "key"], sort=False).ngroup(),
                         lim=probe["key"].str.startswith("m:").map({True: int(MAX_NEIGHBOURS),
                                                                    False: int(pairs.MAX_NEIGHBOURS)}).astype("int64"))
    con.register("probe", probe)
    try:
        # one pass over the index: the join rows (528k for a 50-article batch at a million claims), then
        # each new claim's nearest stored claims per block, every version of a claim ranked alike
        # (dense_rank), twice the bound kept so claims reset since still leave enough. The window runs
        # over a quarter of the probe rows at a time (its partitions are disjoint, so the rows are the
        # same): one window over every join row held them all sorted, +101 MB, against +65 MB
        con.execute("""CREATE OR REPLACE TEMP TABLE _join AS
            SELECT i.claim_id, i._seg, p.rid, abs(i.lo - p.lo) AS d, p.lim
            FROM _raw_claim_index i JOIN probe p ON i.key = p.key AND i.lo <= p.hi AND p.lo <= i.hi""")
        con.execute("CREATE OR REPLACE TEMP TABLE _cand AS SELECT * FROM _join LIMIT 0")
        for part in range(WINDOW_PARTS):
            con.execute(f"""INSERT INTO _cand SELECT * FROM _join WHERE rid % {WINDOW_PARTS} = {part}
                QUALIFY dense_rank() OVER (PARTITION BY rid ORDER BY d, claim_id) <= 2 * lim""")
        con.execute("DROP TABLE _join")
        # the current versions among them (one scan of the claim column), the nearest per block, their clusters
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _cur AS {current(
            "linked", "claim_id IN (SELECT claim_id FROM _cand)", ("claim_id", "cluster_id", "_seg"), by_key=True)}""")
        con.execute("""CREATE OR REPLACE TEMP TABLE _hit AS SELECT DISTINCT cur.claim_id, cur.cluster_id, cur._seg
            FROM (SELECT k.claim_id, k.lim, row_number() OVER (PARTITION BY k.rid ORDER BY k.d, k.claim_id) AS rank
                  FROM _cand k JOIN _cur c ON c.claim_id = k.claim_id AND c._seg = k._seg) near
            JOIN _cur cur USING (claim_id) WHERE near.rank <= near.lim""")
        mates = current("linked", "cluster_id IN (SELECT cluster_id FROM _hit WHERE cluster_id <> '')", ("claim_id", "_seg"))
        rows = con.execute(f"SELECT claim_id, _seg FROM _hit UNION SELECT claim_id, _seg FROM ({mates})").fetchall()
    finally:
        con.unregister("probe")
        for table in ("_join", "_cand", "_cur", "_hit"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    return {cid: int(seg) for cid, seg in rows}


def _measure_probe(con, probe: pd.DataFrame) -> pd.DataFrame:
    """The dated probe rows, with each measure key also probing the blocks whole linking puts it with:
    a claim of a country meets the claims naming no country (``m:..|*``), and one naming no country
    meets every country's block of its measure that the store holds."""
    probe = probe[probe["lo"].notna()]
    measure = probe[probe["key"].str.startswith("m:")]
    if measure.empty:
        return probe
    prefix = measure["key"].str.rsplit("|", n=1).str[0] + "|"
    wild = measure["key"].str.endswith("|" + ANY_COUNTRY)
    extra = [measure[~wild].assign(key=prefix[~wild] + ANY_COUNTRY)]
    if wild.any():
        stored = [r[0] for r in con.execute(
            "SELECT DISTINCT key FROM _raw_claim_index WHERE key LIKE 'm:%'").fetchall()]
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for k in stored:
            if not k.endswith("|" + ANY_COUNTRY):
                by_prefix[k.rsplit("|", 1)[0] + "|"].append(k)
        rows = [(r.claim_id, k, r.lo, r.hi) for r, p in zip(measure[wild].itertuples(), prefix[wild], strict=True)
                for k in by_prefix.get(p, ())]
        extra.append(pd.DataFrame(rows, columns=list(INDEX_COLUMNS)).astype(probe.dtypes.to_dict()))
    return pd.concat([probe, *extra], ignore_index=True).drop_duplicates(["claim_id", "key"])


def link_order(c: Claim) -> tuple[str, int, str]:
    """The order claims are linked in, whatever batch brought them (``link_claims`` breaks ties by
    position): the store's order, by document, then position in it."""
    return c.doc_id, c.start, c.claim_id


def link_batch(new: Sequence[Claim], old: Sequence[Claim], documents: Mapping[str, Document],
               link: Callable[[list[Claim], Mapping[str, Document]], list[Claim]] = link_claims,
               gone: Collection[str] = ()) -> list[Claim]:
    """Link ``new`` claims together with their stored neighbourhood ``old``; returns the new claims
    linked and the old ones whose cluster, counts or conflicts changed (what a commit must rewrite).
    An old claim keeps its conflicts with stored claims outside the neighbourhood, but for the ``gone``
    ones (claims the commit removes)."""
    if not new and not old:
        return []
    linked = link(sorted([*old, *new], key=link_order), documents)
    before = {c.claim_id: c for c in old}
    here = {c.claim_id for c in linked}
    out = []
    for c in linked:
        was = before.get(c.claim_id)
        if was is not None and (kept := [x for x in was.conflicts if x not in here and x not in gone]):
            # figures compared with stored claims the batch left alone still clash with them
            c = dataclasses.replace(c, conflicts=tuple(sorted({*c.conflicts, *kept})))
        if was != c:
            out.append(c)
    return out


def affected(new: Sequence[Claim], old: Sequence[Claim], documents: Mapping[str, Document]) -> list[Claim]:
    """The stored claims of ``old`` (a batch's candidates) that linking the batch can change: those a
    new claim shares a block with and is similar to (a score above 0, or a wire copy), those whose
    figures a new claim's may clash with (one measure in one country, overlapping days), and the other members of
    their clusters. The rest would be compared with the batch only to score 0: relinking them
    changes nothing the batch brings, so they are neither relinked nor rewritten."""
    if not new or not old:
        return []
    probe = _Probe(new, documents)
    hit = {c.claim_id for c in old  # the features and keys are memoised per claim
           if probe.meets(c, _info(c, documents), claim_keys(c, documents)[2], claim_blocks(c))}
    clusters = {c.cluster_id for c in old if c.claim_id in hit and c.cluster_id}
    return [c for c in old if c.claim_id in hit or (c.cluster_id and c.cluster_id in clusters)]


class _Probe:
    """A batch's new claims as ``affected`` meets stored claims with them: their features, scoring
    blocks, measure blocks and day windows, built once."""

    def __init__(self, new: Sequence[Claim], documents: Mapping[str, Document]) -> None:
        self.new = new
        self.infos = [_info(c, documents) for c in new]
        self.by_key: dict[str, list[int]] = defaultdict(list)  # the scoring blocks (not the measure blocks: below)
        for i, c in enumerate(new):
            for k in claim_keys(c, documents)[2]:
                if not k.startswith("m:"):
                    self.by_key[k].append(i)
        self.measures: dict[tuple[str, str, str], list[int]] = defaultdict(list)  # (measure, counted, country)
        for i, c in enumerate(new):
            for m, n, cc in claim_blocks(c):
                self.measures[m, n, cc].append(i)
                if cc != ANY_COUNTRY:
                    self.measures[m, n, "@"].append(i)  # what a stored claim naming no country meets
        self.windows = [day_window(c) for c in new]

    def meets(self, c: Claim, inf: _Info, keys: Sequence[str], blocks: Collection[tuple[str, str, str]]) -> bool:
        """Whether linking the batch can change stored claim ``c`` itself (features ``inf``, index
        keys ``keys``, measure blocks ``blocks``): see ``affected``."""
        if inf.lo is not None:
            near = {i for k in keys for i in self.by_key.get(k, ())}  # its measure keys meet none
            new, infos = self.new, self.infos
            for i in near:
                x = infos[i]
                # a pair whose windows do not meet is never compared (``pairs.dated_pairs``): it scores 0
                # and cannot be a wire copy; most pairs of a stored claim with a batch are such
                if (x.lo is not None and x.lo <= inf.hi and inf.lo <= x.hi
                        and (similarity(new[i], c, x, inf)[0] > 0 or wire_copy(x.shingles, inf.shingles))):
                    return True
        lo, hi = day_window(c)
        meets = {i for m, n, cc in blocks
                 for i in [*self.measures.get((m, n, cc), ()), *self.measures.get((m, n, ANY_COUNTRY), ()),
                           *(self.measures.get((m, n, "@"), ()) if cc == ANY_COUNTRY else ())]}
        return lo is not None and any(self.windows[i][0] <= hi and lo <= self.windows[i][1] for i in meets)


def stored_neighbourhood(new: Sequence[Claim], chunks: Iterable[Sequence[tuple[str, str]]],
                         documents: Mapping[str, Document], heads: Callable[[set[str]], Mapping[str, Document]],
                         candidates: Collection[str], always: Collection[str] = (),
                         skip: Collection[str] = ()) -> tuple[list[Claim], dict[str, Document]]:
    """The stored claims linking a batch needs, read from ``chunks`` of (cluster id, claim JSON) rows
    (``Store.claim_texts_at``), sorted by ``link_order``, and the documents it needs with them:
    ``documents`` (the batch's) and the heads (``heads`` of a set of ids) of stored documents whose
    claims name no outlet (a claim's source falls back on its document's outlet, ``_source``).

    What ``affected`` keeps of ``candidates``, and every claim of ``always``, leaving out the claims
    of documents in ``skip``; the same claims as decoding every candidate and calling ``affected``,
    without holding them all: each chunk is decoded and featurised (outside ``data.link.memo``, which
    would hold ~15k of them, unless it already holds their features: ``stored_features``), and only the
    claims kept stay decoded (their features go into the memo, where linking looks them up). Rows
    read a cluster at a time (``claim_texts_at(by_cluster=True)``) let a kept cluster's other members keep
    the features just computed (``run``), not be decoded and featurised again in ``link_claims`` (8,589 of
    15,652 claims linked at 75k). A candidate left out keeps its JSON text, in case a claim kept later shares its cluster. At a million stored claims a 50-article batch has ~37k candidates, of
    which ~13k are kept."""
    probe = _Probe(new, documents) if new else None
    context = dict(documents)
    kept: list[Claim] = []
    aside: dict[str, list[str]] = defaultdict(list)  # cluster id -> JSON of candidates not (yet) kept
    clusters: set[str] = set()  # the clusters of the candidates linking the batch changes
    run: list[tuple[str, Claim, Prepared]] = []  # the candidates of the cluster read last, not (yet) kept
    run_of = ""

    def flush() -> None:
        for text, c, got in run:
            if run_of in clusters:
                MEMO.seed(c, *got)
                kept.append(c)
            else:
                aside[run_of].append(text)
        run.clear()

    for rows in chunks:
        claims = [(cluster, text, c) for cluster, text in rows for c in claims_from_json(text) if c.doc_id not in skip]
        need = {c.doc_id for _, _, c in claims if not c.outlet and c.doc_id not in context}
        if need:
            context.update({d: h for d, h in heads(need).items() if d not in context})
        for cluster, text, c in claims:
            if cluster != run_of:
                flush()
                run_of = cluster
            got = None
            if probe is not None and c.claim_id in candidates:
                got = inf, figures, keys = stored_features(c, context)
                if probe.meets(c, inf, keys[2], frozenset(measure_blocks(c, figures))):
                    MEMO.seed(c, inf, figures, keys)  # linking asks for them next
                    kept.append(c)
                    if c.cluster_id:
                        clusters.add(c.cluster_id)
                    continue
            if c.claim_id in always:
                kept.append(c)
            elif c.claim_id in candidates and cluster:  # a claim of no cluster is kept only when it meets
                if got is not None and c.cluster_id == cluster:
                    run.append((text, c, got))
                else:
                    aside[cluster].append(text)
    flush()
    for cluster in clusters & set(aside):
        kept += [c for text in aside[cluster] for c in claims_from_json(text) if c.cluster_id in clusters]
    kept.sort(key=link_order)
    need = {c.doc_id for c in kept}
    return kept, {d: h for d, h in context.items() if d in need or d in documents}
