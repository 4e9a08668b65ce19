"""The words around a candidate: is it a person, an organisation, a location, a metonym?

Pure functions over the text near one span (a few dozen characters each side), so
looking at context costs the same however long the document is. Whether a span is a
person's name is geo.parse.people's question (it needs the document's memory of people).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from geo.fastinit import fast_init
from geo.stoplists import (
    AUXILIARIES,
    DIRECTIONS,
    LOCATIVE_PREPS,
    METONYMY_VERBS,
    ORG_SUFFIXES,
    REGION_WORDS,
    SPEECH_VERBS,
)

_PREV = re.compile(r"([\w.'\u2019&-]+)([^\w]*)$")
_NEXT = re.compile(r"^([^\w]*)([\w.'\u2019&-]+)(?:[ \t]+([\w'\u2019-]+))?")
# _NEXT without "^", matched in the text itself at a span's end (endpos: the window): no slice, same groups.
_NEXT_AT = re.compile(_NEXT.pattern[1:])
_WINDOW = 60
_REGION_OF = re.compile(r"\b(region|province|oblast|prefecture|state|governorate|county|district)\s+of\s+$",
                        re.IGNORECASE)
_QUOTES = " \t\"'\u201c\u201d\u2018\u2019([*\u2022-\u2013\u2014"


@fast_init
@dataclass(frozen=True, slots=True)
class Cues:
    """What the neighbouring words say about one span."""

    prev: str
    prev_gap: str
    next: str
    next_gap: str
    sentence_start: bool
    headline: bool
    next2: str = ""
    region_of: str = ""
    according: bool = False  # "according to X": X is a source, "to" no locative

    @property
    def prev_tight(self) -> bool:
        """The previous word is separated by blanks only (same name chunk)."""
        return self.prev_gap != "" and self.prev_gap.strip(" \t\u00a0") == ""

    @property
    def next_tight(self) -> bool:
        return self.next_gap != "" and self.next_gap.strip(" \t\u00a0") == ""


_ACCORDING = re.compile(r"\b[Aa]ccording[ \t]+to[ \t]+\Z")


_SHARED = frozenset(".'\u2019&-")  # not word characters, yet part of a name ("St.", "O'Brien", "Guinea-Bissau")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what the re module calls \w in a str pattern


def last_word(before: str) -> tuple[str, str] | None:
    """``_PREV.search(before)``'s two groups (the last word and what follows it), found from the end in
    time linear in that word: a regex anchored at the end is tried from every position of the window."""
    n = len(before)
    t = n
    while t > 0 and not _is_word(before[t - 1]):
        t -= 1
    if t == 0:  # no word character: the first run of name punctuation, if any
        a = next((i for i, ch in enumerate(before) if ch in _SHARED), -1)
        if a < 0:
            return None
    else:
        a = t - 1
    b = a + 1
    while a > 0 and (_is_word(before[a - 1]) or before[a - 1] in _SHARED):
        a -= 1
    while b < n and (_is_word(before[b]) or before[b] in _SHARED):
        b += 1
    return before[a:b], before[b:]


def cues(text: str, start: int, end: int) -> Cues:
    """Neighbouring words of ``text[start:end]`` and where it stands in its sentence."""
    before = text[max(0, start - _WINDOW):start]
    prev, prev_gap = last_word(before) or ("", before)
    n = _NEXT_AT.match(text, end, end + _WINDOW)
    nxt, next_gap, next2 = (n.group(2), n.group(1), n.group(3) or "") if n else ("", text[end:end + _WINDOW], "")
    stripped = before.rstrip(_QUOTES)
    sentence_start = (not stripped or stripped[-1] in ".!?:;\n\r" or "\n" in before[len(stripped):]
                      or start - len(before) + len(stripped) <= 0)
    # "region of X": only when the last word is "of" (what _REGION_OF's end needs) is the regex tried
    r = _REGION_OF.search(before) if len(prev) == 2 and prev.lower() == "of" and before[-1:].isspace() else None
    region_of = REGION_WORDS.get(r.group(1).lower(), "") if r else ""
    according = prev == "to" and _ACCORDING.search(before) is not None
    return Cues(prev, prev_gap, nxt, next_gap, sentence_start, _is_headline(text, start, end), next2, region_of,
                according)


_LINES: tuple[str, list[int]] = ("", [0])  # the last text seen, and where its lines start


def _line_length(text: str, start: int) -> int:
    """Length of the line holding offset ``start`` (up to the next newline at or after it): line starts
    are found once per text (kept for the last text only), so each span costs a bisection."""
    global _LINES
    last = _LINES
    if last[0] is not text:
        last = (text, [0] + [m.end() for m in _NEWLINE.finditer(text)])
        _LINES = last
    starts = last[1]
    i = bisect_right(starts, start)
    return (starts[i] - 1 if i < len(starts) else len(text)) - starts[i - 1]


_NEWLINE = re.compile("\n")


def _is_headline(text: str, start: int, end: int) -> bool:
    """A short line in which nearly every word is capitalised (title case or all caps)."""
    if _line_length(text, start) > 200:  # the line of the span's start alone is too long (what the below finds)
        return False
    # Bounded searches (linear on a single-line article), same answer: a line over 200 characters is no headline.
    lo = text.rfind("\n", max(0, start - 201), start) + 1
    if lo == 0 and start > 201:
        return False
    hi = text.find("\n", end, lo + 202)
    hi = min(len(text), lo + 202) if hi < 0 else hi
    if hi - lo > 200:
        return False
    words = [w for w in text[lo:hi].split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def org_cue(c: Cues) -> str:
    """Why the span starts an organisation's name ("Goldman Sachs", "X Inc.")."""
    if c.next_tight and c.next in ORG_SUFFIXES:
        return f"before {c.next!r}"
    if c.next_gap == "$" or (c.next_gap == "" and c.next.startswith("$")):
        return "a currency (US$)"
    return ""


