"""What every timex rule shares: the candidate ``Hit``, the per-text context, the ``Rule`` type."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from data import tables
from data.timex.anchor import Tense
from data.timex.tense import Boundaries, Sentence


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate expression before overlap resolution.

    ``rel`` = (amount, unit) marks an expression anchored on the story's own reference time
    ("the next day", "two years earlier"), resolved after selection against the latest date
    mentioned before it. ``kind`` lets the merge step join "Friday, Oct. 25" and "25 Oct 16:00".
    """

    start: int
    end: int
    type: str
    value: str
    kind: str = ""
    rel: tuple[float, str] | None = None
    priority: int = 0


_UNSET = object()
_WORD_BEFORE = re.compile(r"([A-Za-z$£€#.]+)\W{0,2}$")
_WORD_AFTER = re.compile(r"[\s\"'“”‘’]{0,3}([A-Za-z%]+)")
_RUN_STR = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$£€#."  # _WORD_BEFORE's group
_RUN_CHARS = frozenset(_RUN_STR)


def last_run(window: str) -> str:
    """``_WORD_BEFORE.search(window)``'s group 1, or "", without the regex: anchored at the end, it is tried
    at every position of the window and backtracks through every word (~9 us a call, ~13 calls an article).

    Its leftmost match starts a maximal run of ``_RUN_CHARS`` followed by at most two non-word
    characters (``\\W``) up to where ``$`` matches (the end, or before a final newline), and takes that
    whole run (shortening it only lengthens what follows): so the first run ending there with only
    non-word characters after it."""
    n = len(window)
    last = n - 1 if window.endswith("\n") else n  # where "$" can match first
    for q in range(max(last - 2, 1), n + 1):
        if window[q - 1] in _RUN_CHARS and (q == n or window[q] not in _RUN_CHARS) and (
                _non_word(window[q:last]) or _non_word(window[q:n]) and n - q <= 2):
            run = window[:q]
            return run[len(run.rstrip(_RUN_STR)):]
    return ""


def _non_word(s: str) -> bool:
    """No character of ``s`` is what ``re`` calls ``\\w`` in a str pattern (blanks at once)."""
    return not s or s.isspace() or not any(c.isalnum() or c == "_" for c in s)


@dataclass
class Ctx:
    """One text and its anchor; caches tense look-ups."""

    text: str
    anchor: date | None
    _tense: dict[tuple[int, int], Tense] = field(default_factory=dict)
    _sentences: dict[tuple[int, int], Sentence] = field(default_factory=dict)
    _bounds: Boundaries | None = None

    def tense(self, start: int, end: int) -> Tense:
        """Past or future at ``[start, end)`` (``anchor.tense_at`` over the sentence ``anchor.sentence_bounds``
        finds, with 40 characters of context either side): the text's sentence ends are found once, and
        only the sentences asked about are read (``data.timex.tense``)."""
        key = (start, end)
        got = self._tense.get(key, _UNSET)
        if got is _UNSET:
            if self._bounds is None:
                self._bounds = Boundaries(self.text)
            bounds = self._bounds.bounds(start, end)
            sentence = self._sentences.get(bounds)
            if sentence is None:
                sentence = self._sentences[bounds] = Sentence(self.text, bounds)
            got = self._tense[key] = sentence.tense(start, end)
        return got  # type: ignore[return-value]

    def word_before(self, pos: int) -> str:
        """``_WORD_BEFORE.search`` over the 40 characters before ``pos``: group 1 or "" (``last_run``)."""
        return last_run(self.text[max(0, pos - 40):pos])

    def word_after(self, pos: int) -> str:
        m = _WORD_AFTER.match(self.text[pos:pos + 40])
        return m.group(1) if m else ""


Handler = Callable[[re.Match[str], Ctx], "Hit | Iterable[Hit] | None"]


class Rule(NamedTuple):
    """One grammar rule: a regex and the handler that turns its matches into hits."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler

    @classmethod
    def of(cls, handler: Handler) -> Rule:
        """The rule a ``@rule``-decorated handler declares."""
        return cls(handler.__name__, handler.timex_pattern, handler)  # type: ignore[attr-defined]


def rule(pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
    """Declare a handler's regex (verbose mode); the group ``tx`` (if any) is the expression's span.

    Declaring does not enable: ``data.timex.rules.RULES`` lists the rules in force, in priority order."""

    def deco(fn: Handler) -> Handler:
        fn.timex_pattern = re.compile(pattern, flags | re.VERBOSE)  # type: ignore[attr-defined]
        return fn

    return deco


def span(m: re.Match[str]) -> tuple[int, int]:
    if "tx" in m.re.groupindex and m.group("tx") is not None:
        return m.span("tx")
    return m.span()


def hit(m: re.Match[str], type_: str, value: str, **kw: object) -> Hit:
    s, e = span(m)
    return Hit(s, e, type_, value, **kw)  # type: ignore[arg-type]


PREP_CONTEXT = frozenset(tables.words("timex_prepositions"))
