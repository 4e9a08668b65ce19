"""Per-document work (document -> raw claims), run serially or on a Dask cluster.

``extract_document`` is a pure function of one document and the cache key: it touches no store
and no shared state, so any process can run it. ``Extractor`` runs it over batches in order,
here or on ``dask.distributed`` workers (a ``LocalCluster`` of N processes, or an existing
scheduler at ``tcp://HOST:PORT``), keeping the next batch in flight while the caller links and
commits the current one. Batches come back in the order given whatever finishes first, so the
store a run leaves is the same serially and on a cluster.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from data.model import Claim, Document
from data.store.store import CachedClaims


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document's outcome: its claims under ``key``, or why extraction failed."""

    doc_id: str
    claims: CachedClaims | None
    error: str | None = None


def extract_document(doc: Document, key: str,
                     extract: Callable[[Document], list[Claim]] | None = None) -> Extracted:
    """Claims of one document (``extract``, default ``data.claims.extract.extract_claims``); an
    exception or an extraction over the time budget becomes an error message naming the document
    (``data.ingest.isolate``), so one bad article costs only itself, on a worker as here."""
    from data.ingest.isolate import extract_isolated, prepare

    if extract is None:
        from data.claims.extract import extract_claims as extract
    prepare(extract)  # build the geoparser once per process, outside any document's time budget
    claims, msg = extract_isolated(doc, extract)  # exceptions and the time budget: data.ingest.isolate
    if claims is None:
        return Extracted(doc.id, None, msg)
    return Extracted(doc.id, CachedClaims(key, claims))


Batch = Sequence[tuple[Document, str]]
"""Documents with their cache keys."""


class Extractor(contextlib.AbstractContextManager):
    """Runs ``extract_document`` over batches: serially (``workers=0``, no scheduler), on a local
    Dask cluster of ``workers`` processes, or on the cluster at ``scheduler``."""

    def __init__(self, workers: int = 0, scheduler: str | None = None,
                 fn: Callable[[Document, str], Extracted] = extract_document) -> None:
        self.workers, self.scheduler, self.fn = workers, scheduler, fn
        self._client = self._cluster = None

    def __enter__(self) -> Extractor:
        if self.scheduler or self.workers > 0:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40)
                self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def distributed(self) -> bool:
        return self._client is not None

    def run(self, batches: Iterable[Batch], on_done: Callable[[Document, Extracted], None] | None = None
            ) -> Iterator[tuple[Batch, list[Extracted]]]:
        """Each batch with its results in input order; ``on_done`` is called per finished document
        (progress). On a cluster the following batch is already submitted while one is yielded."""
        done = on_done or (lambda d, r: None)
        if self._client is None:
            for batch in batches:
                out = []
                for doc, key in batch:
                    out.append(self.fn(doc, key))
                    done(doc, out[-1])
                yield batch, out
            return
        from distributed import as_completed

        pending: list[tuple[Batch, list]] = []
        it = iter(batches)

        def submit() -> bool:
            batch = next(it, None)
            if batch is None:
                return False
            futs = self._client.map(self.fn, [d for d, _ in batch], [k for _, k in batch], pure=False)
            pending.append((batch, futs))
            return True

        submit()
        submit()
        while pending:
            batch, futs = pending.pop(0)
            where = {f.key: doc for f, (doc, _) in zip(futs, batch, strict=True)}
            for fut in as_completed(futs):
                done(where[fut.key], fut.result())
            results = self._client.gather(futs)
            for f in futs:
                f.release()
            submit()
            yield batch, results
