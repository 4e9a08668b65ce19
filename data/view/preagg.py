"""Per-place snapshots of the map's aggregates, kept with a store generation, so a slider step reads a small table.

``mapquery.aggregate`` groups every drawn row in view by place: on a 100k-article store that is ~1M rows
re-aggregated on every slider step, although a step moves the window by a day. For the dashboard's common
view (no filter, "everything up to the date") the answer at day ``D`` is the same fold (count, any, max, min,
first row by table order) over the rows dated up to ``D``, and those folds combine. So, once per generation
and date basis (``StoreView.memo``: dropped with the view, and by corrections, which clear the memo):

* ``snap``: per place and ``BUCKET``-day bucket ``b`` (of the row's first day), the fold over the place's rows
  in buckets ``<= b`` (a running fold over a place's buckets; a row only where the place has rows);
* ``outs``: per place and outlet, the first day the outlet speaks about the place (distinct outlets up to
  ``D`` = outlets whose first day is ``<= D``);
* ``grps``: per place, colour group and bucket, the running claim count (the colour most claims have).

A step at ``D`` then reads the latest snapshot before ``D``'s bucket (~places x buckets rows), the raw rows of
the days from that bucket's start to ``D`` (zone maps skip the rest: ``ev`` is sorted by day), and folds the
two: exactly what the raw aggregation gives (tested over random days on both bases).
"""

from __future__ import annotations

import itertools
import math
import threading

import pandas as pd

from data.view.query import StoreView, filter_where, view_where
from data.view.state import ViewState

BUCKET = 8  # days per snapshot bucket: a step reads at most this many days of raw rows
_FOLD = ("arg_min(pid, r) AS pid, arg_min(name, r) AS name, arg_min(prec, r) AS prec, arg_min(lat, r) AS lat, "
         "arg_min(lon, r) AS lon, arg_min(cc, r) AS cc, sum(n)::BIGINT AS n, bool_or(conflict) AS conflict, "
         "max(corr) AS corr, min(s) AS s, max(e) AS e, min(r) AS r")
_LATEST = ", ".join(f"arg_max({c}, b) AS {c}" for c in ("pid", "name", "prec", "lat", "lon", "cc", "n", "conflict",
                                                          "corr", "s", "e", "r"))  # a place's latest snapshot
_NAMES = itertools.count()
_NAMES_LOCK = threading.Lock()


def applies(state: ViewState) -> bool:
    """Whether ``state`` is the view the snapshots answer: no filter, "everything up to the date"."""
    return state.window == "upto" and not filter_where(state)[1] and not state.only_conflicts


def _rows(state: ViewState, col: str) -> str:
    """The drawn rows of the unfiltered view (any day), in the columns the folds read (``mapquery._drawn``)."""
    from data.view.mapquery import _drawn

    base = ViewState(basis=state.basis)
    where, _ = view_where(base)
    return (f"SELECT place_id AS key, place_id AS pid, place_name AS name, precision AS prec, lat, lon, "
            f"country_code AS cc, outlet, has_conflict AS conflict, corr, grp, s, e, r, "
            f"(CASE WHEN cp_first THEN 1 ELSE 0 END) AS n FROM ({_drawn(where, col, base, 'place_id')})")


def _bucket(col: str) -> str:
    return f"floor({col} / {BUCKET})::BIGINT"


