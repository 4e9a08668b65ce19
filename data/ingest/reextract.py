"""``sitmap reextract``: bring the claims an older extractor made up to the present one, batch by batch.

After an upgrade ``sitmap ingest`` leaves stored documents as they are (``data.ingest.stale``); this
re-extracts them through ingest's own pipeline: batches of ``$SITMAP_INGEST_BATCH`` documents read
from the store (which keeps every document's text: no source file is read again), extracted here or
on Dask (``data.ingest.work.Extractor``), linked against their neighbourhood in the store and committed
one segment at a time (``data.ingest.batches.commit_batch``). Each commit moves its documents to the
present fingerprint, so a killed run resumes where it stopped, and readers (the dashboard) see the
older claims of the documents not yet done until their batch lands.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import data.ingest.run as run
from data.ingest.batches import RunState, batch_size, run_batches
from data.ingest.outcome import doc_name
from data.ingest.stale import stale_count, stale_ids
from data.ingest.work import Batch, Extractor, extract_document
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
    with store.lock():
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
            size = batch_size()
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

        def on_tick(_done: int, _total: int, label: str) -> None:
            done[0] += 1  # run_batches counts each finished document once
            tick(min(done[0], len(todo)), len(todo) + 1, label)

        with Extractor(workers, scheduler, partial(extract_document, extract=extract)) as extractor:
            run_batches(batches(), extractor, store, state, link, fp, on_tick)
        tick(len(todo) + 1, len(todo) + 1, "done")
        after = stale_count(store, fp)
        counts = store.counts()
    problems += [n for n in state.notes[len(notes):]]  # extraction failures (run_batches warns per document)
    return ReextractReport(
        stale_before=before, reextracted=len(state.summary), stale_after=after,
        documents_total=counts["documents"], claims_total=counts["claims"], events_total=counts["events"],
        commits=state.commits, duration_s=time.monotonic() - t0, problems=tuple(problems),
        notes=tuple(state.notes[:len(notes)]))


def describe(report: ReextractReport, store_path: str | Path) -> str:
    """One line for ``sitmap reextract``."""
    left = (f"{report.stale_after:,} still stale (run `sitmap reextract --store {store_path}` again)"
            if report.stale_after else "every stored document is current")
    return (f"re-extracted {report.reextracted:,} of {report.stale_before:,} stale document(s) in "
            f"{report.commits} batch(es), {report.duration_s:.1f} s; {left}; the store holds "
            f"{report.documents_total:,} document(s), {report.claims_total:,} claim(s), "
            f"{report.events_total:,} event row(s)")
