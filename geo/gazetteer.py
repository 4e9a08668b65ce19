"""The offline gazetteer: name -> places, fast, from a cached compiled index.

The index (see geo/build.py) lives under ``$SITMAP_CACHE/gazetteer`` and is rebuilt
automatically when missing, unreadable, or built from other package versions. Lookups
hit an in-memory dict from ``name_key`` to place rows; ``Place`` objects and outlines
are built lazily and cached, because the geoparser looks up many n-grams per article.
"""

from __future__ import annotations

import json
import math
import os
import sys
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.exc import GazetteerError, IndexCorrupt
from geo.model import Place
from geo.normalize import name_key
from geo.overrides import Overrides, overrides_from_env
from geo.sources import package_versions, source_fingerprint

# Prior = base + weight * population term, per feature code (see ``prior_of``).
PRIOR_BASE = {"PCLI": (0.85, 0.15), "CONT": (0.8, 0.0), "RGN": (0.75, 0.0), "PPLC": (0.6, 0.4),
              "ADM1": (0.3, 0.45), "ADM2": (0.15, 0.45), "PPLA": (0.3, 0.6), "PPL": (0.0, 0.7)}
BLOCK = 1024  # rows converted to Python at a time
FILES = ("meta.json", "places.parquet", "keys.parquet", "postings.parquet", "surfaces.parquet",
         "geoms.parquet", "admin1_lines.parquet")


def prior_of(feature_code: str, population: int) -> float:
    """Prior in [0, 1]: countries, then capitals and big cities, regions above small towns."""
    base, weight = PRIOR_BASE.get(feature_code, (0.0, 0.7))
    pop_term = min(1.0, math.log10(max(population, 0) + 1) / 7.5)
    return round(min(1.0, base + weight * pop_term), 6)


