"""Events table -> GeoJSON-like place features, aggregated per place and per day.

The map never gets one object per event: each place becomes one feature carrying its
claim count, its colour group, its per-period counts (``t``: ``[first_day, last_day, n]``
in days since 1970-01-01, for in-map playback) and indexes into a bounded list of popup
items, so 100k events stay a few thousand features and a few MB of HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from data.events import mapped_mask
from data.view.mapquery import MapAggregate
from data.view.mapquery import per_place_quota as _per_place_quota
from layers import popups, regions
from layers.legend import COLOR_COLUMN, ColorBy, color_for

MAX_ITEMS = 2000
MAX_REGIONS = 300
PLOTTED_ROLES = ("event", "origin")
_NO_DAY = -(10**9)
ITEM_COLUMNS = ("_code", "_s", "_e", "event_id", "outlet", "title", "url", "published", "date_value", "date_text",
                "date_precision", "claimant", "claimant_country", "kind", "quantities", "quantity_text",
                "corroboration_outlets", "corroboration_claimants", "has_conflict", "conflicts", "text", "start",
                "mention_start", "mention_end", "mention_text")


@dataclass(frozen=True)
class PlaceLayerData:
    """Place features (GeoJSON Feature dicts), popup items and region outlines for one layer."""

    features: tuple[dict, ...]
    items: tuple[dict, ...]
    outlines: tuple[dict, ...]
    color_by: str = "claimant"

    def to_payload(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": list(self.features), "items": list(self.items),
                "outlines": list(self.outlines), "colorBy": self.color_by}


def day_numbers(values: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 as float (NaN when the date is missing)."""
    ts = pd.to_datetime(values, errors="coerce")
    out = np.full(len(ts), np.nan)
    ok = ts.notna().to_numpy()
    if ok.any():
        out[ok] = ts[ok].to_numpy().astype("datetime64[D]").astype("int64")
    return out


def time_span(events: pd.DataFrame, basis: str = "event") -> tuple[np.ndarray, np.ndarray]:
    """(first day, last day) of each row on the chosen basis; event dates fall back to published."""
    pub = day_numbers(events["published"])
    if basis == "published":
        return pub, pub.copy()
    s = day_numbers(events["event_date"])
    e = day_numbers(events["event_date_end"])
    e = np.where(np.isnan(e), s, e)
    missing = np.isnan(s)
    s = np.where(missing, pub, s)
    e = np.where(missing, pub, e)
    return s, np.fmax(s, e)


def located(events: pd.DataFrame, roles: tuple[str, ...] = PLOTTED_ROLES) -> pd.DataFrame:
    """Rows the map can place: a place id, finite coordinates, a plotted role."""
    if events.empty:
        return events
    lat = pd.to_numeric(events["lat"], errors="coerce")
    lon = pd.to_numeric(events["lon"], errors="coerce")
    ok = (events["place_id"].astype(str) != "") & lat.between(-90, 90) & lon.between(-180, 180)
    ok &= events["role"].isin(roles)
    return events[ok]


def plotted(events: pd.DataFrame) -> pd.DataFrame:
    """Rows drawn as place markers: event places, or a claim's origin when it has no event place
    (``data.events.mapped_mask``); claimants' places never."""
    rows = located(events)
    return rows if rows.empty else rows[mapped_mask(rows)]


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")`` from column lists: the same Python values, five times faster on a
    slider step's ~1,500 places (pandas converts cell by cell)."""
    cols = {c: frame[c].tolist() for c in frame.columns}
    return [dict(zip(cols, values, strict=True)) for values in zip(*cols.values(), strict=True)]


def _opt_int(x: float) -> int | None:
    return None if np.isnan(x) else int(x)


