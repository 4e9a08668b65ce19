"""The map's input for a wide view, as DuckDB aggregates: one row per place (or grid cell) over the window.

When a view holds more rows than ``ROW_BOUND`` the browser gets no element per claim: each drawn place becomes
one row (claims, outlets, conflict, strongest corroboration, the colour group most of its claims have, its
first and last day), the newest claims in view ride along for the popups (at most ``popup`` per place and
``ITEM_BUDGET`` in all; a popup says how many more its place has, and selecting the place lists them in the
side panel, fetched then: ``storeq.at_place``), and
when there are more than ``MAX_PLACES`` places they merge into grid cells of the smallest size (0.25 degree,
doubled) that brings them under it. The payload is bounded whatever the store's size. Rules match
``layers.features.place_features`` (tested): rows are deduplicated per claim and place, drawn as
``data.events.mapped_mask`` says, the first row of each in table order speaks for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.view import preagg
from data.view.query import StoreView, view_where
from data.view.state import ViewState
from data.view.storeq import claim_level, mapped, mapped_params

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
            f"corroboration_outlets AS corr, {col} AS grp, {s} AS s, {e} AS e, _row AS r, _ix AS ix, {key} AS key, "
            "cp_first "
            f"FROM ev WHERE {mapped(where, state)} AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180")


def _places(sv: StoreView, drawn: str, params: list, fast: bool) -> pd.DataFrame:
    """Per place (or cell): the first row's place, claims (per place) and distinct outlets, any conflict, the
    strongest corroboration, the colour group most claims have (ties: alphabetical), first and last day.
    ``fast``: no filter splits a claim's rows, so the rows flagged ``cp_first`` (one per claim and place)
    are counted instead of distinct claims. Two grouped reads joined here (a join in SQL reads the rows twice)."""
    n = "count(*) FILTER (WHERE cp_first)" if fast else "count(DISTINCT claim_id)"
    places = sv.sql(f"""SELECT key, arg_min(place_id, r) AS pid, arg_min(place_name, r) AS name,
          arg_min(precision, r) AS prec, arg_min(lat, r) AS lat, arg_min(lon, r) AS lon, arg_min(country_code, r) AS cc,
          {n} AS n, count(DISTINCT outlet) AS outlets, bool_or(has_conflict) AS conflict, max(corr) AS corr,
          min(s) AS s, max(e) AS e, count(DISTINCT place_id) AS places, min(r) AS _first
        FROM ({drawn}) GROUP BY key""", params)
    groups = sv.sql(f"""SELECT key, first(grp ORDER BY n DESC, grp) AS grp FROM
        (SELECT key, grp, {n} AS n FROM ({drawn}) GROUP BY key, grp) GROUP BY key""", params)
    out = places.merge(groups, on="key", how="left").sort_values("_first", kind="stable")
    return out.drop(columns="_first").reset_index(drop=True)


def _newest(sv: StoreView, drawn: str, params: list, n: int, top: int | None) -> pd.DataFrame:
    """The first ``n`` drawn rows by (day DESC, corroboration DESC, table order): the popups' picks. Read from
    the newest days back (``ev`` is sorted by day, so a bounded read skips the older row groups), widening
    until ``n`` rows are found or the bound reaches the oldest day: the same rows as one read of the view."""
    order = f"ORDER BY s DESC NULLS LAST, corr DESC, r LIMIT {int(n)}"
    if top is not None:
        bottom = int(sv.memo(("min_day",), lambda: sv.sql(
            "SELECT coalesce(least(min(evt_s), min(pub_s)), 0) AS m FROM ev")["m"].iloc[0]))
        span = 8
        while top - span > bottom:
            got = sv.sql(f"SELECT key, claim_id, ix, s FROM ({drawn}) WHERE s >= {top - span} {order}", params)
            if len(got) >= n:
                return got
            span *= 4
    return sv.sql(f"SELECT key, claim_id, ix, s FROM ({drawn}) {order}", params)


def aggregate(sv: StoreView, state: ViewState, color_by: str = "claimant", popup: int = 8,
              budget: int = ITEM_BUDGET, max_places: int = MAX_PLACES, snapshots: bool = True) -> MapAggregate:
    """The view's places (see the module doc). ``snapshots``: answer the unfiltered "up to" view from the
    generation's per-place snapshots (``data.view.preagg``; False: always aggregate the rows)."""
    where, params = view_where(state)
    col = COLOR_COLUMN.get(color_by, "claimant_country")
    p = mapped_params(state, params)
    fast = snapshots and preagg.applies(state)
    n_places = preagg.place_count(sv, state, col) if fast else int(sv.sql(
        f"SELECT count(DISTINCT place_id) AS n FROM ev WHERE {mapped(where, state)}", p)["n"].iloc[0])
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
    snap = fast and not deg  # grid cells are folded from the rows
    places = preagg.places(sv, state, col) if snap else _places(sv, drawn, p, claim_level(state))
    # popups: the newest claims in view (most corroborated first), at most ``popup`` per place, ``budget`` in
    # all (a top-N read, not a window per place); a popup says how many more its place has, and selecting
    # the place lists them in the side panel (``storeq.at_place``)
    top = preagg.last_day(sv, state)
    picked = _newest(sv, drawn, p, 4 * int(budget), top).drop_duplicates(["key", "claim_id"])
    ranks = picked.groupby("key", sort=False).cumcount().to_numpy() if len(picked) else []
    keep = picked.loc[ranks < popup].head(budget) if len(picked) else picked
    key_of = dict(zip(keep["ix"].astype("int64"), keep["key"], strict=True))
    s_col = "pub_s" if state.basis == "published" else "evt_s"
    low = f" AND {s_col} >= {int(keep['s'].min())}" if len(keep) and not pd.isna(keep["s"].min()) else ""
    # one read, bounded by the picks' first day; a list parameter, not an IN list of 600 constants to plan
    items = sv.fetch(f"_ix IN (SELECT unnest(?::BIGINT[])){low}", [list(key_of)])
    items["_key"] = [key_of[int(i)] for i in items.index]
    # movement arcs: the newest articles with an origin in view (none to look for in a store without origins)
    origins = sv.memo(("has_origins",), lambda: bool(len(sv.sql(
        "SELECT 1 FROM ev WHERE role = 'origin' AND located LIMIT 1"))))
    arcs = sv.select("FALSE") if not origins else sv.select(
        f"({where}) AND doc_id IN (SELECT doc_id FROM ev WHERE ({where}) AND role = 'origin' AND located "
        "ORDER BY published DESC, _row LIMIT 5000)", params + params, "_row", ARC_ROWS)
    return MapAggregate(places, items, arcs, deg)
