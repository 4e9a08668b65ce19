"""Town labels for the offline basemap, from the gazetteer, by population and zoom.

Zoomed to the Kursk region, country outlines alone give nothing to orient by. Each town gets the zoom from
which its label shows: capitals 3, more than 100,000 people 5, more than 10,000 7, every other town 9; around
the story's own places (within ``NEAR_KM``) one level earlier, so the villages a front-line story names
(Sudzha) read at zoom 8. The payload is bounded: capitals everywhere, the larger towns within the story's
frame (padded by ``PAD_DEG``), those over 10,000 within ``MID_KM`` of the story's places, the small ones
only near them. The browser
(``sitmap.towns`` in ``layers/static/sitmap-basemap.js``) shows the labels of the current zoom, larger towns first,
leaving out any label that would overlap one already placed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

PAD_DEG = 8.0
NEAR_KM = 150.0
MID_KM = 500.0  # towns over 10,000 people this near the story's places
MAX_LABELS = 6000
_cache: dict[int, tuple[Any, dict[str, np.ndarray]]] = {}  # id(gazetteer) -> (its table, arrays)


def town_table(gazetteer: Any) -> dict[str, np.ndarray] | None:
    """Every populated place of the gazetteer as arrays (``lat``, ``lon``, ``pop``, ``capital``, ``row``),
    cached per gazetteer; None when the gazetteer has no table (a stand-in in tests)."""
    if gazetteer is None:
        return None
    table = getattr(gazetteer, "_table", None)  # geo.gazetteer.Gazetteer keeps its index as a pyarrow table
    if table is None:
        return None
    hit = _cache.get(id(gazetteer))
    if hit is not None and hit[0] is table:
        return hit[1]
    import pyarrow.compute as pc

    fc = table.column("feature_code")
    keep = pc.fill_null(pc.starts_with(fc, "PPL"), False)
    rows = np.flatnonzero(keep.to_numpy(zero_copy_only=False))
    sub = table.take(rows)
    out = {
        "lat": sub.column("lat").to_numpy(zero_copy_only=False).astype(float),
        "lon": sub.column("lon").to_numpy(zero_copy_only=False).astype(float),
        "pop": np.nan_to_num(sub.column("population").to_numpy(zero_copy_only=False).astype(float)),
        "capital": pc.fill_null(pc.equal(sub.column("feature_code"), "PPLC"), False).to_numpy(zero_copy_only=False),
        "row": rows,
    }
    _cache[id(gazetteer)] = (table, out)
    return out


def min_zoom(pop: np.ndarray, capital: np.ndarray) -> np.ndarray:
    """The zoom from which each town's label shows (capitals 3, > 100k 5, > 10k 7, others 9).

    >>> min_zoom(np.array([2e6, 5e5, 2e4, 900.0]), np.array([True, False, False, False])).tolist()
    [3, 5, 7, 9]
    """
    z = np.where(pop > 100_000, 5, np.where(pop > 10_000, 7, 9))
    return np.where(capital, 3, z).astype(int)


def _near(lat: np.ndarray, lon: np.ndarray, points: list[tuple[float, float]], km: float) -> np.ndarray:
    near = np.zeros(len(lat), dtype=bool)
    dlat = km / 111.0
    for plat, plon in points:
        dlon = km / (111.0 * max(0.1, math.cos(math.radians(plat))))
        near |= (np.abs(lat - plat) <= dlat) & (np.abs(lon - plon) <= dlon)
    return near


def town_labels(gazetteer: Any, frame: list[list[float]] | None, places: list[tuple[float, float]] = (),
                pad: float = PAD_DEG, near_km: float = NEAR_KM, limit: int = MAX_LABELS) -> dict[str, list]:
    """Labels to send: ``{"lat": [...], "lon": [...], "name": [...], "z": [...]}``, largest towns first."""
    empty: dict[str, list] = {"lat": [], "lon": [], "name": [], "z": []}
    t = town_table(gazetteer)
    if t is None:
        return empty
    lat, lon, pop, cap = t["lat"], t["lon"], t["pop"], t["capital"]
    z = min_zoom(pop, cap)
    near = _near(lat, lon, list(places), near_km) if len(places) else np.zeros(len(lat), dtype=bool)
    z = np.where(near & ~cap, np.maximum(3, z - 1), z)
    mid = _near(lat, lon, list(places), MID_KM) if len(places) else near
    keep = cap | near | (mid & (pop > 10_000))
    if frame is not None:
        (s, w), (n, e) = frame
        inside = (lat >= s - pad) & (lat <= n + pad) & (lon >= w - pad) & (lon <= e + pad)
        keep |= inside & (pop > 100_000)
    idx = np.flatnonzero(keep)
    idx = idx[np.lexsort((-pop[idx], z[idx]))][:limit]  # lowest zoom first, then largest
    names = gazetteer._table.column("name").take(t["row"][idx]).to_pylist()
    return {"lat": np.round(lat[idx], 4).tolist(), "lon": np.round(lon[idx], 4).tolist(),
            "name": [str(n) for n in names], "z": z[idx].tolist()}
