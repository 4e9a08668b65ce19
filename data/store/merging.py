"""Merging segments in bounded memory: one segment holding the rows of several that can still show.

Per table, which rows survive is decided on the key columns alone: DuckDB finds the newest batch
(``_seg``) of each key with a hash aggregate (which spills to disk beyond its memory limit) and
the file positions of those rows; then each file is streamed with pyarrow, a chunk of rows at a
time, and the surviving rows are written. No step holds whole rows of a table: the earlier plan,
a window over every row (``QUALIFY _seg = max(_seg) OVER (PARTITION BY key)``) held each table
whole with its text, and ran out of memory at DuckDB's 256 MB limit on a 1M-claim store.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from data.store.connection import open_connection
from data.store.segments import _ROW_KEY, CLAIM_TABLES, SCHEMAS, TABLES, Segment, fsync, quote

MERGE_ROWS = 1 << 16
"""Rows a merge holds at a time per table: it streams, so its memory does not grow with the segments merged."""
MERGE_MEMORY = "256MB"
"""DuckDB's memory limit while merging (it spills to disk beyond it)."""
MERGE_BYTES = 32 << 20
"""...and about this many (uncompressed) bytes at most: 65k rows of documents with their text are ~200 MB."""


def merge(root: Path, segments: list[Segment], name: str, level: int, memory_limit: str | None = None) -> Segment:
    """One segment holding every row of ``segments`` (consecutive, the newest last) that any of them
    could still show, each keeping its ``_seg``; rows a later one of them superseded are left out
    (per key, only the rows of its newest batch within the range are kept). See the module doc."""
    tmp = root / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    con = open_connection(memory_limit or MERGE_MEMORY, tmp / ".spill", preserve_insertion_order=False)
    try:
        con.execute("SET enable_progress_bar = false")
        full_from = max((i for i, s in enumerate(segments) if s.full), default=0)
        for t in TABLES:
            segs = segments[full_from:] if t in CLAIM_TABLES else segments
            files = [root / s.name / f"{t}.parquet" for s in segs]
            schema = pa.schema([*SCHEMAS[t], pa.field("_seg", pa.int64())])
            keep = _kept(con, files, _ROW_KEY[t]) if t in _ROW_KEY else [None] * len(files)
            _copy(files, keep, tmp / f"{t}.parquet", schema)
        docs = con.execute("SELECT count(DISTINCT id) FROM read_parquet("
                           f"[{', '.join(quote(root / s.name / 'documents.parquet') for s in segments)}])").fetchall()
        con.close()
        shutil.rmtree(tmp / ".spill", ignore_errors=True)
        os.rename(tmp, root / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        con.close()
    return Segment(name, level, any(s.full for s in segments), int(docs[0][0]))


def _kept(con: duckdb.DuckDBPyConnection, files: list[Path], key: str) -> list[np.ndarray | None]:
    """Per file, a mask of the rows to keep (None: all of them): those of their key's newest batch."""
    paths = "[" + ", ".join(quote(f) for f in files) + "]"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _newest AS SELECT {key} AS k, max(_seg) AS s "
                f"FROM read_parquet({paths}) GROUP BY {key}")
    out: list[np.ndarray | None] = []
    try:
        for f in files:
            n = pq.ParquetFile(f).metadata.num_rows
            mask = np.zeros(n, dtype=bool)
            rel = con.sql(f"SELECT x.file_row_number AS r FROM read_parquet({quote(f)}, file_row_number = true) x "
                          f"SEMI JOIN _newest w ON w.k = x.{key} AND w.s = x._seg")
            fetch = getattr(rel, "to_arrow_reader", None) or rel.record_batch
            for chunk in fetch(MERGE_ROWS):
                mask[chunk.column(0).to_numpy()] = True
            out.append(None if mask.all() else mask)
    finally:
        con.execute("DROP TABLE IF EXISTS _newest")
    return out


def chunk_rows(files: list[Path]) -> int:
    """Rows per streamed chunk: ``MERGE_ROWS``, fewer for wide rows (``MERGE_BYTES`` over the files'
    mean uncompressed row size, from their Parquet footers)."""
    rows = size = 0
    for f in files:
        meta = pq.ParquetFile(f).metadata
        rows += meta.num_rows
        size += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return max(1, min(MERGE_ROWS, MERGE_BYTES * rows // size if size else MERGE_ROWS))


def _copy(files: list[Path], keep: list[np.ndarray | None], path: Path, schema: pa.Schema) -> None:
    """Write the kept rows of ``files`` to ``path`` in row groups of ``chunk_rows`` rows, reading
    each file a chunk at a time (pages streamed from disk, not whole column chunks), then fsync it."""
    rows = chunk_rows(files)
    held: list[pa.Table] = []
    count = 0
    with pq.ParquetWriter(path, schema) as out:
        for f, mask in zip(files, keep, strict=True):
            source = pq.ParquetFile(f, buffer_size=1 << 20, pre_buffer=False)
            at = 0
            for batch in source.iter_batches(batch_size=rows, columns=schema.names, use_threads=False):
                part = pa.Table.from_batches([batch])
                if mask is not None:
                    part = part.filter(pa.array(mask[at:at + len(part)]))
                at += batch.num_rows
                if len(part):
                    held.append(part.cast(schema))
                    count += len(part)
                while count >= rows:
                    whole = pa.concat_tables(held)
                    out.write_table(whole.slice(0, rows), row_group_size=rows)
                    held, count = [whole.slice(rows)], count - rows
        if count:
            out.write_table(pa.concat_tables(held), row_group_size=rows)
    fsync(path)
