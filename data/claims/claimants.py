"""Who asserts a claim: "according to X", "X said/stated/told/reported", "..., said X", "confirmed by X".

The claimant is the source the article attributes the statement to (Ukrainian military
intelligence, John Kirby, South Korea's NIS, Putin), distinct from the outlet that prints
it; None means the article asserts the statement itself. ``claimant_country`` gives the
side the claimant speaks for, so the map can colour claims by side.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from data import tables
from data.wordscan import WordScan, first_word

_VERBS = "|".join(r["form"] for r in tables.rows("speech_verbs"))
_SUBJECT_VERB = re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?:(?:reports|a report|a statement|data|estimates) (?:from|by)\s+)?")
_INVERTED = re.compile(rf"[”\"’'],?\s+(?:{_VERBS})\s+")
_BY_PHRASE = re.compile(r"\b(?:as\s+)?(?:confirmed|reported|disclosed|announced|estimated|stated|claimed) by\s+")
_HEADLINE_SOURCE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*):\s+(?=[A-Z\d“\"])")
_REPORTS_FROM = re.compile(r"\breports?\s+(?:from|out\s+of)\s+(?:the\s+)?")
_PROPER_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*")
_STOP_AFTER = re.compile(r"[,.;:!?()“”\"]|\s(?:on|in|at|during|that|when|after|before|as|while|who|which|"
                         r"if|to|for|with|from)\s")
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|also|then|later|earlier|repeatedly|previously|reportedly|again|already|"
    r"publicly|officially|further|first|recently|on\s+\w+(?:\s+\d{1,2})?|in\s+a\s+statement|neither|never|not|"
    r"(?:appeared|appears|seemed|seems|refused|declined)\s+to(?:\s+\w+ly)?|"
    r"did\s+not|didn['’]t|does\s+not|doesn['’]t)"
    r"|,\s*(?:on|in|at|during|earlier|later|last|this|after|before)\b[^,]{0,40},?|,)\s*$"
)
_BOUNDARY = re.compile(r"(?:[,;:“\"]|\bthat\b|\bwhile\b|\bwhereas\b|\bbut\b|\band\b(?=\s+(?:he|she|they)\b))")
_APPOSITIVE = re.compile(r"(?:^|,\s+)((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*),\s+(?:the|a|an|its|his|her)\s[^,]+,?$")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MAX_CUES = 12
"""Reporting verbs looked at per sentence; real sentences have a handful."""
_SUBJECT_WINDOW = 250
"""Characters looked at around a reporting verb: a claimant's name is never longer."""
_PRONOUNS = _words("he she they it we i you this that these those there which who")
_NOT_SOURCES = frozenset(tables.words("not_sources"))
_NP_WORDS = frozenset(tables.words("claimant_np_words"))
_WIRES = frozenset(tables.words("wire_agencies"))
_SOURCE_NOUNS = re.compile(
    r"\b(?:intelligence|officials?|ministry|military|government|spokes(?:person|man|woman)|president|"
    r"minister|agency|service|army|forces|command|directorate|office|council|department|embassy|"
    r"chancellor|secretary|chief|leader|general|governor|mayor|prime)\b"
)

# Leftmost keyword wins: "South Korea's National Intelligence Service" -> KR.
_SIDES: dict[str, str] = {r["key"]: r["country"] for r in tables.rows("sides")}
_PERSONS = frozenset(r["key"] for r in tables.rows("sides") if r["person"] == "1")
_SIDE_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(_SIDES, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_SIDE_SCAN = WordScan(_SIDE_RE, {first_word(k) for k in _SIDES})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claimant found in a sentence: its name, its span in the document, its side and how it was found."""

    claimant: str
    start: int
    end: int
    country: str = ""
    pattern: str = ""
    cue_start: int = -1
    cue_end: int = -1


def claimant_country(name: str, span_countries: Iterable[str] = ()) -> str:
    """ISO2 of the side a claimant speaks for: a known name or demonym first, else a place inside its span."""
    side = _named_side(name or "")
    if side is not None:
        return side
    for cc in span_countries:
        if cc:
            return cc
    return ""


@lru_cache(maxsize=8192)
def _named_side(name: str) -> str | None:
    """The side a known name or demonym in ``name`` stands for, None when none is named. Memoised: the
    same claimants ("police", "the governor") come back in every article, and the pattern is long."""
    m = _SIDE_RE.search(name)
    return side_of(m.group(1)) if m else None


def side_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every named side in ``text`` ("Ukrainian", "Pentagon", "Seoul") as (start, end, ISO2)."""
    return list(_side_mentions(text or ""))


@lru_cache(maxsize=16384)
def _side_mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    """Memoised: linking asks for the same claim's sides in every batch it is a candidate of (one
    alternation of hundreds of names, case-insensitive, costs ~40 us a sentence)."""
    return tuple((m.start(), m.end(), side_of(m.group(1))) for m in _SIDE_SCAN.finditer(text))


_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})  # long s, dotless i, İ's combining dot


