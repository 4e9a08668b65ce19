"""What the dashboard asks of the store, as DuckDB queries over a ``StoreView``: never the whole table.

Each function states the pandas rule it matches (``data.view.select``, ``data.view.lists``,
``data.view.timefocus``, ``data.view.detail``, ``data.events.mapped_mask``; tests compare them on the same
rows) and returns a bounded result: filter options, per-day counts, at most ``limit`` rows of a list with its
full count, the rows one selected claim needs. Store-wide answers are memoised per store generation
(``StoreView.memo``), shared by every session.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from data.view.query import StoreView, filter_where, view_where
from data.view.select import NO_OUTLET, date_column
from data.view.state import Basis, ViewState
from data.view.timeframe import DayTable

# rows drawn as markers among the rows a condition ``{w}`` selects (``data.events.mapped_mask``)
MAPPED = ("located AND (role = 'event' OR (role = 'origin' AND claim_id NOT IN "
          "(SELECT claim_id FROM ev WHERE ({w}) AND located AND role = 'event')))")
NEWEST = "event_date DESC NULLS LAST, published DESC NULLS LAST, _row"  # ``detail.claims_table``'s order


def mapped(where: str, state: ViewState | None = None) -> str:
    """``where`` AND drawn as a marker (``mapped_mask`` over the rows ``where`` keeps). With a ``state``
    whose filters all keep or drop a claim's rows together (no country, place or confidence filter: those
    are per place), a claim's event row is in view exactly when its origin row is, so the precomputed
    ``claim_ev`` stands in for the subquery; ``where`` then appears once (its parameters once)."""
    if state is not None and claim_level(state):
        return f"({where}) AND located AND (role = 'event' OR (role = 'origin' AND NOT claim_ev))"
    return f"({where}) AND " + MAPPED.format(w=where)


def claim_level(state: ViewState) -> bool:
    """Whether every filter of ``state`` is about the claim, not one of its places."""
    return not state.countries and not state.place and state.min_confidence <= 0


def mapped_params(state: ViewState, params: list) -> list:
    """The parameters of ``mapped(where, state)`` for ``where``'s ``params``."""
    return list(params) if claim_level(state) else params + params


def options(sv: StoreView, column: str) -> list[str]:
    """``select.options``: sorted distinct non-empty values, ``NO_OUTLET`` last for outlets."""
    if column not in ("outlet", "claimant", "country_code"):
        raise ValueError(f"no filter on {column!r}")

    def make() -> list[str]:
        values = sv.sql(f"SELECT DISTINCT {column} AS v FROM ev")["v"].astype(str).tolist()
        found = sorted((v for v in values if v != ""), key=str.casefold)
        if column == "outlet" and "" in values:
            found.append(NO_OUTLET)
        return found

    return sv.memo(("options", column), make)


def totals(sv: StoreView) -> tuple[int, int]:
    """(distinct claims, distinct documents) in the store."""
    def make() -> tuple[int, int]:
        row = sv.sql("SELECT count(DISTINCT claim_id) AS c, count(DISTINCT doc_id) AS d FROM ev").iloc[0]
        return int(row["c"]), int(row["d"])

    return sv.memo(("totals",), make)


def day_table(sv: StoreView, basis: Basis = "event") -> DayTable:
    """``timeframe.DayTable`` of the whole store on ``basis`` (expected: event date after the newest
    publication date)."""
    col = date_column(basis)

    def make() -> DayTable:
        exp = "(event_date IS NOT NULL AND event_date > (SELECT max(published) FROM ev))"
        per = sv.sql(f"""SELECT CAST({col} AS DATE) AS day, count(DISTINCT claim_id) AS claims,
            count(DISTINCT claim_id) FILTER (WHERE NOT {exp}) AS cur
            FROM ev WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY 1""")
        ends = sv.sql(f"""SELECT CAST(max(event_date_end) AS DATE) AS a,
            CAST(max(event_date_end) FILTER (WHERE NOT coalesce({exp}, FALSE)) AS DATE) AS c FROM ev""").iloc[0]
        days = tuple(pd.Timestamp(d).date() for d in per["day"])
        end = (lambda v: None if pd.isna(v) else pd.Timestamp(v).date()) if basis == "event" else (lambda v: None)
        return DayTable(basis, days, tuple(int(x) for x in per["claims"]), tuple(int(x) for x in per["cur"]),
                        end(ends["a"]), end(ends["c"]))

    return sv.memo(("days", basis), make)


