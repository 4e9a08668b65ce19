"""Opening the store's DuckDB connections, with the settings that keep a long ingest's memory bounded.

DuckDB frees the memory of a finished query into its allocator's caches, and by default hands it back
to the system only past a 128 MB threshold per flush: an ingest that runs a few large look-ups per
batch (the candidate index query, the stored claims' JSON) kept each one's high-water mark as resident
memory on top of the Python heap (+160 MB RSS for one batch's candidate read at 1M claims, +40 MB with
the settings below). ``ALLOCATOR`` makes DuckDB return freed memory after every task, from jemalloc's
background threads, so its share of the peak is what the query in flight needs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

MEMORY_LIMIT = os.environ.get("SITMAP_DUCKDB_MEMORY") or "512MB"
"""DuckDB's working memory per store connection (it spills to a temp folder beyond it)."""
ALLOCATOR = {"allocator_flush_threshold": "8MB", "allocator_bulk_deallocation_flush_threshold": "8MB",
             "allocator_background_threads": True}
"""Hand freed memory back to the system once a task has freed 8 MB (see the module doc)."""


def open_connection(memory_limit: str | None = None, temp_directory: Path | None = None,
                    **settings: object) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection on two threads, with ``memory_limit`` (default ``MEMORY_LIMIT``),
    spilling to ``temp_directory`` (default a folder under the system's temp dir) and the ``ALLOCATOR``
    settings; ``settings`` add or override configuration options."""
    spill = temp_directory or Path(tempfile.gettempdir()) / "sitmap-duckdb"
    config = {"memory_limit": memory_limit or MEMORY_LIMIT, "threads": 2, "temp_directory": str(spill),
              **ALLOCATOR, **settings}
    return duckdb.connect(config=config)
