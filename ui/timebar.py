"""The time bar: claims-per-day histogram, date slider, step/play controls and the playback ticker.

Playback: the day's fragment (``ui.dayview``) reruns every ``speed`` seconds while playing; each tick stores
the next day as a pending value, applied before the slider is drawn (a widget's value can only be set before
the widget exists in a run). Play, pause, a step button while playing and a new speed while playing rerun the
whole page: that run sets or clears the fragment's timer.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from data.view import timeframe as tf
from data.view.select import at_end, step_day
from data.view.state import STEP_MODES
from ui.state import PENDING_DAY

SPEEDS = {"slow (2 s)": 2.0, "normal (1 s)": 1.0, "fast (0.5 s)": 0.5}
FULL_RUN = "_in_full_run"
LAST_TICK = "_last_tick"  # time.monotonic() of the last playback tick (or of play)


def chart_spec(days: tf.DayTable, bounds: tuple[date, date], day: date) -> tuple[dict, dict[str, pd.DataFrame]]:
    """The histogram with the selected day as a red rule: a Vega-Lite spec and its named datasets ("hist",
    "rule"). The data goes by name so the spec is the same for every day: on a step the browser only swaps the
    rule's one row into the chart instead of rebuilding it (a new spec re-embeds the whole Vega view)."""
    hist = tf.histogram(days, bounds)
    last = bounds[1] + timedelta(days=1)
    domain = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (bounds[0], last)]
    x = alt.X("day:T", scale=alt.Scale(domain=domain), axis=alt.Axis(title=None, format="%b %d", labelFlush=True))
    bars = alt.Chart(alt.NamedData(name="hist")).mark_bar(color="#4c78a8").encode(
        x=x, y=alt.Y("claims:Q", axis=None),
        tooltip=[alt.Tooltip("day:T", format="%Y-%m-%d"), "claims:Q"])
    rule = alt.Chart(alt.NamedData(name="rule")).mark_rule(color="#d62728", strokeWidth=2).encode(x=x)
    peak = int(hist["claims"].max()) if len(hist) else 0
    title = alt.TitleParams(f"claims per day (peak {peak})", fontSize=12, anchor="start", fontWeight="normal")
    spec = (bars + rule).properties(height=120, title=title).to_dict()
    spec.pop("$schema", None)
    return spec, {"hist": hist, "rule": pd.DataFrame({"day": [pd.Timestamp(day)]})}


def _step(direction: int, bounds: tuple[date, date], days: list[date]) -> None:
    """Button callback: runs before the script, so it may set the slider's value directly."""
    ss = st.session_state
    was_playing = ss.get("playing")
    ss["playing"] = False
    ss["day"] = step_day(ss["day"], bounds, direction, ss.get("step", "event"), days)
    if was_playing:
        st.rerun(scope="app")  # stops the playback timer; otherwise the step reruns the day's fragment only


def _toggle_play(bounds: tuple[date, date]) -> None:
    ss = st.session_state
    if not ss.get("playing") and at_end(ss.get("day"), bounds):
        ss["day"] = bounds[0]  # replay from the start
    ss["playing"] = not ss.get("playing")
    ss[LAST_TICK] = time.monotonic()
    st.rerun(scope="app")  # the full run sets (or clears) the fragment's timer


def _speed_changed() -> None:
    if st.session_state.get("playing"):
        st.rerun(scope="app")  # the fragment's timer takes the new speed


def advance(bounds: tuple[date, date], days: list[date]) -> bool:
    """One playback tick: queue the next day; stop at the end. Returns whether the view changed."""
    ss = st.session_state
    day = ss.get("day") or bounds[0]
    if at_end(day, bounds):
        ss["playing"] = False
        return True
    ss[PENDING_DAY] = step_day(day, bounds, 1, ss.get("step", "event"), days)
    return True


def time_bar(table: tf.DayTable, bounds: tuple[date, date]) -> None:
    """Draw histogram, slider and playback controls (session keys: day, step, playing, speed) from the
    store's claims per day on the current basis (``table``)."""
    ss = st.session_state
    days = tf.timeline(table)
    spec, datasets = chart_spec(table, bounds, ss["day"])
    st.vega_lite_chart(None, {**spec, "datasets": datasets}, width="stretch")
    if bounds[0] < bounds[1]:
        st.slider("Date", min_value=bounds[0], max_value=bounds[1], key="day", format="YYYY-MM-DD",
                  help="Show what is known up to this date (or the last N days, see Window).")
    else:
        st.caption(f"Date: {bounds[0].isoformat()} (only one day in the data)")
    c1, c2, c3, c4, c5 = st.columns([1, 1, 1, 2, 2])
    c1.button("◀ Step", key="step_back", on_click=_step, args=(-1, bounds, days), width="stretch")
    c2.button("⏸ Pause" if ss.get("playing") else "▶ Play", key="play", on_click=_toggle_play, args=(bounds,),
              width="stretch")
    c3.button("Step ▶", key="step_fwd", on_click=_step, args=(1, bounds, days), width="stretch")
    c4.selectbox("Step by", STEP_MODES, key="step", format_func=lambda m: {"event": "next event"}.get(m, f"1 {m}"),
                 label_visibility="collapsed")
    c5.selectbox("Speed", list(SPEEDS.values()), key="speed", label_visibility="collapsed", on_change=_speed_changed,
                 format_func=lambda v: next(k for k, s in SPEEDS.items() if s == v))