def story_places(sv: StoreView) -> pd.DataFrame:
    """``framing.drawn_places`` over the whole store: drawn places with their claim counts."""
    return sv.memo(("places",), lambda: sv.sql(
        f"SELECT lat, lon, precision, count(DISTINCT claim_id) AS claims FROM ev WHERE {mapped('TRUE', ViewState())} "
        "GROUP BY lat, lon, precision ORDER BY min(_row)"))


def movement_context(sv: StoreView) -> pd.DataFrame:
    """Events rows of the articles with a movement claim that ends at a whole country: all that
    ``layers.arcs.article_places`` needs to place those ends, read once per generation, not per slider step."""
    return sv.memo(("movement_context",), lambda: sv.select(
        "doc_id IN (SELECT doc_id FROM ev WHERE role = 'event' AND precision = 'country' "
        "AND claim_id IN (SELECT claim_id FROM ev WHERE role = 'origin'))"))


def group_counts(sv: StoreView, column: str) -> dict[str, int]:
    """Claims per colour group (``features.group_values`` counted): the legend's input."""
    def make() -> dict[str, int]:
        df = sv.sql(f"SELECT {column} AS v, count(DISTINCT claim_id) AS n FROM ev WHERE "
                    f"{mapped('TRUE', ViewState())} AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 GROUP BY 1")
        return {str(v): int(n) for v, n in zip(df["v"], df["n"], strict=True)}

    return sv.memo(("groups", column), make)


def mapped_places(sv: StoreView) -> pd.DataFrame:
    """Drawn places (``place_id``, ``place_name``, ``claims``), most claims first: what an upload added is
    the difference of two store generations' (``select.new_places``)."""
    return sv.memo(("mapped_places",), lambda: sv.sql(
        f"SELECT place_id, place_name, count(DISTINCT claim_id) AS claims FROM ev WHERE {mapped('TRUE', ViewState())} "
        "GROUP BY place_id, place_name ORDER BY claims DESC, min(_row)"))


