"""Session state <-> ``ViewState`` <-> URL query string.

Widgets own their values in ``st.session_state`` under the keys below; the URL is read once per session (so a
reload restores the view) and rewritten after every run (so the address bar always describes the view).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from data.view import storeq
from data.view import timeframe as tf
from data.view.query import StoreView
from data.view.select import NO_OUTLET, clamp_day
from data.view.state import ViewState, decode_state, encode_state

# ViewState field -> session_state widget key
WIDGET_KEYS: dict[str, str] = {
    "day": "day",
    "window": "window",
    "days": "days",
    "basis": "basis",
    "outlets": "outlets",
    "claimants": "claimants",
    "countries": "countries",
    "place": "place",
    "query": "query",
    "min_confidence": "min_confidence",
    "only_conflicts": "only_conflicts",
    "selected": "selected",
    "step": "step",
    "color_by": "color_by",
}
PENDING_DAY = "_pending_day"
MAP_VIEW = "v"  # query parameter kept by the map's script (layers/static/sitmap-controls.js)


def _from_url() -> ViewState:
    qp = st.query_params
    return decode_state({k: qp.get_all(k) for k in qp})


def init_session(sv: StoreView) -> None:
    """First run of a session: seed every widget key from the URL (pruned to values the data has, like
    ``data.view.select.prune_state``)."""
    if st.session_state.get("_initialised"):
        return
    state = _from_url()
    known = {"outlets": set(storeq.options(sv, "outlet")) | {NO_OUTLET},
             "claimants": set(storeq.options(sv, "claimant")), "countries": set(storeq.options(sv, "country_code"))}
    state = state.with_(**{name: tuple(v for v in getattr(state, name) if v in known[name]) for name in known})
    for name, key in WIDGET_KEYS.items():
        value = getattr(state, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state.setdefault("playing", False)
    st.session_state.setdefault("speed", 1.0)
    st.session_state["_initialised"] = True


def time_frame(sv: StoreView, basis: str, full: bool) -> tuple:
    """Slider bounds and default day of the store (``data.view.timeframe`` over its per-day claim counts,
    computed once per store generation)."""
    t = storeq.day_table(sv, basis)  # type: ignore[arg-type]
    return (tf.date_bounds(t) if full else tf.focus_bounds(t)), tf.default_day(t)


def settle_day(sv: StoreView, version: str | None = None) -> tuple[date, date] | None:
    """Before the slider is drawn: apply a pending step and clamp the day to the current basis' bounds."""
    basis = st.session_state.get("basis", "event")
    full = bool(st.session_state.get("full_range"))
    bounds, first = time_frame(sv, basis, full)
    pending = st.session_state.pop(PENDING_DAY, None)
    day = pending if pending is not None else st.session_state.get("day")
    if day is None:  # the story's last reported day, never an expected one ("will vote on Nov. 6")
        day = first
    st.session_state["day"] = clamp_day(day, bounds)
    return bounds


def current_state() -> ViewState:
    """The view the widgets describe right now."""
    ss = st.session_state
    return ViewState(
        day=ss.get("day"),
        window=ss.get("window", "upto"),
        days=int(ss.get("days", 30)),
        basis=ss.get("basis", "event"),
        outlets=tuple(ss.get("outlets", ())),
        claimants=tuple(ss.get("claimants", ())),
        countries=tuple(ss.get("countries", ())),
        place=ss.get("place", ""),
        query=ss.get("query", ""),
        min_confidence=float(ss.get("min_confidence", 0.0)),
        only_conflicts=bool(ss.get("only_conflicts", False)),
        selected=ss.get("selected", ""),
        step=ss.get("step", "event"),
        color_by=ss.get("color_by", "claimant"),
    )


def write_url(state: ViewState, bounds: tuple[date, date] | None) -> None:
    """Rewrite the query string (only when it changed); the last day is left implicit so links follow new data."""
    if bounds is not None and state.day == bounds[1]:
        state = state.with_(day=None)
    wanted = encode_state(state)
    # never an empty query string: the browser remounts the map's iframe (resetting the user's pan/zoom) the
    # first time the query string goes from empty to non-empty, i.e. on the first slider move of a session
    wanted.setdefault("w", state.window)
    qp = st.query_params
    # "v" (the map's centre and zoom) is the map's own: its script writes it and re-adds it after each rewrite
    have = {k: (qp.get_all(k) if isinstance(wanted.get(k), list) else qp.get(k)) for k in qp if k != MAP_VIEW}
    if have != wanted:
        qp.from_dict(wanted)
