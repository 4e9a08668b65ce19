"""The time bar: claims-per-day histogram, date slider, step/play controls and the playback ticker.

Playback: the day's fragment (``ui.dayview``) reruns every ``speed`` seconds while playing; each tick stores
the next day as a pending value, applied before the slider is drawn (a widget's value can only be set before
the widget exists in a run). Play, pause, a step button while playing and a new speed while playing rerun the
whole page: that run sets or clears the fragment's timer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

from data.view import timeframe as tf
from data.view.select import at_end, step_day
from data.view.state import STEP_MODES
from ui.state import PENDING_DAY

SPEEDS = {"slow (2 s)": 2.0, "normal (1 s)": 1.0, "fast (0.5 s)": 0.5}
FULL_RUN = "_in_full_run"
LAST_TICK = "_last_tick"  # time.monotonic() of the last playback tick (or of play)
INTERACTED = "_interacted"  # a widget of the day's fragment changed before this run: a user's run, not a tick


def interaction(callback: Callable[..., None] | None = None) -> Callable[..., None]:
    """An ``on_change``/``on_click`` for a widget in the day's fragment (``ui.dayview``): it marks the run it
    starts as a user's, so a click during playback never advances the day (then ``callback``, if any). Callbacks
    run before the script, so the fragment reads the mark before it decides whether a tick is due."""

    def marked(*args: object, **kwargs: object) -> None:
        st.session_state[INTERACTED] = True
        if callback is not None:
            callback(*args, **kwargs)

    return marked


def take_interaction() -> bool:
    """Whether a widget of the day's fragment changed before this run (and clear the mark)."""
    return bool(st.session_state.pop(INTERACTED, False))


HIST_HEIGHT = 120  # px of bars under the title line
HIST_CSS = """<style>
.sm-hist {font-size: 12px; color: #31333f; margin-bottom: .4rem;}
.sm-hist-b {position: relative; height: HEIGHTpx; display: flex; align-items: flex-end;}
.sm-hist-b i {flex: 1 1 0; min-width: 0; background: #4c78a8; background-clip: content-box;}
.sm-hist-b.gaps i {padding: 0 1px;}
.sm-hist-b i:hover {background-color: #f58518;}
.sm-hist-b b {position: absolute; top: 0; bottom: 0; width: 2px; margin-left: -1px; background: #d62728;}
.sm-hist-x {position: relative; height: 1.3em;}
.sm-hist-x span {position: absolute; top: 2px; white-space: nowrap;}
</style>""".replace("HEIGHT", str(HIST_HEIGHT))


def histogram_html(days: tf.DayTable, bounds: tuple[date, date], day: date) -> str:
    """The claims-per-day histogram with the selected day as a red rule, as a few lines of HTML (a tooltip per
    bar: its day and count). Why not a Vega-Lite chart: in a browser, the first chart on a page costs compiling
    Vega's ~2.5 MB of JavaScript and building its view, about a third of a second of CPU per session, for bars
    and a line. (``st.html`` keeps HTML only, no SVG.) Only our own dates and counts go into it."""
    hist = tf.histogram(days, bounds)
    n = max(1, (bounds[1] - bounds[0]).days + 1)
    peak = int(hist["claims"].max()) if len(hist) else 0
    bars = "".join(f'<i style="height:{100 * c / peak:.1f}%" title="{d:%Y-%m-%d}: {c}"></i>' if c else "<i></i>"
                   for d, c in zip(hist["day"], hist["claims"].astype(int), strict=True))
    rule = 100 * (min(max((day - bounds[0]).days, 0), n - 1) + 0.5) / n
    ticks = "".join(f'<span style="{_tick_style(100 * ((d - bounds[0]).days + 0.5) / n, where)}">{d:%b %d}</span>'
                    for d, where in _ticks(bounds))
    return (f'{HIST_CSS}<div class="sm-hist" role="img" aria-label="claims per day (peak {peak})">'
            f'<div>claims per day (peak {peak})</div><div class="sm-hist-b{" gaps" if n <= 150 else ""}">{bars}'
            f'<b style="left:{rule:.3f}%"></b></div><div class="sm-hist-x">{ticks}</div></div>')


def _tick_style(left: float, where: str) -> str:
    return {"start": "left:0", "end": "right:0"}.get(where, f"left:{left:.2f}%;transform:translateX(-50%)")


def _ticks(bounds: tuple[date, date], count: int = 5) -> list[tuple[date, str]]:
    """Up to ``count`` evenly spaced dates for the axis labels (first flush left, last flush right)."""
    span = (bounds[1] - bounds[0]).days
    picks = sorted({round(span * k / (count - 1)) for k in range(count)}) if span else [0]
    return [(bounds[0] + timedelta(days=k), "start" if k == 0 else "end" if k == span else "middle")
            for k in picks]


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
    st.html(histogram_html(table, bounds, ss["day"]))
    if bounds[0] < bounds[1]:
        st.slider("Date", min_value=bounds[0], max_value=bounds[1], key="day", format="YYYY-MM-DD",
                  on_change=interaction(),
                  help="Show what is known up to this date (or the last N days, see Window).")
    else:
        st.caption(f"Date: {bounds[0].isoformat()} (only one day in the data)")
    c1, c2, c3, c4, c5 = st.columns([1, 1, 1, 2, 2])
    c1.button("◀ Step", key="step_back", on_click=interaction(_step), args=(-1, bounds, days), width="stretch")
    c2.button("⏸ Pause" if ss.get("playing") else "▶ Play", key="play", on_click=interaction(_toggle_play), args=(bounds,),
              width="stretch")
    c3.button("Step ▶", key="step_fwd", on_click=interaction(_step), args=(1, bounds, days), width="stretch")
    c4.selectbox("Step by", STEP_MODES, key="step", format_func=lambda m: {"event": "next event"}.get(m, f"1 {m}"),
                 label_visibility="collapsed", on_change=interaction())
    c5.selectbox("Speed", list(SPEEDS.values()), key="speed", label_visibility="collapsed", on_change=interaction(_speed_changed),
                 format_func=lambda v: next(k for k, s in SPEEDS.items() if s == v))

