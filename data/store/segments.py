"""Immutable Parquet segments and the DuckDB views that read the store's current state from them.

A segment (``DIR/segments/seg-NNNNNN/``) is what one committed batch added: ``documents``,
``cached`` (raw claims per document, the extraction cache), ``linked`` (claims after linking:
new ones and stored ones whose cluster changed), ``claim_index`` (block keys and date windows for
candidate linking), ``events``, ``sources`` (files and their mtimes) and ``reset`` (documents
whose earlier rows no longer count: dropped or re-extracted). Every row carries ``_seg``, the
number of the batch that wrote it, which merging segments keeps.

Visibility, the one rule every view applies: a row is current when no later batch wrote the same
key (document id, claim id, source path) and no batch at or after it reset its document. A
segment marked ``full`` replaces every claim, index and event row before it (a whole relink).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data.events import SCHEMA as EVENTS_SCHEMA
from data.events import conform
from data.store.codec import DOCUMENT_SCHEMA

TABLES = ("documents", "cached", "linked", "claim_index", "events", "sources", "reset")
SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENT_SCHEMA,
    "cached": pa.schema([("doc_id", pa.string()), ("key", pa.string()), ("claims_json", pa.string())]),
    "linked": pa.schema([("claim_id", pa.string()), ("doc_id", pa.string()), ("cluster_id", pa.string()),
                         ("claim_json", pa.string())]),
    "claim_index": pa.schema([("claim_id", pa.string()), ("key", pa.string()), ("lo", pa.int64()),
                              ("hi", pa.int64())]),
    "sources": pa.schema([("path", pa.string()), ("mtime_ns", pa.int64()), ("size", pa.int64())]),
    "reset": pa.schema([("doc_id", pa.string())]),
}
_ARROW = {"str": pa.string(), "datetime64": pa.timestamp("ns"), "int64": pa.int64(), "float64": pa.float64(),
          "bool": pa.bool_()}
SCHEMAS["events"] = pa.schema([(c, _ARROW[k]) for c, k in EVENTS_SCHEMA.items()])
_DOC_KEY = {"documents": "id", "cached": "doc_id", "linked": "doc_id", "events": "doc_id"}
_ROW_KEY = {"documents": "id", "cached": "doc_id", "linked": "claim_id", "claim_index": "claim_id",
            "events": "claim_id", "sources": "path"}
CLAIM_TABLES = ("linked", "claim_index", "events")


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment as the manifest lists it."""

    name: str
    level: int = 0
    full: bool = False
    documents: int = 0

    def to_json(self) -> dict:
        return {"name": self.name, "level": self.level, "full": self.full, "documents": self.documents}

    @staticmethod
    def from_json(d: dict) -> Segment:
        return Segment(d["name"], int(d.get("level", 0)), bool(d.get("full", False)), int(d.get("documents", 0)))


def to_arrow(name: str, data: pd.DataFrame | pa.Table, seg: int) -> pa.Table:
    """``data`` as the table ``name``'s Arrow schema, with ``_seg`` set where rows lack one."""
    if name == "events" and not isinstance(data, pa.Table):
        table = pa.Table.from_pandas(conform(data), schema=SCHEMAS["events"], preserve_index=False)
    else:
        table = data if isinstance(data, pa.Table) else pa.Table.from_pandas(data, preserve_index=False)
        table = table.select(SCHEMAS[name].names).cast(SCHEMAS[name])
    if "_seg" not in (data.column_names if isinstance(data, pa.Table) else data.columns):
        table = table.append_column("_seg", pa.array([seg] * len(table), pa.int64()))
    else:
        segs = data["_seg"] if isinstance(data, pa.Table) else pa.array(data["_seg"].to_numpy(), pa.int64())
        table = table.append_column("_seg", segs)
    return table


