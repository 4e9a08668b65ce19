"""Figures in news sentences: "about 12,000 troops", "at least 3,000", "thousands", "$400 million".

A figure keeps its number (or range), the noun it counts and the hedge in front of it,
because conflicting-figure detection compares like with like (troops with troops, not
troops with officers). Years, dates, clock times, percentages, ordinals and durations
are not figures about the story and are left out.
"""

from __future__ import annotations

import re

from data import tables
from data.claims.figure_scan import LeadScan
from data.model import Quantity


def _words(words: str) -> list[str]:
    return words.split()


_SMALL = _words("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen")
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES: dict[str, float] = {w: float(i + 2) for i, w in enumerate(_SMALL)}
_WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
_WORD_VALUES.update({"a dozen": 12.0, "dozen": 12.0, "a hundred": 100.0, "a thousand": 1000.0,
                     "a million": 1e6, "a billion": 1e9})
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "mn": 1e6, "m": 1e6, "bn": 1e9}
_VAGUE: dict[str, tuple[float, float]] = {
    r["phrase"]: (tables.number(r["low"]), tables.number(r["high"])) for r in tables.rows("vague_amounts")
}
_QUALIFIERS: dict[str, str] = {r["phrase"]: r["bound"] for r in tables.rows("qualifiers")}
"""Qualifier -> how it bounds the figure: "min", "max" or "approx"."""
_TIME_UNITS = frozenset(tables.words("time_units"))
_UNIT_STOP = frozenset(tables.words("unit_stopwords"))
_MODIFIERS = frozenset(tables.words("unit_modifiers"))
_MONTHS = [r["name"] for r in tables.rows("month_names") if r["language"] == "en"]
_NOT_COUNTS_BEFORE = frozenset(_words("article chapter section page no number paragraph clause resolution"))
_TWO_WORD_UNITS = ("square kilometers", "square kilometres", "square miles", "square meters", "square metres",
                   "cubic metres", "sq km",
                   "cubic meters", "metric tons", "barrels per")
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
_WORDNUM = (r"(?:" + "|".join(_TENS) + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
            + "|".join(sorted(_SMALL, key=len, reverse=True))
            + r"|a dozen|a hundred|a thousand|a million|a billion|dozen")
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn|k)\b)"
_AMOUNT = rf"(?:{_DIGITS}|\b(?:{_WORDNUM})\b){_SCALE}?"
_VAGUE_RE = "|".join(re.escape(k) for k in sorted(_VAGUE, key=len, reverse=True))
_QUAL_RE = "|".join(re.escape(k) for k in sorted(_QUALIFIERS, key=len, reverse=True))
_QUAL_PART = rf"(?:(?P<qual>{_QUAL_RE})\s+)?"
_BODY = (rf"(?:between\s+(?P<blo>{_AMOUNT})\s+and\s+(?P<bhi>{_AMOUNT})"
         rf"|(?P<lo>(?:{_DIGITS}){_SCALE}?)\s*(?:-|–|—)\s*(?P<hi>(?:{_DIGITS}){_SCALE}?)"
         rf"|(?P<lo2>{_AMOUNT})\s+to\s+(?P<hi2>{_AMOUNT})"
         rf"|(?P<vague>\b(?:{_VAGUE_RE})\b)"
         rf"|(?P<one>{_AMOUNT}))")
_FIGURE = re.compile(rf"(?<![\w$€£.,/:-]){_QUAL_PART}(?P<cur>US\$|[$€£])?\s?{_BODY}", re.IGNORECASE)
_FIGURE_SCAN = LeadScan(  # the words a figure can start with: the pattern less its sign and space
    _FIGURE, re.compile(rf"(?<!\w){_QUAL_PART}(?:US\$)?{_BODY}", re.IGNORECASE), lead="$€£")
_TOKEN = re.compile(r"[A-Za-z][\w.'’-]*|\d+|\S")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(
    [*_SMALL, *_TENS, "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
     "billion", "billions", "trillion", "scores"]
)
"""Words without which a sentence with no digit holds no figure (every amount the pattern knows has one)."""
_NUMBER_OF = re.compile(r"\bnumber of\s+(?:[A-Z][\w'’-]*\s+)*([a-z][a-z-]+)")