def _read(path: Path) -> Any:
    """One Parquet file as a pyarrow Table (ParquetFile avoids pyarrow.dataset's slow import)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read()


def _int32s(column: Any) -> Any:
    """An int32 column as a numpy array without copying (``to_numpy`` would import pandas: +0.5 s)."""
    import numpy as np

    parts = [np.frombuffer(ch.buffers()[1], dtype=np.int32, count=len(ch), offset=ch.offset * 4)
             for ch in column.chunks if ch.null_count == 0]
    if len(parts) != column.num_chunks:
        raise ValueError(f"unexpected nulls in an index column ({column.type})")
    return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def cache_dir() -> Path:
    """``$SITMAP_CACHE`` or ``~/.cache/sitmap``: where every derived file lives."""
    return Path(os.environ.get("SITMAP_CACHE") or Path.home() / ".cache" / "sitmap").expanduser()


def index_dir() -> Path:
    return cache_dir() / "gazetteer"


class Gazetteer:
    """Read-only view of one compiled index directory (see the contract in ARCHITECTURE.md)."""

    def __init__(self, directory: Path, overrides: Overrides | None = None) -> None:
        self.directory = Path(directory)
        self.overrides = overrides or None
        try:
            self.meta: dict[str, Any] = json.loads((self.directory / "meta.json").read_text("utf-8"))
            self._table = _read(self.directory / "places.parquet")
            keys = _read(self.directory / "keys.parquet")
            self._postings = _int32s(_read(self.directory / "postings.parquet").column("idx"))
            self._start = _int32s(keys.column("start"))
            self._end = _int32s(keys.column("end"))
            key_list = keys.column("key").to_pylist()
        except Exception as exc:  # any unreadable file means the same thing: rebuild
            raise IndexCorrupt(f"gazetteer index at {self.directory} is unreadable: {exc}") from exc
        if len(self._end) and int(self._end[-1]) != len(self._postings):
            raise IndexCorrupt(f"gazetteer index at {self.directory} is inconsistent (postings length)")
        self._n = self._table.num_rows
        # Sorted (geo.build writes them so): found by bisection. A dict over the ~400k keys cost every
        # process that opens the gazetteer (each CLI run, each Dask worker) ~0.15 CPU-s to build.
        self._keys: list[str] = key_list
        self._blocks: dict[int, dict[str, list]] = {}
        self._cols: dict[str, list] = {}
        self._places: dict[int, Place] = {}
        self._ids: dict[str, int] | None = None
        self._seen: dict[str, int] = {}  # ids of places already built -> row (spares the full id dict)
        self._by_cc: dict[str, int] | None = None
        self._wkb: dict[int, bytes] | None = None
        self._geoms: dict[int, Any] = {}
        self._admin1: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._n

    def _column(self, name: str) -> list:
        """A whole column as a Python list (converted on first use: most callers need few rows)."""
        col = self._cols.get(name)
        if col is None:
            col = self._cols[name] = self._table.column(name).to_pylist()
        return col

    def _row(self, i: int) -> dict[str, list]:
        """The block of rows holding row ``i``; blocks are converted lazily to keep opening fast."""
        b = i // BLOCK
        block = self._blocks.get(b)
        if block is None:
            block = self._blocks[b] = self._table.slice(b * BLOCK, BLOCK).to_pydict()
        return block

    def _place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            c, j = self._row(i), i % BLOCK
            p = Place(id=c["id"][j], name=c["name"][j], lat=c["lat"][j], lon=c["lon"][j],
                      country_code=c["country_code"][j] or "", feature_code=c["feature_code"][j],
                      precision=c["precision"][j], admin1=c["admin1"][j] or "",
                      population=c["population"][j] or 0, geonameid=c["geonameid"][j],
                      approximate=bool(c["approximate"][j]))
            self._places[i] = p
            self._seen.setdefault(p.id, i)
        return p

    def lookup(self, name: str) -> list[Place]:
        """Every place one of whose names has ``name_key(name)``, best prior first ([] on a miss)."""
        k = self._key_index(name_key(name))
        found = [] if k is None else [self._place(i) for i in self._postings[self._start[k]:self._end[k]].tolist()]
        return self.overrides.apply(name, found) if self.overrides else found

    def _key_index(self, key: str) -> int | None:
        """Position of ``key`` in the sorted key list (None when absent)."""
        keys = self._keys
        k = bisect_left(keys, key)
        return k if k < len(keys) and keys[k] == key else None

    def _index_of(self, place_id: str) -> int | None:
        """Row of an id: places already handed out are known; else one dict over every row."""
        seen = self._seen.get(str(place_id))
        if seen is not None:
            return seen
        if self._ids is None:
            with self._lock:
                if self._ids is None:
                    self._ids = {pid: i for i, pid in enumerate(self._column("id"))}
        return self._ids.get(str(place_id))

    def get(self, place_id: str) -> Place | None:
        """The place with this id (GeoNames id as a string, or ours like "rgn:donbas")."""
        if self.overrides and str(place_id) in self.overrides.by_id:
            return self.overrides.by_id[str(place_id)]
        i = self._index_of(place_id)
        return None if i is None else self._place(i)

    def _load_wkb(self) -> dict[int, bytes]:
        if self._wkb is None:
            with self._lock:
                if self._wkb is None:
                    t = _read(self.directory / "geoms.parquet")
                    self._wkb = dict(zip(t.column("idx").to_pylist(), t.column("wkb").to_pylist(),
                                         strict=True))
        return self._wkb

    def _geometry_at(self, i: int) -> Any:
        if i not in self._geoms:
            import shapely

            wkb = self._load_wkb().get(i)
            self._geoms[i] = None if wkb is None else shapely.from_wkb(wkb)
        return self._geoms[i]

    def geometry(self, place_id: str) -> Any:
        """The place's outline as a shapely geometry (exact or approximate), None for points."""
        own = self.overrides.by_id.get(str(place_id)) if self.overrides else None
        if own is not None and own.geometry is not None:
            return own.geometry
        i = self._index_of(place_id)
        return None if i is None else self._geometry_at(i)

    def countries(self) -> list[Place]:
        """Every country, with ``geometry`` set (for the basemap), sorted by name."""
        fc = self._column("feature_code")
        out = [replace(self._place(i), geometry=self._geometry_at(i)) for i in range(self._n) if fc[i] == "PCLI"]
        return sorted(out, key=lambda p: p.name)

    def admin1_lines(self) -> dict[str, Any]:
        """Country code -> its approximate first-level borders (shapely lines, ``geo.admin1``), for the basemap."""
        if self._admin1 is None:
            import shapely

            t = _read(self.directory / "admin1_lines.parquet")
            self._admin1 = dict(zip(t.column("cc").to_pylist(), shapely.from_wkb(t.column("wkb").to_pylist()),
                                    strict=True))
        return self._admin1

    def country(self, country_code: str) -> Place | None:
        """The country with this ISO alpha-2 code (without its outline), or None."""
        if self._by_cc is None:
            fc, cc = self._column("feature_code"), self._column("country_code")
            self._by_cc = {cc[i]: i for i in range(self._n) if fc[i] == "PCLI"}
        i = self._by_cc.get((country_code or "").upper())
        return None if i is None else self._place(i)

    def prior(self, place: Place) -> float:
        """Population/feature-type prior in [0, 1] (stored at build time; 1.0 for user overrides)."""
        if self.overrides and place.id in self.overrides.by_id:
            return 1.0
        i = self._index_of(place.id)
        if i is not None:
            return float(self._row(i)["prior"][i % BLOCK])
        return prior_of(place.feature_code, place.population)

    def iter_names(self) -> Iterator[str]:
        """Every surface name the index knows, in original case (for Aho-Corasick automata)."""
        yield from _read(self.directory / "surfaces.parquet").column("surface").to_pylist()
        if self.overrides:
            yield from (s for s, _ in self.overrides.names)

    def info(self) -> dict[str, Any]:
        """Counts, source versions and build date (``sitmap gazetteer info``)."""
        return {"directory": str(self.directory), **self.meta}


