"""Relative dates ("yesterday", "last week", "two years ago"), seasons and holidays.

Deictic expressions resolve against the anchor (publication date); anaphoric ones ("the
next day", "a year earlier") carry ``Hit.rel`` and resolve against the story's latest date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from data import tables
from data.timex.anchor import (
    day_value,
    resolve_month_day,
    resolve_season,
    shift,
    weekend_value,
)
from data.timex.base import Ctx, Hit, hit, rule, span
from data.timex.lexicon import MOD, NUM, SEASONS, UNIT, parse_number, unit_code

YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d])"
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_STEP = {r["word"]: int(r["step"]) for r in tables.rows("relative_steps")}
_EDGE_REL = (r"(?:early|earlier|late|later|mid|(?:the\s+)?(?:end|beginning|start|middle|rest|"
             r"first\s+half|second\s+half)\s+of)")


@rule(r"""(?<![\w])(?P<tx>(?i:(?:(?:earlier|later|early|late)\s+)?
          (?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow)))(?![\w])""")
def deictic_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if ctx.word_before(m.start()) in {"USA", "Russia"} and m["w"][:1].isupper():
        return None  # "USA Today", "Russia Today"
    w = m["w"].lower()
    n = {"yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2}.get(w, 2)
    return hit(m, "DATE", shift(ctx.anchor, n, "D"), kind="day")


@rule(r"""(?<![\w])(?P<tx>(?i:(?:(?:earlier|later|early|late)\s+)?
          (?:(?P<w>this|yesterday|tomorrow|last|today)\s+(?P<pod>morning|afternoon|evening|night)|(?P<tn>tonight))))
          (?![\w])""")
def part_of_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    w = (m["w"] or "this").lower()
    pod = "night" if m["tn"] else m["pod"].lower()
    if w == "last" and pod != "night":
        return None
    n = -1 if w in {"yesterday", "last"} else 1 if w == "tomorrow" else 0
    return hit(m, "TIME", f"{shift(ctx.anchor, n, 'D')}T{PARTS[pod]}")


@rule(rf"""(?<![\w])(?P<tx>(?i:(?:(?P<edge>{_EDGE_REL})[\s-]+)?(?P<the>the\s+)?
          (?P<which>this|last|next|past|previous|coming|current|following|same|that)\s+
          (?P<u>week|month|year|quarter|decade|century|weekend|date|day|spring|summer|autumn|fall|winter)))(?![\w-])""")
def relative_unit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    which, u = m["which"].lower(), m["u"].lower()
    the = bool(m["the"])
    if the and not m["edge"] and which in {"past", "last", "next"} and u in {"week", "month", "year", "decade",
                                                                            "century"}:
        return hit(m, "DURATION", f"P1{unit_code(u)[0]}")  # "the past year": a stretch of time
    if u in {"date", "day"}:
        if which in {"same", "that"}:
            return hit(m, "DATE", "", rel=(0, "D"))
        if not the:
            return None
        return hit(m, "DATE", "", rel=({"previous": -1, "next": 1, "following": 1}.get(which, 0), "D"))
    step = _STEP[which]
    if which in {"same", "that"} or (the and which in {"previous", "following"}):
        code = {"week": "W", "month": "M", "year": "Y"}.get(u)
        return hit(m, "DATE", "", rel=(step, code)) if code else None
    s, e = span(m)
    if u == "weekend":
        return hit(m, "DATE", weekend_value(ctx.anchor, which, ctx.tense(s, e)))
    if u in SEASONS:
        return hit(m, "DATE", resolve_season(SEASONS[u], ctx.anchor, which, ctx.tense(s, e)))
    if u == "quarter":
        if ctx.anchor is None:
            return hit(m, "DATE", "XXXX-QX")
        k = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 + step
        return hit(m, "DATE", f"{k // 4}-Q{k % 4 + 1}")
    code = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}[u]
    return hit(m, "DATE", shift(ctx.anchor, step, code))


@rule(r"(?<![\w])(?P<tx>(?i:the\s+weekend))(?![\w-])")
def the_weekend(m: re.Match[str], ctx: Ctx) -> Hit:
    s, e = span(m)
    return hit(m, "DATE", weekend_value(ctx.anchor, "", ctx.tense(s, e)))


@rule(rf"""(?<![\w])(?P<tx>(?i:(?:(?P<edge>{_EDGE_REL})[\s-]+)the\s+(?P<u>week|month|year|decade|century)))(?![\w-])""")
def edge_of_the_unit(m: re.Match[str], ctx: Ctx) -> Hit:
    code = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}[m["u"].lower()]
    return hit(m, "DATE", shift(ctx.anchor, 0, code))


@rule(rf"""(?<![\w])(?P<tx>(?:{MOD})?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\s+
          (?P<dir>(?i:ago|earlier|later|before|after|from\s+now|hence)))(?![\w])""")
def units_ago(m: re.Match[str], ctx: Ctx) -> Hit | None:
    n = parse_number(m["n"])
    if n is not None and n > 5000:
        return None
    code, is_time = unit_code(m["u"])
    d = m["dir"].lower()
    sign = -1 if d in {"ago", "earlier", "before"} else 1
    if d in {"before", "after"} and ctx.word_after(m.end()).lower() not in {"", "that", "and", "when"}:
        return None  # "two days before the vote": the duration rule takes "two days"
    if n is None:
        return hit(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if code == "2W":
        code, n = "W", 2 * n
    if is_time:
        code, n = "D", 0
    if d in {"ago", "from now", "hence"}:
        return hit(m, "DATE", shift(ctx.anchor, sign * n, code))
    return hit(m, "DATE", "", rel=(sign * n, code))


@rule(r"""(?<![\w])(?P<tx>(?i:the\s+(?:(?P<a>next|following|previous)\s+day|day\s+(?P<b>before|after|earlier|later))))
          (?![\w])""")
def anaphoric_day(m: re.Match[str], ctx: Ctx) -> Hit | None:
    w = (m["a"] or m["b"]).lower()
    if m["b"] and ctx.word_after(m.end()).lower() not in {"", "that", "and", "when", "but"}:
        return None  # "the day before the summit ended": a preposition, not an expression
    return hit(m, "DATE", "", rel=(-1 if w in {"previous", "before", "earlier"} else 1, "D"))


@rule(rf"""(?<![\w])(?P<tx>(?i:(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter))
          (?:\s+(?i:of)\s+|,?\s+)(?P<y>{YEAR}))""")
def season_year(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", f"{m['y']}-{SEASONS[m['s'].lower()]}")


@rule(r"""(?<![\w])(?P<tx>(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<s>(?i:spring|summer|autumn|winter)))(?![\w-])""")
def season_alone(m: re.Match[str], ctx: Ctx) -> Hit | None:
    before = ctx.word_before(m.start()).lower()
    if not m.group("tx").lower().startswith("the") and before not in {"in", "during", "this", "by", "until",
                                                                      "since", "over", "through"}:
        return None
    s, e = span(m)
    return hit(m, "DATE", resolve_season(SEASONS[m["s"].lower()], ctx.anchor, "", ctx.tense(s, e)))


def _holiday(name: str, y: int) -> date:
    if name == "easter":
        return easter(y)
    if name == "thanksgiving":
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's eve": (12, 31),
                  "new year's day": (1, 1), "halloween": (10, 31)}[name]
    return date(y, month, day)


@rule(r"(?<![\w])(?P<tx>(?P<h>Christmas\s+Eve|Christmas(?:\s+Day)?|New\s+Year['’]s\s+(?:Eve|Day)|Halloween|Easter(?:\s+Sunday)?|Thanksgiving(?:\s+Day)?))(?![\w])")
def holiday(m: re.Match[str], ctx: Ctx) -> Hit:
    name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'")).removesuffix(" day").removesuffix(" sunday")
    name = {"new year's": "new year's day"}.get(name, name)
    if ctx.anchor is None:
        d = _holiday(name, 2000)
        return hit(m, "DATE", f"XXXX-{d.month:02d}-{d.day:02d}")
    s, e = span(m)
    guess = resolve_month_day(*(lambda d: (d.month, d.day))(_holiday(name, ctx.anchor.year)), ctx.anchor,
                              ctx.tense(s, e))
    y = int(guess[:4])
    return hit(m, "DATE", day_value(_holiday(name, y)), kind="day")


@rule(r"(?<![\w])(?P<tx>(?i:every|each)\s+(?P<s>(?i:spring|summer|autumn|fall|winter)))(?![\w])")
def every_season(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "SET", f"XXXX-{SEASONS[m['s'].lower()]}")