_SCALED = re.compile(r"(.+?)\s?(hundred|thousand|million|billion|trillion|bn|mn|k)")
_LOWER_RUN = re.compile(r"[a-z]+")
_AFTER_NUMBER = re.compile(r"(?::\d|\s?(?:st|nd|rd|th)\b|\s?%|\s?per\s?cent)")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def parse_amount(s: str) -> float | None:
    """The value of one amount as written ("12,000", "12 000", "1.5 million", "five", "a dozen")."""
    t = s.strip().lower().replace("\u00a0", " ").replace("\u202f", " ")
    m = _SCALED.fullmatch(t)
    scale = 1.0
    if m and m.group(1).strip() not in {"a"}:
        t, scale = m.group(1).strip(), _SCALES[m.group(2)]
    elif t in _WORD_VALUES:
        return _WORD_VALUES[t]
    if t in _WORD_VALUES:
        return _WORD_VALUES[t] * scale
    if "-" in t:
        tens, _, unit = t.partition("-")
        if tens in _WORD_VALUES and unit in {"one", *_SMALL[:8]}:
            return (_WORD_VALUES[tens] + (1.0 if unit == "one" else _WORD_VALUES[unit])) * scale
        return None
    digits = t.replace(",", "").replace(" ", "")
    try:
        return float(digits) * scale
    except ValueError:
        return None


_COMPOUND = re.compile(r"-([a-z]+(?:-[a-z]+)?)\b")
_PARTITIVE = frozenset(_words("his its their her our the them these those"))


def _counted_head(words: list[str]) -> int:
    """Index of the counted noun among lower-case words after a figure: the last known count noun
    ("97 emergency rescuers" -> rescuers, "two helicopter pilots" -> pilots), else the first word."""
    from data.claims.cue_tables import mapping

    nouns = mapping("count_nouns")
    best = 0
    for i, w in enumerate(words):
        if w in nouns or w == "ones":  # "four transport ones": the noun of the figure before
            best = i
    return best


def _unit_after(sentence: str, pos: int) -> tuple[str, int]:
    """The counted noun after a figure ending at ``pos`` (skipping "North Korean", "military", "Mi-8"),
    and its end; "25,000 of his mercenaries" counts mercenaries."""
    rest = sentence[pos:pos + 120]
    low = rest.lstrip().lower()
    for two in _TWO_WORD_UNITS:
        if low.startswith(two):
            lead = len(rest) - len(rest.lstrip())
            return two, pos + lead + len(two)
    comp = _COMPOUND.match(rest)
    if comp:  # "a 1,200-km drive", "a 5,000-cubic-metre tank"; not "a four-engine turboprop"
        from data.claims.cue_tables import mapping

        return (comp.group(1), pos + comp.end()) if comp.group(1) in mapping("count_nouns") else ("", pos)
    seen_of = False
    run: list[tuple[str, int]] = []  # the noun phrase's lower-case words and their ends
    for i, m in enumerate(_TOKEN.finditer(rest)):
        if i > 7 or len(run) >= 4:
            break
        word = m.group().rstrip(".'’-")
        lw = word.lower()
        if not word:
            break
        if run:
            if not word[0].isalpha() or word[0].isupper() or lw in _UNIT_STOP or lw in _MODIFIERS:
                break
            run.append((lw, pos + m.start() + len(word)))
            continue
        if word[0].isupper():
            continue  # demonyms and names: "12,000 North Korean troops", "three Mi-8 helicopters"
        if lw in _MODIFIERS or (lw.endswith("est") and len(lw) > 5):
            continue
        if lw == "of" and not seen_of:
            seen_of = True
            continue
        if seen_of and lw in _PARTITIVE and lw != "them":
            continue  # "25,000 of his mercenaries"
        if not word[0].isalpha() or lw in _UNIT_STOP:
            return "", pos
        run.append((lw, pos + m.start() + len(word)))
    if not run:
        return "", pos
    head = _counted_head([w for w, _ in run])
    return run[head]


