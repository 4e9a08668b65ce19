"""What a Dask worker does once, as it joins an ingest: load the extraction engine ahead of the first task.

A worker used to import the extraction modules and build the geoparser's engine inside its first task,
while the ingesting process waited for the first batch. ``Warm`` (a ``distributed`` worker plugin,
registered by ``data.ingest.work.Extractor`` on a local cluster and on one at ``--scheduler``) starts
that in a thread as the worker joins, so it overlaps the cluster's start and the first file's
reading; the first task then finds the engine built (``geo.geoparse.default_engine`` is locked, so a
task that comes early waits for the same build instead of doing it twice).
"""

from __future__ import annotations

import threading

from distributed.diagnostics.plugin import WorkerPlugin


class Warm(WorkerPlugin):
    """Builds the extraction engine in the background when a worker starts."""

    name = "sitmap-warm"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed's Worker
        threading.Thread(target=warm, name="sitmap-warm", daemon=True).start()


class Settle(WorkerPlugin):
    """Settles each worker of a local cluster as it joins (``data.ingest.work.settle_local_worker``: lower CPU
    priority, fewer garbage collections): registered before the workers start, so no task waits for it."""

    name = "sitmap-settle"

    def __init__(self, nice: int) -> None:
        self.nice = nice

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed's Worker
        from data.ingest.work import settle_local_worker

        settle_local_worker(self.nice)


def warm() -> None:
    """Import the extraction path and build the engine (errors are left for the first task to report)."""
    try:
        from data.claims.extract import extract_claims
        from data.ingest.isolate import prepare
        from data.ingest.wire import register_results
        from data.link.features import prepare as _features  # noqa: F401 - imported by every task

        register_results()
        prepare(extract_claims)
    except Exception:  # noqa: BLE001, S110 - a task extracting hits it again and reports it per document
        pass
