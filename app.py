"""sitmap dashboard: the seed corpus (or ``$SITMAP_CORPUS``) on a map, played through time.

Thin shell: widgets hold plain values in session state, view rules live in ``data/view*.py``, map layers in
``layers/``, Streamlit helpers in ``ui/``. The view round-trips through the URL query string.
"""

from __future__ import annotations

import streamlit as st

from data.events import empty_events
from data.view import storeq
from data.view.detail import claims_table, geojson_bytes, to_csv
from data.view.lists import not_found
from data.view.mapquery import ROW_BOUND
from data.view.query import StoreView
from ui import loading
from ui.corrections import corrections_tab
from ui.mapfirst import finish_map_only, map_only
from ui.mapview import show_map
from ui.online import online_box
from ui.panel import md, side_panel
from ui.state import current_state, init_session, settle_day, write_url
from ui.timebar import FULL_RUN, time_bar

st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed")
ss = st.session_state
ss[FULL_RUN] = True
TABLE_ROWS = 500


def load(path: str, version: str) -> tuple:
    """The DuckDB view of the store at ``path`` (``data.view.query``) and its documents (read on demand), as
    of ``version``: one copy shared by every session (``loading.shared_view``), never copied on a rerun."""
    return loading.shared_view(loading.Path(path), version)


def _progress_bar(label: str, where=st):  # noqa: ANN001 - a Streamlit container
    bar = where.progress(0.0, text=label)

    def update(done: int, total: int, what: str = "") -> None:
        bar.progress(min(1.0, done / total) if total else 1.0, text=f"{label} {done}/{total} {md(what)}")

    return bar, update


def ensure_store(slot) -> loading.Path:  # noqa: ANN001 - an st.empty() that exists on every run
    """The store, built on first start with a progress bar in ``slot`` (a slot present on every run, so the
    elements below keep their place in the page and the map is not remounted on the next run)."""
    path = loading.store_path()
    if loading.needs_build(path):
        bar, update = _progress_bar("Reading the articles (first start only)…", slot)
        report = loading.build(path, progress=update)
        bar.empty()
        if report:
            ss["_report"] = [o for o in report if not o.ok or o.warnings]  # on start, only problems
    return path


def report_box(outcomes: list[loading.FileOutcome]) -> None:
    """Per file: what it gave, or why it was rejected, and anything that explains a surprise."""
    for o in outcomes:
        if o.name and o.ok:
            st.success(f"{md(o.name)}: {md(o.message)}")
        elif o.name:
            st.error(f"{md(o.name)}: {md(o.message)}")
        for w in o.warnings:
            st.warning(f"{md(o.name)}: {md(w)}" if o.name else md(w))


def add_articles(path: loading.Path) -> None:
    with st.sidebar.expander("Add articles", expanded=False), st.form("add", clear_on_submit=True):
        files = st.file_uploader("Files", type=list(loading.UPLOAD_TYPES), accept_multiple_files=True)
        st.caption("…or paste an article")
        pasted = st.text_area("Article text", height=120, placeholder="Paste the article (a short first line "
                              "is taken as its title when the title field is empty)")
        title = st.text_input("Title", key="paste_title")
        outlet = st.text_input("Outlet", key="paste_outlet", placeholder="e.g. Reuters")
        url = st.text_input("Link", key="paste_url", placeholder="https://…")
        published = st.date_input("Published", value=None, key="paste_published", format="YYYY-MM-DD",
                                  help="Anchors relative dates (\"on Tuesday\"); inferred from the text when empty.")
        submitted = st.form_submit_button("Add to the map")
    if not submitted:
        return
    items = [(f.name, f.getvalue()) for f in files or []]
    if not items and not pasted.strip():
        st.sidebar.warning("Nothing to add: choose files or paste text.")
        return
    report: list[loading.FileOutcome] = []
    before = _places_or_none(path)
    with st.sidebar:
        bar, update = _progress_bar("Ingesting…")
        if items:
            report += loading.ingest_uploads(items, path, progress=update)
        if pasted.strip():
            report += loading.ingest_pasted(loading.Pasted(pasted, title, outlet, url, published), path,
                                            progress=update)
        bar.empty()
    ss["_report"] = report
    after = _places_or_none(path)
    if before is not None and after is not None and any(o.ok and o.name for o in report):
        ss["_new_places"] = storeq.new_places(before, after)


def new_places_note(names: list[str], shown: int = 20) -> None:
    """What an upload added to the map, most claims first."""
    if not names:
        st.sidebar.info("No new places on the map.")
        return
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    st.sidebar.info(f"New on the map: {md(', '.join(names[:shown]))}{more}")


