"""Local Dask workers forked from one process that has already loaded the extraction engine.

A spawned worker starts a fresh interpreter, imports ``distributed`` and the extraction modules and
loads the gazetteer, the name automaton and the tables: ~1.3 CPU-s and 2-4 s before its first
document, paid by every worker of every ``--workers N`` run. With ``forkserver`` (one of
``distributed``'s own start methods) a single server process does that once (``cli.worker_preload``)
and each worker is forked from it, starting with the engine in memory (the automaton's pages shared
copy-on-write). Only the command line switches to it: a CLI process makes one cluster and does not
change its environment meanwhile (the server keeps the environment it started with), while a
library caller keeps ``distributed``'s default.
"""

from __future__ import annotations

import multiprocessing

PRELOAD = "cli.worker_preload"


def fork_local_workers() -> bool:
    """Make this process's later ``LocalCluster`` workers fork from a preloaded server; False when the
    platform has no ``forkserver`` (workers are then spawned as before)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    import dask
    from distributed.utils import get_mp_context

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    ctx = get_mp_context()  # distributed's own preload list, set once per process
    ctx.set_forkserver_preload(["distributed", PRELOAD])
    return True
