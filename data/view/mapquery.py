"""The map's input for a wide view, as DuckDB aggregates: one row per place (or grid cell) over the window.

When a view holds more rows than ``ROW_BOUND`` the browser gets no element per claim: each drawn place becomes
one row (claims, outlets, conflict, strongest corroboration, the colour group most of its claims have, its
first and last day), at most ``popup`` newest claims per place ride along for its popup (the popup says how
many more there are; the side panel lists a selected place's claims on demand, ``storeq.at_place``), and
when there are more than ``MAX_PLACES`` places they merge into grid cells of the smallest size (0.25 degree,
doubled) that brings them under it. The payload is bounded whatever the store's size. Rules match
``layers.features.place_features`` (tested): rows are deduplicated per claim and place, drawn as
``data.events.mapped_mask`` says, the first row of each in table order speaks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.view.query import StoreView, view_where
from data.view.state import ViewState
from data.view.storeq import mapped, mapped_params

ROW_BOUND = 20_000  # rows in view above which the map is built from aggregates
MAX_PLACES = 3_000  # features above which places merge into grid cells
ITEM_BUDGET = 600  # popup items in one payload
ARC_ROWS = 20_000  # rows read to draw movement arcs (the newest articles with a movement first)
COLOR_COLUMN = {"claimant": "claimant_country", "kind": "kind"}


def per_place_quota(sizes: np.ndarray, budget: int) -> np.ndarray:
    """How many popup items each place gets so that the total stays within ``budget`` (the same cap for
    every place, as large as the budget allows; places with fewer claims keep all of theirs)."""
    if len(sizes) == 0 or sizes.sum() <= budget:
        return sizes
    k_lo, k_hi = 0, int(sizes.max())
    while k_lo < k_hi:
        k = (k_lo + k_hi + 1) // 2
        if np.minimum(sizes, k).sum() <= budget:
            k_lo = k
        else:
            k_hi = k - 1
    if k_lo >= 1:
        return np.minimum(sizes, k_lo)
    quota = np.zeros_like(sizes)
    quota[np.argsort(-sizes, kind="stable")[:budget]] = 1
    return quota


@dataclass(frozen=True)
class MapAggregate:
    """Places (or cells) of the view with their counts, the rows their popups show, and the rows that draw
    movement arcs; ``cell_deg`` > 0 when places were merged into cells of that size."""

    places: pd.DataFrame
    items: pd.DataFrame
    arc_rows: pd.DataFrame
    cell_deg: float = 0.0


def _span(state: ViewState) -> tuple[str, str]:
    if state.basis == "published":
        return "pub_s", "pub_s"
    return "evt_s", "greatest(evt_s, evt_e)"


def _drawn(where: str, col: str, state: ViewState, key: str) -> str:
    """The drawn rows in view with their day span, colour group and place (or cell) ``key``. Outlet,
    conflict, corroboration and colour group are the claim's (the same on each of its rows)."""
    s, e = _span(state)
    return (f"SELECT place_id, claim_id, place_name, precision, lat, lon, country_code, outlet, has_conflict, "
            f"corroboration_outlets AS corr, {col} AS grp, {s} AS s, {e} AS e, _row AS r, _ix AS ix, {key} AS key "
            f"FROM ev WHERE {mapped(where, state)} AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180")


def _places_sql(drawn: str) -> str:
    """Per place (or cell): the first row's place, distinct claims and outlets, any conflict, the strongest
    corroboration, the colour group most claims have (ties: alphabetical), first and last day."""
    return f"""WITH v AS ({drawn}),
        g AS (SELECT key, first(grp ORDER BY n DESC, grp) AS grp FROM
              (SELECT key, grp, count(DISTINCT claim_id) AS n FROM v GROUP BY key, grp) GROUP BY key)
        SELECT v.key, arg_min(place_id, r) AS pid, arg_min(place_name, r) AS name, arg_min(precision, r) AS prec,
          arg_min(lat, r) AS lat, arg_min(lon, r) AS lon, arg_min(country_code, r) AS cc,
          count(DISTINCT claim_id) AS n, count(DISTINCT outlet) AS outlets, bool_or(has_conflict) AS conflict,
          max(corr) AS corr, any_value(g.grp) AS grp, min(s) AS s, max(e) AS e, count(DISTINCT place_id) AS places
        FROM v JOIN g USING (key) GROUP BY v.key ORDER BY min(r)"""


def aggregate(sv: StoreView, state: ViewState, color_by: str = "claimant", popup: int = 8,
              budget: int = ITEM_BUDGET, max_places: int = MAX_PLACES) -> MapAggregate:
    """The view's places (see the module doc)."""
    where, params = view_where(state)
    col = COLOR_COLUMN.get(color_by, "claimant_country")
    p = mapped_params(state, params)
    n_places = int(sv.sql(f"SELECT count(DISTINCT place_id) AS n FROM ev WHERE {mapped(where, state)}",
                          p)["n"].iloc[0])
    deg, key = 0.0, "place_id"
    if n_places > max_places:
        deg = 0.25
        while True:
            key = f"floor(lat / {deg})::BIGINT || ':' || floor(lon / {deg})::BIGINT"
            n = int(sv.sql(f"SELECT count(DISTINCT key) AS n FROM ({_drawn(where, col, state, key)})",
                           p)["n"].iloc[0])
            if n <= max_places or deg >= 90:  # 90 degrees: at most 8 cells
                break
            deg *= 2
    drawn = _drawn(where, col, state, key)
    places = sv.sql(_places_sql(drawn), p)
    quota = per_place_quota(places["n"].to_numpy().clip(max=popup), budget)
    top = int(quota.max()) if len(quota) else 0
    # the newest claims of each place, most corroborated first; a claim named twice at one place counts once
    picked = sv.sql(f"""SELECT key, claim_id, ix FROM (SELECT key, claim_id, ix, row_number() OVER (PARTITION BY key
        ORDER BY s DESC NULLS LAST, corr DESC, r) AS rank FROM ({drawn})) WHERE rank <= {2 * top}
        ORDER BY key, rank""", p).drop_duplicates(["key", "claim_id"])
    want = dict(zip(places["key"], quota.tolist(), strict=True))
    ranks = picked.groupby("key", sort=False).cumcount().to_numpy() if len(picked) else []
    keep = picked.loc[[rk < want.get(k, 0) for k, rk in zip(picked["key"], ranks, strict=True)]]
    key_of = dict(zip(keep["ix"].astype("int64"), keep["key"], strict=True))
    marks = ", ".join(str(i) for i in key_of) or "NULL"
    items = sv.select(f"_ix IN ({marks})")
    items["_key"] = [key_of[int(i)] for i in items.index]
    arcs = sv.select(f"({where}) AND doc_id IN (SELECT doc_id FROM ev WHERE ({where}) AND role = 'origin' "
                     "AND located ORDER BY published DESC, _row LIMIT 5000)", params + params, "_row", ARC_ROWS)
    return MapAggregate(places, items, arcs, deg)
