"""Ingest: files in, store updated. load -> claims per document -> link across the store ->
events table -> atomic write.

Incremental: claims are cached per document under a key of the document and the extractor's
fingerprint (a hash of the geo/ and data/ sources that produce claims and of the gazetteer's
content), so adding one file extracts only that file. New code does not re-extract the store: the
new articles get the new code's claims, the stored ones keep theirs and are counted as stale
(``data.ingest.stale``) until ``sitmap reextract`` updates them (``data.ingest.reextract``).
Idempotent: ingesting the same files again writes nothing. One bad file (or one bad record) is
reported and costs only itself.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from data.ingest.batches import RunState, commit_batch, read_batches, run_batches
from data.ingest.fingerprint import ROOT as ROOT  # noqa: F401 - importable here, as before the split
from data.ingest.fingerprint import extraction_packages as extraction_packages  # noqa: F401
from data.ingest.fingerprint import extractor_fingerprint
from data.ingest.fingerprint import gazetteer_identity as gazetteer_identity  # noqa: F401
from data.ingest.outcome import doc_name as _name  # noqa: F401 - importable here, as before the split
from data.ingest.outcome import file_claims as _file_claims
from data.ingest.outcome import file_report as _file_report
from data.ingest.outcome import origin as _origin
from data.ingest.report import FileReport as FileReport
from data.ingest.report import IngestReport
from data.ingest.stale import make_key, stale_count
from data.ingest.work import YOUNG_OBJECTS, Extracted, Extractor, extract_document
from data.load.base import LoadError
from data.load.documents import make_document
from data.load.paths import LoadResult, iter_files, load_bytes, load_path
from data.load.text import MANIFEST_NAME
from data.model import Claim, Document
from data.store.store import CachedClaims, Store

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``. Files are read as a stream: reading counts files (done of
the number of files), extracting counts documents as they finish (the total is not known yet, so
it is done + 1); the last call has done == total and the label "done". ``label`` says what is
being done (the file, or the document's title)."""


def cache_key(doc: Document, fingerprint: str) -> str:
    """Key under which a document's claims stay valid: the extractor fingerprint, then a hash of its
    content and metadata (the publication date anchors relative dates): ``data.ingest.stale``."""
    return make_key(doc, fingerprint)


def file_states(files: Iterable[Path]) -> dict[str, dict]:
    """{absolute path: {"mtime_ns", "size"}} of the files that exist, and of the manifests
    beside them (a corrected manifest date makes the store stale too)."""
    files = list(files)
    manifests = {f.parent / MANIFEST_NAME for f in files}
    out: dict[str, dict] = {}
    for f in files + sorted(m for m in manifests if m.is_file()):
        try:
            st = f.stat()
        except OSError:
            continue
        out[str(f.resolve())] = {"mtime_ns": st.st_mtime_ns, "size": st.st_size}
    return out


def is_current(paths: Sequence[str | Path], store: Store) -> bool:
    """True when the store holds every file under ``paths`` as it is now (same mtime and size) and
    ``ensure_current`` has no claims of an older extractor to redo (none, or more than ``AUTO_REEXTRACT``:
    those wait for ``sitmap reextract``): the app can use it without re-ingesting."""
    if not store.generation():
        return False
    recorded = store.sources()
    states = file_states(iter_files(paths))
    fp = _fingerprint_if_claims()
    return (all(recorded.get(k) == v for k, v in states.items())
            and not (fp and 0 < stale_count(store, fp) <= AUTO_REEXTRACT))


AUTO_REEXTRACT = 200
"""``ensure_current`` re-extracts stale documents itself up to this many (a few seconds' work: the
seeds the dashboard opens on); a bigger store is left to an explicit ``sitmap reextract``."""


def ensure_current(paths: Sequence[str | Path], store: Store, progress: Progress | None = None
                   ) -> IngestReport | None:
    """Ingest ``paths`` unless the store is already current for them (None then); a small store's
    claims of an older extractor are re-extracted too (``AUTO_REEXTRACT``)."""
    if is_current(paths, store):
        return None
    report = ingest(paths, store, progress)
    if 0 < report.stale_documents <= AUTO_REEXTRACT:
        from data.ingest.reextract import reextract

        again = reextract(store, progress)
        report = replace(report, stale_documents=again.stale_after, store_changed=True,
                         claims_total=again.claims_total, events_total=again.events_total)
    return report


def ingest(paths: Sequence[str | Path], store: Store, progress: Progress | None = None, *, workers: int = 0,
           scheduler: str | None = None) -> IngestReport:
    """Load every file under ``paths`` into ``store`` (see the module doc). ``workers`` > 0 extracts on
    a local Dask cluster of that many processes; ``scheduler`` (``tcp://HOST:PORT``) on an existing one."""
    files = list(iter_files(paths))
    loaders = [(str(f), (lambda f=f: load_path(f))) for f in files]
    return _run(loaders, store, progress, file_states(files), replace_files=True, workers=workers,
                scheduler=scheduler)


