"""Where in a text temporal expressions can be: windows around trigger words, so the rules skip the rest.

Every expression the grammar knows contains a digit or one of its rule's content words ("October",
"Thursday", "weeks", "yesterday", "recently", "decade" ...). Running ~40 rule patterns over
the whole text costs most of the extraction time; running them only inside windows of
``MARGIN`` characters around such words finds the same matches (the rules' lookbehinds still
see the real text before a window; windows end between words), at a fraction of the cost.
Each rule's trigger vocabulary is read off its own pattern (plus the lexicon's short forms), minus
function words that never make an expression on their own; tests check windowed and full
scans agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from data.timex.lexicon import MONTHS, UNITS, WEEKDAYS
from data.timex.required import CASEFOLD_TRAPS, DIGIT, needs
from data.wordscan import MultiScan


def _split(words: str) -> list[str]:
    return words.split()


MARGIN = 50
"""Characters kept on each side of a trigger word: more than any expression reaches beyond its
trigger ("the first half of 2024" is 22 characters in all); 40 already gave identical output on
the seeds, the dev set and 329 other news articles."""
_TOKEN = re.compile(r"[A-Za-z]{3,}|\d+")
_NOT_TRIGGERS = frozenset(_split("""
    the of in on at to for from and or an a that this these those than over under up until till through while
    within about around after before more most less least only just some several many few fewer other each
    every one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds dozen
    dozens couple number numerous first third fourth fifth sixth seventh eighth ninth tenth final initial
    last next previous following coming upcoming same early earlier late later latest mid middle near right
    well long old new other rest remaining start beginning end approximately roughly nearly almost barely
    spent took takes lasted lasting ahead come subsequent
