"""Word lists and regex fragments for temporal expressions (English news).

Kept apart from the rules so the grammar in ``dates``, ``durations`` and ``relative`` reads as a
grammar; the word lists themselves are data files in ``data/tables`` (see its PROVENANCE.md). Month and
weekday names are matched case-sensitively (Capitalised or UPPER) because "may", "march"
and "sun" are ordinary words in lower case.
"""

from __future__ import annotations

import re

from data import tables

MONTHS: dict[str, int] = {r["name"]: int(r["month"]) for r in tables.rows("month_names") if r["language"] == "en"}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
NUMBER_WORDS: dict[str, float] = {r["word"]: tables.number(r["value"]) for r in tables.rows("timex_numbers")}
VAGUE_NUMBERS = tables.words("vague_numbers")
ORDINALS: dict[str, int] = {r["word"]: int(r["number"]) for r in tables.rows("ordinals")}
UNITS: dict[str, str] = {r["word"]: r["code"] for r in tables.rows("timex_units")}
TIME_UNITS = {"second", "minute", "min", "hour"}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SET_WORDS: dict[str, str] = {r["word"]: r["value"] for r in tables.rows("set_words")}
REF_WORDS: dict[str, str] = {r["phrase"]: r["value"] for r in tables.rows("ref_words")}
COUNT_NOUNS = frozenset(tables.words("count_nouns"))


def _cased(words: list[str]) -> str:
    """Alternation of Capitalised and UPPER forms, longest first (so "March" beats "Mar")."""
    forms: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.capitalize(), w.upper()]
    return "|".join(re.escape(f) for f in forms)


MONTH_FULL = _cased([w for w in MONTHS if len(w) > 4 or w in {"may", "june", "july"}])
MONTH_ABBR = _cased([w for w in MONTHS if len(w) <= 4 and w not in {"may", "june", "july"}])
# A month name: full, or abbreviated with an optional dot; never glued to more letters.
MONTH = rf"(?:(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
WEEKDAY = rf"(?:{_cased(list(WEEKDAYS))})"
WORD_NUM = "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS if w not in {"a", "an", "half a", "half an"}), key=len, reverse=True)
)
# "twenty-five", "two and a half", "24", "1.5", "a few" ...
NUM = (
    rf"(?:(?:\d+(?:[.,]\d+)?|(?i:(?:{WORD_NUM})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
    rf"(?:\s+and\s+a\s+half)?"
    rf"|(?i:{'|'.join(re.escape(v) for v in sorted(VAGUE_NUMBERS, key=len, reverse=True))})"
    rf"|(?i:an?|half\s+an?)(?=\s))"
)
UNIT = r"(?i:seconds|minutes|mins?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
MOD = (
    r"(?i:(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|over|under|up\s+to|just|only|barely|well\s+over|just\s+over|nearly)\s+)"
)


def parse_number(s: str) -> float | None:
    """Value of a NUM match; None for vague amounts ("several")."""
    t = re.sub(r"\s+", " ", s.strip().lower())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t in VAGUE_NUMBERS or t in {"few"}:
        return None
    if re.fullmatch(r"\d+(?:,\d{3})+", t):
        return float(t.replace(",", "")) + half
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", ".")) + half
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    if "-" in t:
        a, _, b = t.partition("-")
        if a in NUMBER_WORDS and b in NUMBER_WORDS:
            return NUMBER_WORDS[a] + NUMBER_WORDS[b] + half
    return None


def unit_code(word: str) -> tuple[str, bool]:
    """("W", False) for "weeks"; the flag says the unit is part of a day (PT...)."""
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w not in {"s"}:
        w = w[:-1]
    return UNITS.get(w, "D"), w in TIME_UNITS


def fmt_amount(n: float | None) -> str:
    """TimeML amount: "2", "1.5", or "X" when vague."""
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else f"{n:g}"
