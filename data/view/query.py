"""The dashboard's view as DuckDB queries: only the rows (or aggregates) the current window and filters show.

``StoreView`` loads one store generation's events table into an in-memory DuckDB table once (shared by
every session: it is what ``st.cache_resource`` keeps), with each row's first and last day precomputed
for both date bases. ``view_where`` turns a ``ViewState`` into the same rule ``data.view.select.in_view``
applies to a DataFrame (time window, outlet/claimant/country/place/text/confidence/conflict filters,
located event or origin places), so a query returns exactly the rows ``in_view`` would, without the
whole table ever reaching pandas. Wide windows ask for ``aggregate`` (one row per place and day, or per
grid cell at world zoom) instead of one row per claim; a popup asks for ``rows_at`` one place.
"""

from __future__ import annotations

import threading
from datetime import date

import duckdb
import pandas as pd

from data.events import COLUMNS, conform
from data.view.select import NO_OUTLET
from data.view.state import ViewState

_DAY = "(CAST({col} AS DATE) - DATE '1970-01-01')"
INTERNAL = "_es, _ee, evt_s, evt_e, pub_s, pub_e, located, _row, claim_ev, cp_first, cl_first"  # the ev table's own columns


def _derive(source: str, row_offset: int = 0) -> str:
    """``source`` with day numbers for both bases, ``located`` and ``_row`` (table order)."""
    day = _DAY.format
    return f"""SELECT *, _es AS evt_s, coalesce(_ee, _es) AS evt_e, pub_s AS pub_e, FALSE AS claim_ev, FALSE AS cp_first, FALSE AS cl_first FROM (
        SELECT *, row_number() OVER () + {int(row_offset)} AS _row, {day(col='event_date')} AS _es,
          {day(col='event_date_end')} AS _ee, {day(col='published')} AS pub_s,
          (place_id <> '' AND lat IS NOT NULL AND lon IS NOT NULL AND NOT isnan(lat) AND NOT isnan(lon))
            AS located
        FROM ({source}))"""


def filter_where(state: ViewState) -> tuple[str, list]:
    """SQL condition and parameters for every non-time filter (``data.view.select.filter_mask``)."""
    conds: list[str] = ["TRUE"]
    params: list = []
    outlets = tuple(state.outlets)
    if NO_OUTLET in outlets:  # articles that name no outlet stay selectable
        outlets += ("",)
    for column, values in (("outlet", outlets), ("claimant", state.claimants),
                           ("country_code", state.countries)):
        if values:
            conds.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    if state.place:
        conds.append("(contains(lower(place_name), ?) OR contains(lower(mention_text), ?))")
        params += [state.place.lower()] * 2
    if state.query:
        conds.append("contains(lower(text || chr(10) || title || chr(10) || claimant), ?)")
        params.append(state.query.lower())
    if state.min_confidence > 0:
        conds.append("coalesce(confidence, 0) >= ?")
        params.append(state.min_confidence)
    if state.only_conflicts:
        conds.append("has_conflict")
    return " AND ".join(conds), params


def view_where(state: ViewState) -> tuple[str, list]:
    """SQL condition (on the ``ev`` table) and its parameters for the rows ``in_view(events, state)`` keeps."""
    basis = "pub" if state.basis == "published" else "evt"
    conds = [f"{basis}_s IS NOT NULL", "located", "role IN ('event', 'origin')"]
    params: list = []
    if state.day is not None:
        day = (state.day - date(1970, 1, 1)).days
        conds.append(f"{basis}_s <= ?")
        params.append(day)
        if state.window == "last":
            conds.append(f"{basis}_e >= ?")
            params.append(day - max(1, state.days) + 1)
    filt, more = filter_where(state)
    return " AND ".join([*conds, filt]), params + more