def _tables(sv: StoreView, state: ViewState, col: str) -> dict[str, str]:
    """Build (once per generation, basis and colour column) the three tables; their names."""
    def make() -> dict[str, str]:
        with _NAMES_LOCK:
            k = next(_NAMES)
        names = {t: f"_pa{k}_{t}" for t in ("snap", "outs", "grps")}
        rows = _rows(state, col)
        cur = sv.cursor()
        cur.execute(f"""CREATE TABLE {names['snap']} AS SELECT key, b,
              arg_min(pid, r) OVER w AS pid, arg_min(name, r) OVER w AS name, arg_min(prec, r) OVER w AS prec,
              arg_min(lat, r) OVER w AS lat, arg_min(lon, r) OVER w AS lon, arg_min(cc, r) OVER w AS cc,
              sum(n) OVER w AS n, bool_or(conflict) OVER w AS conflict, max(corr) OVER w AS corr,
              min(s) OVER w AS s, max(e) OVER w AS e, min(r) OVER w AS r
            FROM (SELECT key, {_bucket('s')} AS b, {_FOLD} FROM ({rows}) GROUP BY key, b)
            WINDOW w AS (PARTITION BY key ORDER BY b ROWS UNBOUNDED PRECEDING) ORDER BY b, key""")
        cur.execute(f"""CREATE TABLE {names['outs']} AS SELECT key, outlet, min(s) AS fs FROM ({rows})
            WHERE outlet IS NOT NULL GROUP BY key, outlet ORDER BY fs""")
        cur.execute(f"""CREATE TABLE {names['grps']} AS SELECT key, grp, b,
              sum(n) OVER (PARTITION BY key, grp ORDER BY b ROWS UNBOUNDED PRECEDING) AS n
            FROM (SELECT key, grp, {_bucket('s')} AS b, sum(n) AS n FROM ({rows}) GROUP BY key, grp, b)
            ORDER BY b""")
        return names

    return sv.memo(("preagg", state.basis, col), make)


def last_day(sv: StoreView, state: ViewState) -> int | None:
    """The view's last day as a day number: the state's day, else the store's last (None: no dated row)."""
    if state.day is not None:
        from data.view.storeq import day_number

        return day_number(state.day)
    s = "pub_s" if state.basis == "published" else "evt_s"
    top = sv.memo(("max_day", s), lambda: sv.sql(f"SELECT max({s}) AS m FROM ev")["m"].iloc[0])
    return None if pd.isna(top) else int(top)


def _day(sv: StoreView, state: ViewState) -> int:
    day = last_day(sv, state)
    return 0 if day is None else day


def place_count(sv: StoreView, state: ViewState, col: str) -> int:
    """Places with a drawn row in view (``count(DISTINCT place_id)`` of the raw view)."""
    t = _tables(sv, state, col)
    return int(sv.sql(f"SELECT count(DISTINCT key) AS n FROM {t['outs']} WHERE fs <= ?",
                      [_day(sv, state)])["n"].iloc[0])


def places(sv: StoreView, state: ViewState, col: str) -> pd.DataFrame:
    """``mapquery._places`` of ``state`` (for which ``applies``) keyed by place, from the snapshots."""
    t = _tables(sv, state, col)
    day = _day(sv, state)
    b = math.floor(day / BUCKET)
    lo = b * BUCKET
    rows = _rows(state, col)
    fold = f"""SELECT key, {_FOLD} FROM (
          SELECT key, {_LATEST} FROM {t['snap']} WHERE b < ? GROUP BY key
          UNION ALL
          SELECT key, {_FOLD} FROM ({rows}) WHERE s >= ? AND s <= ? GROUP BY key) GROUP BY key"""
    out = sv.sql(fold, [b, lo, day])
    outlets = sv.sql(f"SELECT key, count(*) AS outlets FROM {t['outs']} WHERE fs <= ? GROUP BY key", [day])
    groups = sv.sql(f"""SELECT key, first(grp ORDER BY n DESC, grp) AS grp FROM (
          SELECT key, grp, sum(n) AS n FROM (
            SELECT key, grp, arg_max(n, b) AS n FROM {t['grps']} WHERE b < ? GROUP BY key, grp
            UNION ALL
            SELECT key, grp, sum(n) AS n FROM ({rows}) WHERE s >= ? AND s <= ? GROUP BY key, grp)
          GROUP BY key, grp) GROUP BY key""", [b, lo, day])
    out = out.merge(outlets, on="key", how="left").merge(groups, on="key", how="left")
    out["outlets"] = out["outlets"].fillna(0).astype("int64")
    out["places"] = 1
    out = out.sort_values("r", kind="stable").drop(columns="r").reset_index(drop=True)
    cols = ["key", "pid", "name", "prec", "lat", "lon", "cc", "n", "outlets", "conflict", "corr", "s", "e",
            "places", "grp"]
    return out[cols]