def _places_or_none(path: loading.Path):  # noqa: ANN202 - a DataFrame, or None when the store is unreadable
    """The places the store draws now (``storeq.mapped_places``): before and after an upload."""
    try:
        return storeq.mapped_places(load(str(path), loading.store_version(path))[0])
    except (OSError, RuntimeError, ValueError):
        return None


def country_label(code: str) -> str:
    """"North Korea (KP)": names people read, the code still there for the URL's sake."""
    from data.view.names import country_name

    name = country_name(code)
    return f"{name} ({code})" if name and name != code else code


def filters(sv: StoreView) -> None:
    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect("Outlet", storeq.options(sv, "outlet"), key="outlets")
    sb.multiselect("Claimant", storeq.options(sv, "claimant"), key="claimants")
    sb.multiselect("Country", storeq.options(sv, "country_code"), key="countries", format_func=country_label)
    sb.text_input("Place", key="place", placeholder="e.g. Kursk")
    sb.text_input("Text search", key="query", placeholder="words in the claim, title or claimant")
    sb.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="min_confidence")
    sb.toggle("Only conflicting figures", key="only_conflicts")
    sb.header("Time")
    sb.radio("Date basis", ["event", "published"], key="basis", horizontal=True,
             format_func=lambda b: {"event": "event date", "published": "publication date"}[b])
    sb.radio("Window", ["upto", "last"], key="window", horizontal=True,
             format_func=lambda w: {"upto": "everything up to the date", "last": "the last N days"}[w])
    if ss.get("window") == "last":
        sb.number_input("N days", min_value=1, max_value=3650, step=1, key="days")
    sb.toggle("Slider covers old dates too", key="full_range",
              help="By default the slider starts where the story does; older background dates stay visible.")
    sb.header("Map")
    sb.radio("Colour markers by", ["claimant", "kind"], key="color_by", horizontal=True,
             format_func=lambda c: {"claimant": "claimant side", "kind": "claim kind"}[c])
    sb.toggle("Online map tiles (OpenStreetMap)", key="online_tiles",
              help="Street-level tiles from tile.openstreetmap.org: the only thing that needs a network besides "
                   "the opt-in look-up on “Places not found”. "
                   "Off, nothing leaves this machine.")


def corrections_list(path) -> list:  # noqa: ANN001 - the store's path
    from data.view.corrections import CorrectionError, corrections_path, load_corrections

    if path is None:
        return []
    try:
        return load_corrections(corrections_path(path))[0]
    except CorrectionError:
        return []  # the Corrections tab says why


def _table_select() -> None:
    rows = ss["claims_table"].selection.rows
    if rows:
        ss["selected"] = ss["_table_ids"][rows[0]]


@st.cache_data(show_spinner=False, max_entries=8)
def places_not_found(version: str, _sv: StoreView, blocked: tuple[str, ...]) -> object:
    """Places not found: they change with the data (``version``) and the corrections, not the view."""
    return not_found(storeq.unresolved_names(_sv), blocked)


