"""Durations ("the past two weeks" P2W), sets ("daily" P1D), vague references ("recently"
PAST_REF) and clock times ("16:00", "8 a.m.").

TimeML conventions: durations take P/PT values with X for vague amounts ("several weeks"
PXW); references to the present, past and future use PRESENT_REF/PAST_REF/FUTURE_REF.
"""

from __future__ import annotations

import re

from data.timex.anchor import shift
from data.timex.base import Ctx, Hit, hit, rule
from data.timex.lexicon import MOD, NUM, REF_WORDS, SET_WORDS, UNIT, fmt_amount, parse_number, unit_code

TZ = r"(?:GMT|UTC|EET|EEST|CET|CEST|BST|EDT|EST|ET|PT|PDT|PST|CT|CDT|CST|MSK|KST|JST|IST|WIB|AEST|AEDT)"
AMPM = r"(?i:a\.m\.|p\.m\.|am|pm)(?![\w])"


_AMOUNT = re.compile(r"(?:\d|\b(?:million|billion|trillion|thousand|dollars|euros|percent|barrels|tons|"
                     r"times|once|twice|hundred))\W{0,2}\s*$", re.IGNORECASE)


def _duration(n: float | None, unit_word: str) -> str:
    code, is_time = unit_code(unit_word)
    if code == "2W":
        code, n = "W", None if n is None else 2 * n
    return f"PT{fmt_amount(n)}{code}" if is_time else f"P{fmt_amount(n)}{code}"


@rule(rf"""(?<![\w])(?P<tx>(?:(?i:the)\s+(?i:past|last|next|previous|first|coming|following|final|remaining|
          initial|latest|subsequent)\s+)?(?:{MOD})?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>[\s-]+old)?)(?![\w])""")
def duration(m: re.Match[str], ctx: Ctx) -> Hit | None:
    n_text = m["n"].lower()
    u = m["u"].lower()
    if n_text in {"a", "an"} and u.startswith(("second", "min")):
        return None  # "a second round"
    if u in {"night", "nights"} and n_text in {"a", "an", "one"}:
        return None  # "one night"
    if n_text in {"a", "an"} and u.endswith("s"):
        return None  # "a months-long battle"
    before = ctx.word_before(m.start()).lower()
    if before in {"every", "each", "per", "once", "twice"}:
        return None
    n = parse_number(m["n"])
    if n is not None and n > 10000:
        return None
    if n is not None and m["half"]:
        n += 0.5
    if n_text in {"a", "an"} and not m["old"] and _AMOUNT.search(ctx.text[max(0, m.start() - 25):m.start()]):
        return hit(m, "SET", _duration(1, u))  # "$2 billion a day", "10 percent a year"
    if u.startswith("second") and "-" in m.group("tx"):
        return None
    return hit(m, "DURATION", _duration(n, u))


@rule(r"""(?<![\w])(?i:for|after|within|over|in|than|of|lasting|spent|took|takes|last|lasted)\s+
          (?P<tx>(?i:(?<=over\s)the\s+)?(?P<u>days|weeks|months|years|decades|centuries|hours|minutes))(?![\w])""")
def bare_plural_duration(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if ctx.word_after(m.end()).lower() in {"ago", "earlier", "later"}:
        return None
    return hit(m, "DURATION", _duration(None, m["u"]))


_REF = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in REF_WORDS), key=len, reverse=True))


@rule(rf"""(?<![\w])(?P<tx>(?i:{_REF}|recent\s+(?:days|weeks|months|years|decades)|
          the\s+(?:coming|upcoming)\s+(?:days|weeks|months|years|decades)|
          the\s+(?:days|weeks|months|years)\s+(?:ahead|to\s+come)|
          (?:days|weeks|months|years|decades|long|a\s+while|some\s+time|a\s+long\s+time)\s+ago))(?![\w])""")
