"""sitmap dashboard: the seed corpus (or ``$SITMAP_CORPUS``) on a map, played through time.

Thin shell: widgets hold plain values in session state, view rules live in ``data/view*.py``, map layers in
``layers/``, Streamlit helpers in ``ui/``. The view round-trips through the URL query string.
"""

from __future__ import annotations

import streamlit as st

from data.events import empty_events
from data.view.detail import claims_table, geojson_bytes, to_csv
from data.view.lists import area_claims, not_found
from data.view.query import StoreView
from data.view.select import claim_count, in_view, new_places, options, undated, unlocated
from data.view.timefocus import expected
from ui import loading
from ui.corrections import corrections_tab
from ui.mapview import show_map
from ui.online import online_box
from ui.panel import md, side_panel
from ui.state import current_state, init_session, settle_day, write_url
from ui.timebar import FULL_RUN, time_bar

st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed")
ss = st.session_state
ss[FULL_RUN] = True
TABLE_ROWS = 500


@st.cache_resource(show_spinner=False, max_entries=4)
def load(path: str, version: str) -> tuple:
    """Events, documents and the DuckDB view (``data.view.query``) of the store at ``path`` (``version`` changes
    when the store does): one copy shared by every session, never copied on a rerun (read-only downstream)."""
    events, documents = loading.read_store(loading.Path(path))
    return events, documents, StoreView(events, version)


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
    before = _events_or_none(path)
    with st.sidebar:
        bar, update = _progress_bar("Ingesting…")
        if items:
            report += loading.ingest_uploads(items, path, progress=update)
        if pasted.strip():
            report += loading.ingest_pasted(loading.Pasted(pasted, title, outlet, url, published), path,
                                            progress=update)
        bar.empty()
    ss["_report"] = report
    after = _events_or_none(path)
    if before is not None and after is not None and any(o.ok and o.name for o in report):
        ss["_new_places"] = new_places(before, after)
    load.clear()


def new_places_note(names: list[str], shown: int = 20) -> None:
    """What an upload added to the map, most claims first."""
    if not names:
        st.sidebar.info("No new places on the map.")
        return
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    st.sidebar.info(f"New on the map: {md(', '.join(names[:shown]))}{more}")


def _events_or_none(path: loading.Path):  # noqa: ANN202 - a DataFrame, or None when the store is unreadable
    try:
        return loading.read_store(path)[0]
    except (OSError, RuntimeError, ValueError):
        return None


def country_label(code: str) -> str:
    """"North Korea (KP)": names people read, the code still there for the URL's sake."""
    from data.view.names import country_name

    name = country_name(code)
    return f"{name} ({code})" if name and name != code else code


def filters(events) -> None:
    sb = st.sidebar
    sb.header("Filters")
    sb.multiselect("Outlet", options(events, "outlet"), key="outlets")
    sb.multiselect("Claimant", options(events, "claimant"), key="claimants")
    sb.multiselect("Country", options(events, "country_code"), key="countries", format_func=country_label)
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
def story_lists(version: str, _events, blocked: tuple[str, ...]) -> tuple:  # noqa: ANN001 - the events table
    """Expected claims and places not found: they change with the data (``version``), not the view."""
    return expected(_events), not_found(_events, blocked)


def lists(view, events, state, path, version: str) -> None:  # noqa: ANN001 - frames, a ViewState, the store
    table = claims_table(view, limit=TABLE_ROWS)
    ss["_table_ids"] = table["event_id"].tolist()
    no_date, no_place = undated(events, state), unlocated(events, state)
    areas = area_claims(view)
    fixes = corrections_list(path)
    soon, missing = story_lists(version, events, tuple(c.mention for c in fixes if c.action == "not_a_place"))
    t1, t5, t2, t3, t6, t4, t7, t8 = st.tabs([
        f"Claims in view ({claim_count(view)})", f"Countries and areas ({areas['claim_id'].nunique()})",
        f"Undated ({len(no_date)})", f"Unlocated ({len(no_place)})", f"Expected ({len(soon)})", "Export",
        f"Places not found ({len(missing)})", f"Corrections ({len(fixes)})"])
    hidden = {"claim_id": None, "event_id": None}
    with t1:
        if len(view) > len(table):
            st.caption(f"Newest {len(table)} of {len(view)} rows (one per claim and place); "
                       "the exports hold them all.")
        st.dataframe(table, hide_index=True, width="stretch", on_select=_table_select,
                     selection_mode="single-row", key="claims_table", column_config=hidden)
    with t2:
        st.dataframe(claims_table(no_date, limit=TABLE_ROWS), hide_index=True, width="stretch", column_config=hidden)
    with t3:
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
        online_box(missing, events, path)
    with t8:
        if path is not None:
            corrections_tab(path)
    with t4:  # built only when clicked: exporting 10k rows on every rerun would cost a second each time
        st.download_button("Download CSV of the view", lambda: to_csv(view), "sitmap-view.csv", "text/csv")
        st.download_button("Download GeoJSON of the view", lambda: geojson_bytes(view), "sitmap-view.geojson",
                           "application/geo+json")


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
    try:
        path = ensure_store(slot)
        add_articles(path)
        version = loading.store_version(path)
        events, documents, store_view = load(str(path), version)
    except ImportError as exc:  # the pipeline is not installed
        st.error(f"The data pipeline is not available: {exc}")
        events, documents, version, store_view = empty_events(), {}, "none", None
    except RuntimeError as exc:  # data.store.store.StoreError: a damaged store, or one another ingest holds
        slot.empty()
        st.error(f"The store cannot be read: {md(str(exc))}")
        events, documents, version, store_view = empty_events(), {}, "none", None
    if ss.get("_report"):
        with st.sidebar:
            report_box(ss.pop("_report"))
    if "_new_places" in ss:
        new_places_note(ss.pop("_new_places"))
    init_session(events)
    filters(events)
    bounds = settle_day(events, version)
    state = current_state()
    if not st.query_params:  # the first query-string write of a session remounts the map's iframe: do it first
        write_url(state, bounds)
    # the window and filters are one DuckDB query over the shared view (same rows as in_view, tested)
    view = store_view.rows(state) if store_view is not None else in_view(events, state)
    st.caption(f"{events['claim_id'].nunique()} claims from {len(documents)} articles · "
               f"{claim_count(view)} claims in view")
    left, right = st.columns([7, 3], gap="small")  # the map is the page's main element
    with left:
        # the map comes first in the page so nothing above it can change its place in the element tree
        # (which would remount it and reset the view); the time bar sits below it
        map_box, bar_box = st.container(), st.container()
    with map_box:  # sent first, so the browser fetches the map component's code before the chart's
        clicked = show_map(events, view, version, color_by=ss.get("color_by", "claimant"),
                           online_tiles=bool(ss.get("online_tiles", False)))
    with bar_box:
        if bounds is None:
            st.info("No dated claims yet: add articles from the sidebar.")
        else:
            time_bar(events, bounds)
    if clicked:
        ss["selected"] = clicked
    with right:
        side_panel(view, events, documents, store_dir=path)  # None: no store, no corrections
    lists(view, events, current_state(), path, version)
    write_url(current_state(), bounds)


main()
ss[FULL_RUN] = False
