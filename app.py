"""sitmap dashboard: the seed corpus (or ``$SITMAP_CORPUS``) on a map, played through time.

Thin shell: widgets hold plain values in session state, view rules live in ``data/view*.py``, map layers in
``layers/``, Streamlit helpers in ``ui/``. The view round-trips through the URL query string.
"""

from __future__ import annotations

import time

import streamlit as st

from data.events import empty_events
from data.view import storeq
from data.view.query import StoreView
from ui import loading
from ui.dayview import Page, day_view
from ui.lists import static_tabs
from ui.mapfirst import map_only, note_page_complete
from ui.panel import md
from ui.sidebar import sidebar_open
from ui.state import current_state, init_session
from ui.timebar import FULL_RUN, LAST_TICK

st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed")
ss = st.session_state
ss[FULL_RUN] = True  # False once this run ends: the day's fragment then knows it runs alone (ui.dayview)


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


PAGE_CSS = """<style>
.block-container {padding: 2.6rem 1.2rem 2rem 1.2rem; max-width: 100%;}
h4 {padding: 0 0 .2rem 0;}
[data-stale="true"] {opacity: 1 !important; transition: none !important;}
</style>"""


def compact_page() -> None:
    """Less padding around the page: the map gets the room; and no dimming of the elements a run is about to
    replace: Streamlit fades them (opacity transition) while a run is under way, which on a slider step re-rasterised the
    map and the tables at every frame (on the 100k store most of the browser's CPU for a step: renderer + GPU
    process 0.8 s -> 0.37 s per step) and made the map flicker during playback; the "Running" indicator stays.
    Our own fixed CSS, no article text."""
    st.html(PAGE_CSS)  # style only: no element in the page, and no raw-HTML markdown code for the browser


def main() -> None:
    compact_page()
    st.markdown("#### sitmap")
    slot = st.empty()
    path = None
    first = map_only()  # the session's first run: the map alone, the rest on the rerun it triggers (ui.mapfirst)
    widgets = not first and sidebar_open()  # the sidebar's widgets once the reader has opened it (ui.sidebar)
    try:
        path = ensure_store(slot)
        if widgets:
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
    if widgets:
        filters(sv)
    body = st.container()  # the day's part of the page (ui.dayview), above the tabs
    tabs = None if first else static_tabs(sv, current_state(), path, version)
    ss[LAST_TICK] = time.monotonic()  # playback: the next tick is due a whole period after this run
    with body:
        day_view(Page(sv, documents, path, version, tabs))
    if not first:
        note_page_complete()


try:
    main()
finally:
    ss[FULL_RUN] = False
