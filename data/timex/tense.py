"""Tense look-ups for many expressions of one text, with the answers of ``anchor.sentence_bounds`` and
``anchor.tense_at`` but less work per look-up.

``sentence_bounds`` rescans up to 800 characters around each expression and tests every full stop
there; ``Tokens`` tokenises the sentence with margins and reads the cue of every token, then builds six
nearest-cue arrays, for the two or three cues ``tense_at`` ends up reading. Here the text's
sentence-end matches are found once (``Boundaries``), and each sentence's tokens are read lazily,
walking out from the expression only as far as the nearest cues (``Sentence``). Where a bounded scan
could see something the document-wide scan does not (a scan starting inside a match, a match cut by
the scan's end), ``Boundaries`` falls back to ``sentence_bounds`` itself. ``tests/test_timex_tense.py``
checks both agree.
"""

from __future__ import annotations

import bisect

from data.timex.anchor import (
    _CLAUSE_BREAK,
    _FUTURE,
    _FUTURE_BEFORE_TO,
    _PAST,
    _PRESENT_FUTURE,
    _SENT_END,
    _TOKEN,
    Tense,
    _cue,
    _is_boundary,
    sentence_bounds,
)

_REACH = 400  # characters ``sentence_bounds`` looks either side
_MARGIN = 40  # characters of context either side of a sentence (``Ctx.tense``): a cue looks at its neighbours
_CUE_WORDS = _FUTURE | _FUTURE_BEFORE_TO | _PAST | _PRESENT_FUTURE
_CUE_ENDINGS = ("'ll", "ed")
"""``_cue`` finds a tense only in a word of these sets or with these endings (its neighbours alone never make one)."""


class Boundaries:
    """The sentence-end matches of a whole text, and which of them end a sentence (``_is_boundary``)."""

    __slots__ = ("text", "matches", "starts", "ends", "_ok")

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_SENT_END.finditer(text))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]
        self._ok: list[bool | None] = [None] * len(self.matches)

    def _is_end(self, k: int) -> bool:
        """Whether match ``k`` ends a sentence, tested when first asked."""
        got = self._ok[k]
        if got is None:
            got = self._ok[k] = _is_boundary(self.text, self.matches[k])
        return got

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """``sentence_bounds(text, start, end)``."""
        text, starts, ends, ok = self.text, self.starts, self.ends, self._is_end
        # left: the last boundary found by finditer(text, lo0, start)
        lo0 = max(0, start - _REACH)
        i0 = bisect.bisect_left(starts, lo0)
        i1 = bisect.bisect_left(starts, start)
        if (i0 and ends[i0 - 1] > lo0) or (i1 and ends[i1 - 1] >= start):
            return sentence_bounds(text, start, end)  # a scan from lo0 starts, or one up to start ends, in a match
        lo = lo0
        for k in range(i1 - 1, i0 - 1, -1):
            if ok(k):
                lo = ends[k]
                break
        # right: the first boundary found by finditer(text, end, hi0)
        hi0 = min(len(text), end + _REACH)
        j = bisect.bisect_left(starts, end)
        if j and ends[j - 1] > end:
            return sentence_bounds(text, start, end)
        hi = hi0
        for k in range(j, len(starts)):
            if starts[k] >= hi0:
                break
            if ends[k] >= hi0:
                return sentence_bounds(text, start, end)  # cut by the scan's end: it may not match there
            if ok(k):
                hi = starts[k] + 1
                break
        return lo, hi


class Sentence:
    """The tokens ``Tokens(text, lo - 40, hi + 40)`` holds for a sentence ``[lo, hi)``, with each token's
    cue and clause break read only when asked for."""

    __slots__ = ("bounds", "toks", "starts", "_cues")

    def __init__(self, text: str, bounds: tuple[int, int]) -> None:
        lo, hi = bounds
        self.bounds = bounds
        a, b = max(0, lo - _MARGIN), min(len(text), hi + _MARGIN)
        piece = text[a:b]
        if piece.isascii():  # lower-cased once: ASCII keeps its length, so the same tokens at the same places
            self.toks = [(m.start() + a, m.group()) for m in _TOKEN.finditer(piece.lower())]
        else:
            self.toks = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text, a, b)]
        self.starts = [p for p, _ in self.toks]
        self._cues: dict[int, tuple[str, bool]] = {}

    def _kind(self, i: int) -> tuple[str, bool]:
        """("strong" / "weak" / "", is a clause break) of token ``i``, as ``Tokens`` classes it; ``_cue`` is
        asked only about a word that can be a cue (most words cannot, whatever their neighbours)."""
        w = self.toks[i][1]
        if w in _CUE_WORDS or w.endswith(_CUE_ENDINGS):
            cue, penalty = _cue(self.toks, i)
            got = self._cues[i] = (("strong" if penalty == 0 else "weak") if cue else "", w in _CLAUSE_BREAK)
        else:
            got = self._cues[i] = ("", w in _CLAUSE_BREAK)
        return got

    def _nearest(self, steps: range) -> tuple[int | None, int | None, int | None]:
        """The first strong cue, weak cue and clause break met walking ``steps``."""
        strong = weak = brk = None
        known, kind = self._cues.get, self._kind
        for i in steps:
            k, is_break = known(i) or kind(i)
            if is_break and brk is None:
                brk = i
            if k == "strong" and strong is None:
                strong = i
            elif k == "weak" and weak is None:
                weak = i
            if strong is not None and weak is not None and brk is not None:
                break
        return strong, weak, brk

    def tense(self, start: int, end: int) -> Tense:
        """``tense_at(text, start, end, Tokens(...), self.bounds)``: the nearest cue inside the clause,
        else inside the sentence (ties: left), without reading the cues beyond the nearest ones."""
        lo, hi = self.bounds
        st = self.starts
        lo_i, hi_i = bisect.bisect_left(st, lo), bisect.bisect_left(st, hi) - 1
        first, last = bisect.bisect_left(st, start), bisect.bisect_left(st, end) - 1
        if first > last:
            return None
        # only cues and breaks inside the sentence count: walk from the expression out to its ends
        ls, lw, lb = self._nearest(range(first - 1, lo_i - 1, -1))
        rs, rw, rb = self._nearest(range(last + 1, hi_i + 1))
        a = lb + 1 if lb is not None else lo_i
        b = rb - 1 if rb is not None else hi_i
        for wlo, whi in ((a, b), (lo_i, hi_i)):
            best: tuple[float, Tense] | None = None
            for left, right in ((ls, rs), (lw, rw)):
                cands = []
                if left is not None and left >= wlo:
                    cands.append((first - left, left))
                if right is not None and right <= whi:
                    cands.append((right - last + 0.5, right))
                for dist, i in cands:
                    cue, penalty = _cue(self.toks, i)
                    if best is None or dist + penalty < best[0]:
                        best = (dist + penalty, cue)
            if best:
                return best[1]
        return None