def new_places(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Names of places drawn in ``after`` and not in ``before`` (both from ``mapped_places``)."""
    rows = after.loc[~after["place_id"].isin(set(before["place_id"]))]
    counts = rows.groupby("place_name", sort=False)["claims"].sum().sort_values(ascending=False, kind="stable")
    return [str(n) for n in counts.index]


def view_count(sv: StoreView, state: ViewState) -> tuple[int, int]:
    """(rows in view, claims drawn among them: ``select.claim_count``)."""
    where, params = view_where(state)
    if claim_level(state):  # one flagged row per drawn claim (``cl_first``): no DISTINCT
        c, p = "count(*) FILTER (WHERE cl_first)", params
    else:
        c, p = f"count(DISTINCT claim_id) FILTER (WHERE {MAPPED.format(w=where)})", params + params
    row = sv.sql(f"SELECT count(*) AS n, {c} AS c FROM ev WHERE {where}", p).iloc[0]
    return int(row["n"]), int(row["c"])


def table(sv: StoreView, state: ViewState, limit: int) -> pd.DataFrame:
    """The newest ``limit`` rows in view, in ``detail.claims_table``'s order."""
    where, params = view_where(state)
    return sv.select(where, params, NEWEST, limit)


def areas(sv: StoreView, state: ViewState, limit: int) -> tuple[int, pd.DataFrame]:
    """``lists.area_claims`` of the view: (distinct claims, the newest ``limit`` rows)."""
    where, params = view_where(state)
    cond, p = f"{mapped(where, state)} AND precision IN ('country', 'vague')", mapped_params(state, params)
    n = int(sv.sql(f"SELECT count(DISTINCT claim_id) AS n FROM ev WHERE {cond}", p)["n"].iloc[0])
    return n, sv.select(cond, p, NEWEST, limit)


def undated(sv: StoreView, state: ViewState, limit: int) -> tuple[int, pd.DataFrame]:
    """``select.undated``: (claims, first ``limit`` of them, one row each)."""
    filt, params = filter_where(state)
    cond = f"{filt} AND {date_column(state.basis)} IS NULL"
    return _unfiltered_memo(sv, state, ("undated", state.basis, limit),
                            lambda: _one_per_claim(sv, cond, params, limit, NEWEST))


def unlocated(sv: StoreView, state: ViewState, limit: int) -> tuple[int, pd.DataFrame]:
    """``select.unlocated``: filtered claims with no row drawn as a marker."""
    filt, params = filter_where(state)
    cond = f"({filt}) AND claim_id NOT IN (SELECT claim_id FROM ev WHERE {mapped(filt, state)})"
    return _unfiltered_memo(sv, state, ("unlocated", limit),
                            lambda: _one_per_claim(sv, cond, params + mapped_params(state, params), limit, NEWEST))


def _unfiltered_memo(sv: StoreView, state: ViewState, key: tuple, make):  # noqa: ANN001, ANN202
    """Lists that do not move with the time slider are kept per generation while no filter is set (the
    common case: a slider step then costs nothing for them)."""
    if filter_where(state)[1] or state.only_conflicts:
        return make()
    return sv.memo(key, make)


def expected(sv: StoreView, limit: int) -> tuple[int, pd.DataFrame]:
    """``timefocus.expected``: claims dated after the newest article, soonest first."""
    cond = "event_date IS NOT NULL AND event_date > (SELECT max(published) FROM ev)"
    return sv.memo(("expected", limit), lambda: _one_per_claim(sv, cond, [], limit, NEWEST))


def _one_per_claim(sv: StoreView, cond: str, params: list, limit: int,
                   order: str = "_row") -> tuple[int, pd.DataFrame]:
    n = int(sv.sql(f"SELECT count(DISTINCT claim_id) AS n FROM ev WHERE {cond}", params)["n"].iloc[0])
    first = f"_row IN (SELECT min(_row) FROM ev WHERE {cond} GROUP BY claim_id)"
    return n, sv.select(first, params, order, limit)


def unresolved_names(sv: StoreView) -> pd.DataFrame:
    """Rows naming a place the gazetteer did not place (``lists.not_found``'s input), one per claim and name."""
    return sv.memo(("unresolved",), lambda: sv.select(
        "place_id = '' AND trim(mention_text) <> ''", [], "_row"))


def docs_mentioning(sv: StoreView, texts: list[str]) -> pd.DataFrame:
    """Every row of the articles whose mentions include one of ``texts`` (``online_fix.main_country``)."""
    if not texts:
        return sv.select("FALSE")
    marks = ", ".join("?" * len(texts))
    return sv.select(f"doc_id IN (SELECT doc_id FROM ev WHERE mention_text IN ({marks}))", list(texts))


def related(sv: StoreView, key: str) -> pd.DataFrame:
    """Every row ``detail.claim_detail`` and ``link.series.figure_series`` read for one event or claim id:
    the claim's rows, its cluster's, the claims it conflicts with or that list it, and the claims giving a
    figure with one of its subjects (they filter these further exactly as they would the whole table)."""
    own = sv.sql("SELECT claim_id, cluster_id, conflicts, quantities FROM ev WHERE event_id = ? OR claim_id = ? "
                 "ORDER BY event_id <> ?, _row LIMIT 1", [key, key, key])
    if own.empty:
        return sv.select("FALSE")
    cid, cluster = str(own["claim_id"].iloc[0]), str(own["cluster_id"].iloc[0])
    import json

    from data.link.series import _figures

    try:
        listed = [str(i) for i in json.loads(str(own["conflicts"].iloc[0]) or "[]")]
    except ValueError:
        listed = []
    subjects = sorted({str(q["subject"]) for q in _figures(own["quantities"].iloc[0]) if q.get("subject")})
    conds = ["claim_id = ?", "(cluster_id <> '' AND cluster_id = ?)", "contains(conflicts, ?)"]
    params: list = [cid, cluster, json.dumps(cid)]
    if listed:
        conds.append(f"claim_id IN ({', '.join('?' * len(listed))})")
        params += listed
    for s in subjects:  # a prefilter: figure_series keeps only figures whose subject is exactly this
        conds.append("contains(quantities, ?)")
        params.append(json.dumps(s, ensure_ascii=False))
    ids = f"SELECT DISTINCT claim_id FROM ev WHERE {' OR '.join(conds)}"
    return sv.select(f"claim_id IN ({ids})", params)


def in_view(sv: StoreView, state: ViewState, event_id: str) -> bool:
    """Whether one row is in view."""
    where, params = view_where(state)
    return bool(len(sv.sql(f"SELECT 1 FROM ev WHERE {where} AND event_id = ? LIMIT 1", [*params, event_id])))


def at_place(sv: StoreView, state: ViewState, place_id: str, limit: int = 200) -> pd.DataFrame:
    """The rows in view at one place, newest first (the side panel's chooser; a popup's "N more")."""
    where, params = view_where(state)
    return sv.select(f"{where} AND place_id = ?", [*params, place_id], "event_date DESC NULLS LAST, _row", limit)


def nearest(sv: StoreView, state: ViewState, lat: float, lon: float, place_name: str = "") -> str | None:
    """``ui.mapview.nearest_event`` in SQL: among the drawn rows in view (of the clicked place when its name
    is known), the nearest to the click; of several at that spot, the most recent."""
    where, params = view_where(state)
    cond, p = mapped(where, state), mapped_params(state, params)
    if place_name:
        named = sv.sql(f"SELECT 1 FROM ev WHERE {cond} AND place_name = ? LIMIT 1", [*p, place_name])
        if len(named):
            cond, p = f"{cond} AND place_name = ?", [*p, place_name]
    scale = math.cos(math.radians(lat))
    best = sv.sql(f"SELECT lat, lon FROM ev WHERE {cond} ORDER BY (lat - ?) * (lat - ?) + "
                  f"((lon - ?) * ?) * ((lon - ?) * ?), _row LIMIT 1", [*p, lat, lat, lon, scale, lon, scale])
    if best.empty:
        return None
    b_lat, b_lon = float(best["lat"].iloc[0]), float(best["lon"].iloc[0])
    hit = sv.sql(f"SELECT event_id FROM ev WHERE {cond} AND lat = ? AND lon = ? "
                 "ORDER BY event_date DESC NULLS LAST, _row LIMIT 1", [*p, b_lat, b_lon])
    return str(hit["event_id"].iloc[0])


def day_number(d: date) -> int:
    """Days since 1970-01-01 (the ``ev`` table's day columns)."""
    return (d - date(1970, 1, 1)).days


def warm(sv: StoreView) -> None:
    """Compute the store-wide answers every first page needs (once per generation, before any visitor)."""
    for column in ("outlet", "claimant", "country_code"):
        options(sv, column)
    for basis in ("event", "published"):
        day_table(sv, basis)  # type: ignore[arg-type]
    for column in ("claimant_country", "kind"):
        group_counts(sv, column)
    totals(sv)
    story_places(sv)
    unresolved_names(sv)
    from data.view.preagg import place_count

    place_count(sv, ViewState(), "claimant_country")  # the default view's snapshots (``data.view.preagg``)