def write_segment(root: Path, name: str, tables: dict[str, pa.Table]) -> Path:
    """Write every table (empty ones too, so each segment has every file) into ``root/name`` via a
    temporary folder renamed into place after fsync: a segment is there whole or not at all."""
    tmp = root / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        for t in TABLES:
            pq.write_table(tables[t], tmp / f"{t}.parquet")
            fsync(tmp / f"{t}.parquet")
        os.rename(tmp, root / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return root / name


def empty_tables(seg: int) -> dict[str, pa.Table]:
    """Every table with no rows."""
    return {t: to_arrow(t, s.empty_table(), seg) for t, s in SCHEMAS.items()}


def views(con: duckdb.DuckDBPyConnection, root: Path, segments: list[Segment]) -> None:
    """Create the store's current-state views on ``con``: ``documents``, ``cached``, ``linked``,
    ``claim_index``, ``events``, ``sources`` (visible rows only, see the module doc)."""
    if not segments:
        for t, tab in empty_tables(0).items():
            con.register(f"_empty_{t}", tab)
            con.execute(f"CREATE OR REPLACE VIEW {t} AS SELECT * EXCLUDE (_seg) FROM _empty_{t}")
            con.execute(f"CREATE OR REPLACE VIEW _{t} AS SELECT * FROM _empty_{t}")
            con.execute(f"CREATE OR REPLACE VIEW _raw_{t} AS SELECT * FROM _empty_{t}")
        con.execute("CREATE OR REPLACE VIEW _reset AS SELECT doc_id, _seg AS r FROM _empty_reset")
        con.execute("CREATE OR REPLACE VIEW _located_events AS SELECT *, '' AS filename, "
                    "CAST(0 AS BIGINT) AS file_row_number FROM _empty_events")
        return
    full_from = max((i for i, s in enumerate(segments) if s.full), default=0)

    def files(table: str) -> str:
        segs = segments[full_from:] if table in CLAIM_TABLES else segments
        return "[" + ", ".join(quote(root / s.name / f"{table}.parquet") for s in segs) + "]"

    for t in TABLES:  # every row with its batch number, for lookups that apply visibility to a few rows
        con.execute(f"CREATE OR REPLACE VIEW _raw_{t} AS SELECT * FROM read_parquet({files(t)})")
    # where each events row lies (file, row number): a lookup finds its rows on the key columns alone,
    # then reads those rows whole (``data.store.positions``)
    con.execute(f"CREATE OR REPLACE VIEW _located_events AS SELECT * FROM read_parquet({files('events')}, "
                "filename = true, file_row_number = true)")
    con.execute(f"CREATE OR REPLACE VIEW _reset AS SELECT doc_id, max(_seg) AS r FROM read_parquet({files('reset')}) "
                "GROUP BY doc_id")
    for t in ("documents", "cached", "linked", "sources"):
        # visibility is decided on the key columns alone (no text or JSON held in the window), then the
        # current rows are read whole by (key, _seg)
        key, doc = _ROW_KEY[t], _DOC_KEY.get(t)
        extra = f", x.{doc}" if doc and doc != key else ""
        extra += ", x.cluster_id" if t == "linked" else ""
        reset = (f"LEFT JOIN _reset z ON z.doc_id = x.{doc} WHERE z.r IS NULL OR x._seg >= z.r" if doc else "")
        con.execute(f"""CREATE OR REPLACE VIEW _{t} AS SELECT x.{key}{extra}, x._seg
                        FROM read_parquet({files(t)}) x {reset}
                        QUALIFY x._seg = max(x._seg) OVER (PARTITION BY x.{key})""")
        con.execute(f"""CREATE OR REPLACE VIEW {t} AS SELECT x.* EXCLUDE (_seg) FROM read_parquet({files(t)}) x
                        SEMI JOIN _{t} k ON k.{key} = x.{key} AND k._seg = x._seg""")
    for t in ("claim_index", "events"):  # rows written with the claim's current version
        con.execute(f"""CREATE OR REPLACE VIEW {t} AS SELECT x.* EXCLUDE (_seg) FROM read_parquet({files(t)}) x
                        SEMI JOIN _linked l ON l.claim_id = x.claim_id AND l._seg = x._seg""")


def current(table: str, where: str, columns: tuple[str, ...] = (), *, by_key: bool = False) -> str:
    """SQL for the current rows of ``table`` (``documents``, ``cached``, ``linked``, ``sources``) among
    those matching ``where`` (on its columns), with ``_seg``: the visibility rule applied to those rows
    alone (the newest version of each of their keys, unless reset), not to the whole table, so a
    lookup of a few hundred rows in a million costs a scan of the key columns and a small join.

    ``by_key``: ``where`` is a condition on the key column (``claim_id IN (...)``), so it matches every
    version of a key or none, and the newest is found among the rows it matches: one scan, not two."""
    key, doc = _ROW_KEY[table], _DOC_KEY.get(table)
    reset = f" LEFT JOIN _reset z ON z.doc_id = c.{doc} WHERE z.r IS NULL OR c._seg >= z.r" if doc else ""
    cols = ", ".join(f"c.{x}" for x in columns) if columns else "c.*"
    inner = ", ".join(dict.fromkeys([*columns, key, *([doc] if doc else []), "_seg"])) if columns else "*"
    if by_key:
        return (f"SELECT {cols} FROM (SELECT {inner} FROM _raw_{table} WHERE {where} "
                f"QUALIFY _seg = max(_seg) OVER (PARTITION BY {key})) c{reset}")
    return (f"WITH c AS MATERIALIZED (SELECT {inner} FROM _raw_{table} WHERE {where}) "
            f"SELECT {cols} FROM c JOIN "
            f"(SELECT {key}, max(_seg) AS s FROM _raw_{table} WHERE {key} IN (SELECT {key} FROM c) GROUP BY {key}) n "
            f"ON c.{key} = n.{key} AND c._seg = n.s{reset}")


def arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """The Arrow table ``sql`` gives (``to_arrow_table`` since DuckDB 1.4, ``arrow`` before)."""
    rel = con.sql(sql)
    fetch = getattr(rel, "to_arrow_table", None) or rel.arrow
    return fetch()


def quote(path: Path) -> str:
    """``path`` as a DuckDB string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def fsync(path: Path) -> None:
    """Flush ``path`` to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
