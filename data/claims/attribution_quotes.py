"""Quotations in an article: where each one opens and closes, across sentences and paragraphs.

A quotation may run over several sentences ("“A. B,” he said.") and, by the news convention,
over several paragraphs: a paragraph that ends inside a quotation with no closing mark and a
next paragraph that opens with a quotation mark continue the same quotation. The sentences
inside one quotation share its speaker; that is the only way a sentence takes a source from a
neighbouring sentence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

_OPEN = "“"
_CLOSE = "”"


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``start`` at its opening mark, ``end`` after its closing mark (or where it stops)."""

    start: int
    end: int


def quotes(text: str) -> list[Quote]:
    """The quotations of ``text`` in order.

    Curly marks pair directly; straight double quotes alternate open/close within a paragraph.
    An unclosed quotation ends at its paragraph's end unless the next paragraph opens a quotation,
    which then continues it.

    >>> [(q.start, q.end) for q in quotes('He said: “A. B.” Then “C')]
    [(9, 16), (22, 24)]
    """
    out: list[Quote] = []
    start = -1
    straight_open = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("''", i):  # the two-apostrophe quotation mark of some wires
            ch = '"'
            i += 1
        if ch == "\n":
            j = i
            while j < n and text[j] in "\n \t":
                j += 1
            if start >= 0:
                if j < n and text[j] in _OPEN + '"':  # the quotation goes on in the next paragraph
                    i = j + 1
                    straight_open = text[j] == '"'
                    continue
                out.append(Quote(start, i))
                start = -1
            straight_open = False
            i = j
            continue
        if ch == _OPEN or (ch == '"' and not straight_open and start < 0):
            if start < 0:
                start = i
            straight_open = ch == '"'
        elif (ch == _CLOSE or (ch == '"' and straight_open)) and start >= 0:
            out.append(Quote(start, i + 1))
            start = -1
            straight_open = False
        i += 1
    if start >= 0:
        out.append(Quote(start, n))
    return out


def inside(qs: list[Quote], pos: int) -> Quote | None:
    """The quotation containing offset ``pos``, or None."""
    k = bisect.bisect_right(qs, pos, key=lambda q: q.start) - 1  # quotations are sorted and do not overlap
    return qs[k] if k >= 0 and qs[k].start <= pos < qs[k].end else None
