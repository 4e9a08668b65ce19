"""Pure view logic over the events table: which rows the dashboard shows for a ``ViewState``.

Everything here takes the events table (``data/events.py``) and returns new frames or plain values, so the app
stays a thin shell and every rule a user sees (time window, filters, playback steps, histogram) is unit-tested.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from data.events import located_mask, mapped_mask
from data.view.state import DEFAULT, Basis, StepMode, ViewState

BASIS_COLUMN: dict[str, str] = {"event": "event_date", "published": "published"}
NO_OUTLET = "(outlet not stated)"


def date_column(basis: Basis) -> str:
    """The events column the time slider runs over."""
    return BASIS_COLUMN.get(basis, "event_date")


def _end_column(basis: Basis) -> str:
    return "event_date_end" if basis == "event" else "published"


def timeline(events: pd.DataFrame, basis: Basis = "event") -> list[date]:
    """Distinct dates (sorted) on which something in ``events`` starts, on the chosen basis."""
    col = events[date_column(basis)].dropna()
    return sorted({ts.date() for ts in pd.to_datetime(col).dt.normalize().unique()})


def date_bounds(events: pd.DataFrame, basis: Basis = "event") -> tuple[date, date] | None:
    """First and last day the slider should cover, or None when nothing is dated."""
    days = timeline(events, basis)
    if not days:
        return None
    last = days[-1]
    if basis == "event":
        ends = events["event_date_end"].dropna()
        if len(ends):
            last = max(last, pd.Timestamp(ends.max()).date())
    return days[0], last


def story_bounds(events: pd.DataFrame, basis: Basis = "event", gap_days: int = 180) -> tuple[date, date] | None:
    """Slider bounds that cover the story, not its background: the last run of dates with no gap longer than
    ``gap_days``. A 2001 aside in an October 2024 article would otherwise squeeze the story into a sliver of
    the slider; in "upto" mode such older claims stay visible from the slider's first day."""
    full = date_bounds(events, basis)
    if full is None:
        return None
    days = timeline(events, basis)
    start = days[0]
    for prev, nxt in zip(days, days[1:], strict=False):
        if (nxt - prev).days > gap_days:
            start = nxt
    return start, full[1]


def clamp_day(day: date | None, bounds: tuple[date, date] | None) -> date | None:
    """``day`` moved inside ``bounds``; None (or no bounds) gives the last day."""
    if bounds is None:
        return None
    if day is None:
        return bounds[1]
    return min(bounds[1], max(bounds[0], day))


def in_window(events: pd.DataFrame, state: ViewState) -> pd.Series:
    """Boolean mask: dated rows visible at ``state.day`` under the window mode.

    "upto": everything whose date starts on or before the day. "last": rows whose date period overlaps the
    ``state.days`` days ending on the day (a month-precision claim stays visible through its month).
    """
    start_col, end_col = date_column(state.basis), _end_column(state.basis)
    starts = events[start_col]
    dated = starts.notna()
    if state.day is None:
        return dated
    day = pd.Timestamp(state.day)
    mask = dated & (starts <= day)
    if state.window == "last":
        ends = events[end_col].fillna(starts)
        first = day - pd.Timedelta(days=max(1, state.days) - 1)
        mask &= ends >= first
    return mask


def _contains(series: pd.Series, needle: str) -> pd.Series:
    return series.astype(str).str.contains(needle, case=False, regex=False, na=False)


def filter_mask(events: pd.DataFrame, state: ViewState) -> pd.Series:
    """Boolean mask for every non-time filter (outlet, claimant, country, place, text, confidence, conflicts)."""
    mask = pd.Series(True, index=events.index)
    if state.outlets:
        wanted = set(state.outlets)
        if NO_OUTLET in wanted:  # articles that name no outlet stay selectable
            wanted.add("")
        mask &= events["outlet"].isin(wanted)
    if state.claimants:
        mask &= events["claimant"].isin(state.claimants)
    if state.countries:
        mask &= events["country_code"].isin(state.countries)
    if state.place:
        mask &= _contains(events["place_name"], state.place) | _contains(events["mention_text"], state.place)
    if state.query:
        hay = events["text"].astype(str) + "\n" + events["title"].astype(str) + "\n" + events["claimant"].astype(str)
        mask &= _contains(hay, state.query)
    if state.min_confidence > 0:
        mask &= events["confidence"].fillna(0.0) >= state.min_confidence
    if state.only_conflicts:
        mask &= events["has_conflict"].astype(bool)
    return mask


