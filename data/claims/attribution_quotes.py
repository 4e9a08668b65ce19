"""Quotations in an article: where each one opens and closes, across sentences and paragraphs.

A quotation may run over several sentences ("“A. B,” he said.") and, by the news convention,
over several paragraphs: a paragraph that ends inside a quotation with no closing mark and a
next paragraph that opens with a quotation mark continue the same quotation. The sentences
inside one quotation share its speaker; that is the only way a sentence takes a source from a
neighbouring sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_OPEN = "“"
_CLOSE = "”"
_MARKS = re.compile(r"''|[“”\"]|\n[\n \t]*")


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
    n = len(text)
    resumed = -1  # the opening mark that continues a quotation in a new paragraph is no new mark
    for m in _MARKS.finditer(text):  # only the marks and line breaks: linear, and fast on long texts
        i, tok = m.start(), m.group()
        if i == resumed:
            continue
        if tok[0] == "\n":
            j = m.end()
            if start >= 0:
                if j < n and text[j] in _OPEN + '"':  # the quotation goes on in the next paragraph
                    resumed = j
                    straight_open = text[j] == '"'
                    continue
                out.append(Quote(start, i))
                start = -1
            straight_open = False
            continue
        ch = '"' if tok == "''" else tok
        i = m.end() - 1  # (of "''", its second apostrophe)
        if ch == _OPEN or (ch == '"' and not straight_open and start < 0):
            if start < 0:
                start = i
            straight_open = ch == '"'
        elif (ch == _CLOSE or (ch == '"' and straight_open)) and start >= 0:
            out.append(Quote(start, i + 1))
            start = -1
            straight_open = False
    if start >= 0:
        out.append(Quote(start, n))
    return out


def inside(qs: list[Quote], pos: int) -> Quote | None:
    """The quotation containing offset ``pos``, or None."""
    k = bisect.bisect_right(qs, pos, key=lambda q: q.start) - 1  # quotations are sorted and do not overlap
    return qs[k] if k >= 0 and qs[k].start <= pos < qs[k].end else None
