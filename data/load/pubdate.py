"""Publication dates: parsing metadata date strings, and inferring a date from article text.

Relative dates ("on Thursday", "last week") are resolved against the publication date, so
a wrong one shifts every claim of the article. Hence the rules are conservative: an
explicit dateline near the top, else the latest full date (day, month and year) in the text
moved forward to the weekdays the article names, else nothing (the claims stay undated).
Everything here is a pure function of the text: the same text always gets the same date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from data import tables
from data.timex.lexicon import MONTHS, WEEKDAYS  # one table for both (ISO weekdays: Monday = 1)

_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
_YEAR = r"(?:19[89]\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

_MDY = re.compile(
    rf"(?<![\w-])(?:{_WD}\.?,?\s+)?(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>{_YEAR})(?![\d-])",
    re.IGNORECASE,
)
_DMY = re.compile(
    rf"(?<![\w-])(?:{_WD}\.?,?\s+)?(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})\.?,?\s+(?P<year>{_YEAR})(?![\d-])",
    re.IGNORECASE,
)
_ISO = re.compile(rf"(?<![\d-])(?P<year>{_YEAR})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?![\d])")
FOREIGN_MONTHS: dict[str, int] = {
    r["name"]: int(r["month"]) for r in tables.rows("month_names") if r["language"] != "en"
}
"""French, Spanish, German, Italian, Portuguese (nominative), Russian and Ukrainian (genitive) month names."""
_FMON = r"(?:" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + r")"
_FOREIGN = re.compile(
    rf"(?<![\w-])(?P<day>\d{{1,2}})(?:er|\.|º)?\s+(?:de\s+)?(?P<mon>{_FMON})\s+(?:de\s+|del\s+)?(?P<year>{_YEAR})(?![\d-])",
    re.IGNORECASE,
)
_DOTTED = re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<year>{_YEAR})(?![\d])")

_FUTURE_CUE = re.compile(
    r"\b(?:will|would|expected|scheduled|due|planned|plans?|set to|deadline|ahead of|upcoming|next|until|till)\b",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\b(?:by|before|until|till|from)\s*$", re.IGNORECASE)
_WEEKDAY_REF = re.compile(r"(?<![\w-])(?P<pre>(?:this|next|coming|last|past|on|until|by|since)\s+)?"
                          r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)")
_FUTURE_WEEKDAY_PRE = {"this", "next", "coming", "until", "by"}

_DATELINE_WINDOW = 1500
_DATELINE_LINES = 15
_LABEL = re.compile(
    r"^\s*(?:date|dated|published|posted|updated|last updated|first published|publication date)"
    r"\s*(?:on|at)?\s*[:\-]?\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
_TIME_TAIL = re.compile(
    r"^[\s,|·•\-–—]*(?:T?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}|GMT[+-]?\d*|UTC[+-]?\d*)?)?"
    r"[\s,|·•\-–—]*$", re.IGNORECASE)
_WIRE_HEAD = re.compile(r"^[A-Z][A-Z .'’\-]{1,40}(?:,\s*[A-Za-z .]{2,30})?,\s*$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A full calendar date written in a text, with its character span."""

    start: int
    end: int
    date: date


def find_full_dates(text: str) -> list[FoundDate]:
    """Every full date (day, month and year) written in ``text``, in text order.

    Formats: "October 25, 2024", "Oct. 25, 2024", "Wednesday, October 23, 2024",
    "25 Oct 2024", "25th of October 2024", "2024-10-25", "25.10.2024", and day-month-year
    in French, Spanish, German, Italian, Portuguese, Russian and Ukrainian ("23 октября
    2024", "23 de octubre de 2024", "23. Oktober 2024"). Impossible dates are skipped.
    """
    found: dict[int, FoundDate] = {}
    for rx in (_MDY, _DMY, _ISO, _DOTTED, _FOREIGN):
        for m in rx.finditer(text):
            if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found.values()):
                continue
            mon = m.group("mon")
            month = int(mon) if mon.isdigit() else MONTHS.get(mon.lower()) or FOREIGN_MONTHS[mon.lower()]
            try:
                d = date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            found[m.start()] = FoundDate(m.start(), m.end(), d)
    return [found[k] for k in sorted(found)]