def reference(m: re.Match[str], ctx: Ctx) -> Hit | None:
    t = re.sub(r"\s+", " ", m.group("tx").lower())
    before = ctx.word_before(m.start()).lower()
    if t == "present" and before != "at":
        return None
    nxt = ctx.word_after(m.end())
    if t == "the present" and nxt.islower() and nxt not in {"and", "or", "is", "was", "day"}:
        return None  # "the present situation": an adjective
    if t == "the moment" and before not in {"at", "for"}:
        return None
    if t == "the past" and re.match(r"\s+(?:\d|(?i:few|several|two|three|four|five|ten))", ctx.text[m.end():m.end() + 8]):
        return None
    if t in REF_WORDS:
        return hit(m, "DATE", REF_WORDS[t])
    if t.endswith("ago") or t.startswith("recent"):
        return hit(m, "DATE", "PAST_REF")
    return hit(m, "DATE", "FUTURE_REF")


@rule(r"(?<![\w])(?P<tx>(?i:hourly|daily|nightly|weekly|biweekly|monthly|quarterly|yearly|annually|annual))(?![\w])")
def set_word(m: re.Match[str], ctx: Ctx) -> Hit | None:
    word = m.group("tx")
    if word[0].isupper():
        before = ctx.text[max(0, m.start() - 3):m.start()]
        if ctx.word_after(m.end())[:1].isupper() or (before.strip() and not re.search(r"[.!?\n]\s*$", before)):
            return None  # "Daily Mail", "China Daily", "Monthly Briefing"
    return hit(m, "SET", SET_WORDS[word.lower()])


@rule(rf"""(?<![\w])(?P<tx>(?i:every|each|per)\s+(?:(?P<n>{NUM}|(?i:other))\s+)?(?P<u>{UNIT}))(?![\w])""")
def every_unit(m: re.Match[str], ctx: Ctx) -> Hit:
    n_text = (m["n"] or "").lower()
    n = 2 if n_text == "other" else (parse_number(m["n"]) if m["n"] else 1)
    return hit(m, "SET", _duration(n, m["u"]))


@rule(rf"""(?<![\w])(?P<tx>(?i:once|twice|thrice|(?:{NUM})\s+times)\s+(?i:a|an|per|every|each)\s+(?P<u>{UNIT}))(?![\w])""")
def frequency(m: re.Match[str], ctx: Ctx) -> Hit:
    return hit(m, "SET", _duration(1, m["u"]))


def _clock(ctx: Ctx, m: re.Match[str], h: int, mi: int) -> Hit | None:
    ap = ((m["ap"] if "ap" in m.re.groupindex else None) or "").lower().replace(".", "")
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "pm" else 0)
    if not 0 <= h <= 24:
        return None
    day = shift(ctx.anchor, 0, "D")
    return hit(m, "TIME", f"{day}T{h:02d}:{mi:02d}", kind="clock")


@rule(rf"""(?<![\w:.,])(?P<tx>(?P<h>[01]?\d|2[0-4])(?P<sep>[:.])(?P<mi>[0-5]\d)(?::[0-5]\d)?
          (?:\s*(?P<ap>{AMPM}))?(?:\s+(?:{TZ})(?![\w]))?)(?![\d:])""")
def clock_time(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m["sep"] == "." and not m["ap"]:
        return None  # "1.50" is a number
    return _clock(ctx, m, int(m["h"]), int(m["mi"]))


@rule(rf"(?<![\w:.,])(?P<tx>(?P<h>1[0-2]|0?[1-9])\s*(?P<ap>{AMPM})(?:\s+(?:{TZ})(?![\w]))?)")
def clock_hour(m: re.Match[str], ctx: Ctx) -> Hit | None:
    return _clock(ctx, m, int(m["h"]), 0)


@rule(r"(?<![\w:.,])(?P<tx>(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:GMT|UTC|Z|hrs|hours\s+(?:GMT|UTC)))(?![\w])")
def military_time(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """"0600 GMT", "1430 hrs": wire-service clock times."""
    return _clock(ctx, m, int(m["h"]), int(m["mi"]))


@rule(r"(?<![\w])(?P<tx>(?i:noon|midday|midnight))(?![\w])")
def noon(m: re.Match[str], ctx: Ctx) -> Hit:
    t = "24:00" if m.group("tx").lower() == "midnight" else "12:00"
    return hit(m, "TIME", f"{shift(ctx.anchor, 0, 'D')}T{t}", kind="clock")
