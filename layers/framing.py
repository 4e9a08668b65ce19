"""The map's first view: where the story's claims are, not every marker.

Fitting every marker opens a Kursk story at zoom 1 on the whole world because one article also mentions
Brazil, and a country-level claim's centroid (Russia's is in Siberia) pulls the view to where nothing
happened. The frame is computed from the drawn claims instead: each place weighs by its claims; towns and
regions count before countries and vague areas (those count only when nothing finer is drawn); the places
farthest from the weighted centre that together hold less than ``TRIM`` of the weight are left out.

>>> import pandas as pd
>>> rows = pd.DataFrame({"lat": [51.7, 51.6, 50.4, -15.8], "lon": [36.2, 36.0, 30.5, -47.9],
...                      "precision": ["point"] * 4, "claims": [20, 10, 5, 1]})
>>> story_frame(rows)
[[50.4, 30.5], [51.7, 36.2]]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data.events import mapped_mask

TRIM = 0.1  # share of the weight the outermost places may hold and still be left out of the first view
WEIGHT = {"point": 1.0, "admin": 1.0, "vague": 0.25, "country": 0.25}


def drawn_places(events: pd.DataFrame) -> pd.DataFrame:
    """Drawn places with their claim counts (``lat``, ``lon``, ``precision``, ``claims``)."""
    rows = events.loc[mapped_mask(events)] if len(events) else events
    if rows.empty:
        return pd.DataFrame({"lat": [], "lon": [], "precision": [], "claims": []})
    return (rows.groupby(["lat", "lon", "precision"], sort=False)["claim_id"].nunique()
            .rename("claims").reset_index())


def _haversine(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    p0, p = math.radians(lat0), np.radians(lat)
    dlat, dlon = p - p0, np.radians(lon - lon0)
    a = np.sin(dlat / 2) ** 2 + math.cos(p0) * np.cos(p) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    return float(values[order][int(np.searchsorted(cum, cum[-1] / 2))])


def story_frame(places: pd.DataFrame, trim: float = TRIM) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the story's places (columns ``lat``, ``lon``,
    ``precision``, ``claims``), or None when there are none."""
    if places.empty:
        return None
    fine = places.loc[places["precision"].isin(("point", "admin"))]
    use = fine if not fine.empty else places
    lat, lon = use["lat"].to_numpy(float), use["lon"].to_numpy(float)
    w = use["claims"].to_numpy(float) * use["precision"].map(WEIGHT).fillna(0.25).to_numpy(float)
    if w.sum() <= 0:
        w = np.ones(len(use))
    clat, clon = _weighted_median(lat, w), _weighted_median(lon, w)
    dist = _haversine(clat, clon, lat, lon)
    order = np.argsort(dist, kind="stable")
    cum = np.cumsum(w[order]) / w.sum()
    # the nearest places holding at least 1 - trim of the weight, and every place as near as the last of them
    radius = dist[order][int(np.searchsorted(cum, 1.0 - trim - 1e-9))]
    keep = dist <= radius + 1e-6
    return [[round(float(lat[keep].min()), 4), round(float(lon[keep].min()), 4)],
            [round(float(lat[keep].max()), 4), round(float(lon[keep].max()), 4)]]


def story_places(events: pd.DataFrame) -> pd.DataFrame:
    """The drawn towns and regions (``lat``, ``lon``, ``claims``): where town names are shown in detail."""
    places = drawn_places(events)
    return places.loc[places["precision"].isin(("point", "admin"))]


def frame_events(events: pd.DataFrame, trim: float = TRIM) -> list[list[float]] | None:
    """The first view's bounds for an events table (see the module doc)."""
    return story_frame(drawn_places(events), trim)
