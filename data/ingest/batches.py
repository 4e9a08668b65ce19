"""The ingest loop: read files as a stream, extract claims in batches, link each batch against its
neighbourhood in the store, commit it.

Work and memory follow the batch, not the store: files are read one at a time; documents whose
claims are cached under the current key are skipped; each batch of ``$SITMAP_INGEST_BATCH``
(default 200, 50 into a big store: ``data.ingest.batchsize``) new or changed documents is extracted (``data.ingest.work.Extractor``: here or on
Dask), linked with the stored claims that share a block and a date window (and the rest of their
clusters: ``data.link.candidates``), and committed as one store segment. A kill loses at most the
batch in flight; the next run skips every committed document.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa

from data.events import conform
from data.ingest.batchsize import sizes
from data.ingest.isolate import events_isolated, failure, load_isolated
from data.ingest.report import FileReport
from data.ingest.stale import legacy_heads, unchanged
from data.ingest.work import Batch, Extracted, Extractor
from data.link.features import seed
from data.link.memo import MEMO
from data.load.paths import LoadResult
from data.model import Claim, Document
from data.store.segments import current
from data.store.store import CachedClaims, Store


@dataclass
class RunState:
    """What a run has seen so far (for the report)."""

    reports: list[FileReport] = field(default_factory=list)
    file_of: dict[str, int] = field(default_factory=dict)
    summary: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    new_ids: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    extracted: int = 0
    commits: int = 0
    notes: list[str] = field(default_factory=list)
    commit_seconds: list[float] = field(default_factory=list)
    """Wall seconds of each batch's link and commit (``IngestReport.commit_seconds``)."""

    def warn(self, doc_id: str, msg: str) -> None:
        if doc_id in self.file_of:
            r = self.reports[self.file_of[doc_id]]
            self.reports[self.file_of[doc_id]] = replace(r, warnings=r.warnings + (msg,))
        else:
            self.notes.append(msg)


def summarise(claims: tuple[Claim, ...]) -> tuple[int, int, int]:
    """(claims, dated claims, claims with a place the map can draw)."""
    return (len(claims), sum(1 for c in claims if c.date),
            sum(1 for c in claims if any(p.lat is not None and p.role != "claimant" for p in c.places)))


def stored_keys(store: Store, ids: list[str]) -> dict[str, str | None]:
    """{id: the key its cached claims were extracted under (None: none cached)} of the documents among
    ``ids`` the store holds: a lookup of one file's ids, not the store's every id and key."""
    if not ids or not store.generation():
        return {}
    con = store.connect()
    con.register("_read_ids", pa.table({"id": sorted(set(ids))}))
    try:
        return dict(con.execute(f"""
            SELECT d.id, c.key FROM ({current("documents", "id IN (SELECT id FROM _read_ids)", ("id",), by_key=True)}) d
            LEFT JOIN ({current("cached", "doc_id IN (SELECT id FROM _read_ids)", ("doc_id", "key"), by_key=True)}) c
            ON c.doc_id = d.id""").fetchall())
    finally:
        con.unregister("_read_ids")


def paths_naming(store: Store, names: set[str]) -> dict[str, str]:
    """{id: source path} of stored documents whose source path contains one of ``names``."""
    if not names or not store.generation():
        return {}
    where = " OR ".join("contains(source_path, '" + n.replace("'", "''") + "')" for n in sorted(names))
    return dict(store.connect().execute(current("documents", f"({where})", ("id", "source_path"))).fetchall())


def read_batches(loaders: list[tuple[str, Callable[[], LoadResult]]], store: Store, state: RunState,
                 key_of: Callable[[Document], str], replace_files: bool,
                 file_report: Callable[[LoadResult, int], FileReport], origin: Callable[[str], str],
                 tick: Callable[[int, int, str], None]) -> Iterator[Batch]:
    """Batches of (document, key) that need extracting, read file by file; fills ``state``. A stored
    document whose content is unchanged is skipped even when an older extractor made its claims
    (``data.ingest.stale``: re-extraction is ``sitmap reextract``'s)."""
    size, until, then = sizes(store)
    batched = 0  # documents in the batches yielded so far
    buf: list[tuple[Document, str]] = []
    seen: set[str] = set()
    for i, (label, load) in enumerate(loaders):
        tick(i, len(loaders), f"reading {Path(label).name}")
        res = load_isolated(label, load)
        stored = stored_keys(store, [d.id for d in res.documents])
        legacy = legacy_heads(store, stored)
        new = 0
        for doc in res.documents:
            if doc.id not in stored and doc.id not in seen:
                new += 1
                state.new_ids.add(doc.id)
            state.file_of[doc.id] = i
            if doc.id not in seen and not (doc.id in stored and unchanged(doc, stored[doc.id], legacy)):
                buf.append((doc, key_of(doc)))
            seen.add(doc.id)
            if len(buf) >= size:
                yield buf
                batched += len(buf)
                buf = []
                if until is not None and batched >= until:
                    size, until = then, None
        state.reports.append(file_report(res, new))
        if replace_files and not state.reports[-1].error:
            mine = str(Path(label).resolve())
            names = {Path(label).name, Path(mine).name}  # only paths naming the file are resolved, not every one
            near = paths_naming(store, names)
            state.stale |= {k for k, p in near.items() if k not in seen and origin(p) == mine}
    if buf:
        yield buf


