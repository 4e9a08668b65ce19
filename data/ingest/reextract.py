"""``sitmap reextract``: bring the claims an older extractor made up to the present one, batch by batch.

After an upgrade ``sitmap ingest`` leaves stored documents as they are (``data.ingest.stale``); this
re-extracts them through ingest's own pipeline: batches of ``$SITMAP_INGEST_BATCH`` documents read
from the store (which keeps every document's text: no source file is read again), extracted here or
on Dask (``data.ingest.work.Extractor``), linked against their neighbourhood in the store and committed
one segment at a time (``data.ingest.batches.commit_batch``). Each commit moves its documents to the
present fingerprint, so a killed run resumes where it stopped, and readers (the dashboard) see the
older claims of the documents not yet done until their batch lands.

A document whose new claims are the ones stored (most of them, after an upgrade that changed little)
only has its cache key moved: no relinking, no events, no document rewritten. Linking and committing
cost about as much as extracting (``README``, Scaling out), so this is most of a re-extraction's time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import data.ingest.run as run
from data.ingest.batches import RunState, commit_batch, summarise
from data.ingest.batchsize import batch_size
from data.ingest.outcome import doc_name
from data.ingest.stale import SEPARATOR, content_key, key_fingerprint, stale_count, stale_ids
from data.ingest.work import Batch, Extracted, Extractor, extract_document
from data.link.features import seed
from data.model import Document
from data.store.codec import claims_to_json
from data.store.common import CachedClaims
from data.store.segments import current
from data.store.store import Store


@dataclass(frozen=True, slots=True)
class ReextractReport:
    """What a ``reextract`` did: stale documents before and after, what failed and why."""

    stale_before: int
    reextracted: int
    stale_after: int
    documents_total: int
    claims_total: int
    events_total: int
    commits: int
    duration_s: float
    problems: tuple[str, ...] = field(default=())
    """One line per document left stale (its extraction failed, or the store had no text for it)."""
    notes: tuple[str, ...] = field(default=())


def reextract(store: Store, progress: run.Progress | None = None, *, workers: int = 0,
              scheduler: str | None = None, limit: int | None = None) -> ReextractReport:
    """Re-extract up to ``limit`` (default: all) of the stored documents whose claims an older extractor
    made, in batches committed one by one (see the module doc). ``workers``/``scheduler`` as ``ingest``."""
    t0 = time.monotonic()
    extract, link, notes = run._claims_functions()
    state = RunState(notes=list(notes))
    tick = progress or (lambda done, total, label: None)
    if extract is None:  # nothing to re-extract with: the stored claims stay
        counts = store.counts()
        return ReextractReport(0, 0, 0, counts["documents"], counts["claims"], counts["events"], 0,
                               time.monotonic() - t0, notes=tuple(state.notes))
    fp = run.extractor_fingerprint()
    before = stale_count(store, fp)
    todo = stale_ids(store, fp, limit)
    problems: list[str] = []
    done = [0]

    def batches() -> Iterator[Batch]:
        size = batch_size(store)
        for start in range(0, len(todo), size):
            docs = store.documents_by_ids(todo[start:start + size])
            batch = []
            for doc in docs.values():
                if doc.text.strip():
                    batch.append((doc, run.cache_key(doc, fp)))
                else:
                    problems.append(f"{doc_name(doc, doc.id)}: no text stored; ingest its file again")
            if batch:
                yield batch

    def on_done(doc: Document, _r: Extracted) -> None:
        done[0] += 1
        tick(min(done[0], len(todo)), len(todo) + 1, _label(doc))

    with Extractor(workers, scheduler, partial(extract_document, extract=extract)) as extractor:
        for batch, results in extractor.run(batches(), on_done):
            _commit(store, batch, results, state, link, fp)
    tick(len(todo) + 1, len(todo) + 1, "done")
    after = stale_count(store, fp)
    counts = store.counts()
    problems += state.notes[len(notes):]  # extraction failures (warned per document)
    return ReextractReport(
        stale_before=before, reextracted=len(state.summary), stale_after=after,
        documents_total=counts["documents"], claims_total=counts["claims"], events_total=counts["events"],
        commits=state.commits, duration_s=time.monotonic() - t0, problems=tuple(problems),
        notes=tuple(state.notes[:len(notes)]))


def _label(doc: Document) -> str:
    return f"re-extracting: {doc.title or Path(doc.source_path).name or doc.id}"[:80]


def _commit(store: Store, batch: Batch, results: list[Extracted], state: RunState, link: Callable | None,
            fp: str) -> None:
    """Commit one batch under the writer lock (held per batch, so an ingest of new articles waits for one
    batch, not for the whole run): documents whose claims came out as stored get the new key alone; the
    others go through ingest's commit (reset, relink their neighbourhood, new events)."""
    with store.lock():
        stored = _current_cache(store, [doc.id for doc, _ in batch])
        docs = {doc.id: doc for doc, _ in batch if _still_stale(doc, stored.get(doc.id, (None, ""))[0], fp)}
        fresh: dict[str, CachedClaims] = {}
        for r in results:
            if r.doc_id not in docs:
                continue  # ingested again or dropped since the stale list was read: not ours to write
            if r.claims is None:
                state.warn(r.doc_id, r.error or f"{r.doc_id}: claim extraction failed")
                continue
            fresh[r.doc_id] = r.claims
            state.summary[r.doc_id] = summarise(r.claims.claims)
        _write(store, docs, fresh, {d: v[1] for d, v in stored.items()}, results, state, link, fp)