def speech_cue(c: Cues) -> bool:
    """"Payette said", "said Nash", "according to Davis": a speaker, a person unless the place is well known."""
    return (c.next_tight and c.next in SPEECH_VERBS) or (c.prev_tight and c.prev in SPEECH_VERBS) or c.according


def is_locative(c: Cues) -> bool:
    """"in Kursk", "near Kazan": the span is where something is ("according to X" is a source)."""
    return c.prev in LOCATIVE_PREPS and c.prev_tight and not c.according


def region_word(c: Cues) -> str:
    """Feature class a following generic word asks for ("Kursk region" -> "ADM1")."""
    if c.next_tight and c.next in REGION_WORDS:
        return REGION_WORDS[c.next]
    return c.region_of


def is_metonymic(c: Cues) -> bool:
    """"Kyiv says", "Pyongyang has sent": the place acts, so it stands for its government."""
    if not c.next_tight:
        return False
    if c.next in AUXILIARIES:
        return c.next2 in METONYMY_VERBS or c.next2 in SPEECH_VERBS
    return c.next in METONYMY_VERBS or c.next in SPEECH_VERBS


# "the village of X", "a town called X": the words right before a name say it is a settlement.
_KIND_OF = re.compile(r"\b(?:village|town|township|city|hamlet|settlement|municipality|commune|suburb|district|"
                      r"province|county|island|port)s?[ \t]+(?:of|called|named)[ \t]+\Z", re.IGNORECASE)
# "Kenya's Dadaab camps": a name after another name's possessive (and at most two lower-case words).
_POSSESSIVE = re.compile(r"\b([A-Z][\w.-]*)['\u2019]s[ \t]+(?:[a-z]+[ \t]+){0,2}\Z")


def kind_of_place_before(text: str, start: int) -> bool:
    """"the village of Ciocile", "a town called Lasby": the text says the name is a place."""
    return _KIND_OF.search(text, max(0, start - 40), start) is not None


def possessor_before(text: str, start: int) -> tuple[int, int] | None:
    """Offsets of "Kenya" in "Kenya's overcrowded Dadaab camps", the name that owns the span, if any."""
    m = _POSSESSIVE.search(text, max(0, start - 60), start)
    return (m.start(1), m.end(1)) if m else None


def direction_before(c: Cues) -> str:
    """"eastern" in "eastern Ukraine", "Northwest" in "Northwest Syria" (a vague part of the place)."""
    d = c.prev.lower()
    if c.prev_tight and d in DIRECTIONS and (d.endswith("ern") or _COMPASS.fullmatch(d)):
        return d  # "eastern Ukraine", "Northwest Syria" (not "North Korea": "north" alone is a name's part)
    return ""


_COMPASS = re.compile(r"(?:north|south)-?(?:east|west)")
