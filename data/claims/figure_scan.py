"""``finditer`` for the figure pattern, tried only where a figure can start.

``quantities._FIGURE`` is compiled case-insensitively and begins with an optional qualifier, an
optional currency sign and an optional space, so ``re`` tries its whole alternation at every
position of every sentence that holds a digit; that was the largest single cost of claim
extraction. Every match, though, starts at one of three places: a word (a run of ``\\w``) that can
begin a qualifier, "US$" or an amount; a currency sign one or two characters before such a word
("$400", "€ 5"); or one whitespace character right before it (the pattern's ``\\s?`` with nothing
before it). ``LeadScan`` walks the words once and calls ``pattern.match`` only there, in order,
so its matches are ``finditer``'s own (``tests/test_wordscan.py`` compares them).

Which words can begin a match is read off the pattern itself (``data.wordscan.pattern_starts``
on the pattern without its currency and space prefix). An ASCII word is looked up lower-cased;
a word that does not start with an ASCII letter (digits, non-ASCII letters, which case folding
may relate to ASCII ones) is always tried.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, compress

from data.wordscan import pattern_starts

_SPLIT = re.compile(r"(\w+)")
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9_]+)")  # the same runs in ASCII text, without Unicode look-ups


def _minimal(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The prefixes no shorter one already covers ("ten" covers "tenbn")."""
    out: list[str] = []
    for p in sorted(set(prefixes), key=len):
        if not p.startswith(tuple(out)):
            out.append(p)
    return tuple(sorted(out))


class LeadScan:
    """Matches of ``pattern`` whose every match starts at a word ``words`` (a pattern, see
    ``pattern_starts``) can begin, or at a ``lead`` character up to two places before such a
    word, or at one whitespace character right before it."""

    __slots__ = ("pattern", "exact", "prefixes", "heads", "lead", "_tried")

    def __init__(self, pattern: re.Pattern[str], words: re.Pattern[str], lead: str) -> None:
        starts = pattern_starts(words)
        if starts is None:
            raise ValueError("the first words of the pattern cannot be told")
        exact, prefixes, _digits = starts  # a word not starting with an ASCII letter is always tried
        self.pattern = pattern
        self.prefixes = _minimal(prefixes)
        self.exact = frozenset(w for w in exact if not (self.prefixes and w.startswith(self.prefixes)))
        k = min((len(p) for p in self.prefixes), default=0)
        self.heads = (k, frozenset(p[:k] for p in self.prefixes))
        self.lead = lead
        self._tried: dict[str, bool] = {}

    def tried(self, w: str) -> bool:
        """Whether a match can start at the word ``w`` (a run of ``\\w``), or up to two places before it."""
        got = self._tried.get(w)
        if got is None:
            if len(self._tried) > 200_000:
                self._tried.clear()
            got = True
            if w.isascii() and w[0].isalpha():
                k, heads = self.heads
                low = w.lower()
                got = low in self.exact or (low[:k] in heads and low.startswith(self.prefixes))
            self._tried[w] = got
        return got

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``self.pattern.finditer(text)`` gives, in order. The words are split off and
        looked up in C (``tried``, memoised per word); Python walks only those a match can start at."""
        parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)  # text between words, word, text between words, ...
        words = parts[1::2]
        for w in set(words).difference(self._tried):
            self.tried(w)
        try:
            got = list(map(self._tried.__getitem__, words))
        except KeyError:  # the memo was cleared on the way (a text of over 200,000 distinct words)
            got = list(map(self.tried, words))
        if not any(got):
            return
        starts = list(accumulate(map(len, parts)))  # word k starts at starts[2k]
        match, lead = self.pattern.match, self.lead
        floor = 0
        for j in compress(range(len(words)), got):
            q = starts[2 * j]
            if q < floor:
                continue
            for p in (q - 2, q - 1, q):
                if p < floor:
                    continue
                if p < q:
                    c = text[p]
                    if c not in lead and not (p == q - 1 and c.isspace()):
                        continue
                hit = match(text, p)
                if hit is not None:
                    yield hit
                    floor = hit.end()
