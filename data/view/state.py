"""What the user is looking at, as one frozen value, and its round trip through a URL query string.

The dashboard keeps the view (date, window, basis, filters, selection) in the query string so a reload or a
shared link restores it. Query strings are user input: decoding never raises, it drops what it cannot read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Literal

Basis = Literal["event", "published"]
Window = Literal["upto", "last"]
StepMode = Literal["day", "week", "event"]

BASES: tuple[str, ...] = ("event", "published")
WINDOWS: tuple[str, ...] = ("upto", "last")
STEP_MODES: tuple[str, ...] = ("day", "week", "event")
COLOR_BYS: tuple[str, ...] = ("claimant", "kind")
MAX_TEXT = 200  # longest search string kept from a URL
MAX_ITEMS = 50  # most filter values kept from a URL


@dataclass(frozen=True, slots=True)
class ViewState:
    """The dashboard's view. ``day`` None means "the latest date"; empty tuples mean "no filter"."""

    day: date | None = None
    window: Window = "upto"
    days: int = 30
    basis: Basis = "event"
    outlets: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    place: str = ""
    query: str = ""
    min_confidence: float = 0.0
    only_conflicts: bool = False
    selected: str = ""
    step: StepMode = "event"
    color_by: str = "claimant"  # "claimant" side or claim "kind" (online tiles are never in a link)

    def with_(self, **changes: object) -> ViewState:
        """A copy with ``changes`` applied (sugar for ``dataclasses.replace``)."""
        return replace(self, **changes)


DEFAULT = ViewState()

# field -> short URL key (short keys keep shared links readable)
KEYS: dict[str, str] = {
    "day": "d",
    "window": "w",
    "days": "n",
    "basis": "b",
    "outlets": "o",
    "claimants": "c",
    "countries": "cc",
    "place": "p",
    "query": "q",
    "min_confidence": "mc",
    "only_conflicts": "x",
    "selected": "s",
    "step": "st",
    "color_by": "k",
}
assert set(KEYS) == {f.name for f in fields(ViewState)}


def encode_state(state: ViewState) -> dict[str, str | list[str]]:
    """Query parameters for ``state``; values equal to the default are left out to keep URLs short."""
    out: dict[str, str | list[str]] = {}
    for name, key in KEYS.items():
        value = getattr(state, name)
        if value == getattr(DEFAULT, name):
            continue
        if isinstance(value, tuple):
            out[key] = list(value)
        elif isinstance(value, bool):
            out[key] = "1" if value else "0"
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, float):
            out[key] = f"{value:g}"
        else:
            out[key] = str(value)
    return out


def _last(raw: str | Sequence[str] | None) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw
    items = [r for r in raw if isinstance(r, str)]
    return items[-1] if items else None


def _many(raw: str | Sequence[str] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else [r for r in raw if isinstance(r, str)]
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()[:MAX_TEXT]
        if item:
            seen.setdefault(item, None)
    return tuple(seen)[:MAX_ITEMS]


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw.strip()[:10]) if raw else None
    except ValueError:
        return None


def _int(raw: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return min(hi, max(lo, int(raw))) if raw is not None else default
    except ValueError:
        return default


def _float(raw: str | None, default: float, lo: float, hi: float) -> float:
    try:
        value = float(raw) if raw is not None else default
    except ValueError:
        return default
    if value != value:  # NaN
        return default
    return min(hi, max(lo, value))


def decode_state(params: Mapping[str, str | Sequence[str]]) -> ViewState:
    """The view a query string describes; unknown keys and unreadable values fall back to the default."""
    get = {key: params.get(key) for key in KEYS.values()}
    one = {key: _last(value) for key, value in get.items()}
    window = one["w"] if one["w"] in WINDOWS else DEFAULT.window
    basis = one["b"] if one["b"] in BASES else DEFAULT.basis
    step = one["st"] if one["st"] in STEP_MODES else DEFAULT.step
    color_by = one["k"] if one["k"] in COLOR_BYS else DEFAULT.color_by
    return ViewState(
        day=_day(one["d"]),
        window=window,  # type: ignore[arg-type]
        days=_int(one["n"], DEFAULT.days, 1, 3650),
        basis=basis,  # type: ignore[arg-type]
        outlets=_many(get["o"]),
        claimants=_many(get["c"]),
        countries=tuple(dict.fromkeys(c for c in (c.upper() for c in _many(get["cc"])) if len(c) <= 3)),
        place=(one["p"] or "").strip()[:MAX_TEXT],
        query=(one["q"] or "").strip()[:MAX_TEXT],
        min_confidence=_float(one["mc"], 0.0, 0.0, 1.0),
        only_conflicts=one["x"] in {"1", "true", "yes"},
        selected=(one["s"] or "").strip()[:MAX_TEXT],
        step=step,  # type: ignore[arg-type]
        color_by=color_by,
    )