def is_stale(directory: Path) -> str:
    """Why the index must be (re)built, or "" when it is current."""
    meta_path = Path(directory) / "meta.json"
    if not all((Path(directory) / f).exists() for f in FILES):
        return "missing"
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, ValueError):
        return "unreadable metadata"
    want = source_fingerprint(package_versions())
    for k, v in want.items():
        if meta.get(k) != v:
            return f"built from other {k}"
    return ""


def _build(directory: Path) -> None:
    """Build under an exclusive lock so parallel processes do not build the same index twice."""
    import fcntl

    from geo.build import build_index

    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.with_name(directory.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if is_stale(directory) or not _readable(directory):
                build_index(directory)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _readable(directory: Path) -> bool:
    try:
        Gazetteer(directory)
    except IndexCorrupt:
        return False
    return True


def _say(msg: str) -> None:
    print(f"sitmap: {msg}", file=sys.stderr, flush=True)


def open_gazetteer(directory: Path | None = None, *, rebuild: bool = True, overrides: Overrides | None = None,
                   log: Callable[[str], None] = _say) -> Gazetteer:
    """Open the index in ``directory``, (re)building it first if missing, stale or corrupt."""
    directory = Path(directory) if directory is not None else index_dir()
    why = is_stale(directory)
    if why and rebuild:
        log(f"building the gazetteer index in {directory} ({why}); this takes about a minute")
        _build(directory)
    try:
        return Gazetteer(directory, overrides)
    except IndexCorrupt as exc:
        if not rebuild:
            raise
        log(f"{exc}; rebuilding it")
        _build(directory)
        return Gazetteer(directory, overrides)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer from the cache directory (built on first use), with ``$SITMAP_OVERRIDES``.

    A broken overrides file is reported on stderr and ignored rather than stopping every stage.
    """
    try:
        overrides = overrides_from_env()
    except GazetteerError as exc:
        _say(f"ignoring overrides: {exc}")
        overrides = None
    for err in overrides.errors if overrides else ():
        _say(f"overrides: skipped {err}")
    return open_gazetteer(overrides=overrides)
