"""The sidebar's widgets are drawn once the reader first opens it, not on every first load.

Why: the page starts with the sidebar collapsed, yet the browser still builds every widget in it (three option
lists, inputs, a slider, toggles, radios, the upload form with its date picker), each with its component code to
compile: about a third of the browser's CPU for a first load of the dashboard, paid by every reader, for widgets
most first loads never show. A tiny watcher (a ``st.components.v2`` component: no iframe, a few lines of JS in
the page) reports the first time the sidebar opens; that run, and every later one of the session, draws the
widgets. Until then the filters keep the values the URL gave them (``ui.state.init_session``): plain session
values that Streamlit keeps because no widget with that key has been drawn yet.
"""

from __future__ import annotations

import streamlit as st

OPENED = "_sidebar_opened"  # the reader has opened the sidebar in this session: draw its widgets from now on
WATCH_KEY = "sidebar_watch"

# Reports once, when the sidebar is (or becomes) expanded: Streamlit marks it with data-collapsed="false".
_WATCH_JS = """
export default function (component) {
  const { setStateValue } = component;
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return;
  let sent = false;
  const report = () => {
    if (!sent && bar.getAttribute("data-collapsed") === "false") { sent = true; setStateValue("opened", true); }
  };
  const watch = new MutationObserver(report);
  watch.observe(bar, { attributes: true, attributeFilter: ["data-collapsed"] });
  report();
  return () => watch.disconnect();
}
"""
_watcher = st.components.v2.component("sitmap_sidebar_watch", js=_WATCH_JS)


def _opened() -> None:
    st.session_state[OPENED] = True


def sidebar_open() -> bool:
    """Whether this run draws the sidebar's widgets; until the sidebar has been opened once, draw the watcher
    (and a line saying what comes) instead."""
    if st.session_state.get(OPENED):
        return True
    with st.sidebar:
        _watcher(key=WATCH_KEY, on_opened_change=_opened)
        st.caption("Loading the filters…")
    return False
