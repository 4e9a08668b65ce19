"""Movement arcs: a claim with an origin place and an event place draws origin -> destination.

Curves and arrowheads are computed here (pure geometry, testable); the browser only draws
the resulting polylines and triangles. Arcs are aggregated per (origin, destination).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from layers.features import located, time_span

CURVE_POINTS = 24


@dataclass(frozen=True)
class Arc:
    """One aggregated movement: where from, where to, how many claims, and when."""

    origin: str
    destination: str
    origin_name: str
    destination_name: str
    line: tuple[tuple[float, float], ...]
    head: tuple[tuple[float, float], ...]
    n: int
    t: tuple[tuple[int | None, int | None, int], ...]


def curve(a: tuple[float, float], b: tuple[float, float], bend: float = 0.2,
          points: int = CURVE_POINTS) -> list[tuple[float, float]]:
    """A quadratic Bezier from ``a`` to ``b`` ((lat, lon) pairs), bulging to the left of travel.

    Longitudes are scaled by cos(latitude) so the bulge looks perpendicular on the map.
    """
    k = max(math.cos(math.radians((a[0] + b[0]) / 2)), 0.1)
    ax, ay, bx, by = a[1] * k, a[0], b[1] * k, b[0]
    mx, my = (ax + bx) / 2, (ay + by) / 2
    dx, dy = bx - ax, by - ay
    cx, cy = mx - dy * bend, my + dx * bend
    t = np.linspace(0.0, 1.0, points)
    x = (1 - t) ** 2 * ax + 2 * (1 - t) * t * cx + t**2 * bx
    y = (1 - t) ** 2 * ay + 2 * (1 - t) * t * cy + t**2 * by
    return [(round(float(yy), 4), round(float(xx) / k, 4)) for xx, yy in zip(x, y, strict=True)]


def arrowhead(line: list[tuple[float, float]], size: float = 0.12,
              max_deg: float = 2.5) -> list[tuple[float, float]]:
    """A triangle whose tip is the end of ``line`` and which points along its last segment."""
    (lat0, lon0), (lat1, lon1) = line[-2], line[-1]
    k = max(math.cos(math.radians(lat1)), 0.1)
    dx, dy = (lon1 - lon0) * k, lat1 - lat0
    seg = math.hypot(dx, dy)
    if seg == 0:
        return []
    chord = math.hypot((line[-1][1] - line[0][1]) * k, line[-1][0] - line[0][0])
    length = min(max(chord * size, 0.05), max_deg)
    ux, uy = dx / seg, dy / seg
    bx, by = lon1 * k - ux * length, lat1 - uy * length
    w = length * 0.5
    left = (round(by + ux * w, 4), round((bx - uy * w) / k, 4))
    right = (round(by - ux * w, 4), round((bx + uy * w) / k, 4))
    return [(lat1, lon1), left, right]


def _most_specific(places: pd.DataFrame) -> pd.DataFrame:
    """A claim's country drops out where the same claim, in the same role, names a place inside it: "troops
    sent to Russia's Kursk region" is drawn to Kursk Oblast, not to Russia's centroid in Siberia."""
    inner = places.loc[(places["precision"] != "country") & (places["country_code"] != ""),
                       ["claim_id", "country_code"]].drop_duplicates()
    if inner.empty:
        return places
    covered = pd.MultiIndex.from_frame(places[["claim_id", "country_code"]]).isin(pd.MultiIndex.from_frame(inner))
    return places[~((places["precision"] == "country") & covered)]


PLACED_COLUMNS = ["doc_id", "country_code", "place_id", "_name", "_lat", "_lon"]


def article_places(events: pd.DataFrame) -> pd.DataFrame:
    """Where each article places things in each country (``doc_id``, ``country_code`` -> ``place_id``, ``_name``,
    ``_lat``, ``_lon``): first its movement claims' destinations there, else its claims' event places there (a
    capital only as a movement's end); the place most claims name, ties to the first mentioned. A property of
    the article, not of the time window: the dashboard computes it once per store generation and hands it to
    ``movement_arcs`` (``placed=``), so a slider step does not rank the places again."""
    return _rank(located(events, roles=("origin", "event")))


def _rank(rows: pd.DataFrame) -> pd.DataFrame:
    if "doc_id" not in rows or rows.empty:
        return pd.DataFrame(columns=PLACED_COLUMNS)
    moves = set(rows.loc[rows["role"] == "origin", "claim_id"])
    inner = rows[(rows["role"] == "event") & (rows["precision"] != "country") & (rows["country_code"] != "")]
    # a capital outside a movement usually stands for its government ("Kyiv said"), not for a place
    inner = inner[inner["claim_id"].isin(moves) | (inner["feature_code"] != "PPLC")]
    if inner.empty:
        return pd.DataFrame(columns=PLACED_COLUMNS)
    inner = inner.assign(_move=inner["claim_id"].isin(moves),
                         _at=pd.to_numeric(inner["mention_start"], errors="coerce").fillna(1e12))
    keys = ["doc_id", "country_code", "place_id"]
    ranked = inner.groupby(keys, sort=False).agg(
        _m=("_move", "sum"), _n=("claim_id", "nunique"), _at=("_at", "min"), _name=("place_name", "first"),
        _lat=("lat", "first"), _lon=("lon", "first")).reset_index()
    best = ranked.sort_values(["_m", "_n", "_at"], ascending=[False, False, True]).drop_duplicates(keys[:2])
    return best[PLACED_COLUMNS].reset_index(drop=True)


def _placed_in_article(dests: pd.DataFrame, rows: pd.DataFrame, placed: pd.DataFrame | None = None
                       ) -> pd.DataFrame:
    """A country destination no place of its own claim refines ("3,000 soldiers sent to the Russian
    Federation") goes to where in that country the same article places things (``article_places``; from
    ``rows`` unless ``placed`` is given). Countries the article names no place inside keep their centroid."""
    if "doc_id" not in rows or not (dests["precision"] == "country").any():
        return dests
    best = _rank(rows) if placed is None else placed
    if best.empty:
        return dests
    country = (dests["precision"] == "country").to_numpy()
    sub = dests[country]
    at = {k: i for i, k in enumerate(zip(best["doc_id"], best["country_code"], strict=True))}
    hit = np.array([at.get(k, -1) for k in zip(sub["doc_id"], sub["country_code"], strict=True)], dtype=int)
    found = hit >= 0
    if not found.any():
        return dests
    sub = sub.copy()  # a few rows: plain arrays, no merge (this runs on every slider step)
    for col, src in (("place_id", "place_id"), ("place_name", "_name"), ("lat", "_lat"), ("lon", "_lon")):
        vals = sub[col].to_numpy(copy=True)
        vals[found] = best[src].to_numpy()[hit[found]]
        sub[col] = vals
    return pd.concat([dests[~country], sub], ignore_index=True)


def movement_arcs(events: pd.DataFrame, basis: str = "event", max_arcs: int = 500,
                  placed: pd.DataFrame | None = None) -> list[Arc]:
    """Arcs from each claim's origin places to its event places, most frequent first; ``placed``: the
    articles' places (``article_places`` over the whole story), else ranked from ``events``."""
    rows = located(events, roles=("origin", "event"))
    if rows.empty:
        return []
    origins = _most_specific(rows[rows["role"] == "origin"])
    if origins.empty:
        return []
    rows = rows.copy()
    rows["_s"], rows["_e"] = time_span(rows, basis)
    dests = _placed_in_article(_most_specific(rows[rows["role"] == "event"]), rows, placed)
    pairs = origins[["claim_id", "place_id", "place_name", "lat", "lon"]].merge(
        dests[["claim_id", "place_id", "place_name", "lat", "lon", "_s", "_e"]], on="claim_id",
        suffixes=("_o", "_d"))
    pairs = pairs[pairs["place_id_o"] != pairs["place_id_d"]].drop_duplicates(
        ["claim_id", "place_id_o", "place_id_d"])
    if pairs.empty:
        return []
    # one table pass per step (no per-pair groupby): first coordinates and names, distinct claims per pair
    keys = ["place_id_o", "place_id_d"]
    head = pairs.drop_duplicates(keys)[keys + ["place_name_o", "place_name_d", "lat_o", "lon_o", "lat_d", "lon_d"]]
    counts = pairs.groupby(keys, sort=False)["claim_id"].nunique().rename("n").reset_index()
    head = head.merge(counts, on=keys)
    head = head[(head["lat_o"] != head["lat_d"]) | (head["lon_o"] != head["lon_d"])]
    if head.empty:
        return []
    head = head.assign(_o=head["place_id_o"].astype(str), _d=head["place_id_d"].astype(str))
    head = head.sort_values(["n", "_o", "_d"], ascending=[False, True, True]).head(max_arcs)
    kept = pairs.merge(head[keys], on=keys)
    spans = kept.assign(_s=kept["_s"].fillna(-1e12), _e=kept["_e"].fillna(-1e12))
    periods = spans.groupby(keys + ["_s", "_e"]).size().reset_index(name="_n")
    per_pair: dict[tuple, list] = {}
    for o, d, ps, pe, n in periods.itertuples(index=False, name=None):
        per_pair.setdefault((o, d), []).append(
            (None if ps < -1e11 else int(ps), None if pe < -1e11 else int(pe), int(n)))
    arcs: list[Arc] = []
    for o, d, on, dn, lat_o, lon_o, lat_d, lon_d, n, so, sd in head.itertuples(index=False, name=None):
        line = curve((float(lat_o), float(lon_o)), (float(lat_d), float(lon_d)))
        arcs.append(Arc(so, sd, str(on), str(dn), tuple(line), tuple(arrowhead(line)), int(n),
                        tuple(per_pair.get((o, d), ()))))
    return arcs


def arcs_payload(arcs: list[Arc]) -> list[dict]:
    """Plain dicts for the map's JS."""
    return [{"from": a.origin_name, "to": a.destination_name, "line": [list(p) for p in a.line],
             "head": [list(p) for p in a.head], "n": a.n, "t": [list(x) for x in a.t]} for a in arcs]
