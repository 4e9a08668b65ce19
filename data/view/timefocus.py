"""Where the story is in time: the default date, the slider's range, and the expected (future) events.

A story's articles mention background dates ("in 2001", "in June") and announced ones ("will vote on Nov. 6").
Taking the last date as the default (the map opened on a future vote) or the first as the slider's start (the
story squeezed into the last few percent of a June-November slider) frames the background, not the story.
Rules: an event date after the newest article's publication date is *expected* (listed and marked, never the
default); the default is the last date that is not; the slider starts where most of the story's claims are.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from data.view.select import date_column, story_bounds, timeline
from data.view.state import Basis

SHARE = 0.85  # the slider covers at least this share of the (non-expected) dated claims
RUN_GAP = 7  # ...extended back over dates at most this many days apart
MIN_CLAIMS = 10  # fewer dated claims than this: each is a large part of the story, trim only old background


def horizon(events: pd.DataFrame) -> date | None:
    """The newest article's publication date (None when no article has one): later event dates are expected."""
    pub = events["published"].dropna() if "published" in events else pd.Series([], dtype="datetime64[ns]")
    return pd.Timestamp(pub.max()).date() if len(pub) else None


def expected_mask(events: pd.DataFrame) -> pd.Series:
    """Rows whose event date starts after the newest article was published: announced, not reported."""
    h = horizon(events)
    if h is None:
        return pd.Series(False, index=events.index)
    return events["event_date"].notna() & (events["event_date"] > pd.Timestamp(h))


def expected(events: pd.DataFrame) -> pd.DataFrame:
    """The expected claims, one row per claim, soonest first (the "Expected" list)."""
    rows = events.loc[expected_mask(events)].drop_duplicates("claim_id")
    return rows.sort_values("event_date", kind="stable")


def _claim_days(events: pd.DataFrame, basis: Basis) -> pd.Series:
    """One date per dated claim (not expected ones), normalised to days."""
    ev = events.loc[~expected_mask(events)] if basis == "event" else events
    col = date_column(basis)
    dated = ev.loc[ev[col].notna(), ["claim_id", col]].drop_duplicates("claim_id")
    return pd.to_datetime(dated[col]).dt.normalize()


def default_day(events: pd.DataFrame, basis: Basis = "event") -> date | None:
    """The date the map opens on: the last date that is not expected (None when nothing is dated)."""
    days = _claim_days(events, basis)
    if days.empty:
        days_all = timeline(events, basis)
        return days_all[-1] if days_all else None
    return pd.Timestamp(days.max()).date()


def focus_bounds(events: pd.DataFrame, basis: Basis = "event", share: float = SHARE,
                 run_gap: int = RUN_GAP) -> tuple[date, date] | None:
    """Slider bounds around the story: from the earliest day after which ``share`` of the dated claims
    fall (extended back over a run of dates no more than ``run_gap`` days apart) to the default day.
    Older claims stay visible from the first day in "everything up to the date" mode."""
    days = _claim_days(events, basis)
    if len(days) < MIN_CLAIMS:
        return story_bounds(events.loc[~expected_mask(events)] if len(days) else events, basis)
    counts = days.value_counts().sort_index()
    end = pd.Timestamp(counts.index.max()).date()
    total = int(counts.sum())
    tail = counts[::-1].cumsum()[::-1]  # claims on or after each day
    ok = tail[tail >= share * total]
    i = counts.index.get_loc(ok.index.max()) if len(ok) else 0
    idx = list(counts.index)
    while i > 0 and (idx[i] - idx[i - 1]).days <= run_gap:
        i -= 1
    return pd.Timestamp(idx[i]).date(), end