"""))


def _pattern_words(patterns: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for src in patterns:
        src = re.sub(r"\\[A-Za-z]|\(\?P<\w+>|\(\?[A-Za-z]+[:)]", " ", src)
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", src))
    return words


def _spellings(word: str) -> set[str]:
    """The forms a trigger word takes in text ("week": "weeks"; "century": "centuries")."""
    out = {word, word + "s", word + "es"}
    if word.endswith("s"):
        out.add(word[:-1])
    if word.endswith("y"):
        out.add(word[:-1] + "ies")
    return out


@dataclass(frozen=True, slots=True)
class RuleTriggers:
    """Which rules a word (any spelling, lower case) or a number can start a window for; month and
    weekday names only count Capitalised (the rules match them so: "may" is a verb)."""

    by_word: dict[str, tuple[int, ...]]
    by_name: dict[str, tuple[int, ...]]
    digit_rules: tuple[int, ...]
    everywhere: tuple[bool, ...]
    needs: tuple[frozenset[str] | None, ...] = ()
    """Per rule, the words (or ``DIGIT``) one of which each of its matches holds (``data.timex.required``);
    a window holding none of them is skipped. None: every window is scanned."""
    _of: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = field(
        default_factory=dict, compare=False, repr=False)

    def of_token(self, low: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """For a word token (lower case): the rules it triggers, those it triggers Capitalised, and those
        one of whose needed words it holds. Memoised per token: news reuse their words."""
        got = self._of.get(low)
        if got is None:
            if len(self._of) > 200_000:
                self._of.clear()
            got = self._of[low] = (self.by_word.get(low, ()), self.by_name.get(low, ()), tuple(
                r for r, need in enumerate(self.needs) if need and any(w in low for w in need if w != DIGIT)))
        return got


_NAMES = set(MONTHS) | set(WEEKDAYS) | {w[:3] for w in WEEKDAYS} | {"tues", "thur", "thurs", "weds"}


def rule_triggers(patterns: Sequence[str], flags: Sequence[int] = ()) -> RuleTriggers:
    """Trigger words of each rule, read off its pattern (plus the lexicon's other forms of them), and
    what each match needs (``flags``: the patterns' compile flags; none given: no needs)."""
    units = set(UNITS) | {u + "s" for u in UNITS}
    by_word: dict[str, set[int]] = {}
    by_name: dict[str, set[int]] = {}
    digit_rules: list[int] = []
    everywhere: list[bool] = []
    for r, src in enumerate(patterns):
        own = {w for w in _pattern_words([src]) if w not in _NOT_TRIGGERS}
        if own & set(MONTHS):
            own |= set(MONTHS)
        if own & set(WEEKDAYS):
            own |= _NAMES - set(MONTHS)
        if own & units:
            own |= set(UNITS)
        has_digits = bool(re.search(r"\\d|\[[^\]]*\d", src))
        if has_digits:
            digit_rules.append(r)
        everywhere.append(not own and not has_digits)
        for w in own:
            for s in _spellings(w):
                (by_name if w in _NAMES else by_word).setdefault(s, set()).add(r)
    return RuleTriggers({w: tuple(sorted(rs)) for w, rs in by_word.items()},
                        {w: tuple(sorted(rs)) for w, rs in by_name.items()}, tuple(digit_rules), tuple(everywhere),
                        tuple(needs(src, f) for src, f in zip(patterns, flags, strict=True)) if flags else ())


_WORD_REST = re.compile(r"[\w'’-]*")
"""The rest of a word: ``\\w`` is ``str.isalnum()`` or "_" (``re`` tests ``Py_UNICODE_ISALNUM``)."""


def _merge(points: list[tuple[int, int]], text: str, margin: int, ends: dict[int, int] | None = None
           ) -> list[tuple[int, int]]:
    """Windows of ``margin`` characters around ``points``, each ending between words, overlapping ones
    joined. ``ends`` memoises where a window reaching past a token's end stops (rules share tokens)."""
    n = len(text)
    spans: list[tuple[int, int]] = []
    word_rest = _WORD_REST.match
    ends = {} if ends is None else ends
    cur_a = cur_b = -1
    for s, e in points:
        a = s - margin if s > margin else 0
        b = ends.get(e)
        if b is None:
            b = ends[e] = word_rest(text, min(n, e + margin)).end()  # a window ends between words
        if spans and a <= cur_b:
            if b > cur_b:
                cur_b = b
                spans[-1] = (cur_a, b)
        else:
            cur_a, cur_b = a, b
            spans.append((a, b))
    return spans


def rule_windows(text: str, triggers: RuleTriggers, margin: int = MARGIN) -> list[list[tuple[int, int]]]:
    """For each rule, disjoint ``[start, end)`` spans of ``text`` holding every place it can match.

    Each span ends between words, so a rule's "not followed by a letter" test sees what the
    full text would show it.
    """
    points: list[list[tuple[int, int]]] = [[] for _ in triggers.everywhere]
    digits: list[tuple[int, int]] = []
    narrow = bool(triggers.needs) and CASEFOLD_TRAPS.isdisjoint(text)
    held: list[list[tuple[int, int]]] = [[] for _ in triggers.everywhere]  # tokens holding a needed word
    of_token = triggers.of_token
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit():
            digits.append(m.span())
            continue
        words, names, needed = of_token(tok.lower())
        if words or needed or names:
            sp = m.span()
            for r in words:
                points[r].append(sp)
            if names and tok[0].isupper():
                for r in names:
                    points[r].append(sp)
            if narrow:
                for r in needed:
                    held[r].append(sp)
    return _spans(text, triggers, margin, points, digits, held, narrow)


def _spans(text: str, triggers: RuleTriggers, margin: int, points: list[list[tuple[int, int]]],
           digits: list[tuple[int, int]], held: list[list[tuple[int, int]]], narrow: bool
           ) -> list[list[tuple[int, int]]]:
    """Per rule, the windows around its trigger tokens (``points``, plus ``digits`` for rules a number
    can trigger), keeping only those that hold a needed token (``held``) when ``narrow``."""
    for r in triggers.digit_rules:
        points[r] = sorted(points[r] + digits) if points[r] else digits
    whole = [(0, len(text))]
    merged: dict[tuple[tuple[int, int], ...], list[tuple[int, int]]] = {}  # rules often share their points
    ends: dict[int, int] = {}
    out = []
    for r, pts in enumerate(points):
        if triggers.everywhere[r]:
            spans = whole
        else:
            key = tuple(pts)
            if key not in merged:
                merged[key] = _merge(pts, text, margin, ends)
            spans = merged[key]
        need = triggers.needs[r] if narrow else None
        if need:
            tokens = held[r]
            if DIGIT in need:
                tokens = sorted(tokens + digits) if tokens else digits
            spans = _holding(spans, tokens)
        out.append(spans)
    return out


_RUN = re.compile(r"\w+")
_Piece = tuple[int, int, bool, tuple[int, ...], tuple[int, ...], tuple[int, ...]]


class WordPass:
    """``rule_windows`` and ``MultiScan.starts`` from one pass over the text's words.

    Both walk every word of the text (``rule_windows`` its ``[A-Za-z]{3,}|\\d+`` tokens, the scan its
    ``\\w+`` runs), and most of a news text's words trigger nothing. Every token lies inside one run and
    depends only on that run's characters, so a memo per run (its scan rules and its tokens' roles) serves
    both at the cost of one ``\\w+`` scan and one dict look-up per word. Same results, in the same order
    (``tests/test_timex_windows.py`` compares them)."""

    def __init__(self, triggers: RuleTriggers, scan: MultiScan) -> None:
        self.triggers = triggers
        self.scan = scan
        self._of: dict[str, tuple[tuple[int, ...], tuple[_Piece, ...]]] = {}

    def _word(self, word: str) -> tuple[tuple[int, ...], tuple[_Piece, ...]]:
        pieces: list[_Piece] = []
        for m in _TOKEN.finditer(word):
            tok = m.group()
            if tok[0].isdigit():
                pieces.append((m.start(), m.end(), True, (), (), ()))
                continue
            words, names, needed = self.triggers.of_token(tok.lower())
            if not tok[0].isupper():
                names = ()
            if words or names or needed:
                pieces.append((m.start(), m.end(), False, words, names, needed))
        if len(self._of) > 200_000:
            self._of.clear()
        got = self._of[word] = (self.scan.word_rules(word), tuple(pieces))
        return got

    def __call__(self, text: str, margin: int = MARGIN
                 ) -> tuple[list[list[tuple[int, int]]], list[list[int] | None]]:
        """(``rule_windows(text, triggers, margin)``, ``scan.starts(text)``)."""
        triggers = self.triggers
        points: list[list[tuple[int, int]]] = [[] for _ in triggers.everywhere]
        digits: list[tuple[int, int]] = []
        narrow = bool(triggers.needs) and CASEFOLD_TRAPS.isdisjoint(text)
        held: list[list[tuple[int, int]]] = [[] for _ in triggers.everywhere]
        starts: list[list[int] | None] = [[] if s is not None else None for s in self.scan.scans]
        memo, word_of = self._of, self._word
        for m in _RUN.finditer(text):
            w = m.group()
            got = memo.get(w)
            if got is None:
                got = word_of(w)
            rules, pieces = got
            if rules or pieces:
                p = m.start()
                for i in rules:
                    starts[i].append(p)  # type: ignore[union-attr]
                for a, b, is_digit, words, names, needed in pieces:
                    sp = (p + a, p + b)
                    if is_digit:
                        digits.append(sp)
                        continue
                    for r in words:
                        points[r].append(sp)
                    for r in names:
                        points[r].append(sp)
                    if narrow:
                        for r in needed:
                            held[r].append(sp)
        return _spans(text, triggers, margin, points, digits, held, narrow), starts


def _holding(spans: list[tuple[int, int]], tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` that overlap one of ``tokens`` (both sorted and disjoint)."""
    out = []
    i, n = 0, len(tokens)
    for a, b in spans:
        while i < n and tokens[i][1] <= a:
            i += 1
        if i < n and tokens[i][0] < b:
            out.append((a, b))
    return out
