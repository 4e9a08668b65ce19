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
    are then spawned as before).

    Started, the server is asked for before this process imports ``distributed``: importing it (and the
    packages ``distributed.utils.get_mp_context`` imports to list its own preload, numpy, pandas and lz4, a
    list replaced here anyway) took 0.5-0.8 s, all of it before the server began loading the engine, on
    the path to the first task. ``get_mp_context`` returns the same context object later, and finds the
    server running (a running server keeps the preload it started with)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    import dask

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    if not start:
        from distributed.utils import get_mp_context

        ctx = get_mp_context()  # distributed's own preload list, set once per process (replaced below)
    else:
        ctx = multiprocessing.get_context("forkserver")  # the object get_mp_context returns, without importing it
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
    them from its start, as a spawned worker does. Read without importing ``distributed``: its defaults
    (``distributed.yaml``, which ``distributed.config`` loads when imported) under what the user set."""
    import os

    cfg = {**_distributed_default("nanny", "pre-spawn-environ"),
           **(_user_setting("distributed.nanny.pre-spawn-environ") or {})}
    env = {k: os.environ.get(k, str(v)) for k, v in cfg.items() if v is not None}
    if env.get("PYTHONHASHSEED") in (None, "0"):
        env["PYTHONHASHSEED"] = "6640"  # the nanny's choice (dask/distributed#8400)
    return env


def _user_setting(key: str) -> dict | None:
    import dask

    return dask.config.get(key, default=None)


def _distributed_default(*path: str) -> dict:
    """A setting under ``distributed`` in ``distributed``'s own defaults file, read without importing it."""
    import importlib.util
    from pathlib import Path

    import yaml

    spec = importlib.util.find_spec("distributed")
    if spec is None or spec.origin is None:
        return {}
    node = yaml.safe_load((Path(spec.origin).parent / "distributed.yaml").read_text(encoding="utf-8"))
    for k in ("distributed", *path):
        node = node.get(k) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}