def lists(sv: StoreView, state, path, version: str, in_view: tuple[int, int]) -> None:  # noqa: ANN001 - a ViewState, the store
    """The tabs under the map; each asks the store for its newest ``TABLE_ROWS`` rows and its count."""
    table = claims_table(storeq.table(sv, state, TABLE_ROWS), limit=TABLE_ROWS)
    ss["_table_ids"] = table["event_id"].tolist()
    n_undated, no_date = storeq.undated(sv, state, TABLE_ROWS)
    n_unlocated, no_place = storeq.unlocated(sv, state, TABLE_ROWS)
    n_areas, areas = storeq.areas(sv, state, TABLE_ROWS)
    fixes = corrections_list(path)
    n_soon, soon = storeq.expected(sv, TABLE_ROWS)
    missing = places_not_found(version, sv, tuple(c.mention for c in fixes if c.action == "not_a_place"))
    rows, claims = in_view
    t1, t5, t2, t3, t6, t4, t7, t8 = st.tabs([
        f"Claims in view ({claims})", f"Countries and areas ({n_areas})",
        f"Undated ({n_undated})", f"Unlocated ({n_unlocated})", f"Expected ({n_soon})", "Export",
        f"Places not found ({len(missing)})", f"Corrections ({len(fixes)})"])
    hidden = {"claim_id": None, "event_id": None}

    def shown(n: int, rows: int, what: str = "claims") -> None:
        if n > rows:
            st.caption(f"The newest {rows} of {n} {what}.")

    with t1:
        if rows > len(table):
            st.caption(f"Newest {len(table)} of {rows} rows (one per claim and place); "
                       "the exports hold them all.")
        st.dataframe(table, hide_index=True, width="stretch", on_select=_table_select,
                     selection_mode="single-row", key="claims_table", column_config=hidden)
    with t2:
        shown(n_undated, len(no_date))
        st.dataframe(claims_table(no_date, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=hidden)
    with t3:
        shown(n_unlocated, len(no_place))
        st.dataframe(claims_table(no_place, limit=TABLE_ROWS), hide_index=True, width="stretch",
                     column_config=hidden)
    with t5:
        st.caption("Claims about a whole country or a vague area: tinted on the map, not pinned to a centre.")
        st.dataframe(claims_table(areas, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=hidden)
    with t6:
        st.caption("Dated after the newest article: announced or expected, not reported. They do not set the "
                   "map's date.")
        st.dataframe(claims_table(soon, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=hidden)
    with t7:
        st.caption("Names the articles use that the gazetteer could not place. Select a claim that mentions one "
                   "and use “Pin here”, or `sitmap correct pin NAME LAT LON`.")
        st.dataframe(missing, hide_index=True, width="stretch")
        online_box(missing, sv, path)
    with t8:
        if path is not None:
            corrections_tab(path)
    with t4:  # built only when clicked: the whole view is read from the store then, not on every rerun
        st.download_button("Download CSV of the view", lambda: to_csv(sv.rows(state)), "sitmap-view.csv",
                           "text/csv")
        st.download_button("Download GeoJSON of the view", lambda: geojson_bytes(sv.rows(state)),
                           "sitmap-view.geojson", "application/geo+json")


PAGE_CSS = """<style>
.block-container {padding: 2.6rem 1.2rem 2rem 1.2rem; max-width: 100%;}
h4 {padding: 0 0 .2rem 0;}
</style>"""


def compact_page() -> None:
    """Less padding around the page: the map gets the room (our own fixed CSS, no article text)."""
    st.markdown(PAGE_CSS, unsafe_allow_html=True)


def main() -> None:
    compact_page()
    st.markdown("#### sitmap")
    slot = st.empty()
    path = None
    first = map_only()  # the session's first run: the map alone, the rest on the rerun it triggers (ui.mapfirst)
    try:
        path = ensure_store(slot)
        if not first:
            add_articles(path)
        version = loading.store_version(path)
        sv, documents = load(str(path), version)
    except ImportError as exc:  # the pipeline is not installed
        st.error(f"The data pipeline is not available: {exc}")
        sv, documents, version = StoreView(empty_events()), {}, "none"
    except RuntimeError as exc:  # data.store.store.StoreError: a damaged store, or one another ingest holds
        slot.empty()
        st.error(f"The store cannot be read: {md(str(exc))}")
        sv, documents, version = StoreView(empty_events()), {}, "none"
    if ss.get("_report") and not first:  # in the sidebar, which the first run leaves empty
        with st.sidebar:
            report_box(ss.pop("_report"))
    if "_new_places" in ss and not first:
        new_places_note(ss.pop("_new_places"))
    if path is not None and version != "none" and not first and (stale := loading.stale_documents(path, version)):
        st.sidebar.caption(f"{stale:,} stored {'articles were' if stale != 1 else 'article was'} read by an older "
                           "sitmap: the map shows their claims as then extracted until `sitmap reextract` updates them.")
    init_session(sv)
    if not first:
        filters(sv)
    bounds = settle_day(sv, version)
    state = current_state()
    if not st.query_params:  # the first query-string write of a session remounts the map's iframe: do it first
        write_url(state, bounds)
    # the window and filters are DuckDB queries over the shared view; the rows themselves reach pandas only
    # when few enough for one marker element per claim, else the map gets per-place aggregates
    rows, claims = storeq.view_count(sv, state)
    view = sv.rows(state) if rows <= ROW_BOUND else None
    st.caption(f"{storeq.totals(sv)[0]} claims from {len(documents)} articles · {claims} claims in view")
    left, right = st.columns([7, 3], gap="small")  # the map is the page's main element
    with left:
        # the map comes first in the page so nothing above it can change its place in the element tree
        # (which would remount it and reset the view); the time bar sits below it
        map_box, bar_box = st.container(), st.container()
    with map_box:  # sent first, so the browser fetches the map component's code before the chart's
        clicked = show_map(sv, view, state, version, color_by=ss.get("color_by", "claimant"),
                           online_tiles=bool(ss.get("online_tiles", False)))
    if first:
        write_url(current_state(), bounds)
        finish_map_only()
        return
    with bar_box:
        if bounds is None:
            st.info("No dated claims yet: add articles from the sidebar.")
        else:
            time_bar(storeq.day_table(sv, state.basis), bounds)
    if clicked:
        ss["selected"] = clicked
    with right:
        side_panel(sv, current_state(), documents, store_dir=path)  # None: no store, no corrections
    now = current_state()  # a click or a table row may have changed the selection, never the view
    lists(sv, now, path, version, (rows, claims) if now.with_(selected="") == state.with_(selected="")
          else storeq.view_count(sv, now))
    write_url(current_state(), bounds)


main()
ss[FULL_RUN] = False
