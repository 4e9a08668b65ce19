"""Local Dask workers forked from one process that has already loaded the extraction engine.

A spawned worker starts a fresh interpreter, imports ``distributed`` and the extraction modules and
loads the gazetteer, the name automaton and the tables: ~1.3 CPU-s and 2-4 s before its first
document, paid by every worker of every ``--workers N`` run. With ``forkserver`` (one of
``distributed``'s own start methods) a single server process does that once (``cli.worker_preload``)
and each worker is forked from it, starting with the engine in memory (the automaton's pages shared
copy-on-write). The CLI starts the server first thing, so it loads while the CLI imports the
store's libraries and reads the files. Only the command line switches to it: a CLI process makes one
cluster and does not change its environment meanwhile (the server keeps the environment it started
with), while a library caller keeps ``distributed``'s default.
"""

from __future__ import annotations

import multiprocessing

PRELOAD = "cli.worker_preload"


def fork_local_workers(start: bool = True) -> bool:
    """Make this process's later ``LocalCluster`` workers fork from a preloaded server, started now unless
    ``start`` is false (then by the first worker); False when the platform has no ``forkserver`` (workers
    are then spawned as before)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    import dask
    from distributed.utils import get_mp_context

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    ctx = get_mp_context()  # distributed's own preload list, set once per process
    ctx.set_forkserver_preload(["distributed", PRELOAD])
    if start:
        import os
        from multiprocessing import forkserver

        os.environ.update(pre_spawn_environ())
        forkserver.ensure_running()  # returns at once; the server loads while this process goes on
    return True


def pre_spawn_environ() -> dict[str, str]:
    """The variables ``distributed``'s nanny sets in this process's environment before it starts a worker
    process (thread caps, the malloc trim threshold, a fixed hash seed, from its
    ``distributed.nanny.pre-spawn-environ`` setting): the server, started before any nanny, must have
    them from its start, as a spawned worker does."""
    import os

    import dask

    cfg = dask.config.get("distributed.nanny.pre-spawn-environ") or {}
    env = {k: os.environ.get(k, str(v)) for k, v in cfg.items() if v is not None}
    if env.get("PYTHONHASHSEED") in (None, "0"):
        env["PYTHONHASHSEED"] = "6640"  # the nanny's choice (dask/distributed#8400)
    return env