def side_of(matched: str) -> str:
    """The ISO2 of a side name the case-insensitive pattern matched. Why not ``_SIDES[matched.lower()]``: the
    pattern also matches through the characters case-insensitive matching relates to ASCII letters (long s,
    dotted and dotless i, the Kelvin sign), whose ``lower()`` is not the table's key; untrusted article text
    must not crash extraction ("ſtate Department" raised KeyError)."""
    key = matched.lower()
    return _SIDES.get(key) or _SIDES.get(key.translate(_FOLD), "")


_PARENS = re.compile(r"\([^)]*\)")
_LEADING_THE = re.compile(r"^(?:the)\s+")
_SERVICES = re.compile(r"\b(?:hur|gur|nis)\b")
_LETTERS = re.compile(r"[A-Za-z]+")


def claimant_key(name: str, country: str = "") -> str:
    """A key under which two spellings of one claimant count once ("Putin" == "Russian President Vladimir Putin")."""
    low = _PARENS.sub("", name).strip().lower()
    low = _LEADING_THE.sub("", low)
    if "intelligence" in low or _SERVICES.search(low):
        return f"{country or low}:intelligence"
    if (low in _SIDES and low not in _PERSONS) or low in {"the united states", "united states"}:
        return f"{country or low}:state"
    words = name.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words[-2:]) and "," not in name:
        return words[-1].lower().strip(".,’'")
    return low


def _clean(text: str) -> tuple[int, int]:
    """Offsets of ``text`` without leading articles and surrounding punctuation/space."""
    s, e = 0, len(text)
    while s < e and text[s] in " \t,;:“”\"'’(":
        s += 1
    while e > s and text[e - 1] in " \t,;:“”\"'’.":
        e -= 1
    m = re.match(r"(?:the|The)\s+", text[s:e])
    if m:
        s += m.end()
    return s, e


