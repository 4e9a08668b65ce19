"""The part of the page that follows the selected day, as one ``st.fragment``: the counts line, the map, the
time bar, the side panel and the day's tabs (``ui.lists.view_tabs``).

Why: on a 100k-article store a whole-page rerun made the browser re-render every element (sidebar filters
with their option lists, eight tables) for each slider step; most of a step's time went there. A slider step,
a step button, a playback tick, a map click or a table row now reruns this fragment only: what changes with
the day is redrawn together (the tables never show another day than the map), the sidebar and the tabs that
do not follow the date stay as drawn. Filters, uploads, corrections and play/pause rerun the whole page.

Playback: the fragment reruns every ``speed`` seconds while playing (``run_every``, set by the full run that
play/pause triggers); such a run that finds a tick due queues the next day before the slider is drawn.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from data.view import mapquery, storeq
from data.view import timeframe as tf
from data.view.query import StoreView
from ui.lists import ViewTabs, view_tabs
from ui.mapfirst import finish_map_only, map_only, page_complete
from ui.mapview import show_map
from ui.panel import side_panel
from ui.state import current_state, settle_day, time_frame, write_url
from ui.timebar import FULL_RUN, LAST_TICK, advance, take_interaction, time_bar

DAY_VIEW = "day_view"  # the fragment's key (``st.rerun(DAY_VIEW)`` from a callback)
RUNS = "_day_view_runs"  # how many times the fragment ran in this session (full runs and its own)


@dataclass(frozen=True)
class Page:
    """What the full run hands the fragment (kept by Streamlit for the fragment's own reruns)."""

    sv: StoreView
    documents: Mapping
    path: Path | None
    version: str
    tabs: ViewTabs | None  # None on a session's map-only first run


def day_view(page: Page) -> None:
    """Draw the day's part of the page as a fragment (rerunning by itself every ``speed`` s while playing)."""
    ss = st.session_state
    every = float(ss.get("speed", 1.0)) if ss.get("playing") else None
    st.fragment(_draw, run_every=every, key=DAY_VIEW)(page)


def _tick(sv: StoreView) -> None:
    """A run of the fragment alone, not started by a widget of it, while playing: queue the next day if a
    tick is due (a run that comes early, e.g. one the map's drawn report started, is not a tick either)."""
    ss = st.session_state
    if not ss.get("playing") or time.monotonic() - ss.get(LAST_TICK, 0.0) < 0.75 * float(ss.get("speed", 1.0)):
        return
    basis = ss.get("basis", "event")
    bounds, _ = time_frame(sv, basis, bool(ss.get("full_range")))
    ss[LAST_TICK] = time.monotonic()
    advance(bounds, tf.timeline(storeq.day_table(sv, basis)))
    if not ss.get("playing"):  # the end: a full run stops the fragment's timer
        st.rerun(scope="app")


def _draw(page: Page) -> None:
    ss = st.session_state
    ss[RUNS] = ss.get(RUNS, 0) + 1
    sv = page.sv
    interacted = take_interaction()  # a click, a step, a row: a user's run, which must not advance playback
    if not ss.get(FULL_RUN):
        if not page_complete():  # the map of a map-only first run reports it is drawn: now the whole page
            st.rerun(scope="app")
        if not interacted:
            _tick(sv)
    first = map_only()
    bounds = settle_day(sv, page.version)
    state = current_state()
    if not st.query_params:  # the first query-string write of a session remounts the map's iframe: do it first
        write_url(state, bounds)
    # the window and filters are DuckDB queries over the shared view; the rows themselves reach pandas only
    # when few enough for one marker element per claim, else the map gets per-place aggregates
    rows, claims = storeq.view_count(sv, state)
    view = sv.rows(state) if rows <= mapquery.ROW_BOUND else None
    st.caption(f"{storeq.totals(sv)[0]} claims from {len(page.documents)} articles · {claims} claims in view")
    left, right = st.columns([7, 3], gap="small")  # the map is the page's main element
    with left:
        # the map comes first so nothing above it can change its place in the element tree (which would
        # remount it and reset the view); the time bar sits below it
        map_box, bar_box = st.container(), st.container()
    with map_box:  # sent first, so the browser fetches the map component's code before the chart's
        clicked = show_map(sv, view, state, page.version, color_by=ss.get("color_by", "claimant"),
                           online_tiles=bool(ss.get("online_tiles", False)))
    if first or page.tabs is None:
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
        side_panel(sv, current_state(), page.documents, store_dir=page.path)  # None: no store, no corrections
    now = current_state()  # a click or a table row may have changed the selection, never the view
    view_tabs(sv, now, page.tabs, (rows, claims) if now.with_(selected="") == state.with_(selected="")
              else storeq.view_count(sv, now))
    write_url(current_state(), bounds)
