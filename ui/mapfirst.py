"""A session's first run draws the map alone; the rest of the page follows on the rerun the drawn map triggers.

Ten people opening the dashboard at once share a machine's cores, and in a browser most of a first load goes to
what surrounds the map: the sidebar's widgets, the histogram (Vega), the tables (data grids), each with its code
to compile. Drawn together, they all finish late; drawn after the map, the map shows first. No timer is needed:
the map reports to the server once it and its markers are drawn (``ui.mapview.DRAWN_SIGNAL``), and that rerun
draws the whole page. The map keeps its place in the element tree, so it is not
remounted. When the map could not be drawn, the run asks for the rest itself. The map sits in the day's
fragment (``ui.dayview``), so its report reruns that fragment alone: the fragment asks for the whole page
until a full run has drawn it (``page_complete``).
"""

from __future__ import annotations

import streamlit as st

PAGE_DRAWN = "_page_drawn"  # the session has had its map-only first run
MAP_MOUNTED = "_map_component_sent"  # this run handed the map component to the browser
PAGE_COMPLETE = "_page_complete"  # a full run has drawn the whole page (sidebar, tabs) in this session


def map_only() -> bool:
    """Whether this run draws the map alone: the session's first run."""
    return not st.session_state.get(PAGE_DRAWN, False)


def note_map_sent() -> None:
    """The map component is in this run's page (it will report back once drawn)."""
    st.session_state[MAP_MOUNTED] = True


def finish_map_only() -> None:
    """End of a map-only run: the next run draws everything; rerun now when no map will ask for it."""
    ss = st.session_state
    sent = ss.pop(MAP_MOUNTED, False)
    ss[PAGE_DRAWN] = True
    if not sent:
        st.rerun()


def note_page_complete() -> None:
    """A full run drew the whole page (not the map alone)."""
    st.session_state[PAGE_COMPLETE] = True


def page_complete() -> bool:
    """Whether a full run has drawn the whole page in this session."""
    return bool(st.session_state.get(PAGE_COMPLETE, False))