def commit_batch(store: Store, docs: Mapping[str, Document], fresh: Mapping[str, CachedClaims],
                 dropped: set[str], link: Callable | None, fingerprint: str,
                 sources: Mapping[str, dict] | None = None, state: RunState | None = None) -> None:
    """Link the batch's claims with their neighbourhood, build their events, commit one segment.

    Stored claims of re-extracted or dropped documents vanish (``reset``); the other members of
    their clusters are re-linked so no count keeps pointing at them. A linking failure stores the
    batch's claims unlinked, and a document whose claims cannot become event rows is left out of
    the events (both reported in ``state``): one bug costs neither the batch nor the store.
    """
    state = state or RunState()
    from data.link.candidates import candidate_versions, link_batch, stored_neighbourhood
    from data.link.conflicts import released

    reset = set(fresh) | dropped
    new = [c for d in sorted(fresh) for c in fresh[d].claims]
    linked = new
    versions: dict[str, int] = {}
    if link is not None and (new or reset):
        store.reindex()  # a store indexed under older keys: its claims would not be found
        con = store.connect()
        versions = candidate_versions(con, new, docs) if new else {}
        ids = set(versions)
        mates: set[str] = set()  # the rest of the clusters of claims that vanish: relinked whatever the batch
        gone: set[str] = set()  # the claims that vanish
        partners: dict[str, int] = {}  # the claims in conflict with them
        if reset:
            found, gone, partners = _cluster_mates(con, reset)
            mates = set(found)
            versions = {**found, **versions}
        # every stored claim's current version is known (resolved under the writer lock): read directly, a
        # chunk at a time, keeping the candidates linking the batch can change (a third of them) and the
        # heads of the documents whose outlet their claims need (linking needs outlets, not text)
        old, context = stored_neighbourhood(new, store.claim_texts_at(versions, by_cluster=True), docs, store.document_heads,
                                            ids, mates, reset)
        try:
            linked = link_batch(new, old, context, link, gone)
        except Exception as exc:  # noqa: BLE001 - the claims are kept unlinked
            state.notes.append(failure(f"{len(docs)} document(s)", "linking claims (stored unlinked)", exc))
            linked = new
        here = {c.claim_id for c in linked}  # the others keep no conflict with a claim that vanishes
        if rest := {k: v for k, v in partners.items() if k not in here}:
            linked = [*linked, *released(store.claims_at(rest), gone)]
            versions = {**rest, **versions}
    mine = [c for c in linked if c.doc_id in docs]
    events, bad = events_isolated(mine, docs)
    for doc_id, msg in bad.items():
        state.warn(doc_id, msg)
    relinked = relinked_events(store, [c for c in linked if c.doc_id not in docs], versions)
    if len(relinked):
        events = conform(pd.concat([events, relinked], ignore_index=True))
    store.commit(docs, fresh, linked=linked, events=events, sources=sources, fingerprint=fingerprint,
                 reset=reset)
    if len(versions) >= MEMO.size:
        # a neighbourhood as big as the memo (~37k candidates per 50-article batch at a million claims)
        # left in it only this batch's claims, which the next batch reads back featurised afresh
        # (``stored_neighbourhood``): freed now, not held through the next batch's queries
        # (4 batches at a million claims: peak RSS of the committing process 511 -> 458 MB, the same CPU)
        MEMO.clear()


