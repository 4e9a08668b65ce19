"""Calendar arithmetic against an anchor date, and the tense that decides past vs future.

"On Thursday" in an article of Friday 25 Oct 2024 is 2024-10-24 (news reports the past),
"will be held on Sunday" is 2024-10-27. Every function takes ``anchor: date | None``; with
no anchor, relative expressions come out underspecified ("XXXX-10-24", "XXXX-WXX-4").
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from typing import Literal

from data import tables

Tense = Literal["past", "future"] | None

_FUTURE = frozenset(tables.words("future_cues"))
_FUTURE_BEFORE_TO = frozenset(tables.words("future_before_to"))
_PAST = frozenset(tables.words("past_cues"))
_NOT_PAST_ED = frozenset(tables.words("not_past_ed"))
_PRESENT_FUTURE = frozenset(tables.words("present_future"))
_TOKEN = re.compile(r"[A-Za-z']+|[,;:()“”\"—–]")
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")
_CLAUSE_BREAK = frozenset(tables.words("clause_breaks"))


_ABBREV = frozenset(tables.words("abbreviations")) | {"no"}
"""Full stops that end no sentence for tense cues; "No. 5" too (the sentence splitter keeps "said no.")."""


_WORD_TAIL = re.compile(r"[\w.]*$")
_INITIALS = re.compile(r"(?:\w\.)*\w")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    if m.group() == "\n" or text[m.start()] != ".":
        return True
    word = _WORD_TAIL.search(text[max(0, m.start() - 12):m.start()]).group().lower()  # type: ignore[union-attr]
    return word not in _ABBREV and not _INITIALS.fullmatch(word or "xx")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence around [start, end): cheap and good enough for tense cues."""
    lo = max(0, start - 400)
    for m in _SENT_END.finditer(text, lo, start):
        if _is_boundary(text, m):
            lo = m.end()
    hi = min(len(text), end + 400)
    for m in _SENT_END.finditer(text, end, hi):
        if _is_boundary(text, m):
            hi = m.start() + 1
            break
    return lo, hi


def _cue(toks: list[tuple[int, str]], i: int) -> tuple[Tense, float]:
    """The tense a token signals and a distance penalty (present tense is a weak future cue)."""
    w = toks[i][1]
    nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
    prev = toks[i - 1][1] if i else ""
    if w in _FUTURE or (w in _FUTURE_BEFORE_TO and nxt == "to") or w.endswith("'ll"):
        return "future", 0.0
    if prev in {"be", "being"}:
        return None, 0.0  # passive: "will be held", "to be passed" take their tense from the auxiliary
    if w in _PAST or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED):
        return "past", 0.0
    if w in _PRESENT_FUTURE:
        return "future", 3.0  # "the summit opens Monday", "the vote is on Sunday"
    return None, 0.0


class Tokens:
    """Word tokens of a text with their tense cues, and for every token the nearest cue and
    clause break on each side: computed once, so each look-up is constant time."""

    def __init__(self, text: str, lo: int = 0, hi: int | None = None) -> None:
        self.toks = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text, lo, len(text) if hi is None else hi)]
        self.starts = [p for p, _ in self.toks]
        n = len(self.toks)
        cues = [_cue(self.toks, i) for i in range(n)]
        self.cues = cues
        breaks = [w in _CLAUSE_BREAK for _, w in self.toks]
        # nearest index at or before / at or after i holding a strong (0) or weak (>0) cue, or a break
        self.left = {k: [-1] * n for k in ("strong", "weak", "break")}
        self.right = {k: [n] * n for k in ("strong", "weak", "break")}
        kinds = [("strong" if c[1] == 0 else "weak") if c[0] else "" for c in cues]
        last = {"strong": -1, "weak": -1, "break": -1}
        for i in range(n):
            if kinds[i]:
                last[kinds[i]] = i
            if breaks[i]:
                last["break"] = i
            for k in last:
                self.left[k][i] = last[k]
        nxt = {"strong": n, "weak": n, "break": n}
        for i in range(n - 1, -1, -1):
            if kinds[i]:
                nxt[kinds[i]] = i
            if breaks[i]:
                nxt["break"] = i
            for k in nxt:
                self.right[k][i] = nxt[k]


def tense_at(text: str, start: int, end: int, tokens: Tokens | None = None,
             bounds: tuple[int, int] | None = None) -> Tense:
    """Past or future by the tense cue nearest to the expression, looking first inside its
    clause (commas, "that", "and" bound it), then in the whole sentence (ties: left).
    ``bounds`` is the sentence's span when the caller has it already."""
    lo, hi = bounds or sentence_bounds(text, start, end)
    tk = tokens or Tokens(text, lo, hi)
    lo_i, hi_i = bisect.bisect_left(tk.starts, lo), bisect.bisect_left(tk.starts, hi) - 1
    first, last = bisect.bisect_left(tk.starts, start), bisect.bisect_left(tk.starts, end) - 1
    if first > last:
        return None
    a = max(lo_i, tk.left["break"][first - 1] + 1) if first > 0 else lo_i
    b = min(hi_i, tk.right["break"][last + 1] - 1) if last + 1 < len(tk.toks) else hi_i
    for wlo, whi in ((a, b), (lo_i, hi_i)):
        best: tuple[float, Tense] | None = None
        for kind in ("strong", "weak"):
            cands = []
            if first > 0 and (i := tk.left[kind][first - 1]) >= wlo:
                cands.append((first - i, i))
            if last + 1 < len(tk.toks) and (i := tk.right[kind][last + 1]) <= whi:
                cands.append((i - last + 0.5, i))
            for dist, i in cands:
                cue, penalty = tk.cues[i]
                if best is None or dist + penalty < best[0]:
                    best = (dist + penalty, cue)
        if best:
            return best[1]
    return None


