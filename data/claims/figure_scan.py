"""``finditer`` for the figure pattern, tried only where a figure can start.

``quantities._FIGURE`` is compiled case-insensitively and begins with an optional qualifier, an
optional currency sign and an optional space, so ``re`` tries its whole alternation at every
position of every sentence that holds a digit; that was the largest single cost of claim
extraction. Every match, though, starts at one of three places: a word (a run of ``\\w``) that can
begin a qualifier, "US$" or an amount; a currency sign one or two characters before such a word
("$400", "€ 5"); or one whitespace character right before it (the pattern's ``\\s?`` with nothing
before it). ``LeadScan`` walks the words once and calls ``pattern.match`` only there, in order,
so its matches are ``finditer``'s own (``tests/test_figure_scan.py`` compares them).

Which words can begin a match is read off the pattern itself (``data.wordscan.pattern_starts``
on the pattern without its currency and space prefix). An ASCII word is looked up lower-cased;
a word that does not start with an ASCII letter (digits, non-ASCII letters, which case folding
may relate to ASCII ones) is always tried.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from data.wordscan import pattern_starts

_RUN = re.compile(r"\w+")


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

    __slots__ = ("pattern", "exact", "prefixes", "heads", "lead")

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

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``self.pattern.finditer(text)`` gives, in order."""
        match, exact, prefixes, lead = self.pattern.match, self.exact, self.prefixes, self.lead
        k, heads = self.heads
        floor = 0
        for m in _RUN.finditer(text):
            q = m.start()
            if q < floor:
                continue
            w = m.group()
            if w.isascii() and w[0].isalpha():
                low = w.lower()
                if low not in exact and not (low[:k] in heads and low.startswith(prefixes)):
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
