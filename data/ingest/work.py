"""Per-document work (document -> raw claims), run serially or on a Dask cluster.

``extract_document`` is a pure function of one document and the cache key: it touches no store
and no shared state, so any process can run it. ``Extractor`` runs it over batches in order,
here or on ``dask.distributed`` workers (a ``LocalCluster`` of N processes, or an existing
scheduler at ``tcp://HOST:PORT``), keeping the next batches in flight while the caller links and
commits the current one. Batches come back in the order given whatever finishes first, so the
store a run leaves is the same serially and on a cluster.

On a cluster a task is a chunk of a batch's documents, not one document (a task costs the scheduler
a few milliseconds, as much as extracting a short article), and workers run with Dask's sampling
profiler off. Workers import only what extraction needs (no pandas, no DuckDB: ``CachedClaims``
comes from ``data.store.common``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from data.model import Claim, Document
from data.store.codec import claims_to_json
from data.store.common import CachedClaims

IN_FLIGHT = 3
"""Batches submitted to a cluster ahead of the one being linked and committed."""
WORKER_NICE = 10
"""How much lower the CPU priority of a local cluster's workers is than the ingesting process's
(``$SITMAP_WORKER_NICE`` overrides it; 0 keeps them equal). That process links and commits batch after
batch alone, so it is the pipeline's critical path: with N workers and N cores, fair shares gave it
2/3 of a core while the workers raced ahead, and it then committed the last batches alone with a core
idle. Lower-priority workers take what it leaves (the whole machine while it waits for a batch). Only
relative within the run: on Linux with autogroup (the default) priorities weigh tasks within one
session, so this does not lower the ingest's share against other programs."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document's outcome: its claims under ``key``, or why extraction failed."""

    doc_id: str
    claims: CachedClaims | None
    error: str | None = None
    prepared: tuple | None = None
    """Per claim, its link features and index keys (``data.link.features.prepare``), computed here so
    the process that links and commits only looks them up; None when not computed."""


def extract_document(doc: Document, key: str,
                     extract: Callable[[Document], list[Claim]] | None = None) -> Extracted:
    """Claims of one document (``extract``, default ``data.claims.extract.extract_claims``); an
    exception or an extraction over the time budget becomes an error message naming the document
    (``data.ingest.isolate``), so one bad article costs only itself, on a worker as here."""
    return next(iter(extract_documents([(doc, key)], extract)))


def extract_documents(items: Sequence[tuple[Document, str]],
                      extract: Callable[[Document], list[Claim]] | None = None) -> Iterator[Extracted]:
    """``extract_document`` over several documents, in order, with one extraction thread for them all
    (``data.ingest.isolate.extract_each``) instead of a thread per document."""
    from data.ingest.isolate import extract_each, prepare

    if extract is None:
        from data.claims.extract import extract_claims as extract
    prepare(extract)  # build the geoparser once per process, outside any document's time budget
    for (doc, key), (claims, msg) in zip(items, extract_each([d for d, _ in items], extract), strict=True):
        if claims is None:
            yield Extracted(doc.id, None, msg)
        else:
            yield Extracted(doc.id, CachedClaims(key, claims, claims_to_json(list(claims))),
                            prepared=_prepared(claims, doc))


def _prepared(claims: tuple[Claim, ...], doc: Document) -> tuple | None:
    """The claims' link features and index keys (``data.link.features.prepare``); None when that fails
    (linking then computes them, and reports the failure where it is isolated)."""
    from data.link.features import prepare

    try:
        return prepare(claims, {doc.id: doc})
    except Exception:  # noqa: BLE001 - computed again, and reported, by linking
        return None


Batch = Sequence[tuple[Document, str]]
"""Documents with their cache keys."""


def extract_chunk(fn: Callable[[Document, str], Extracted], items: Sequence[tuple[Document, str]]
                  ) -> list[Extracted]:
    """``fn`` over several documents in one task (in order). ``fn`` is per document, or a ``partial`` of
    ``extract_document`` (run as ``extract_documents``: one extraction thread for the chunk)."""
    from data.ingest.wire import register_results

    register_results()  # the results go back pickled: field values, not dataclasses' per-object state
    if isinstance(fn, partial) and fn.func is extract_document and not fn.args:
        return list(extract_documents(items, **fn.keywords))
    return [fn(doc, key) for doc, key in items]


def chunks(batch: Batch, workers: int) -> list[Batch]:
    """A batch cut into about two chunks per worker (work stays balanced while tasks stay few)."""
    n = max(1, min(len(batch), 2 * max(1, workers)))
    size = -(-len(batch) // n)
    return [batch[i:i + size] for i in range(0, len(batch), size)]


def _extracts_claims(fn: Callable) -> bool:
    """Whether ``fn`` runs the real claim extraction (whose engine a worker can build ahead)."""
    extract = fn.keywords.get("extract") if isinstance(fn, partial) and fn.func is extract_document else None
    return getattr(extract, "__module__", "") == "data.claims.extract"


LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,  # a sampling profiler thread in each worker
    "distributed.admin.system-monitor.interval": "5s",  # psutil CPU/memory/network/disk polls, twice a second
    "distributed.admin.system-monitor.disk": False,  # in the scheduler, each nanny and each worker
    "distributed.admin.tick.interval": "500ms",  # event-loop health checks, 50 a second per server
    "distributed.scheduler.work-stealing": False,  # tasks wait on the scheduler until a worker is free anyway
}
"""Dask settings of a local cluster: an ingest's few long tasks need none of the dashboard's sampling. The
scheduler and the nannies run in the ingesting process, so their polls took CPU from linking. With
``memory_limit=0`` the nannies and workers do not poll each worker's memory every 100 ms either (a
local worker holds one chunk of documents and its results)."""


def worker_nice() -> int:
    """``WORKER_NICE``, or ``$SITMAP_WORKER_NICE`` when set to a number from 0 to 19."""
    import os

    try:
        return max(0, min(19, int(os.environ.get("SITMAP_WORKER_NICE", WORKER_NICE))))
    except ValueError:
        return WORKER_NICE


def lower_priority(by: int) -> int:
    """Lower this process's CPU priority by ``by``, every thread of it (on Linux a thread has its own
    niceness, and threads started later inherit their starter's), once: a second call does not lower it
    further. Its niceness after. Run on each local worker (``Extractor``), never on a cluster's at
    ``--scheduler``."""
    import os

    if not hasattr(os, "setpriority") or by <= 0:
        return 0
    global _LOWERED
    if not _LOWERED:
        target = min(19, os.getpriority(os.PRIO_PROCESS, 0) + by)
        tasks = "/proc/self/task"
        for tid in (sorted(int(t) for t in os.listdir(tasks)) if os.path.isdir(tasks) else [0]):
            with contextlib.suppress(OSError):  # a thread that has just ended
                os.setpriority(os.PRIO_PROCESS, tid, target)
        _LOWERED = True
    return os.getpriority(os.PRIO_PROCESS, 0)


_LOWERED = False

YOUNG_OBJECTS = 10_000
"""Allocations between two collections of the youngest generation in a process that ingests, or extracts
for an ingest on a local cluster (Python's default is 700). Unpickling results, linking and extracting
allocate hundreds of thousands of objects that live on: at 700, the ingesting process ran 8 full
collections over its whole heap per 1,000 articles (1.4-1.8 s of its time); at 10,000, one."""


def settle_local_worker(nice: int) -> int:
    """Run on each worker of a local cluster as it starts: lower its CPU priority (``lower_priority``),
    leave what it holds now (the engine, when forked from a preloaded server) out of the collector's passes
    (``gc.freeze``) and collect young objects every ``YOUNG_OBJECTS`` allocations. Its niceness after."""
    import gc

    gc.freeze()
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_OBJECTS), *old[1:])
    return lower_priority(nice)


class Extractor(contextlib.AbstractContextManager):
    """Runs ``extract_document`` over batches: serially (``workers=0``, no scheduler), on a local
    Dask cluster of ``workers`` processes, or on the cluster at ``scheduler``."""

    def __init__(self, workers: int = 0, scheduler: str | None = None,
                 fn: Callable[[Document, str], Extracted] = extract_document) -> None:
        self.workers, self.scheduler, self.fn = workers, scheduler, fn
        self._client = self._cluster = None
        self._config = None

    def __enter__(self) -> Extractor:
        if self.scheduler or self.workers > 0:
            import dask
            from distributed import Client, LocalCluster

            from data.ingest.wire import register_results

            register_results()  # documents go out pickled as field values (``data.ingest.wire``)

            if self.scheduler:
                self._client = Client(self.scheduler, timeout="30s")
            else:
                from data.ingest.warm import Settle

                # kept until __exit__: the nannies are made (and read it) as the workers start, after this returns
                self._config = dask.config.set(LOCAL_CLUSTER_CONFIG)
                self._cluster = LocalCluster(n_workers=0, threads_per_worker=1, processes=True, memory_limit=0,
                                             dashboard_address=None, silence_logs=40)
                self._client = Client(self._cluster)
                self._client.register_plugin(Settle(worker_nice()))
            if _extracts_claims(self.fn):
                from data.ingest.warm import Warm

                self._client.register_plugin(Warm())
            if self._cluster is not None:
                # started only now, with their plugins registered, and not waited for: the first batch is read
                # and submitted while they start, and each takes tasks as soon as it joins
                self._cluster.scale(self.workers)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None

    @property
    def distributed(self) -> bool:
        return self._client is not None

    def run(self, batches: Iterable[Batch], on_done: Callable[[Document, Extracted], None] | None = None
            ) -> Iterator[tuple[Batch, list[Extracted]]]:
        """Each batch with its results in input order; ``on_done`` is called per finished document
        (progress). On a cluster the next ``IN_FLIGHT`` batches are already submitted while one is yielded."""
        done = on_done or (lambda d, r: None)
        if self._client is None:
            each = (partial(extract_documents, **self.fn.keywords) if isinstance(self.fn, partial)
                    and self.fn.func is extract_document and not self.fn.args else None)
            for batch in batches:
                out = []
                results = each(batch) if each else (self.fn(doc, key) for doc, key in batch)
                for (doc, _), r in zip(batch, results, strict=True):
                    out.append(r)
                    done(doc, r)
                yield batch, out
            return
        from distributed import as_completed

        workers = self.workers if self._cluster is not None else max(
            1, len(self._client.scheduler_info().get("workers", {})))
        pending: list[tuple[Batch, list, list]] = []
        it = iter(batches)

        def submit() -> bool:
            batch = next(it, None)
            if batch is None:
                return False
            parts = chunks(batch, workers)
            futs = [self._client.submit(extract_chunk, self.fn, part, pure=False) for part in parts]
            pending.append((batch, parts, futs))
            return True

        for _ in range(IN_FLIGHT):
            submit()
        while pending:
            batch, parts, futs = pending.pop(0)
            part_of = {f.key: part for f, part in zip(futs, parts, strict=True)}
            got: dict[str, list[Extracted]] = {}
            for fut, out in as_completed(futs, with_results=True):  # each result fetched (and unpickled) once
                got[fut.key] = out
                for (doc, _), r in zip(part_of[fut.key], out, strict=True):
                    done(doc, r)
            results = [r for f in futs for r in got[f.key]]
            for f in futs:
                f.release()
            submit()
            yield batch, results