# ---- values -------------------------------------------------------------------------------

def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(anchor: date | None, n: float, unit: str) -> str:
    """The date ``n`` units after the anchor (negative: before), at the unit's granularity."""
    if anchor is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(
            unit, "XXXX-XX-XX")
    if unit == "Y" and not float(n).is_integer():
        unit, n = "M", round(n * 12)
    if unit == "M" and not float(n).is_integer():
        unit, n = "D", round(n * 30)
    if unit == "W" and not float(n).is_integer():
        unit, n = "D", round(n * 7)
    n = int(round(n))
    try:
        if unit in {"D", "H", "S"}:
            return day_value(anchor + timedelta(days=n if unit == "D" else 0))
        if unit == "W":
            return week_value(anchor + timedelta(weeks=n))
        if unit == "2W":
            return week_value(anchor + timedelta(weeks=2 * n))
        if unit == "M":
            return month_value(*add_months(anchor.year, anchor.month, n))
        if unit == "Y":
            return f"{anchor.year + n:04d}"
        if unit == "DE":
            return f"{(anchor.year + 10 * n) // 10:03d}"
        if unit == "CE":
            return f"{(anchor.year + 100 * n) // 100:02d}"
    except (OverflowError, ValueError):
        return "XXXX-XX-XX"
    return day_value(anchor)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_month_day(month: int, day: int, anchor: date | None, tense: Tense) -> str:
    """Year for a month-day without one: the occurrence the tense points to, else the nearest."""
    if anchor is None:
        return f"XXXX-{month:02d}-{day:02d}"
    cands = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    if not cands:
        return f"XXXX-{month:02d}-{day:02d}"
    slack = timedelta(days=14)
    if tense == "past":
        ok = [d for d in cands if d <= anchor + slack]
        if ok:
            return day_value(max(ok))
    elif tense == "future":
        ok = [d for d in cands if d >= anchor - slack]
        if ok:
            return day_value(min(ok))
    return day_value(min(cands, key=lambda d: abs((d - anchor).days)))


def resolve_month(month: int, anchor: date | None, tense: Tense) -> str:
    """Year for a bare month: by tense, else the nearest month (news: usually this year)."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    y, cur = anchor.year, anchor.month
    if tense == "past" and month > cur:
        return month_value(y - 1, month)
    if tense == "future" and month < cur:
        return month_value(y + 1, month)
    if tense is None and abs(month - cur) > 6:
        return month_value(y - 1 if month > cur else y + 1, month)
    return month_value(y, month)


def resolve_weekday(wd: int, anchor: date | None, tense: Tense, which: str = "") -> str:
    """Date of a weekday (1 = Monday): "this" = same ISO week, "last"/"next" = strictly before/after,
    bare = the nearest one the tense points to (past by default: news reports what happened)."""
    if anchor is None:
        return f"XXXX-WXX-{wd}"
    diff = wd - anchor.isoweekday()
    if which == "this":
        return day_value(anchor + timedelta(days=diff))
    if which in {"last", "past", "previous"}:
        return day_value(anchor - timedelta(days=(-diff) % 7 or 7))
    if which in {"next", "coming"}:
        return day_value(anchor + timedelta(days=diff % 7 or 7))
    if tense == "future":
        return day_value(anchor + timedelta(days=diff % 7))
    return day_value(anchor - timedelta(days=(-diff) % 7))


def resolve_named_month(month: int, anchor: date | None, which: str) -> str:
    """"last August" = the latest August before this month; "next March"; "this June"."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    y, cur = anchor.year, anchor.month
    if which in {"last", "past", "previous"}:
        return month_value(y if month < cur else y - 1, month)
    if which in {"next", "coming"}:
        return month_value(y if month > cur else y + 1, month)
    return month_value(y, month)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def resolve_season(code: str, anchor: date | None, which: str, tense: Tense) -> str:
    """TimeML season value ("2024-SU"); winter belongs to the year it starts in."""
    if anchor is None:
        return f"XXXX-{code}"
    y = anchor.year
    start_m = _SEASON_START[code]
    cur_y = y - 1 if (code == "WI" and anchor.month <= 2) else y
    started = anchor >= date(cur_y, start_m, 1)
    ended = anchor >= date(cur_y + (start_m + 3 > 12), (start_m + 2) % 12 + 1, 1)
    if which in {"last", "past", "previous"}:
        return f"{cur_y if ended else cur_y - 1}-{code}"
    if which in {"next", "coming"}:
        return f"{cur_y + 1 if started else cur_y}-{code}"
    if which == "this" or tense is None:
        return f"{cur_y}-{code}"
    if tense == "past":
        return f"{cur_y if started else cur_y - 1}-{code}"
    return f"{cur_y if not ended else cur_y + 1}-{code}"


def weekend_value(anchor: date | None, which: str, tense: Tense) -> str:
    """ISO weekend of the week meant: "last weekend" on a Friday is the one before."""
    if anchor is None:
        return "XXXX-WXX-WE"
    wd = anchor.isoweekday()
    if which in {"last", "past", "previous"}:
        d = anchor - timedelta(days=7 if wd >= 6 else wd)
    elif which in {"next", "coming", "following"}:
        d = anchor + timedelta(days=7)
    elif which == "this" or tense != "past":
        d = anchor
    else:
        d = anchor - timedelta(days=0 if wd >= 6 else wd)
    return week_value(d) + "-WE"