def in_view(events: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The rows on the map: filtered, inside the time window, located, and an event or origin place (origins
    draw movement arcs; claimants' places are not where anything happened). See ``data.events.mapped_mask``."""
    roles = events["role"].astype(str).isin(("event", "origin"))
    mask = filter_mask(events, state) & in_window(events, state) & located_mask(events) & roles
    return events.loc[mask]


def claim_count(view: pd.DataFrame) -> int:
    """Distinct claims drawn on the map among ``view``'s rows (one row per claim and place)."""
    return int(view.loc[mapped_mask(view), "claim_id"].nunique())


def new_places(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Places the map draws in ``after`` but did not in ``before`` (what an upload added), most claims first:
    a news desk drops in today's wire copy and sees at once which places are new to the story."""
    old = set(before.loc[mapped_mask(before), "place_id"]) if len(before) else set()
    rows = after.loc[mapped_mask(after)] if len(after) else after
    rows = rows.loc[~rows["place_id"].isin(old)]
    if rows.empty:
        return []
    counts = rows.groupby("place_name")["claim_id"].nunique().sort_values(ascending=False, kind="stable")
    return [str(name) for name in counts.index]


def undated(events: pd.DataFrame, state: ViewState = DEFAULT) -> pd.DataFrame:
    """Filtered claims with no date on the chosen basis, one row per claim (never silently dropped)."""
    rows = events.loc[filter_mask(events, state) & events[date_column(state.basis)].isna()]
    return rows.drop_duplicates("claim_id")


def unlocated(events: pd.DataFrame, state: ViewState = DEFAULT) -> pd.DataFrame:
    """Filtered claims the map cannot draw, one row per claim: no place was resolved, or the only located
    place is a claimant's ("Kyiv says ..." with no place for what is said)."""
    filt = events.loc[filter_mask(events, state)]
    drawn = filt.loc[mapped_mask(filt), "claim_id"].unique()
    return filt.loc[~filt["claim_id"].isin(drawn)].drop_duplicates("claim_id")


def histogram(events: pd.DataFrame, basis: Basis = "event", bounds: tuple[date, date] | None = None) -> pd.DataFrame:
    """Claims per day (``day``, ``claims``), every day between the first and last date (zeros kept), so a
    chart of it lines up with a slider over the same ``bounds`` (default: the first and last date present)."""
    col = date_column(basis)
    dated = events.loc[events[col].notna(), ["claim_id", col]].drop_duplicates("claim_id")
    days = dated[col].dt.normalize()
    if bounds is not None:
        days = days[(days >= pd.Timestamp(bounds[0])) & (days <= pd.Timestamp(bounds[1]))]
    if days.empty:
        return pd.DataFrame({"day": pd.Series([], dtype="datetime64[ns]"), "claims": pd.Series([], dtype="int64")})
    counts = days.value_counts().sort_index()
    lo, hi = (pd.Timestamp(bounds[0]), pd.Timestamp(bounds[1])) if bounds else (counts.index.min(), counts.index.max())
    full = pd.date_range(lo, hi, freq="D")
    counts = counts.reindex(full, fill_value=0)
    return pd.DataFrame({"day": full.astype("datetime64[ns]"), "claims": counts.to_numpy(dtype="int64")})


def step_day(current: date, bounds: tuple[date, date], direction: int = 1, mode: StepMode = "day",
             dates: Sequence[date] = ()) -> date:
    """The next (direction > 0) or previous slider position, clamped to ``bounds``.

    ``mode`` "day"/"week" moves by a fixed amount; "event" jumps to the next day in ``dates`` on which
    something happens (playback skips quiet stretches).
    """
    lo, hi = bounds
    sign = 1 if direction >= 0 else -1
    if mode == "event" and dates:
        arr = np.array(sorted(dates), dtype="datetime64[D]")
        cur = np.datetime64(current, "D")
        if sign > 0:
            i = int(np.searchsorted(arr, cur, side="right"))
            nxt = arr[i] if i < len(arr) else np.datetime64(hi, "D")
        else:
            i = int(np.searchsorted(arr, cur, side="left")) - 1
            nxt = arr[i] if i >= 0 else np.datetime64(lo, "D")
        target = pd.Timestamp(nxt).date()
    else:
        target = current + timedelta(days=sign * (7 if mode == "week" else 1))
    return min(hi, max(lo, target))


def at_end(current: date | None, bounds: tuple[date, date] | None) -> bool:
    """Whether playback has reached the last day."""
    return bounds is None or current is None or current >= bounds[1]


def options(events: pd.DataFrame, column: str) -> list[str]:
    """Sorted distinct non-empty values of a column (for multiselect filters); for outlets, ``NO_OUTLET``
    last when some articles name none."""
    values = events[column].astype(str)
    found = sorted(values[values != ""].unique().tolist(), key=str.casefold)
    if column == "outlet" and (values == "").any():
        found.append(NO_OUTLET)
    return found


def prune_state(state: ViewState, events: pd.DataFrame) -> ViewState:
    """Drop filter values the table does not have (e.g. from an old URL), so widgets accept the state."""
    known = {
        "outlets": set(events["outlet"].astype(str)) | {NO_OUTLET},
        "claimants": set(events["claimant"].astype(str)),
        "countries": set(events["country_code"].astype(str)),
    }
    return state.with_(**{name: tuple(v for v in getattr(state, name) if v in known[name]) for name in known})
