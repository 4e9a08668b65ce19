"""The in-map playback control's settings: date range, per-day histogram, window and speed.

The control itself is ``sitmap.timeline`` in ``layers/static/sitmap.js``; each feature
carries its own ``[first_day, last_day, n]`` periods, so playback needs no server.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from data.view.timefocus import focus_bounds
from layers.features import located, time_span

WindowMode = Literal["upto", "last"]
MAX_HIST_BINS = 400
MAX_PLAY_STEPS = 300
_EPOCH = date(1970, 1, 1)


def _epoch_day(d: date) -> int:
    return (d - _EPOCH).days


def timeline_spec(events: pd.DataFrame, basis: str = "event", window: WindowMode = "upto",
                  last_days: int = 30, speed_ms: int = 400) -> dict | None:
    """Settings for the playback control, or None when nothing located is dated.

    The range starts where the story's claims do (``data.view.timefocus.focus_bounds``: older background
    dates count as "earlier" and stay shown in the "up to" window) and the control opens on the last day
    that is not expected (an announced vote after the newest article does not set it); playback takes at
    most ``MAX_PLAY_STEPS`` steps.
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
    cur = hi
    fb = focus_bounds(events, "published" if basis == "published" else "event")
    if fb is not None:  # start where the story's claims are; open on its last reported (not expected) day
        lo, cur = max(lo, _epoch_day(fb[0])), min(hi, max(lo, _epoch_day(fb[1])))
        lo = min(lo, cur)
    span = hi - lo + 1
    step = max(1, -(-span // MAX_HIST_BINS))
    bins = np.bincount(((np.clip(s, lo, hi) - lo) // step).astype(int), minlength=-(-span // step))
    return {
        "start": lo,
        "end": hi,
        "cur": cur,
        "step": max(1, -(-span // MAX_PLAY_STEPS)),
        "earlier": int((s < lo).sum()),
        "histStep": step,
        "hist": [int(x) for x in bins],
        "window": window if window in ("upto", "last") else "upto",
        "lastDays": max(int(last_days), 1),
        "speedMs": max(int(speed_ms), 50),
        "basis": "published" if basis == "published" else "event",
    }
