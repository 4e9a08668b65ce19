"""The gazetteer index on disk: the Parquet files ``geo.build`` compiles and ``geo.gazetteer`` reads.

One module for the layout (places, name keys and their postings, surfaces, outlines, ADM1 border lines,
``meta.json``) and for the content digest that names what the index holds, so the writer and the extraction
fingerprint agree on one definition.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely

from geo.normalize import name_key

if TYPE_CHECKING:
    from geo.build import Tables

COLUMNS = ("id", "name", "lat", "lon", "country_code", "feature_code", "precision", "admin1",
           "population", "geonameid", "approximate", "prior")
"""The columns of ``places.parquet``, one per key of a row in ``Tables.rows``."""


def content_digest(h: Any, name: str, table: Any) -> None:
    """Feed ``table``'s rows (as Arrow IPC messages, without schema metadata) into the hash ``h``: what
    the index holds, not when or how its Parquet files were written, so two builds of the same data
    digest alike and the extraction fingerprint (``data.ingest.run``) survives a rebuild."""
    h.update(name.encode())
    table = table.replace_schema_metadata(None)
    h.update(table.schema.serialize())
    for batch in table.combine_chunks().to_batches(max_chunksize=1 << 16):
        h.update(batch.serialize())


def write_index(t: Tables, directory: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Write the tables as Parquet into ``directory`` atomically (build aside, then swap)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.with_name(f"{directory.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    digest = hashlib.sha256()

    def write(table: pa.Table, name: str) -> None:
        pq.write_table(table, tmp / name, compression="zstd")
        content_digest(digest, name, table)

    cols = {c: [r.get(c) for r in t.rows] for c in COLUMNS}
    write(pa.table(cols), "places.parquet")

    postings: dict[str, set[int]] = defaultdict(set)
    for surface, idx in t.names:
        key = name_key(surface)
        if key:
            postings[key].add(idx)
    order = lambda i: (-t.rows[i]["prior"], -t.rows[i]["population"], i)  # noqa: E731
    keys = sorted(postings)
    flat: list[int] = []
    offsets = [0]
    for k in keys:
        flat.extend(sorted(postings[k], key=order))
        offsets.append(len(flat))
    write(pa.table({"key": keys, "start": np.asarray(offsets[:-1], dtype=np.int32),
                    "end": np.asarray(offsets[1:], dtype=np.int32)}), "keys.parquet")
    write(pa.table({"idx": np.asarray(flat, dtype=np.int32)}), "postings.parquet")
    surfaces = sorted({s for s, _ in t.names})
    write(pa.table({"surface": surfaces}), "surfaces.parquet")
    gidx = sorted(t.geoms)
    write(pa.table({"idx": np.asarray(gidx, dtype=np.int32), "wkb": [shapely.to_wkb(t.geoms[i]) for i in gidx]}),
          "geoms.parquet")
    ccs = sorted(t.admin1_lines)
    write(pa.table({"cc": ccs, "wkb": [shapely.to_wkb(t.admin1_lines[c]) for c in ccs]}), "admin1_lines.parquet")
    fcodes: dict[str, int] = defaultdict(int)
    for r in t.rows:
        fcodes[r["feature_code"]] += 1
    meta = {**meta, "content": digest.hexdigest()[:16], "counts": {"places": len(t.rows), "names": len(surfaces), "keys": len(keys),
                               "outlines": len(gidx), **dict(sorted(fcodes.items()))}}
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
    if directory.exists():
        os.replace(directory, old)
    os.replace(tmp, directory)
    shutil.rmtree(old, ignore_errors=True)
    return meta