def _cluster_mates(con, doc_ids: set[str]) -> tuple[dict[str, int], set[str], dict[str, int]]:
    """Current claims in the clusters of the stored claims of ``doc_ids``, with their current batch
    (``_seg``), the ids of those stored claims, and the other current claims their conflicts name (with
    their batch): lookups that apply the store's visibility rule to the rows they find (``current``), not
    to the whole linked table (a window over every stored claim, seconds at a million claims, for a
    batch of new documents that have no stored claims at all)."""
    con.register("_reset_ids", pa.table({"doc_id": sorted(doc_ids)}))
    try:
        mine = current("linked", "doc_id IN (SELECT doc_id FROM _reset_ids)", ("claim_id", "cluster_id", "_seg"))
        rows = con.execute(f"SELECT claim_id, cluster_id, _seg FROM ({mine})").fetchall()
    finally:
        con.unregister("_reset_ids")
    gone = {r[0] for r in rows}
    named: set[str] = set()
    if rows:  # their stored conflicts, read at the versions just found
        con.register("_gone_at", pa.table({"claim_id": [r[0] for r in rows], "_seg": [int(r[2]) for r in rows]}))
        try:
            texts = con.execute("SELECT x.claim_json FROM _raw_linked x SEMI JOIN _gone_at w "
                                "ON w.claim_id = x.claim_id AND w._seg = x._seg").fetchall()
        finally:
            con.unregister("_gone_at")
        named = {x for (text,) in texts if '"conflicts": []' not in text for d in json.loads(text)
                 for x in d.get("conflicts") or ()}
    clusters = sorted({r[1] for r in rows if r[1]})
    return _current_of(con, "cluster_id", clusters), gone, _current_of(con, "claim_id", sorted(named - gone))


def _current_of(con, column: str, values: list[str]) -> dict[str, int]:
    """{claim id: current batch} of the current linked claims whose ``column`` is one of ``values``."""
    if not values:
        return {}
    con.register("_want_current", pa.table({column: values}))
    try:
        return {r[0]: int(r[1]) for r in con.execute(current(
            "linked", f"{column} IN (SELECT {column} FROM _want_current)", ("claim_id", "_seg"))).fetchall()}
    finally:
        con.unregister("_want_current")


LINK_COLUMNS = ("cluster_id", "corroboration_outlets", "corroboration_claimants", "conflicts", "has_conflict")
"""The events columns linking sets (``data.events.build_events``); a relinked stored claim changes only these."""


def relinked_events(store: Store, claims: list[Claim], versions: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The stored events rows of ``claims`` (stored claims a batch relinked) with their link columns
    set from the claims: the rest of a row (mention text, title, place) is what the claim's document
    gave when it was committed, so no stored document is read (a cluster's documents whole were
    most of a batch's memory). ``versions``: the claims' current batches, known to the caller (their rows
    are read at them, see ``Store.events_of_claims``)."""
    rows = store.events_of_claims((c.claim_id for c in claims), versions)
    if rows.empty:
        return rows
    by_id = {c.claim_id: c for c in claims}
    rows = rows[rows["claim_id"].isin(by_id)].reset_index(drop=True)
    got = [by_id[i] for i in rows["claim_id"]]
    rows["cluster_id"] = [c.cluster_id for c in got]
    rows["corroboration_outlets"] = [c.corroboration_outlets for c in got]
    rows["corroboration_claimants"] = [c.corroboration_claimants for c in got]
    rows["conflicts"] = [json.dumps(list(c.conflicts)) for c in got]
    rows["has_conflict"] = [bool(c.conflicts) for c in got]
    return conform(rows)


def run_batches(batches: Iterator[Batch], extractor: Extractor, store: Store, state: RunState,
                link: Callable | None, fingerprint: str, tick: Callable[[int, int, str], None]) -> None:
    """Extract, link and commit every batch (see the module doc)."""
    done = [0]

    def on_done(doc: Document, r: Extracted) -> None:
        done[0] += 1
        name = doc.title or Path(doc.source_path).name or doc.id
        tick(done[0], done[0] + 1, f"extracting claims: {name}"[:80])

    for batch, results in extractor.run(batches, on_done):
        fresh: dict[str, CachedClaims] = {}
        for r in results:
            if r.claims is None:
                state.warn(r.doc_id, r.error or f"{r.doc_id}: claim extraction failed")
                continue
            fresh[r.doc_id] = r.claims
            state.summary[r.doc_id] = summarise(r.claims.claims)
            if r.prepared is not None:
                seed(r.claims.claims, r.prepared)  # computed beside the claims: linking looks them up
        docs = {d.id: d for d, _ in batch}
        state.extracted += sum(len(c.claims) for c in fresh.values())
        t0 = time.perf_counter()
        commit_batch(store, docs, fresh, set(), link, fingerprint, state=state)
        state.commit_seconds.append(time.perf_counter() - t0)
        state.commits += 1
