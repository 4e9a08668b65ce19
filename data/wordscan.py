"""Scanning a text for a word-initial regex by looking words up first, with the regex's own matches.

A pattern such as ``(?<![\\w.])(?:north korean|pentagon|...)(?![\\w])`` compiled case-insensitively
is tried by Python's ``re`` at every position of the text, and at each word start it walks every
branch of the alternation: on news sentences that costs tens of microseconds each. Every match of
such a pattern starts a word (its lookbehind excludes a word character before it), and its first
word is one of a known set. ``WordScan`` therefore walks the text's words (one fast C scan), skips
those that cannot start a match (an ASCII word not in the set, lower-cased), and asks the pattern
itself to ``match`` at the rest. A pattern's matches are the same as ``finditer``'s, in the same order:
the words skipped are only places where the pattern cannot match (``tests/test_wordscan.py`` checks
both agree on real and synthetic text). Which words can begin a match is read off the pattern by
``data.pattern_starts``.

A word with a non-ASCII letter is always tried (case-insensitive matching relates some non-ASCII
letters to ASCII ones, e.g. the Kelvin sign and "k"), so no look-up ever hides a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, repeat

from data.pattern_starts import WORD, ascii_form, pattern_starts

_RUN = WORD
_SPLIT = re.compile(r"(\w+)")
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9_]+)")  # the same runs in ASCII text, without Unicode look-ups


def first_word(phrase: str) -> str:
    """The leading run of word characters of ``phrase`` ("north" for "north korean"); ValueError
    when ``phrase`` does not start with a word character (such a pattern needs ``finditer``)."""
    m = _RUN.match(phrase)
    if m is None:
        raise ValueError(f"{phrase!r} does not start with a word character")
    return m.group()


class WordScan:
    """``pattern.finditer`` for a pattern whose every match starts at the first character of a word
    (a run of ``\\w``) that is not preceded by a word character, and whose first word is one of
    ``words`` case-insensitively (``digits``: or any word starting with a digit)."""

    __slots__ = ("pattern", "first", "prefixes", "digits")

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], digits: bool = False,
                 prefixes: Iterable[str] = ()) -> None:
        self.pattern = pattern
        self.digits = digits
        first = set()
        for w in words:
            if not w or not _RUN.fullmatch(w):
                raise ValueError(f"{w!r} is not one word")
            form = ascii_form(w)
            if form is not None:
                first.add(form)
        self.first = frozenset(first)
        self.prefixes = tuple(prefixes)
        if "" in self.prefixes:
            raise ValueError("an empty prefix would try every word")

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> WordScan | None:
        """A scan for ``pattern`` with its first words read off the pattern (``pattern_starts``), or
        None when they cannot be told (scan it with ``finditer``)."""
        starts = pattern_starts(pattern)
        if starts is None:
            return None
        exact, prefixes, digits = starts
        return cls(pattern, exact, digits, prefixes)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches ``self.pattern.finditer(text, pos, endpos)`` gives, in order."""
        end = len(text) if endpos is None else endpos
        match, first, digits, prefixes = self.pattern.match, self.first, self.digits, self.prefixes
        floor = pos
        for m in _RUN.finditer(text, pos, end):
            p = m.start()
            if p < floor:
                continue
            w = m.group()
            if w.isascii():
                low = w.lower()
                if low not in first and not (digits and w[0].isdigit()) and not (prefixes and low.startswith(prefixes)):
                    continue
            hit = match(text, p, end)
            if hit is not None:
                yield hit
                floor = hit.end()


class MultiScan:
    """Several patterns scanned over one text with a single pass over its words: ``starts`` lists, per
    pattern, the word starts that can begin one of its matches (None for a pattern whose first words
    cannot be told), and ``finditer`` runs the pattern there only, inside given spans."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self.scans = [WordScan.of(p) for p in self.patterns]
        self._all = tuple(i for i, s in enumerate(self.scans) if s is not None)
        self._of: dict[str, tuple[int, ...]] = {}

    def _rules(self, word: str) -> tuple[int, ...]:
        got = self._of.get(word)
        if got is None:
            if len(self._of) > 200_000:
                self._of.clear()
            if not word.isascii():
                got = self._of[word] = self._all
                return got
            low = word.lower()
            got = self._of[word] = tuple(
                i for i in self._all if low in self.scans[i].first  # type: ignore[union-attr]
                or (self.scans[i].digits and word[0].isdigit())  # type: ignore[union-attr]
                or (self.scans[i].prefixes and low.startswith(self.scans[i].prefixes)))  # type: ignore[union-attr]
        return got

    def word_rules(self, word: str) -> tuple[int, ...]:
        """The patterns (indices) a match of which can start at a word (a run of ``\\w``) spelt ``word``:
        what ``starts`` records for each word, for callers that walk the words themselves."""
        return self._rules(word)

    def starts(self, text: str) -> list[list[int] | None]:
        """Per pattern, the offsets of the words of ``text`` where a match can start (ascending).

        The words are split off and looked up in C; Python only walks the words that start a match."""
        out: list[list[int] | None] = [[] if s is not None else None for s in self.scans]
        parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)  # text between words, word, text between words, ...
        words = parts[1::2]
        of = self._of
        new = set(words).difference(of)
        if new:
            if len(of) + len(new) > 200_000:
                of.clear()
                new = set(words)
            for w in new:
                self._rules(w)
        try:
            got = list(map(of.__getitem__, words))
        except KeyError:  # the cache was cleared on the way (a text of over 200,000 distinct words)
            got = [self._rules(w) for w in words]
        if not any(got):
            return out
        ends = list(accumulate(map(len, parts)))  # word k starts at ends[2k]
        for k in compress(range(len(words)), got):
            for i in got[k]:
                out[i].append(ends[2 * k])  # type: ignore[union-attr]
        return out

    def finditer(self, i: int, text: str, spans: Iterable[tuple[int, int]], starts: list[list[int] | None]
                 ) -> Iterator[re.Match[str]]:
        """The matches of pattern ``i`` that ``finditer(text, a, b)`` gives over each span ``(a, b)``,
        in order; ``starts`` is ``self.starts(text)``. Spans must not end inside a word."""
        pattern = self.patterns[i]
        cands = starts[i]
        if cands is None:
            for a, b in spans:
                yield from pattern.finditer(text, a, b)
            return
        match = pattern.match
        j, n = 0, len(cands)
        for a, b in spans:
            while j < n and cands[j] < a:
                j += 1
            floor = a
            while j < n and cands[j] < b:
                p = cands[j]
                j += 1
                if p < floor:
                    continue
                hit = match(text, p, b)
                if hit is not None:
                    yield hit
                    floor = hit.end()

    def search(self, i: int, text: str, starts: list[list[int] | None]) -> bool:
        """Whether pattern ``i`` matches anywhere in ``text`` (``pattern.search``); ``starts`` is
        ``self.starts(text)``."""
        cands = starts[i]
        if cands is None:
            return self.patterns[i].search(text) is not None
        match = self.patterns[i].match
        return any(map(match, repeat(text), cands))  # a match object is true; no generator frame per word