def _periods(codes: np.ndarray, s: np.ndarray, e: np.ndarray) -> dict[int, list[list]]:
    """Per place code: ``[first_day, last_day, n]`` for each distinct period (None: undated)."""
    both = np.concatenate([s[~np.isnan(s)], e[~np.isnan(e)]])
    lo = int(both.min()) if len(both) else 0
    # one int64 key per (code, first, last): 0 means undated, days are shifted to start at 1
    si = np.where(np.isnan(s), 0, s - lo + 1).astype("int64")
    ei = np.where(np.isnan(e), 0, e - lo + 1).astype("int64")
    span = int(max(si.max(initial=0), ei.max(initial=0))) + 1
    keys, counts = np.unique((codes.astype("int64") * span + si) * span + ei, return_counts=True)
    code_k, rest = np.divmod(keys, span * span)
    s_k, e_k = np.divmod(rest, span)
    out: dict[int, list[list]] = {}
    for code, ps, pe, n in zip(code_k.tolist(), s_k.tolist(), e_k.tolist(), counts.tolist(), strict=True):
        out.setdefault(code, []).append([ps + lo - 1 if ps else None, pe + lo - 1 if pe else None, n])
    return out


def _group_modes(rows: pd.DataFrame, col: str) -> pd.Series:
    """The most frequent ``col`` value per place code (ties: alphabetical), vectorised."""
    counts = rows.groupby(["_code", col], sort=True).size().reset_index(name="_n")
    counts = counts.sort_values(["_code", "_n"], ascending=[True, False], kind="stable")
    return counts.drop_duplicates("_code").set_index("_code")[col]


def place_features(events: pd.DataFrame, *, color_by: ColorBy = "claimant", basis: str = "event",
                   gazetteer: regions.GeometrySource | None = None, max_items: int = MAX_ITEMS,
                   max_regions: int = MAX_REGIONS, outlines: bool = True) -> PlaceLayerData:
    """Aggregate the events table per place (see module doc); ``gazetteer`` gives outlines."""
    rows = plotted(events)
    if rows.empty:
        return PlaceLayerData((), (), (), color_by)
    rows = rows.drop_duplicates(["claim_id", "place_id"])
    s, e = time_span(rows, basis)
    codes, _ = pd.factorize(rows["place_id"])
    rows = rows.assign(_s=s, _e=e, _code=codes)
    col = COLOR_COLUMN[color_by]

    # popup items: newest and most corroborated first, within a global budget
    corr = rows["corroboration_outlets"].to_numpy()
    order = np.lexsort((-corr, -np.nan_to_num(s, nan=-1e9), codes))
    sizes = np.bincount(codes)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    sorted_codes = codes[order]
    rank = np.arange(len(order)) - starts[sorted_codes]
    picked = order[rank < _per_place_quota(sizes, max_items)[sorted_codes]]
    items: list[dict] = []
    item_idx: dict[int, list[int]] = {}
    chosen = rows.iloc[picked]
    cols = {c: chosen[c].tolist() for c in ITEM_COLUMNS if c != "published"}
    cols["published"] = chosen["published"].dt.strftime("%Y-%m-%d").fillna("").tolist()
    for i in range(len(chosen)):
        rec = {c: v[i] for c, v in cols.items()}
        item_idx.setdefault(rec["_code"], []).append(len(items))
        items.append(popups.popup_item(rec, _opt_int(rec["_s"]), _opt_int(rec["_e"])))

    t_by = _periods(codes, s, e)
    gaz = regions.resolve_gazetteer(gazetteer) if outlines else None
    grouped = rows.groupby("_code", sort=True)
    agg = grouped.agg(pid=("place_id", "first"), name=("place_name", "first"), prec=("precision", "first"),
                      lat=("lat", "first"), lon=("lon", "first"), cc=("country_code", "first"),
                      n=("claim_id", "size"), outlets=("outlet", "nunique"),
                      conflict=("has_conflict", "any"), corr=("corroboration_outlets", "max"))
    groups = _group_modes(rows, col).to_dict()
    outlined: list[dict] = []
    region_rank = agg[agg["prec"].isin(["admin", "vague", "country"])].sort_values("n", ascending=False)
    region_ids = set(region_rank.index[:max_regions]) if gaz is not None else set()
    features = [_feature(a, str(groups.get(code, "")), color_by, gaz, code in region_ids, outlined,
                         t_by.get(int(code), []), item_idx.get(int(code), []))
                for code, a in zip(agg.index, _records(agg), strict=True)]
    return PlaceLayerData(tuple(features), tuple(items), tuple(outlined), color_by)


