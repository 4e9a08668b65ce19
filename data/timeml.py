"""TimeML values, parsed in one place: how precise a value is and which days it covers.

The timex stage writes values ("2024-10-23", "2024-W43-WE", "2024-Q3", "PXW"); claims, the
events table and corroboration read them back. Each reader used to carry its own parser,
and they drifted (a half-year was a "quarter" in one and a "half" in another); ``parse`` is
now the only one. ``precision`` and ``bounds`` are views of it.

>>> parse("2024-W43")
Period(value='2024-W43', precision='week', first=datetime.date(2024, 10, 21), last=datetime.date(2024, 10, 27))
>>> precision("XXXX-10-24"), bounds("XXXX-10-24")
('day', (None, None))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["Period", "bounds", "calendar_part", "claim_precision", "parse", "precision"]

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(p)) for name, p in (
    ("duration", r"P[\dXT.].*"),
    ("ref", r"(?:PRESENT|PAST|FUTURE)_REF"),
    ("day", r"(?P<y>[\dX]{4})-(?P<m>[\dX]{2})-(?P<d>[\dX]{2})(?:T.*)?"),
    ("week", r"(?P<y>[\dX]{4})-W(?P<w>[\dX]{2})(?P<we>-WE)?"),
    ("day", r"[\dX]{4}-WXX-\d"),  # a weekday of any week (a SET): no bounds
    ("month", r"(?P<y>[\dX]{4})-(?P<m>[\dX]{2})"),
    ("season", r"(?P<y>[\dX]{4})-(?P<s>SP|SU|FA|WI)"),
    ("quarter", r"(?P<y>[\dX]{4})-Q(?P<q>[\dX])"),
    ("half", r"(?P<y>[\dX]{4})-H(?P<h>[12])"),
    ("year", r"(?P<fy>FY)?(?P<y>[\dX]{4})"),
    ("decade", r"(?P<de>[\dX]{3})"),
    ("century", r"(?P<c>[\dX]{2})"),
))
"""Value forms, first match wins (a week before the month it would also match)."""

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}  # first and last month; winter runs into next year
_CLAIM_PRECISION = {"half": "year", "century": "decade", "duration": "none", "ref": "none"}
"""``data.model.DatePrecision`` has no half-year or century and no durations: the nearest it has."""
_CALENDAR = re.compile(r"^(?:\d{4}(?:-(?:\d\d(?:-\d\d)?|W\d\d(?:-WE)?|Q[1-4]|SP|SU|FA|WI|H[12]))?|\d{2,3}$)")


@dataclass(frozen=True, slots=True)
class Period:
    """A parsed TimeML value: its precision and, when it names a known stretch of calendar, its first
    and last day (None for durations, "PAST_REF", fiscal years and values with unknown digits)."""

    value: str
    precision: str
    first: date | None = None
    last: date | None = None


def _month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def _days(kind: str, g: dict[str, str | None]) -> tuple[date, date] | None:
    """First and last day of a matched form; None when it names no fixed stretch. May raise ValueError."""
    if any(v and "X" in v for v in g.values()) or g.get("fy"):
        return None
    y = int(g["y"]) if g.get("y") else 0
    if kind == "day" and g.get("d"):
        d = date(y, int(g["m"]), int(g["d"]))  # type: ignore[arg-type]
        return d, d
    if kind == "week":
        first = date.fromisocalendar(y, int(g["w"]), 1)  # type: ignore[arg-type]
        if g.get("we"):  # the week's weekend: Saturday and Sunday
            return first + timedelta(days=5), first + timedelta(days=6)
        return first, first + timedelta(days=6)
    if kind == "month":
        m = int(g["m"])  # type: ignore[arg-type]
        return date(y, m, 1), _month_end(y, m)
    if kind == "season":
        a, b = _SEASONS[g["s"]]  # type: ignore[index]
        return date(y, a, 1), _month_end(y + (g["s"] == "WI"), b)
    if kind == "quarter":
        q = int(g["q"])  # type: ignore[arg-type]
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if kind == "half":
        return (date(y, 1, 1), date(y, 6, 30)) if g["h"] == "1" else (date(y, 7, 1), date(y, 12, 31))
    if kind == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if kind == "decade":
        de = int(g["de"])  # type: ignore[arg-type]
        return date(de * 10, 1, 1), date(de * 10 + 9, 12, 31)
    if kind == "century":
        c = int(g["c"])  # type: ignore[arg-type]
        return date(c * 100, 1, 1), date(c * 100 + 99, 12, 31)
    return None


@lru_cache(maxsize=8192)
def parse(value: str | None) -> Period:
    """The one parse of a TimeML value; unknown forms come back with precision "none". Memoised (a
    ``Period`` is immutable): linking asks for the windows of the same few hundred values over and
    over (every stored claim a batch reads back, in several steps), and the regex walk was most of it."""
    v = (value or "").strip().upper()
    for kind, pattern in _FORMS:
        m = pattern.fullmatch(v)
        if m is None:
            continue
        try:
            days = _days(kind, m.groupdict())
        except ValueError:  # "2024-13", "2023-02-30", "000": the form is right, the calendar is not
            days = None
        return Period(v, kind, *(days or (None, None)))
    return Period(v, "none")


def precision(value: str | None) -> str:
    """Granularity of a TimeML value: "day" (also date-times), "week", "month", "season",
    "quarter", "half", "year", "decade", "century"; "duration", "ref" (PAST_REF ...) or
    "none" for values that name no calendar period."""
    return parse(value).precision


def bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day covered by a TimeML date value; (None, None) when it names no fixed days.

    >>> bounds("2024-10-23T16:00")
    (datetime.date(2024, 10, 23), datetime.date(2024, 10, 23))
    >>> bounds("2024-W43-WE")
    (datetime.date(2024, 10, 26), datetime.date(2024, 10, 27))
    >>> bounds("PXW")
    (None, None)
    """
    p = parse(value)
    return p.first, p.last


def claim_precision(value: str | None) -> str:
    """A value's precision in a claim's vocabulary (``data.model.DatePrecision``): a half-year counts
    as a year, a century as a decade, durations and references as "none"."""
    p = precision(value)
    return _CLAIM_PRECISION.get(p, p)


def calendar_part(value: str | None) -> str | None:
    """The calendar part of a date value ("2024-10-23T16:00" -> "2024-10-23"); None when the value
    names no period of the calendar ("PAST_REF", "XXXX-10-24", "P3D")."""
    m = _CALENDAR.match(value or "")
    return m.group() if m else None
