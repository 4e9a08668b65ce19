"""Imported once by the server that forks the command line's local Dask workers (``cli.workers``):
loads the extraction engine there, so every worker forked from it starts with it built.

Only when the gazetteer index is current: building it (a minute on a first run) is left to the
workers' own warm-up (``data.ingest.warm``), as without a server, so a worker's start never waits
on it. Errors are left for the first task to report. What the server then holds is frozen (``gc.freeze``):
the workers' collections never walk the engine's objects (nor write to their shared pages).
"""

from __future__ import annotations

import os

LOADED_BY: int | None = None
"""The process that ran the preload (the server): a forked worker sees its parent's pid here."""


def _preload() -> None:
    global LOADED_BY
    try:
        from geo.gazetteer import index_dir, is_stale

        if is_stale(index_dir()):
            return
        from data.ingest.warm import warm

        warm()
        import gc

        gc.freeze()  # the engine is left out of collections, here and in every worker forked from here
        LOADED_BY = os.getpid()
    except Exception:  # noqa: BLE001, S110 - a worker extracting hits it again and reports it per document
        pass


_preload()
