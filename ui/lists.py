"""The tabs under the map, split by what they follow.

Undated, Unlocated, Expected, Places not found and Corrections do not move with the date: the full run draws
them (``static_tabs``) and a slider step leaves them as they are. Claims in view, Countries and areas and
Export describe the view at the selected day: the day's fragment (``ui.dayview``) fills those three tabs
(``view_tabs``) on every step. Their labels carry no count (a label is drawn by the full run, it would show
the previous day's); the count is the first line inside the tab instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from data.view import storeq
from data.view.detail import claims_table, geojson_bytes, to_csv
from data.view.lists import not_found
from data.view.query import StoreView
from data.view.state import ViewState
from ui.corrections import corrections_tab
from ui.online import online_box
from ui.timebar import interaction

TABLE_ROWS = 500
HIDDEN = {"claim_id": None, "event_id": None}


@dataclass(frozen=True)
class ViewTabs:
    """The tab containers the day's fragment writes into (created by the full run)."""

    claims: object
    areas: object
    export: object


def corrections_list(path) -> list:  # noqa: ANN001 - the store's path
    from data.view.corrections import CorrectionError, corrections_path, load_corrections

    if path is None:
        return []
    try:
        return load_corrections(corrections_path(path))[0]
    except CorrectionError:
        return []  # the Corrections tab says why


@st.cache_data(show_spinner=False, max_entries=8)
def places_not_found(version: str, _sv: StoreView, blocked: tuple[str, ...]) -> object:
    """Places not found: they change with the data (``version``) and the corrections, not the view."""
    return not_found(storeq.unresolved_names(_sv), blocked)


def _shown(n: int, rows: int, what: str = "claims") -> None:
    if n > rows:
        st.caption(f"The newest {rows} of {n} {what}.")


def static_tabs(sv: StoreView, state: ViewState, path, version: str) -> ViewTabs:  # noqa: ANN001 - the store
    """Create the tabs and fill those that do not follow the date; returns the others' containers."""
    n_undated, no_date = storeq.undated(sv, state, TABLE_ROWS)
    n_unlocated, no_place = storeq.unlocated(sv, state, TABLE_ROWS)
    fixes = corrections_list(path)
    n_soon, soon = storeq.expected(sv, TABLE_ROWS)
    missing = places_not_found(version, sv, tuple(c.mention for c in fixes if c.action == "not_a_place"))
    t1, t5, t2, t3, t6, t4, t7, t8 = st.tabs([
        "Claims in view", "Countries and areas", f"Undated ({n_undated})", f"Unlocated ({n_unlocated})",
        f"Expected ({n_soon})", "Export", f"Places not found ({len(missing)})", f"Corrections ({len(fixes)})"])
    with t2:
        _shown(n_undated, len(no_date))
        st.dataframe(claims_table(no_date, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=HIDDEN)
    with t3:
        _shown(n_unlocated, len(no_place))
        st.dataframe(claims_table(no_place, limit=TABLE_ROWS), hide_index=True, width="stretch",
                     column_config=HIDDEN)
    with t6:
        st.caption("Dated after the newest article: announced or expected, not reported. They do not set the "
                   "map's date.")
        st.dataframe(claims_table(soon, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=HIDDEN)
    with t7:
        st.caption("Names the articles use that the gazetteer could not place. Select a claim that mentions one "
                   "and use “Pin here”, or `sitmap correct pin NAME LAT LON`.")
        st.dataframe(missing, hide_index=True, width="stretch")
        online_box(missing, sv, path)
    with t8:
        if path is not None:
            corrections_tab(path)
    return ViewTabs(t1, t5, t4)


def _table_select() -> None:
    rows = st.session_state["claims_table"].selection.rows
    if rows:
        st.session_state["selected"] = st.session_state["_table_ids"][rows[0]]


def view_tabs(sv: StoreView, state: ViewState, tabs: ViewTabs, in_view: tuple[int, int]) -> None:
    """Claims in view, Countries and areas and Export at ``state`` (``in_view``: rows and claims in view)."""
    table = claims_table(storeq.table(sv, state, TABLE_ROWS), limit=TABLE_ROWS)
    st.session_state["_table_ids"] = table["event_id"].tolist()
    n_areas, areas = storeq.areas(sv, state, TABLE_ROWS)
    rows, claims = in_view
    with tabs.claims:
        more = (f" · the newest {len(table)} of {rows} rows (one per claim and place); the exports hold them all"
                if rows > len(table) else "")
        st.caption(f"{claims} claims in view{more}")
        st.dataframe(table, hide_index=True, width="stretch", on_select=interaction(_table_select),
                     selection_mode="single-row", key="claims_table", column_config=HIDDEN)
    with tabs.areas:
        st.caption(f"{n_areas} claims about a whole country or a vague area: tinted on the map, not pinned to "
                   "a centre.")
        st.dataframe(claims_table(areas, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=HIDDEN)
    with tabs.export:  # built only when clicked: the whole view is read from the store then, not on every step
        st.download_button("Download CSV of the view", lambda: to_csv(sv.rows(state)), "sitmap-view.csv",
                           "text/csv", on_click="ignore")
        st.download_button("Download GeoJSON of the view", lambda: geojson_bytes(sv.rows(state)),
                           "sitmap-view.geojson", "application/geo+json", on_click="ignore")
