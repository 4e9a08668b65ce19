"""A figure's unit from its sentence, where the words right after the number do not say it.

"30 Wagner soldiers were killed" counts the dead (status "dead", counted "soldiers"); "killing
about 1,000 of its men" too; "the death toll rose to 33,179" has no noun after the number, but
its clause says what it counts; "two attack helicopters and four transport ones" counts
helicopters twice. Without this, figures of one quantity carry different units (or none) and
cannot be compared. Cue words come from ``tables/status_cues.csv`` and
``tables/measure_phrases.csv``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache

from data.claims.cue_tables import cue_pattern, mapping
from data.model import Quantity

PEOPLE_CLASSES = frozenset({"troops", "aircrew", "people", "children", "officers", "generals", "responders",
                            "workers", "journalists", "police"})
"""Count classes whose members can be killed, injured, rescued or detained."""
_MEASURE_UNITS = frozenset({"m3", "m2"})
_MEASURE_WINDOW = 90
"""Characters before a bare number looked at for what it measures; a clause is rarely longer."""


@lru_cache(maxsize=1)
def _status_after() -> re.Pattern[str]:
    cues = "|".join(sorted(map(re.escape, mapping("status_cues")), key=len, reverse=True))
    return re.compile(
        r"^\s*,?\s*(?:who|that|which)?\s*(?:(?:were|was|are|is|have|has|had|been|being|reportedly|also|"
        r"all|later|confirmed)\s+){0,3}(?:\w+ly\s+)?(" + cues + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _status_before() -> re.Pattern[str]:
    cues = "|".join(sorted(map(re.escape, mapping("status_cues")), key=len, reverse=True))
    return re.compile(r"\b(" + cues + r")\s+(?:(?:a\s+total\s+of|an\s+estimated|all)\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _measures() -> re.Pattern[str]:
    return cue_pattern(list(mapping("measure_phrases")))


def _status(sentence: str, q: Quantity, offset: int) -> str:
    statuses = mapping("status_cues")
    rs, re_ = q.start - offset, q.end - offset
    unit = q.unit.lower()
    if unit in statuses:
        return statuses[unit]  # "12 killed", "40 wounded"
    after = _status_after().match(sentence[re_:re_ + 80])
    if after:
        return statuses[after.group(1).lower()]
    before = _status_before().search(sentence[max(0, rs - 40):rs])
    if before:
        return statuses[before.group(1).lower()]
    return ""


def _measure(sentence: str, start: int) -> str:
    window = sentence[max(0, start - _MEASURE_WINDOW):start]
    cut = max(window.rfind(". "), window.rfind("; "))
    found = list(_measures().finditer(window[cut + 1:].lower()))
    return mapping("measure_phrases")[found[-1].group()] if found else ""


def _measure_right_before(sentence: str, start: int) -> str:
    """The unit of a measure phrase that ends right before a number ("magnitude 7.8", "of magnitude 7.5")."""
    window = sentence[max(0, start - 30):start].lower()
    found = [m for m in _measures().finditer(window) if re.fullmatch(r"\s*(?:of\s+)?", window[m.end():])]
    return mapping("measure_phrases")[found[-1].group()] if found else ""


def in_context(sentence: str, quantities: Sequence[Quantity], offset: int = 0) -> list[Quantity]:
    """``quantities`` of ``sentence`` (at ``offset`` in its document) with units read from the sentence."""
    nouns = mapping("count_nouns")
    out: list[Quantity] = []
    for q in quantities:
        unit, counted = q.unit, q.counted
        if unit.lower() in {"ones", "one"} and out and out[-1].unit:
            unit, counted = out[-1].unit, out[-1].counted  # "two attack helicopters and four transport ones"
        cls = nouns.get(unit.lower(), "")
        if not unit or cls in PEOPLE_CLASSES or unit.lower() in mapping("status_cues"):
            status = _status(sentence, dataclasses.replace(q, unit=unit), offset)
            if status:
                counted = "" if unit.lower() in mapping("status_cues") else unit
                unit = status
        right_before = _measure_right_before(sentence, q.start - offset)
        if right_before:
            unit, counted = right_before, ""  # "magnitude 7.8 earthquake" measures magnitude, not earthquakes
        elif not unit:
            unit = _measure(sentence, q.start - offset)
        if nouns.get(unit.lower()) in _MEASURE_UNITS:
            unit = nouns[unit.lower()]  # "5,000-cubic-metre" -> m3
        if (unit, counted) != (q.unit, q.counted):
            q = dataclasses.replace(q, unit=unit, counted=counted)
        out.append(q)
    return out