def _acceptable(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 14:
        return False
    if words[0].lower() in _PRONOUNS or name.lower() in _NOT_SOURCES:
        return False
    if words[0].lower() in _NOT_SOURCES and len(words) == 1:
        return False
    for w in words:
        core = re.sub(r"(?:['’]s|['’])$", "", w.strip("(),"))
        if core[:1].islower() and core.lower() not in _NP_WORDS:
            return False
    has_cap = any(w[:1].isupper() for w in words)
    return has_cap or bool(_SOURCE_NOUNS.search(name.lower()))


def _subject_before(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a reporting verb, or None."""
    window = max(0, verb_start - _SUBJECT_WINDOW)
    pre = sentence[window:verb_start]
    while True:
        m = _TRAILING.search(pre)
        if not m or m.start() == len(pre):
            break
        pre = pre[: m.start()]
    pre = pre.rstrip()
    app = _APPOSITIVE.search(pre.split("; ")[-1])
    if app and "," in pre:
        whole = pre.split("; ")[-1]
        base = len(pre) - len(whole)
        # the appositive must start its clause: "John Kirby, the spokesperson for X,"
        left = whole[: app.start(1)]
        if not left.strip() or left.rstrip().endswith(","):
            return window + base + app.start(1), window + base + app.end(1)
    cut = 0
    for b in _BOUNDARY.finditer(pre):
        cut = b.end()
    s, e = _clean(pre[cut:])
    if e <= s:
        return None
    return window + cut + s, window + cut + e


def _phrase_after(sentence: str, pos: int) -> tuple[int, int] | None:
    rest = sentence[pos:pos + _SUBJECT_WINDOW]
    stop = _STOP_AFTER.search(rest)
    chunk = rest[: stop.start()] if stop else rest
    s, e = _clean(chunk)
    return (pos + s, pos + e) if e > s else None


def headline_claimant(sentence: str, offset: int = 0) -> Attribution | None:
    """The headline convention "Ukraine: North Korean soldiers have entered ...", "Kremlin: ...": the
    claimant ``find_claimant`` gives first, with pattern "headline"; None when the sentence has none."""
    head = _HEADLINE_SOURCE.match(sentence)
    if head and (_SIDE_RE.fullmatch(head.group(1)) or _SOURCE_NOUNS.search(head.group(1).lower())):
        return _attribution(sentence, offset, (0, head.start(1), head.end(1), "headline", head.end(1), head.end()))
    return None


def find_claimant(sentence: str, offset: int = 0, figure_at: int | None = None) -> Attribution | None:
    """The claimant of ``sentence`` (offsets shifted by ``offset``), or None when the article speaks itself.

    "according to X" wins; then "X said/reported/..." (the one nearest before ``figure_at``,
    the sentence offset of the first figure, when a sentence holds two attributions);
    then "..., said X"; then "confirmed/reported by X" and "reports from X".
    """
    head = headline_claimant(sentence, offset)
    if head is not None:
        return head
    if "ccording to" not in sentence and _SUBJECT_VERB.search(sentence) is None:
        return None  # every other pattern needs "according to" or a reporting verb
    cands: list[tuple[int, int, int, str, int, int]] = []  # priority, start, end, pattern, cue s/e
    for m in _ACCORDING.finditer(sentence):
        span = _phrase_after(sentence, m.end())
        if span:
            cands.append((0, *span, "according_to", m.start(), m.end()))
    for m in itertools.islice(_SUBJECT_VERB.finditer(sentence), _MAX_CUES):
        if m.start() > 0 and sentence[m.start() - 1] in "”\"’'":
            continue
        if re.match(r"\s+by\b", sentence[m.end():]):
            continue
        span = _subject_before(sentence, m.start())
        if span:
            cands.append((1, *span, "verb", m.start(), m.end()))
    for m in _INVERTED.finditer(sentence):
        span = _phrase_after(sentence, m.end())
        if span:
            cands.append((2, *span, "inverted", m.start(), m.end()))
    for m in _BY_PHRASE.finditer(sentence):
        span = _phrase_after(sentence, m.end())
        if span:
            cands.append((3, *span, "by", m.start(), m.end()))
    for m in _REPORTS_FROM.finditer(sentence):  # "amid reports from Ukraine indicating that ..."
        name = _PROPER_NAME.match(sentence, m.end())
        if name:
            cands.append((3, name.start(), name.end(), "reports_from", m.start(), m.end()))
    good = [
        c for c in cands
        if _acceptable(sentence[c[1]:c[2]]) and not (c[3] == "by" and sentence[c[1]:c[2]].lower() in _WIRES)
    ]
    if not good:
        return None
    if figure_at is not None:
        before = [c for c in good if c[0] == 1 and c[4] < figure_at]
        if before and not any(c[0] == 0 for c in good):
            best = max(before, key=lambda c: c[4])
            return _attribution(sentence, offset, best)
    best = min(good, key=lambda c: (c[0], c[4]))
    return _attribution(sentence, offset, best)


def _attribution(sentence: str, offset: int, c: tuple[int, int, int, str, int, int]) -> Attribution:
    _, s, e, pattern, cs, ce = c
    name = sentence[s:e]
    return Attribution(name, offset + s, offset + e, claimant_country(name), pattern, offset + cs, offset + ce)


def starts_with_pronoun(sentence: str) -> bool:
    """Whether a sentence's attribution is a pronoun or a bare quote ("He added...", "“But ...”")."""
    st = sentence.lstrip()
    if st[:1] in "“\"":
        return True
    first = _LETTERS.match(st)
    return bool(first and first.group().lower() in {"he", "she", "they"})


_PRONOUN_SPEAKS = re.compile(rf"\b(?:[Ii]t|[Tt]hey|[Hh]e|[Ss]he)\s+(?:also\s+|further\s+|later\s+)?(?:{_VERBS})\b")
_AGENTLESS = re.compile(
    r"\b(?:(?:was|were|been|being|is|are)\s+(?:\w+ly\s+|also\s+)?(?:reported|observed|spotted|sighted|"
    r"confirmed|estimated|believed|thought|said)|(?:sightings?|presence|arrival|deployment)\s+(?:was\s+|were\s+)?"
    r"(?:first\s+|also\s+)?(?:reported|confirmed)|reportedly)\b(?!\s+by\b)"
)
_THESE_PARTY = re.compile(
    r"^[“\"]?(?:These|Those)\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|soldiers|units|personnel|fighters|officers|"
    r"men|servicemen|militants|mercenaries|generals)\b"
)
_NEW_SOURCE = re.compile(r"^(?:Reports?|Sources?|Media|Analysts|Experts|Observers|Officials|Critics)\b")


def continues_report(sentence: str) -> bool:
    """Whether a sentence without a named source carries on the report of the sentence before it.

    "North Korea has sent 12,000 troops, with initial sightings reported on Oct. 23" (an
    agentless report), "It said ...", "These forces entered Russia in October" (the reported
    party again) continue; "The region shares a border with Ukraine" (background) and
    "Reports indicate ..." (a new, unnamed source) do not.
    """
    st = sentence.lstrip()
    if _NEW_SOURCE.match(st):
        return False
    return bool(_PRONOUN_SPEAKS.search(st) or _AGENTLESS.search(st) or _THESE_PARTY.match(st))
