"""Where a cue's source stands in its clause: before it ("the governor said"), through a chain of
appositives ("Smith, a spokesman for X, said"), or as the clause's subject for a participle or a
statement phrase ("..., saying", "X referred to ... in a statement").

The noun phrases themselves are built by ``attribution_source``; this module decides which stretch of
the clause to build one from, so that an opening adverbial ("During his visit to Kiev,") or a clause
("the losses would outstrip the gains,") is never taken for the speaker.
"""

from __future__ import annotations

import re

from data.claims.attribution_source import (
    _BOUNDARY,
    _CALENDAR,
    _FUNCTION,
    _SKIP,
    PERSONAL,
    RELATIVE,
    _head_phrase,
    _name_like,
    _nounish,
    _skip_back,
    _words,
    tokens,
)

_TIME = re.compile(
    r"(?:,?\s*(?:on|last|this|earlier|late|early|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|night|morning|afternoon|evening|weekend)(?:\s+(?:night|morning|afternoon|"
    r"evening))?,?|,?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|"
    r"afternoon|evening))?,?|,?\s*in\s+\d{4},?)\s*$"
)
_OPENERS = _words("""during after before in on at for with by from to into over under since until amid despite following
    through across about though although because while when if as unlike like once upon within without""")
_OPENING_ADVERBS = _words("overall instead nevertheless nonetheless still besides otherwise indeed thus hence")
_CLOSE_PUNCT = "”\"’',:—–―-"
_OPEN_QUOTES = "“\"‘"

_TIME_ENDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "week", "month", "year",
              "night", "morning", "afternoon", "evening", "weekend")
"""The words ``_TIME`` ends with (before an optional comma and space), or a digit."""


def _time_tail(text: str) -> bool:
    """False when ``_TIME`` surely finds nothing in ``text``: it is anchored at the end, but ``search`` tries it
    at every position of the clause first; what the clause ends with is one look."""
    t = text.rstrip()
    t = t[:-1] if t.endswith(",") else t
    return t.endswith(_TIME_ENDS) or t[-1:].isdigit()