def ingest_texts(items: Iterable[tuple[str, bytes | str]], store: Store,
                 progress: Progress | None = None) -> IngestReport:
    """Ingest uploads or pasted text: ``(name, content)`` pairs; the name's extension picks
    the format (anything else is sniffed, plain text by default)."""
    loaders = [
        (name, (lambda n=name, d=data: load_bytes(n, d.encode("utf-8") if isinstance(d, str) else d)))
        for name, data in items
    ]
    return _run(loaders, store, progress, {})


def ingest_pasted(text: str, store: Store, *, title: str = "", outlet: str = "", url: str = "",
                  published: date | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest one pasted article with the metadata typed beside it. With no title, the first line is the
    title when it reads like one (short, not ending like a sentence); with no date, one is inferred from
    the text or the claims stay undated."""
    name = f"pasted-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}.txt"

    def load() -> LoadResult:
        first = text.strip().split("\n", 1)[0].strip()
        heading = first if len(first) <= 200 and not first.endswith((".", ",", ";", ":")) else ""
        try:
            doc = make_document(text, title=title.strip() or heading, outlet=outlet, url=url, published=published,
                                published_how="entered" if published else "", source_path=name)
        except ValueError:
            return LoadResult(name, errors=(LoadError(name, "nothing pasted (no text)"),))
        return LoadResult(name, documents=(doc,))

    return _run([(name, load)], store, progress, {})


def _claims_functions() -> tuple[Callable[[Document], list[Claim]] | None,
                                 Callable[[list[Claim], dict[str, Document]], list[Claim]] | None, list[str]]:
    """``extract_claims`` and ``link_claims`` if those stages are installed, with notes."""
    notes: list[str] = []
    found = []
    for module, name in (("data.claims.extract", "extract_claims"), ("data.link.corroborate", "link_claims")):
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError) as exc:
            notes.append(f"{module}.{name} unavailable ({type(exc).__name__}: {exc})")
            found.append(None)
    return found[0], found[1], notes


def _fingerprint_if_claims() -> str:
    extract, _, _ = _claims_functions()
    return extractor_fingerprint() if extract else ""


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """While an ingest runs: what is alive at its start (modules, the engine, the store's state) is left
    out of the garbage collector's passes (``gc.freeze``), and young objects are collected every
    ``YOUNG_OBJECTS`` allocations. Both are restored after (the dashboard ingests in its own process)."""
    old, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(max(old[0], YOUNG_OBJECTS), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not frozen:  # a caller's own freeze stays
            gc.unfreeze()


def _run(loaders: list[tuple[str, Callable[[], LoadResult]]], store: Store, progress: Progress | None,
         sources: dict[str, dict], replace_files: bool = False, workers: int = 0,
         scheduler: str | None = None) -> IngestReport:
    t0 = time.monotonic()
    tick = progress or (lambda done, total, label: None)
    extract, link, notes = _claims_functions()
    fp = extractor_fingerprint() if extract else ""
    state = RunState(notes=notes)
    fn = partial(extract_document, extract=extract) if extract else (
        lambda doc, key: Extracted(doc.id, CachedClaims(key, ())))
    with store.lock(), fewer_collections():
        batches = read_batches(loaders, store, state, lambda d: cache_key(d, fp), replace_files, _file_report,
                               _origin, tick)
        with Extractor(workers, scheduler, fn) as extractor:
            run_batches(batches, extractor, store, state, link, fp, tick)
        tick(len(loaders), len(loaders) + 1, "linking claims and writing the store")
        changed_sources = {k: v for k, v in sources.items() if store.sources().get(k) != v}
        if state.stale or changed_sources or not store.generation():
            commit_batch(store, {}, {}, state.stale, link, fp, changed_sources, state=state)
            state.commits += 1
        if extract is not None:
            _file_claims(store, state)
        counts = store.counts()
        undated = store.connect().execute("SELECT count(*) FROM documents WHERE published IS NULL").fetchall()[0][0]
        older = stale_count(store, fp) if extract is not None else 0
        tick(len(loaders) + 1, len(loaders) + 1, "done")
    return IngestReport(
        files=tuple(state.reports),
        documents_loaded=sum(r.documents for r in state.reports),
        new_documents=len(state.new_ids),
        documents_total=counts["documents"],
        claims_extracted=state.extracted,
        claims_total=counts["claims"],
        events_total=counts["events"],
        undated_documents=int(undated),
        store_changed=state.commits > 0,
        duration_s=time.monotonic() - t0,
        notes=tuple(state.notes),
        stale_documents=older,
        commit_seconds=tuple(state.commit_seconds),
    )