def _feature(a: dict, group: str, color_by: ColorBy, gaz: regions.GeometrySource | None, outline: bool,
             outlined: list[dict], t: list, items: list[int]) -> dict:
    """One place's GeoJSON feature; its outline (when ``outline``) is appended to ``outlined``."""
    prec = str(a["prec"]) or "point"
    region = -1
    if outline:
        geo = regions.outline(gaz, a["pid"])
        if geo is not None:
            region = len(outlined)
            outlined.append(geo)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(a["lon"]), 5), round(float(a["lat"]), 5)]},
        "properties": {
            "id": str(a["pid"]), "name": str(a["name"]), "prec": prec,
            "approx": regions.is_approximate(gaz, a["pid"], prec) if prec in ("admin", "vague") else False,
            "cc": str(a["cc"]), "group": group, "color": color_for(group, color_by),
            "n": int(a["n"]), "outlets": int(a["outlets"]), "corr": int(max(a["corr"], 1)),
            "conflict": bool(a["conflict"]), "t": t, "items": items, "region": region,
        },
    }


def aggregate_features(agg: MapAggregate, *, color_by: ColorBy = "claimant", basis: str = "event",
                       gazetteer: regions.GeometrySource | None = None, max_regions: int = MAX_REGIONS,
                       outlines: bool = True) -> PlaceLayerData:
    """Place features from a view's aggregates (``data.view.mapquery``): one per place or grid cell, its
    period the window's first to last day (the dashboard applies the window itself), its popup the rows
    the aggregate picked (the popup says how many more claims there are)."""
    places = agg.places
    if places.empty:
        return PlaceLayerData((), (), (), color_by)
    gaz = regions.resolve_gazetteer(gazetteer) if outlines and not agg.cell_deg else None
    rows = agg.items
    items: list[dict] = []
    item_idx: dict[object, list[int]] = {}
    if len(rows):
        s, e = time_span(rows, basis)
        cols = {c: rows[c].tolist() for c in ITEM_COLUMNS if c not in ("_code", "_s", "_e", "published")}
        cols["published"] = rows["published"].dt.strftime("%Y-%m-%d").fillna("").tolist()
        keys = rows["_key"].tolist()
        for i in range(len(rows)):
            rec = {c: v[i] for c, v in cols.items()}
            item_idx.setdefault(keys[i], []).append(len(items))
            items.append(popups.popup_item(rec, _opt_int(s[i]), _opt_int(e[i])))
    outlined: list[dict] = []
    ranked = places[places["prec"].isin(["admin", "vague", "country"])].sort_values("n", ascending=False)
    region_keys = set(ranked["key"].iloc[:max_regions]) if gaz is not None else set()
    features = []
    for a in _records(places):
        if agg.cell_deg and int(a["places"]) > 1:  # a grid cell: several places, drawn as one marker
            a = {**a, "pid": f"cell:{a['key']}", "name": f"{a['name']} and {int(a['places']) - 1} places nearby",
                 "prec": "point"}
        s_, e_ = (None if pd.isna(a[k]) else int(a[k]) for k in ("s", "e"))
        features.append(_feature(a, str(a["grp"] or ""), color_by, gaz, a["key"] in region_keys, outlined,
                                 [[s_, e_, int(a["n"])]], item_idx.get(a["key"], [])))
    return PlaceLayerData(tuple(features), tuple(items), tuple(outlined), color_by)


def group_values(events: pd.DataFrame, color_by: ColorBy = "claimant") -> list[str]:
    """The colour-group value of every located claim (for the legend's counts)."""
    rows = plotted(events).drop_duplicates("claim_id")
    return [str(v) for v in rows[COLOR_COLUMN[color_by]].tolist()]


def bounds(data: PlaceLayerData) -> list[list[float]] | None:
    """[[south, west], [north, east]] around every feature, or None when there is none."""
    if not data.features:
        return None
    lons = [f["geometry"]["coordinates"][0] for f in data.features]
    lats = [f["geometry"]["coordinates"][1] for f in data.features]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
