"""Calendar expressions: full and partial dates, months, weekdays, years, decades, centuries.

Each rule is a regex plus a normaliser; spans follow TimeML (modifiers such as "early" and
"the" are inside, prepositions outside). ``data.timex.rules`` lists them with the others; its
order breaks ties between equally long candidates.
"""

from __future__ import annotations

import re

from data.timex.anchor import (
    month_value,
    resolve_month,
    resolve_month_day,
    resolve_named_month,
    resolve_weekday,
)
from data.timex.base import PREP_CONTEXT, Ctx, Hit, hit, rule, span
from data.timex.lexicon import COUNT_NOUNS, MONTH, MONTHS, ORDINALS, WEEKDAY, WEEKDAYS

YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d])(?![.,]\d)"
DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?!\d|:\d)"
EDGE = (r"(?i:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
        r"end\s+of|beginning\s+of|start\s+of|middle\s+of)(?:\s+(?:and|to|or)\s+(?:early|mid|late))?)")
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_MEASURE = re.compile(r"-(?:metres?|meters?|m|km|miles?|strong|seats?|pages?|words?|foot|feet|ft|yards?|kg|tons?)\b",
                      re.IGNORECASE)
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "dec"}


def _tense(ctx: Ctx, s: int, e: int):
    """Tense, except after "until"/"by": "was delayed until April" says nothing about April."""
    return None if ctx.word_before(s).lower() in {"until", "till", "by"} else ctx.tense(s, e)


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _valid(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _date_hits(ctx: Ctx, m: re.Match[str], mon: str, d1: str, d2: str | None, year: str | None) -> list[Hit]:
    month = _month(mon)
    days = [(int(_day(d1)), m.span("d"))] + ([(_day(d2), m.span("d2"))] if d2 else [])
    if not all(_valid(month, d) for d, _ in days):
        return []
    if d2 and ctx.word_after(m.end()).lower() in COUNT_NOUNS:
        return []
    s, e = span(m)
    if year:
        y = int(year)
        values = [f"{y:04d}-{month:02d}-{d:02d}" for d, _ in days]
    else:
        first = resolve_month_day(month, days[0][0], ctx.anchor, _tense(ctx, s, e))
        values = [first[:8] + f"{d:02d}" for d, _ in days]
    if not d2:
        return [Hit(s, e, "DATE", values[0], kind="day")]
    # a range: "October 22 to 24" -> "October 22" and "24"; "22-24 October" -> "22" and "24 October"
    (_, (a0, a1)), (_, (b0, b1)) = days
    if m.start("mon") < a0:
        return [Hit(s, a1, "DATE", values[0], kind="day"), Hit(b0, e, "DATE", values[1], kind="day")]
    return [Hit(a0, a1, "DATE", values[0], kind="day"), Hit(b0, e, "DATE", values[1], kind="day")]


@rule(r"(?<![\w-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?:[T\s](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?(?![\d])")
def iso_date(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mo, d = int(m["mo"]), int(m["d"])
    if not (1 <= mo <= 12 and _valid(mo, d)):
        return None
    v = f"{m['y']}-{m['mo']}-{m['d']}"
    return hit(m, "TIME", f"{v}T{m['h']}:{m['mi']}") if m["h"] else hit(m, "DATE", v, kind="day")


@rule(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d])")
def numeric_date(m: re.Match[str], ctx: Ctx) -> Hit | None:
    a, b = int(m["a"]), int(m["b"])
    us = m["sep"] == "/" and a <= 12 and _valid(a, b)
    mo, d = (a, b) if us else (b, a)
    if not (1 <= mo <= 12 and _valid(mo, d)):
        return None
    return hit(m, "DATE", f"{m['y']}-{mo:02d}-{d:02d}", kind="day")


@rule(rf"""(?<![\w.])(?P<tx>(?P<mon>{MONTH})\s*(?P<d>{DAY})
          (?:\s*(?:-|–|—|to|through|until|till|and)\s*(?P<d2>{DAY})(?!\s*(?:{MONTH})))?
          (?:(?:,\s*|\s+)(?P<y>{YEAR}))?)""")
def month_day(m: re.Match[str], ctx: Ctx) -> list[Hit]:
    return _date_hits(ctx, m, m["mon"], m["d"], m["d2"], m["y"])


@rule(rf"""(?<![\w.,$])(?P<tx>(?:(?i:the)\s+)?(?P<d>{DAY})
          (?:\s*(?:-|–|—|to|and)\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<mon>{MONTH})
          (?:,?\s*(?P<y>{YEAR}))?)""")
def day_month(m: re.Match[str], ctx: Ctx) -> list[Hit]:
    return _date_hits(ctx, m, m["mon"], m["d"], m["d2"], m["y"])


@rule(rf"(?<![\w.])(?P<tx>(?:{EDGE}[\s-]*)?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}))")
def month_year(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", month_value(int(m["y"]), _month(m["mon"])))


@rule(rf"""(?<![\w.])(?P<tx>(?:{EDGE}[\s-]*)?(?P<mon>{MONTH})(?:\s+of)?\s+
          (?P<rel>(?i:last|this|next|the\s+previous|the\s+following))\s+(?i:year))""")
def month_rel_year(m: re.Match[str], ctx: Ctx) -> Hit:
    if ctx.anchor is None:
        return hit(m, "DATE", f"XXXX-{_month(m['mon']):02d}")
    rel = m["rel"].lower().split()[-1]
    y = ctx.anchor.year + {"last": -1, "previous": -1, "next": 1, "following": 1}.get(rel, 0)
    return hit(m, "DATE", month_value(y, _month(m["mon"])))


@rule(rf"""(?<![\w.])(?P<tx>(?P<edge>{EDGE}[\s-]*)?(?:(?P<which>(?i:last|this|next|past|coming))\s+)?
          (?P<mon>{MONTH}))(?![\w-])""")
def month_alone(m: re.Match[str], ctx: Ctx) -> Hit | None:
    name = m["mon"].lower()
    before = ctx.word_before(m.start()).lower()
    after = ctx.word_after(m.end())
    bare = not m["edge"] and not m["which"]
    if bare and name.rstrip(".") in _AMBIGUOUS_MONTHS and not name.endswith(".") and before not in PREP_CONTEXT:
        return None
    if bare and after[:1].isupper() and before not in PREP_CONTEXT and after.capitalize() not in WEEKDAYS:
        return None  # "June Carter", "August Pictures"
    month = _month(name)
    s, e = span(m)
    if m["which"]:
        return hit(m, "DATE", resolve_named_month(month, ctx.anchor, m["which"].lower()))
    return hit(m, "DATE", resolve_month(month, ctx.anchor, _tense(ctx, s, e)))


@rule(rf"""(?<![\w.])(?P<tx>(?:(?P<edge>(?i:early|late))\s+)?(?:(?P<which>(?i:this|last|next|past|coming|previous))\s+)?
          (?P<wd>{WEEKDAY})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?)(?![\w])""")
def weekday(m: re.Match[str], ctx: Ctx) -> Hit:
    s, e = span(m)
    which = (m["which"] or "").lower()
    v = resolve_weekday(WEEKDAYS[m["wd"].lower()], ctx.anchor, ctx.tense(s, e), which)
    if m["pod"]:
        return hit(m, "TIME", f"{v}T{PARTS[m['pod'].lower()]}")
    return hit(m, "DATE", v, kind="weekday")


@rule(rf"(?<![\w.])(?P<tx>(?:(?i:every|each)\s+(?P<wd>{WEEKDAY})|(?P<wd2>{WEEKDAY})s)(?![\w]))")
def weekday_set(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "SET", f"XXXX-WXX-{WEEKDAYS[(m['wd'] or m['wd2']).lower()]}")


@rule(rf"(?<![\w$£€#.,/:])(?P<tx>(?:{EDGE}[\s-]*)?(?:(?i:the\s+year)\s+)?(?P<y>{YEAR}))(?![\w%])")
def year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y = int(m["y"])
    s, _ = span(m)
    before = ctx.word_before(s).lower().rstrip(".")
    if ctx.word_after(m.end()).lower() in COUNT_NOUNS or before in {"no", "article", "resolution", "flight",
                                                                       "route", "number", "room", "su", "mig"}:
        return None
    if y < 1900 and before not in PREP_CONTEXT and not m.group("tx").lower().startswith(("the", "mid", "early")):
        return None
    if ctx.text[s - 1:s] in "$£€" and s > 0:
        return None
    if _MEASURE.match(ctx.text, m.end()):
        return None  # "the 2000-metre race"
    return hit(m, "DATE", f"{y:04d}")


@rule(rf"\b(?P<tx>(?i:fiscal(?:\s+year)?\s+|FY\s?)(?P<y>{YEAR}))")
def fiscal_year(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", f"FY{m['y']}")


@rule(r"""(?<![\w'’])(?P<tx>(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?
          (?:(?P<c>1[5-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0)['’]?s)(?![\w])""")
def decade(m: re.Match[str], ctx: Ctx) -> Hit:
    if m["c"]:
        return hit(m, "DATE", f"{m['c']}{m['d']}")
    d = m["d2"]
    return hit(m, "DATE", ("19" if d >= "3" else "20") + d)


@rule(r"(?<![\w'’])(?P<tx>(?i:the)\s+(?:(?i:early|mid|late)[\s-]+)?(?P<d>[2-9])0s)(?![\w])")
def decade_short(m: re.Match[str], ctx: Ctx) -> Hit:
    """"the 70s" (without the apostrophe): the twentieth century's decades."""
    return hit(m, "DATE", "19" + m["d"])


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule(rf"\b(?P<tx>(?i:the\s+(?:(?:early|mid|late)[\s-]+)?(?P<w>{'|'.join(_DECADE_WORDS)})))(?![\w])")
def decade_word(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", f"19{_DECADE_WORDS[m['w'].lower()]}")


_ORD_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))


@rule(rf"""\b(?P<tx>(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?
          (?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>(?i:{_ORD_WORDS})))[\s-]+(?i:century))(?![\w])""")
def century(m: re.Match[str], ctx: Ctx) -> Hit | None:
    n = int(m["n"]) if m["n"] else ORDINALS[m["w"].lower()]
    return hit(m, "DATE", f"{n - 1:02d}") if 1 <= n <= 22 else None


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


@rule(rf"""\b(?P<tx>(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final))[\s-]+(?i:quarter)
          (?:\s+(?i:of)\s+(?:(?P<y>{YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))?)(?![\w])""")
def quarter(m: re.Match[str], ctx: Ctx) -> Hit:
    q = _QUARTER_WORDS[m["q"].lower()]
    return hit(m, "DATE", f"{_ref_year(m, ctx)}-Q{q}")


@rule(rf"(?<![\w])(?P<tx>Q(?P<q>[1-4])(?:\s*(?:of\s+)?(?P<y>{YEAR}))?)(?![\w])")
def quarter_abbr(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", f"{_ref_year(m, ctx)}-Q{m['q']}")


@rule(rf"""\b(?P<tx>(?:(?i:the)\s+)?(?P<h>(?i:first|second))\s+(?i:half)\s+(?i:of)\s+
          (?:(?P<y>{YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))(?![\w])""")
def half_year(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "DATE", f"{_ref_year(m, ctx)}-H{1 if m['h'].lower() == 'first' else 2}")


def _ref_year(m: re.Match[str], ctx: Ctx) -> str:
    """The year a quarter or half belongs to: written, relative, or the anchor's."""
    if m["y"]:
        return m["y"]
    if ctx.anchor is None:
        return "XXXX"
    rel = (m["rel"] or "").lower() if "rel" in m.re.groupindex else ""
    return str(ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0))