def _is_date_or_time(sentence: str, start: int, end: int, raw: str) -> bool:
    before = sentence[max(0, start - 30):start].rstrip().lower()
    after = sentence[end:end + 30].lstrip().lower()
    prev_word = _LOWER_RUN.findall(before[-12:])
    if prev_word and (prev_word[-1] in _MONTHS or prev_word[-1] in _NOT_COUNTS_BEFORE):
        return True
    nxt = _LOWER_RUN.match(after)
    if nxt and nxt.group() in _MONTHS:
        return True
    return bool(_AFTER_NUMBER.match(sentence[end:end + 12]))


def _looks_like_year(raw: str) -> bool:
    return bool(_YEAR.fullmatch(raw.strip()))


def extract_quantities(sentence: str, offset: int = 0) -> list[Quantity]:
    """Every figure in ``sentence``; offsets are shifted by ``offset`` (the sentence's start in its document).

    A figure without a counted noun is kept only when it is large or hedged ("around 12,000,")
    and then borrows the noun of a preceding "number of <noun>" where there is one.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"extract_quantities() needs str, got {type(sentence).__name__}")
    if not _DIGIT.search(sentence) and _NUMBER_WORDS.isdisjoint(_LETTERS.findall(sentence.lower())):
        return []  # most sentences hold no figure: skip the big pattern
    out: list[Quantity] = []
    for m in _FIGURE_SCAN.finditer(sentence):  # _FIGURE.finditer, tried only where a figure can start
        qual = (m.group("qual") or "").lower()
        cur = (m.group("cur") or "").lower()
        lo_s = m.group("lo") or m.group("lo2") or m.group("blo")
        hi_s = m.group("hi") or m.group("hi2") or m.group("bhi")
        if m.group("vague"):
            low, high = _VAGUE[m.group("vague").lower()]
            value = None
            first_raw = m.group("vague")
        elif lo_s:
            low, high = parse_amount(lo_s), parse_amount(hi_s)
            if low is None or high is None:
                continue
            if high < low and re.fullmatch(r"\d+", hi_s.strip()) and len(hi_s.strip()) < len(lo_s.strip()):
                continue  # "2023-24" style spans are years, not figures
            value = (low + high) / 2
            first_raw = lo_s
        else:
            first_raw = m.group("one")
            value = parse_amount(first_raw)
            if value is None:
                continue
            low = high = value
        group = next(g for g in ("vague", "lo", "lo2", "blo", "one") if m.group(g))
        num_start = m.start(group)
        if not m.group("vague") and _is_date_or_time(sentence, num_start, m.end(), first_raw):
            continue
        if re.match(r"-(?:year|month|week|day|strong)", sentence[m.end():m.end() + 8]):
            continue
        if not cur and first_raw.lower() == "one":
            continue
        unit, end = _unit_after(sentence, m.end())
        if cur:
            unit, end = _CURRENCY.get(cur, "USD"), m.end()
        if unit in _TIME_UNITS or unit.rstrip("s") in _TIME_UNITS:
            continue
        if group == "one" and _looks_like_year(first_raw) and not (qual or cur) and unit not in _UNIT_CLASSES:
            continue  # "the 2024 campaign", "In 2001," - but "2000 troops" is a count
        if not unit:
            big = value is not None and value >= 1000
            if not (qual or big):
                continue
            nums = _NUMBER_OF.findall(sentence[: m.start()])
            unit = nums[-1] if nums else ""
        kind = _QUALIFIERS.get(qual, "")
        if value is not None and lo_s is None:
            if kind == "min":
                high = None
            elif kind == "max":
                low = None
        out.append(Quantity(
            text=sentence[m.start():end].strip(), value=value, low=low, high=high, unit=unit,
            qualifier=qual, start=offset + m.start(), end=offset + end,
        ))
    from data.claims.figure_context import in_context

    return in_context(sentence, out, offset)


_UNIT_CLASSES: dict[str, str] = {r["unit"]: r["class"] for r in tables.rows("unit_classes")}


def unit_class(unit: str) -> str:
    """A coarse class for comparing figures: soldiers, troops and personnel all count "troops"."""
    u = unit.lower().strip()
    if u in _UNIT_CLASSES:
        return _UNIT_CLASSES[u]
    return u[:-1] if u.endswith("s") and not u.endswith("ss") else u
