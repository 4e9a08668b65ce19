"""The in-map playback control's settings: date range, per-day histogram, window and speed.

The control itself is ``sitmap.timeline`` in ``layers/static/sitmap.js``; each feature
carries its own ``[first_day, last_day, n]`` periods, so playback needs no server.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from layers.features import located, time_span

WindowMode = Literal["upto", "last"]
MAX_HIST_BINS = 400
MAX_PLAY_STEPS = 300
FOCUS_MARGIN_DAYS = 30


def timeline_spec(events: pd.DataFrame, basis: str = "event", window: WindowMode = "upto",
                  last_days: int = 30, speed_ms: int = 400) -> dict | None:
    """Settings for the playback control, or None when nothing located is dated.

    The range starts a month before the 5th percentile of dates when a few much older dates would
    otherwise stretch it (those claims count as "earlier" and stay shown in the "up to" window);
    playback takes at most ``MAX_PLAY_STEPS`` steps.
    """
    rows = located(events, roles=("event", "origin"))
    if rows.empty:
        return None
    rows = rows.drop_duplicates("claim_id")
    s, _ = time_span(rows, basis)
    s = s[~np.isnan(s)]
    if len(s) == 0:
        return None
    lo, hi = int(s.min()), int(s.max())
    focus = int(np.percentile(s, 5)) - FOCUS_MARGIN_DAYS
    if hi - lo > 365 and focus - lo > 180:
        lo = focus  # a few old dates ("in 2001") must not stretch the slider over decades
    span = hi - lo + 1
    step = max(1, -(-span // MAX_HIST_BINS))
    bins = np.bincount(((np.clip(s, lo, hi) - lo) // step).astype(int), minlength=-(-span // step))
    return {
        "start": lo,
        "end": hi,
        "step": max(1, -(-span // MAX_PLAY_STEPS)),
        "earlier": int((s < lo).sum()),
        "histStep": step,
        "hist": [int(x) for x in bins],
        "window": window if window in ("upto", "last") else "upto",
        "lastDays": max(int(last_days), 1),
        "speedMs": max(int(speed_ms), 50),
        "basis": "published" if basis == "published" else "event",
    }