class StoreView:
    """One store generation's events, queryable by view (see the module doc). Thread-safe: each
    query runs on its own cursor of the shared in-memory database."""

    def __init__(self, events: pd.DataFrame, generation: str = "") -> None:
        self.generation = generation
        self._con = duckdb.connect()
        self._lock = threading.Lock()
        self._memo: dict = {}
        src = conform(events)
        src["_ix"] = events.index.to_numpy()  # rows() hands back in_view's index, so callers can align on it
        self._con.register("_src", src)
        self._load("SELECT * FROM _src")
        self._con.unregister("_src")

    @classmethod
    def of_store(cls, store) -> StoreView:  # noqa: ANN001 - a data.store.store.Store
        """The view of ``store``'s current generation, read straight from its segments."""
        self = cls.__new__(cls)
        self.generation = store.generation()
        self._con = duckdb.connect()
        self._lock = threading.Lock()
        self._memo = {}
        from data.store.segments import views

        views(self._con, store.path / "segments", store.segments() if self.generation else [])
        order = "doc_id, start, claim_id, TRY_CAST(split_part(event_id, ':', -1) AS INTEGER), event_id"
        cols = ", ".join(f'"{c}"' for c in COLUMNS)  # the schema's columns, in the schema's order
        self._load(f"SELECT {cols}, row_number() OVER (ORDER BY {order}) - 1 AS _ix FROM events ORDER BY {order}")
        return self

    def _load(self, source: str) -> None:
        """Copy ``source`` into the table ``ev`` with day numbers for both bases, sorted by event day so a
        window query reads only the row groups whose day range it overlaps (DuckDB's min/max zone maps)."""
        self._con.execute(f"CREATE TABLE ev AS {_derive(source)} ORDER BY evt_s, pub_s")
        self._claim_flags()

    def _claim_flags(self) -> None:
        """``claim_ev``: the claim has a located event row (the marker rule's test when every filter in force
        keeps or drops a claim's rows together, ``data.view.storeq.mapped``); ``cp_first``, below."""
        self._con.execute("UPDATE ev SET claim_ev = claim_id IN "
                          "(SELECT claim_id FROM ev WHERE located AND role = 'event')")
        # ``cp_first``: the first drawn row of its claim at its place, when no filter splits a claim's rows:
        # counting these counts claims per place without a DISTINCT
        self._con.execute("UPDATE ev SET cp_first = _row IN (SELECT min(_row) FROM ev WHERE located AND "
                          "(role = 'event' OR (role = 'origin' AND NOT claim_ev)) GROUP BY claim_id, place_id)")
        self._con.execute("UPDATE ev SET cl_first = _row IN (SELECT min(_row) FROM ev WHERE cp_first GROUP BY claim_id)")

    def replace_claims(self, rows: pd.DataFrame, claim_ids: set[str]) -> None:
        """Swap every row of ``claim_ids`` for ``rows`` (the events schema with ``_ix``): corrections."""
        with self._lock:
            self._memo.clear()
            self._con.register("_ids", pd.DataFrame({"claim_id": sorted(claim_ids)}))
            self._con.execute("DELETE FROM ev WHERE claim_id IN (SELECT claim_id FROM _ids)")
            self._con.unregister("_ids")
            if len(rows):
                src = conform(rows)
                src["_ix"] = rows["_ix"].to_numpy()
                self._con.register("_new", src)
                top = int(self._con.execute("SELECT coalesce(max(_row), 0) FROM ev").fetchall()[0][0])
                self._con.execute(f"INSERT INTO ev BY NAME {_derive('SELECT * FROM _new', top)}")
                self._con.unregister("_new")
            self._claim_flags()

    def map_values(self, column: str, mapping: dict[str, str]) -> None:
        """Replace values of a text column (``data.view.names.canonical_claimants``: one claimant, one name)."""
        changed = {k: v for k, v in mapping.items() if k != v}
        if not changed:
            return
        with self._lock:
            self._memo.clear()
            self._con.register("_map", pd.DataFrame({"k": list(changed), "v": list(changed.values())}))
            self._con.execute(f'UPDATE ev SET "{column}" = _map.v FROM _map WHERE ev."{column}" = _map.k')
            self._con.unregister("_map")

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._con.cursor()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of the caller's own to the view's database (temporary tables stay its own)."""
        return self._cursor()

    def count(self, state: ViewState) -> tuple[int, int]:
        """(rows, distinct claims) in view."""
        where, params = view_where(state)
        cur = self._cursor()
        return tuple(int(x) for x in cur.execute(
            f"SELECT count(*), count(DISTINCT claim_id) FROM ev WHERE {where}", params).fetchall()[0])

    def rows(self, state: ViewState, limit: int | None = None) -> pd.DataFrame:
        """The events rows in view (the events schema): in the table's order, like ``in_view``; newest
        first when ``limit`` cuts them."""
        where, params = view_where(state)
        # two passes: the narrow columns pick the rows, then only those rows are read whole
        pick = f"SELECT _row FROM ev WHERE {where}"
        pick += f" ORDER BY published DESC, event_id LIMIT {int(limit)}" if limit else ""
        sql = (f"SELECT * EXCLUDE ({INTERNAL}) FROM ev "
               f"WHERE _row IN ({pick}) ORDER BY " + ("published DESC, event_id" if limit else "_row"))
        return _indexed(self._cursor().execute(sql, params).df())

    def aggregate(self, state: ViewState, by: str = "place", cell_deg: float = 1.0) -> pd.DataFrame:
        """Claims in view per place and day (``by="place"``) or per grid cell and day (``by="cell"``):
        ``key, name, lat, lon, day, claims, conflicts`` (``day``: days since 1970 on the state's basis)."""
        where, params = view_where(state)
        basis = "pub_s" if state.basis == "published" else "evt_s"
        if by == "cell":
            key = f"floor(lat / {float(cell_deg)}) || ':' || floor(lon / {float(cell_deg)})"
            name, lat, lon = "min(country_code)", "avg(lat)", "avg(lon)"
        else:
            key, name, lat, lon = "place_id", "any_value(place_name)", "any_value(lat)", "any_value(lon)"
        sql = (f"SELECT {key} AS key, {name} AS name, {lat} AS lat, {lon} AS lon, {basis} AS day, "
               f"count(DISTINCT claim_id) AS claims, count(DISTINCT claim_id) FILTER (WHERE has_conflict) "
               f"AS conflicts FROM ev WHERE {where} GROUP BY 1, {basis} ORDER BY 1, day")
        return self._cursor().execute(sql, params).df()

    def rows_at(self, state: ViewState, place_id: str, limit: int = 200) -> pd.DataFrame:
        """The rows in view at one place (a popup or the side panel asks for them when opened)."""
        where, params = view_where(state)
        sql = (f"SELECT * EXCLUDE ({INTERNAL}) FROM ev "
               f"WHERE {where} AND place_id = ? ORDER BY published DESC, event_id LIMIT {int(limit)}")
        return _indexed(self._cursor().execute(sql, [*params, place_id]).df())

    def select(self, where: str, params: list | None = None, order: str = "_row",
               limit: int | None = None) -> pd.DataFrame:
        """Events rows (the events schema, indexed like ``rows``) matching a condition on ``ev``."""
        pick = f"SELECT _row FROM ev WHERE {where} ORDER BY {order}" + (f" LIMIT {int(limit)}" if limit else "")
        sql = (f"SELECT * EXCLUDE ({INTERNAL}) FROM ev "
               f"WHERE _row IN ({pick}) ORDER BY {order}")
        return _indexed(self._cursor().execute(sql, params or []).df())

    def fetch(self, where: str, params: list | None = None, order: str = "_row") -> pd.DataFrame:
        """``select`` in one pass: for a condition that picks few rows and that the day zone maps narrow
        (``select``'s second read of the picked rows scans the whole table)."""
        sql = f"SELECT * EXCLUDE ({INTERNAL}) FROM ev WHERE {where} ORDER BY {order}"
        return _indexed(self._cursor().execute(sql, params or []).df())

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Any read-only query over ``ev`` (the events rows with ``evt_s/evt_e/pub_s/pub_e`` day numbers,
        ``located`` and ``_row``), on a cursor of its own."""
        return self._cursor().execute(query, params or []).df()

    def memo(self, key: tuple, make):  # noqa: ANN001, ANN201 - a callable and what it returns
        """``make()`` once per key for this generation (store-wide values: filter options, the day table)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = make()
        with self._lock:
            return self._memo.setdefault(key, value)

    def close(self) -> None:
        self._con.close()


def _indexed(df: pd.DataFrame) -> pd.DataFrame:
    """The events schema, indexed like the table the view was loaded from (``_ix``)."""
    ix = df.pop("_ix").to_numpy()
    out = conform(df)
    out.index = ix
    return out