def parse_date_string(value: object) -> date | None:
    """Parse a metadata date (feed field, front matter, HTML meta) to a ``date``, or None.

    Accepts ``date``/``datetime`` objects, ISO 8601 dates and datetimes ("2024-10-25",
    "2024-10-25T08:00:00Z"), RFC 2822 ("Fri, 25 Oct 2024 08:00:00 +0000"), and written
    dates ("October 25, 2024", "25 Oct 2024"). Datetimes keep their own calendar day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    s = str(value).strip()
    if not s:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
        return _from_timestamp(float(s))
    slash = re.fullmatch(rf"(\d{{1,2}})/(\d{{1,2}})/({_YEAR})", s)
    if slash:
        a, b, y = (int(g) for g in slash.groups())
        if a > 12 >= b or b > 12 >= a or a == b:  # only when day and month cannot be confused
            return _safe_date(y, min(a, b), max(a, b))
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    dates = find_full_dates(s)
    return dates[0].date if dates else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_timestamp(t: float) -> date | None:
    """A Unix timestamp in seconds or milliseconds, as a UTC calendar day (None when implausible)."""
    if t > 1e11:
        t /= 1000
    if not 3e8 < t < 5e9:  # 1979 .. 2128
        return None
    return datetime.fromtimestamp(t, UTC).date()


def dateline_date(text: str) -> date | None:
    """The date of an explicit dateline near the top of the article, or None.

    A dateline is a line in the first lines that is a date label ("Published: ..."),
    a byline with a date ("by Olena Goncharova October 25, 2024 8:00 AM"), a line that
    is only a date (and time), or a wire dateline ("KYIV, Oct. 24, 2024 (Reuters) -").
    A date inside a sentence or a photo caption is not a dateline.
    """
    lines = [ln for ln in text[:_DATELINE_WINDOW].split("\n") if ln.strip()]
    for line in lines[:_DATELINE_LINES]:
        dates = find_full_dates(line)
        if not dates:
            continue
        first = dates[0]
        before, after = line[: first.start], line[first.end:]
        label = _LABEL.match(line)
        if label and label.end() == first.start:
            return first.date
        if _BYLINE.match(line) and first.start < 120:
            return first.date
        if not before.strip() and _TIME_TAIL.match(after):
            return first.date
        if _WIRE_HEAD.match(before) and re.match(r"^\s*(?:\([^)]{1,30}\))?\s*[-–—]", after):
            return first.date
    return None


def _plausible_past(text: str, fd: FoundDate) -> bool:
    """False when the date is framed as a future or a deadline ("expected on Nov 6, 2024")."""
    lo = max(0, fd.start - 80)  # only the 80 characters before count: a bounded look back stays linear
    sentence_start = max(text.rfind(". ", lo, fd.start), text.rfind("\n", lo, fd.start)) + 1
    before = text[max(sentence_start, lo): fd.start]
    return not (_FUTURE_CUE.search(before) or _BY_BEFORE.search(before))


def weekday_references(text: str, skip: list[FoundDate] | None = None) -> list[int]:
    """Weekdays (0 = Monday) the text names as past days ("on Thursday", "Putin said
    Thursday"), leaving out those that belong to a full date and those framed as future
    ("this Sunday", "next Monday", "by Friday")."""
    spans = [(f.start, f.end) for f in (skip if skip is not None else find_full_dates(text))]
    out: list[int] = []
    for m in _WEEKDAY_REF.finditer(text):
        if any(s <= m.start("wd") < e for s, e in spans):
            continue
        pre = (m.group("pre") or "").strip().lower()
        if pre in _FUTURE_WEEKDAY_PRE:
            continue
        out.append(WEEKDAYS[m.group("wd").lower()] - 1)  # date.weekday(): Monday = 0
    return out


def latest_date(text: str) -> date | None:
    """The latest full date in the text that is not framed as future, moved forward to the
    latest weekday the article names as past (assumed to lie on or after that date):
    a text whose newest date is Wednesday October 23, 2024 and which says "Putin on
    Thursday didn't deny" was published on Thursday October 24 at the earliest."""
    dates = find_full_dates(text)
    past = [f.date for f in dates if _plausible_past(text, f)]
    if not past:
        return None
    latest = max(past)
    shift = max(((wd - latest.weekday()) % 7 for wd in weekday_references(text, dates)), default=0)
    return latest + timedelta(days=shift)


def infer_published(text: str) -> tuple[date | None, str]:
    """Publication date inferred from the text and how: ``(date, "inferred:dateline")``,
    ``(date, "inferred:latest-date")`` or ``(None, "")`` when the text gives no full date."""
    d = dateline_date(text)
    if d is not None:
        return d, "inferred:dateline"
    d = latest_date(text)
    if d is not None:
        return d, "inferred:latest-date"
    return None, ""
