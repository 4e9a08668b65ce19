"""Temporal expressions in news text, normalised to TimeML values against the publication date.

A hand-written grammar (``timex_dates``, ``timex_relative``, ``timex_durations``) proposes
candidates; the longest non-overlapping ones win; adjacent pieces merge ("Friday, Oct. 25",
"25 Oct 16:00"); anaphoric expressions ("the next day") resolve against the latest date
the story mentioned before them. Public API: ``extract_timexes`` (values are read back with
``data.timeml``).
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import cache

from data import timeml
from data.model import TimeEx
from data.timex.anchor import shift
from data.timex.base import Ctx, Hit
from data.timex.rules import RULES
from data.timex.windows import WordPass, rule_triggers
from data.wordscan import MultiScan

__all__ = ["extract_timexes"]

MAX_TEXT = 5_000_000
_JOIN_WEEKDAY = re.compile(r",?\s{1,3}(?:the\s+)?$")
_ON = re.compile(r",?\s{1,3}(?:on\s+)?")
_AT = re.compile(r",?\s{1,3}(?:at\s+)?")
_JOIN_CLOCK = re.compile(r"(?:,?\s{1,3}(?:at\s+)?|\s*[,/]\s*)$")


_TRIGGERS = rule_triggers([p.pattern for _, p, _ in RULES], [p.flags for _, p, _ in RULES])


@cache
def _scan() -> MultiScan:
    """The rules' patterns, tried only at the words that can start them where their first words can be read
    off the pattern (``data.wordscan``: the same matches, without trying every rule at every word). Built on
    first use (~15 ms), not at import."""
    return MultiScan(p for _, p, _ in RULES)


@cache
def _word_pass() -> WordPass:
    return WordPass(_TRIGGERS, _scan())


def _windows(text: str) -> tuple[list[list[tuple[int, int]]], list[list[int] | None]]:
    """Per rule, its windows (``rule_windows``) and the word starts its scan tries (``MultiScan.starts``),
    both from one pass over the text's words (``WordPass``)."""
    return _word_pass()(text)


def _candidates(ctx: Ctx) -> list[tuple[Hit, int]]:
    """Every rule's hits with the rule's priority, looking only inside the windows around trigger words
    (``timex_windows``). The priority rides along beside the hit: re-creating each frozen ``Hit`` to set
    it cost ~5% of the extraction."""
    out: list[tuple[Hit, int]] = []
    spans, starts = _windows(ctx.text)
    scan = _scan()
    for prio, (_name, _pattern, handler) in enumerate(RULES):
        for m in scan.finditer(prio, ctx.text, spans[prio], starts):
            try:
                res = handler(m, ctx)
            except (ValueError, OverflowError, KeyError, IndexError):  # one odd match must not cost the text
                continue
            if res is None:
                continue
            for h in [res] if isinstance(res, Hit) else res:
                if h.end > h.start:
                    out.append((h, prio))
    return out


def _select(cands: list[tuple[Hit, int]]) -> list[Hit]:
    """Longest first, then earliest, then rule order; keep those that overlap nothing kept."""
    starts: list[int] = []  # kept spans, sorted and disjoint
    ends: list[int] = []
    taken: list[Hit] = []
    for h, _prio in sorted(cands, key=lambda c: (-(c[0].end - c[0].start), c[0].start, c[1])):
        i = bisect.bisect_right(starts, h.start)
        if (i and ends[i - 1] > h.start) or (i < len(starts) and starts[i] < h.end):
            continue
        starts.insert(i, h.start)
        ends.insert(i, h.end)
        taken.append(h)
    return sorted(taken, key=lambda h: h.start)