def source_before(text: str, cue_start: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before the cue at ``cue_start`` (sentence starts at ``lo``), or None."""
    pre = text[lo:cue_start]
    m = _TIME.search(pre) if _time_tail(pre) else None
    end = lo + (m.start() if m else len(pre))
    toks = tokens(text, max(lo, end - 400), end)
    i = _skip_back(toks, len(toks) - 1)
    if i < 0:
        return None
    if toks[i][2] == ",":
        return _appositive(text, toks, i)
    span = _head_phrase(text, toks, i)
    if span is not None:
        first = next(k for k, t in enumerate(toks) if t[0] >= span[0])
        if toks[first][2].lower() not in ("the", "a", "an"):
            first -= 1
        if first >= 1 and toks[first][2].lower() in ("the", "a", "an") and toks[first - 1][2] == ",":
            # "Yevgeny Prigozhin, the leader of the Wagner Group claimed": an appositive left unclosed
            name = _appositive(text, toks[:first], first - 1)
            j = first - 1
            while j > 0 and toks[j - 1][2] not in _BOUNDARY:
                j -= 1
            words = text[name[0]:name[1]].split() if name is not None else []
            if words and name[0] == toks[j][0] and _name_like(words[-1]) and not (
                    len(words) == 1 and (words[0].endswith("ly") or words[0].lower() in _OPENING_ADVERBS)):
                return name  # the name must open the clause: "..., south of Moscow, the governor said" is no case
    return span


def _segment_ok(before: list[str]) -> bool:
    """Whether the words of an appositive segment before its noun phrase leave it a noun phrase: none, an
    "as" ("as Eric Garner, gasping ..., said"), a sentence adverb ("Even China") or modifiers ("The pro-Kremlin"), but no
    clause ("the losses would outstrip the gains") and no opening adverbial ("During his visit to Kiev")."""
    if len(before) > 2 or any(w == "," or w.lower() in _SKIP for w in before):
        return False
    return not any(w.lower() in _OPENERS and w.lower() != "as" for w in before)  # "as X, ..., said"


def _appositive(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """The source before a chain of appositives: "Smith, a spokesman for X, said", "Wilson, of Springfield,
    Va., said", "Even China, Pyongyang's only ally, said": the leftmost comma segment of the clause
    that is a noun phrase."""
    commas = [i]
    j = i - 1
    while j >= 0 and toks[j][2] not in _BOUNDARY and len(commas) < 6:
        if toks[j][2] == ",":
            commas.append(j)
        j -= 1
    clause_start = j + 1
    cuts = sorted(commas[1:]) + [i]
    seg_start = clause_start
    spans = []
    for c in cuts:
        if c - 1 >= seg_start:
            k = _skip_back(toks, c - 1)
            rel = next((r for r in range(seg_start + 1, k) if toks[r][2].lower() in RELATIVE), None)
            if rel is not None:  # "some Telegram channels that monitor Russia's military, said"
                k = rel - 1
            if k >= seg_start and toks[k][2].lower() not in RELATIVE:
                seg = toks[seg_start:k + 1]
                span = _head_phrase(text, seg, k - seg_start)
                # the whole segment must be the noun phrase ("Even China"), not an opening adverbial
                # that ends in a name ("During his visit to Kiev")
                if span is not None and _segment_ok([t[2] for t in seg if t[0] < span[0]]):
                    spans.append(span)
                    if len(spans) == 2 or any(ch.isupper() for ch in text[span[0]:span[1]]):
                        break
        seg_start = c + 1
    # "The mercenary group's founder, Yevgeny Prigozhin, claimed": the name rather than the description
    named = [sp for sp in spans if any(ch.isupper() for ch in text[sp[0]:sp[1]])]
    return (named or spans or [None])[0]


def subject_of(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject of the clause in ``text[lo:hi]``: its first personal pronoun or name phrase followed by
    a lower-case word or an appositive comma, over dates and parentheses ("Early on Friday, he had
    appeared ..., saying": "he"; "Russian mercenary chief Yevgeny Prigozhin appeared": the whole phrase)."""
    toks = tokens(text, lo, hi)
    n = len(toks)
    i = 0
    while i < n - 1:
        w = toks[i][2]
        if w.lower() in PERSONAL:
            head = i
        elif _name_like(w):
            head = i
            while head + 1 < n and (_name_like(toks[head + 1][2]) or _nounish(toks[head + 1][2]) or (
                    re.fullmatch(r"[a-z][\w’'-]*", toks[head + 1][2]) and toks[head + 1][2] not in _FUNCTION
                    and head + 2 < n and (_name_like(toks[head + 2][2]) or _nounish(toks[head + 2][2])))):
                head += 1
        else:
            i += 1
            continue
        k = _skip_dates(toks, head + 1)
        if k < n and ((toks[k][2] == "," and k == head + 1) or (re.fullmatch(r"[a-z][\w’'-]*", toks[k][2])
                                           and toks[k][2] not in _FUNCTION)):
            if toks[i][2].lower() in PERSONAL:
                return toks[i][0], toks[i][1]
            return toks[i][0], toks[head][1]
        i = head + 1
    return None


def _skip_dates(toks: list[tuple[int, int, str]], k: int) -> int:
    """Index after a time phrase or parenthesis at ``k`` ("on Monday (June 26)")."""
    while k < len(toks):
        w = toks[k][2]
        if w == "(":
            while k < len(toks) and toks[k][2] != ")":
                k += 1
            k += 1
        elif w.lower() in _CALENDAR or re.fullmatch(r"\d{1,4}", w) or (
                w.lower() in ("on", "last", "this", "early", "late") and k + 1 < len(toks)
                and toks[k + 1][2].lower() in _CALENDAR):
            k += 1
        else:
            return k
    return k


def ends_in_quote(text: str, lo: int, pos: int) -> bool:
    """Whether the clause before ``pos`` ends a quotation or a clause ("“...,” said X", "..., said X")."""
    pre = text[lo:pos].rstrip()
    return bool(pre) and pre[-1] in _CLOSE_PUNCT


def starts_quote(text: str, pos: int) -> bool:
    """Whether a quotation opens at ``pos`` (after spaces)."""
    rest = text[pos:pos + 3].lstrip()
    return bool(rest) and rest[0] in _OPEN_QUOTES
