"""The story's time from claims per day: slider bounds, default day and histogram without the events table.

``data.view.timefocus`` and ``data.view.select`` state the rules over the whole events table; a dashboard on a
store of a million claims cannot hold that table, but every one of those rules only needs, per day on the
date basis, how many distinct claims start that day (all of them, and those not *expected*: dated after the
newest article) and the latest end date. ``DayTable`` is that summary (a few hundred rows whatever the store's
size), built from a DuckDB query (``data.view.storeq.day_table``) or from an events table (``from_events``,
which the tests compare with the table-based rules); the functions below give the same answers as
``timeline``, ``date_bounds``, ``default_day``, ``focus_bounds`` and ``histogram``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from data.view.select import date_column
from data.view.state import Basis
from data.view.timefocus import MIN_CLAIMS, RUN_GAP, SHARE, expected_mask


@dataclass(frozen=True, slots=True)
class DayTable:
    """Per dated day (sorted): distinct claims starting that day, and those among them not expected;
    the latest ``event_date_end`` of all rows and of the rows not expected (event basis only)."""

    basis: str
    days: tuple[date, ...]
    claims: tuple[int, ...]
    current: tuple[int, ...]
    end_all: date | None = None
    end_current: date | None = None


def _day(value: object) -> date | None:
    if value is None:
        return None
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts.date()


def from_events(events: pd.DataFrame, basis: Basis = "event") -> DayTable:
    """The summary of an events table (what the SQL query returns for the same rows)."""
    col = date_column(basis)
    exp = expected_mask(events)
    dated = events.loc[events[col].notna()]
    day = pd.to_datetime(dated[col]).dt.normalize()
    frame = pd.DataFrame({"day": day, "claim_id": dated["claim_id"], "cur": ~exp.loc[dated.index]})
    allc = frame.groupby("day")["claim_id"].nunique()
    cur = frame.loc[frame["cur"]].groupby("day")["claim_id"].nunique().reindex(allc.index, fill_value=0)
    ends = events["event_date_end"]
    end_all = _day(ends.max()) if basis == "event" and ends.notna().any() else None
    cur_ends = ends.loc[~exp]
    end_cur = _day(cur_ends.max()) if basis == "event" and cur_ends.notna().any() else None
    return DayTable(basis, tuple(d.date() for d in allc.index), tuple(int(x) for x in allc),
                    tuple(int(x) for x in cur), end_all, end_cur)


def timeline(t: DayTable) -> list[date]:
    """Distinct dated days (``select.timeline``)."""
    return list(t.days)


def _bounds(days: list[date], end: date | None) -> tuple[date, date] | None:
    if not days:
        return None
    return days[0], max(days[-1], end) if end is not None else days[-1]


def date_bounds(t: DayTable) -> tuple[date, date] | None:
    """First and last day (``select.date_bounds``)."""
    return _bounds(list(t.days), t.end_all)


def _story(days: list[date], end: date | None, gap_days: int = 180) -> tuple[date, date] | None:
    full = _bounds(days, end)
    if full is None:
        return None
    start = days[0]
    for prev, nxt in zip(days, days[1:], strict=False):
        if (nxt - prev).days > gap_days:
            start = nxt
    return start, full[1]


def _claim_days(t: DayTable) -> list[tuple[date, int]]:
    counts = t.current if t.basis == "event" else t.claims
    return [(d, n) for d, n in zip(t.days, counts, strict=True) if n > 0]


def default_day(t: DayTable) -> date | None:
    """The last day that is not expected (``timefocus.default_day``)."""
    days = _claim_days(t)
    if days:
        return days[-1][0]
    return t.days[-1] if t.days else None


def focus_bounds(t: DayTable, share: float = SHARE, run_gap: int = RUN_GAP) -> tuple[date, date] | None:
    """Slider bounds around the story (``timefocus.focus_bounds``)."""
    counts = _claim_days(t)
    total = sum(n for _, n in counts)
    if total < MIN_CLAIMS:
        if counts:  # the rows that are not expected: days on which one of them starts
            return _story([d for d, n in zip(t.days, t.current, strict=True) if n > 0], t.end_current)
        return _story(list(t.days), t.end_all)
    idx = [d for d, _ in counts]
    tail, i = 0, 0
    for k in range(len(counts) - 1, -1, -1):  # the last day with at least ``share`` of the claims on or after it
        tail += counts[k][1]
        if tail >= share * total:
            i = k
            break
    while i > 0 and (idx[i] - idx[i - 1]).days <= run_gap:
        i -= 1
    return idx[i], idx[-1]


def histogram(t: DayTable, bounds: tuple[date, date] | None = None) -> pd.DataFrame:
    """Claims per day, zeros kept, between ``bounds`` (``select.histogram``)."""
    pairs = [(d, n) for d, n in zip(t.days, t.claims, strict=True)
             if bounds is None or bounds[0] <= d <= bounds[1]]
    if not pairs:
        return pd.DataFrame({"day": pd.Series([], dtype="datetime64[ns]"), "claims": pd.Series([], dtype="int64")})
    lo, hi = bounds if bounds else (pairs[0][0], pairs[-1][0])
    n_days = (hi - lo).days + 1
    counts = [0] * n_days
    for d, n in pairs:
        counts[(d - lo).days] = n
    full = pd.date_range(pd.Timestamp(lo), pd.Timestamp(lo + timedelta(days=n_days - 1)), freq="D")
    return pd.DataFrame({"day": full.astype("datetime64[ns]"), "claims": pd.Series(counts, dtype="int64")})
