"""Which words a word-initial regex's matches can start with, read off the pattern's parsed form.

``data.wordscan`` skips every word of a text that cannot begin a match of a pattern and asks the pattern
itself to match at the rest; this module tells it which words those are (whole first words, first-word
prefixes, or any word starting with a digit), or that it cannot be told (then the pattern is scanned with
``finditer``). Only what the parse tree makes certain is used, so a pattern's matches are never hidden.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

WORD = re.compile(r"\w+")
"""A run of word characters: what these patterns' matches start with."""
_ASCII = [chr(i) for i in range(128)]
_MAX_STARTS = 5000
_DIGIT_CODES = frozenset(range(ord("0"), ord("9") + 1))


def ascii_form(word: str) -> str | None:
    """The lower-case ASCII word that matches ``word`` case-insensitively, or None when none can
    (``word`` holds a letter no ASCII letter matches)."""
    if word.isascii():
        return word.lower()  # an ASCII letter matches only its own two cases among ASCII letters
    out = []
    for c in word:
        same = {x.lower() for x in _ASCII if re.fullmatch(re.escape(c), x, re.IGNORECASE)}
        if len(same) != 1:
            return None
        out.append(same.pop())
    return "".join(out)


class _Starts:
    """What a pattern's matches can start with: whole first words, first-word prefixes, a digit."""

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.prefixes: set[str] = set()
        self.digits = False

    def add(self, prefix: str, whole: bool) -> bool:
        if not prefix:
            return False  # a match may start with anything: nothing to look up
        if not prefix.isascii():
            form = ascii_form(prefix)
            if form is None:
                return True  # only a non-ASCII word can start it, and those are always tried
            prefix = form
        (self.exact if whole else self.prefixes).add(prefix)
        return len(self.exact) + len(self.prefixes) < _MAX_STARTS


def _word_guard(item: tuple) -> bool:
    """Whether ``item`` is a lookbehind excluding a word character before the match, or ``\\b``."""
    op, av = item
    if op is C.AT:
        return av is C.AT_BOUNDARY
    if op is not C.ASSERT_NOT or av[0] != -1 or len(av[1].data) != 1:
        return False
    sub_op, sub_av = av[1].data[0]
    return sub_op is C.IN and (C.CATEGORY, C.CATEGORY_WORD) in sub_av


def _non_word_class(items: list) -> bool:
    """An ``IN`` set that holds no word character (``[\\s-]``, ``\\s``)."""
    for op, av in items:
        if op is C.CATEGORY and av in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
            continue
        if op is C.LITERAL and not WORD.fullmatch(chr(av)):
            continue
        return False
    return True


def _no_word_after(items: list) -> bool:
    """A lookahead body ``[\\w...]``: what follows the match is no word character."""
    return len(items) == 1 and items[0][0] is C.IN and (C.CATEGORY, C.CATEGORY_WORD) in items[0][1]


def _digit_class(items: list) -> bool:
    for op, av in items:
        if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            continue
        if op is C.LITERAL and av in _DIGIT_CODES:
            continue
        if op is C.RANGE and av[0] in _DIGIT_CODES and av[1] in _DIGIT_CODES:
            continue
        return False
    return True


_STOP = object()


def _walk(seq: list, prefix: str, out: _Starts) -> bool:
    """Add to ``out`` the first words the item sequence ``seq`` can start a match with, after
    ``prefix`` (lower-case word characters already matched); False when it cannot be told."""
    for i, (op, av) in enumerate(seq):
        rest = seq[i + 1:]
        if op is _STOP:
            return out.add(prefix, False)
        if op is C.LITERAL:
            ch = chr(av)
            if WORD.fullmatch(ch):
                prefix += ch.lower()
                continue
            return out.add(prefix, True)  # the word ends at a non-word character
        if op is C.ASSERT_NOT and av[0] == 1 and prefix and _no_word_after(av[1].data):
            return out.add(prefix, True)  # "(?![\\w])": the word ends here
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        if op is C.SUBPATTERN:
            return _walk(list(av[-1].data) + rest, prefix, out)
        if op is C.BRANCH:
            return all(_walk(list(alt.data) + rest, prefix, out) for alt in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, item = av
            if lo == 0 and not _walk(rest, prefix, out):
                return False
            if hi == 0:
                return True
            return _walk(list(item.data) + (rest if hi == 1 else [(_STOP, None)]), prefix, out)
        if op is C.IN and not prefix:
            if _digit_class(av):
                out.digits = True
                return True
            if all(o is C.LITERAL and WORD.fullmatch(chr(a)) for o, a in av):
                return all(_walk([(C.LITERAL, a)] + rest, prefix, out) for _, a in av)
            return False
        if op is C.IN and _non_word_class(av):
            return out.add(prefix, True)
        return out.add(prefix, False)  # anything else ends what can be told of the first word
    return out.add(prefix, False)


def pattern_starts(pattern: re.Pattern[str]) -> tuple[frozenset[str], tuple[str, ...], bool] | None:
    """(whole first words, first-word prefixes, whether a digit can start it) of a pattern that starts
    with a lookbehind excluding a word character (or ``\\b``), read off its parsed form; None when
    its matches could start elsewhere or with anything."""
    try:
        items = list(P.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - an unparsable pattern is simply scanned with finditer
        return None
    if not items or not _word_guard(items[0]):
        return None
    out = _Starts()
    if not _walk(items[1:], "", out):
        return None
    return frozenset(out.exact), tuple(sorted(out.prefixes)), out.digits