def _merge(text: str, hits: list[Hit]) -> list[Hit]:
    """Join "Friday, Oct. 25" (one date) and "October 25, 2024 8:00 AM" (one time)."""
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        gap = text[prev.end:h.start] if prev else ""
        if prev and prev.kind == "weekday" and h.kind == "day" and _JOIN_WEEKDAY.fullmatch(gap):
            out[-1] = Hit(prev.start, h.end, "DATE", h.value, "day", h.rel)
            continue
        if (prev and prev.kind == "day" and h.kind == "clock" and _JOIN_CLOCK.fullmatch(gap)
                and len(gap) <= 5 and "T" in h.value and prev.value[:1].isdigit()):
            out[-1] = Hit(prev.start, h.end, "TIME", prev.value + h.value[h.value.index("T"):], "clock")
            continue
        if prev and prev.kind == "clock" and h.kind in {"day", "weekday"} and _ON.fullmatch(gap):
            # "9:30 a.m. on Monday": two expressions, the time takes Monday's date
            out[-1] = Hit(prev.start, prev.end, prev.type, h.value + prev.value[prev.value.index("T"):], "clock")
        elif prev and prev.kind == "weekday" and h.kind == "clock" and _AT.fullmatch(gap):
            h = Hit(h.start, h.end, h.type, prev.value + h.value[h.value.index("T"):], "clock")
        out.append(h)
    return out


_FOUR_DIGITS = re.compile(r"\d{4}")
_FAR = 5000  # characters: how far back a paragraph may start (a single-line article is one huge paragraph)
_NEAR = 250  # characters: a "the next day" always looks at least this far back for the date it follows
_RECENT = 31  # days: a story's "news time" is within a month of publication


def _day_of(value: str) -> date | None:
    p = timeml.parse(value)
    return p.first if p.precision == "day" else None


def _window_start(text: str, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos`` (paragraphs are lines), or ``pos - _NEAR``."""
    floor = max(0, pos - _FAR)  # bounded look back: linear on a single-line article
    cur = text.rfind("\n", floor, pos)
    if cur < 0:
        return floor
    j = cur
    while j > floor and text[j - 1].isspace():
        j -= 1
    prev = text.rfind("\n", max(0, j - _FAR), j)
    return min(prev + 1 if prev >= 0 else max(0, j - _FAR), max(0, pos - _NEAR))


def _reference_day(ctx: Ctx, h: Hit, days: list[tuple[int, date]]) -> date | None:
    """The day "the same day", "the next day", "two days later" hang on.

    The nearest day-precision date before it in the same or the previous paragraph (in a
    past-tense sentence, not one after publication: "on November 6" is still to come);
    else the story's governing date: its first date in news time (the lede's); else the anchor.
    """
    anchor = ctx.anchor
    lo = _window_start(ctx.text, h.start)
    past_only = anchor is not None and ctx.tense(h.start, h.end) != "future"
    for pos, d in reversed(days):
        if pos < lo:
            break
        if not (past_only and d > anchor):
            return d
    if anchor is not None:
        for _, d in days[:50]:
            if timedelta(0) <= anchor - d <= timedelta(days=_RECENT):
                return d
    return anchor


def _resolve_anaphora(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """Give "the next day", "a year earlier" a value from the dates mentioned before them."""
    days: list[tuple[int, date]] = []
    last_year: date | None = ctx.anchor
    out: list[Hit] = []
    for h in hits:
        if h.rel is not None:
            n, unit = h.rel
            ref = last_year if unit in {"Y", "DE", "CE"} else _reference_day(ctx, h, days)
            h = Hit(h.start, h.end, h.type, shift(ref, n, unit), h.kind, None, h.priority)
        if (d := _day_of(h.value)) is not None:
            days.append((h.end, d))
            last_year = d
        elif _FOUR_DIGITS.fullmatch(h.value):
            last_year = date(int(h.value), 7, 1)
        out.append(h)
    return out


def extract_timexes(text: str, anchor: date | None) -> list[TimeEx]:
    """Every temporal expression in ``text``, sorted by offset, non-overlapping,
    ``text[t.start:t.end] == t.text``. Relative ones resolve against ``anchor``
    (the publication date); without it they come out underspecified ("XXXX-10-24")."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if anchor is not None and not isinstance(anchor, date):
        raise TypeError(f"anchor must be a date or None, not {type(anchor).__name__}")
    text = text[:MAX_TEXT]
    ctx = Ctx(text, anchor)
    hits = _resolve_anaphora(ctx, _merge(text, _select(_candidates(ctx))))
    return [TimeEx(h.start, h.end, text[h.start:h.end], h.type, h.value) for h in hits if h.value]  # type: ignore[arg-type]