def _current_cache(store: Store, ids: list[str]) -> dict[str, tuple[str, str]]:
    """{document id: (its current cache key, its cached claims' JSON)} of the stored ``ids``."""
    if not ids:
        return {}
    sql = current("cached", "doc_id IN (SELECT unnest(?::VARCHAR[]))", ("doc_id", "key", "claims_json"), by_key=True)
    return {d: (k, j) for d, k, j in store.connect().execute(sql, [sorted(ids)]).fetchall()}


def _still_stale(doc: Document, key: str | None, fp: str) -> bool:
    """``doc`` (as read when its batch was made) is still stored as it was, with claims of another extractor:
    the writer lock is not held while a batch is extracted, so an ingest may have run meanwhile."""
    if key is None or key_fingerprint(key) == fp:
        return False
    return SEPARATOR not in key or key.partition(SEPARATOR)[2] == content_key(doc)


def _write(store: Store, docs: dict[str, Document], fresh: dict[str, CachedClaims], stored: dict[str, str],
           results: list[Extracted], state: RunState, link: Callable | None, fp: str) -> None:
    """Under the writer lock: claims as stored get the new key alone, the others ingest's commit."""
    same = {d: c for d, c in fresh.items() if stored.get(d) == (c.json or claims_to_json(list(c.claims)))}
    changed = {d: c for d, c in fresh.items() if d not in same}
    if same:
        store.commit({}, same, linked=[], events=None, fingerprint=fp)
        state.commits += 1
    if changed:
        prepared = {r.doc_id: r.prepared for r in results if r.doc_id in changed and r.prepared is not None}
        for d, p in prepared.items():
            seed(changed[d].claims, p)  # computed beside the claims: linking looks them up
        docs = {d: doc for d, doc in docs.items() if d in changed}
        state.extracted += sum(len(c.claims) for c in changed.values())
        commit_batch(store, docs, changed, set(), link, fp, state=state)
        state.commits += 1


def describe(report: ReextractReport, store_path: str | Path) -> str:
    """One line for ``sitmap reextract``."""
    left = (f"{report.stale_after:,} still stale (run `sitmap reextract --store {store_path}` again)"
            if report.stale_after else "every stored document is current")
    return (f"re-extracted {report.reextracted:,} of {report.stale_before:,} stale document(s) in "
            f"{report.commits} batch(es), {report.duration_s:.1f} s; {left}; the store holds "
            f"{report.documents_total:,} document(s), {report.claims_total:,} claim(s), "
            f"{report.events_total:,} event row(s)")
