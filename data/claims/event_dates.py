"""Dates relative to the event a sentence tells, not to the article's publication.

The date extractor anchors what it cannot place to the publication date; in a sentence about an
event that happened earlier, three cases then go wrong, and are put right here:
- a clock time alone ("at 4:17 a.m.") gets the publication day; it says the time of day of the
  story's own day, so it dates nothing by itself (the sentence's or the paragraph's date stands);
- "two weeks after the earthquake on Feb. 6" names the earlier event's date; the sentence's
  event is that date plus the interval;
- an as-of phrase ("as of Sunday morning", "by Monday") dates a figure, and wins over other dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from data.model import TimeEx

_DAY_WORDS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|week|month|year|day)\w*|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d")
_AFTER = re.compile(r"^\s+(?:after|since|following|from)\b[^.;]{0,90}$", re.IGNORECASE)
_BEFORE = re.compile(r"^\s+(?:before|prior\s+to|ahead\s+of)\b[^.;]{0,90}$", re.IGNORECASE)
_DURATION = re.compile(r"^P(\d+)([DWM])$")
_AS_OF = re.compile(r"(?i)\b(?:as\s+of|as\s+at|by|until|through|up\s+to)\s+(?:late\s+|early\s+)?$")


def clock_only(tx: TimeEx) -> bool:
    """A time of day with no day in its words ("at 4:17 a.m.", "1:24 p.m."): its day is the anchor's."""
    return tx.type == "TIME" and not _DAY_WORDS.search(tx.text)


def _shift(value: str, duration: str, sign: int) -> str | None:
    m = _DURATION.match(duration)
    if not m or not re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]) or len(value) < 10:
        return None
    n, unit = int(m.group(1)), m.group(2)
    days = n * {"D": 1, "W": 7, "M": 30}[unit]
    if unit == "M" and n > 3:
        return None
    return (date.fromisoformat(value[:10]) + timedelta(days=sign * days)).isoformat()


def event_dates(text: str, offset: int, dated: Sequence[TimeEx], timed: Sequence[TimeEx]) -> list[TimeEx]:
    """The dates of one sentence (``text`` at ``offset``) that date its event: clock times alone left
    out, "<interval> after <dated event>" moved by the interval."""
    out = [t for t in dated if not clock_only(t)]
    for d in timed:
        if d.type != "DURATION":
            continue
        for i, t in enumerate(out):
            if t.start < d.end:
                continue
            gap = text[d.end - offset:t.start - offset]
            sign = 1 if _AFTER.match(gap) else -1 if _BEFORE.match(gap) else 0
            value = _shift(t.value, d.value, sign) if sign else None
            if value:
                out[i] = TimeEx(d.start, t.end, text[d.start - offset:t.end - offset], "DATE", value)
            break
    return out


def as_of(text: str, offset: int, txs: Sequence[TimeEx]) -> list[TimeEx]:
    """The dates a figure is given as of ("rose to 33,179 as of Sunday morning"); [] when none."""
    return [t for t in txs if _AS_OF.search(text[max(0, t.start - offset - 20):t.start - offset])]
