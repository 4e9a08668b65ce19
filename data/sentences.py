"""Paragraph and sentence segmentation that keeps character offsets.

Claims point back at the exact sentence they came from, so segmentation never rewrites
text: every span satisfies ``text[start:end] == span.text``. News text mixes prose,
photo captions, headlines and hard-wrapped lines, so paragraphs are lines (joined when a
line was merely wrapped) and sentences split at terminal punctuation unless the period
belongs to an abbreviation ("Oct. 24", "U.S. officials", "Gen. Smith").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data import tables

_ABBREVIATIONS = frozenset(tables.words("abbreviations"))
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’)]»"
_NEXT_TERMINAL = re.compile("[" + re.escape(_TERMINAL) + "]")
_OPENERS = "\"'“‘([«"
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_LONGEST_WORD = 40
"""How far back from a period to look for the word it ends: abbreviations are short, and a bounded look
keeps splitting linear in the paragraph (a 1 MB single-line article took 20 minutes when every period
re-scanned the text before it)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text; ``heading`` marks short lines without final punctuation (titles, credits)."""

    index: int
    start: int
    end: int
    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its span in the document and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


def _is_heading(block: str) -> bool:
    stripped = block.rstrip()
    if not stripped:
        return False
    ends_sentence = stripped[-1] in _TERMINAL or (
        stripped[-1] in _CLOSERS and len(stripped) > 1 and stripped[-2] in _TERMINAL
    )
    return not ends_sentence and len(stripped.split()) <= 25


def paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` into paragraphs: lines, re-joined where a line was only wrapped.

    A line continues the previous one when the previous one does not end a sentence and
    this one starts in lower case (hard-wrapped prose); otherwise each line stands alone.
    """
    if not isinstance(text, str):
        raise TypeError(f"paragraphs() needs str, got {type(text).__name__}")
    blocks: list[list[int]] = []  # [start, end] of the trimmed block
    prev_blank = True
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            prev_blank = True
            continue
        lead = len(line) - len(line.lstrip())
        start, end = line_start + lead, line_start + len(line.rstrip())
        if blocks and not prev_blank:
            last_char = text[blocks[-1][1] - 1]
            if last_char not in _TERMINAL + _CLOSERS + ":" and text[start].islower():
                blocks[-1][1] = end
                prev_blank = False
                continue
        blocks.append([start, end])
        prev_blank = False
    return [
        Paragraph(i, s, e, text[s:e], _is_heading(text[s:e])) for i, (s, e) in enumerate(blocks)
    ]


_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation(block: str, dot: int) -> bool:
    """Whether the period at ``block[dot]`` closes an abbreviation or an initial, not a sentence."""
    j = dot
    while j > 0 and dot - j < _LONGEST_WORD and block[j - 1] in _WORD_CHARS:
        j -= 1
    while j < dot and block[j] == ".":  # the word starts with a letter
        j += 1
    if j == dot:
        return False
    word = block[j:dot]
    low = word.lower().rstrip(".")
    if low in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith", or "U" of "U.S."
        return True
    return bool(_DOTTED.fullmatch(word))  # dotted acronym "U.S"


def _split_block(block: str) -> list[tuple[int, int]]:
    """Sentence spans (relative to ``block``) of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(block)
    while i < n:
        hit = _NEXT_TERMINAL.search(block, i)  # only terminal punctuation can end a sentence: skip to it
        if hit is None:
            break
        i = hit.start()
        ch = block[i]
        j = i + 1
        while j < n and (block[j] in _TERMINAL or block[j] in _CLOSERS):
            j += 1
        k = j
        while k < n and block[k] in " \t\r\u00a0":
            k += 1
        if k == j or k >= n:
            i = j
            continue
        nxt = block[k]
        starts_new = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
        if starts_new and not (ch == "." and j == i + 1 and _is_abbreviation(block, i)):
            spans.append((start, j))
            start = k
        i = j
    if start < n:
        spans.append((start, n))
    return [(s, e) for s, e in spans if block[s:e].strip()]


MAX_SENTENCE = 2000
"""Longer "sentences" (lists, tables, text without punctuation) are cut at spaces so every later
stage works on bounded pieces of untrusted text."""


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, with document offsets and paragraph index.

    ``heading`` marks sentences that do not end like prose (titles, photo credits).
    """
    out: list[Sentence] = []
    for para in paragraphs(text):
        for s, e in _split_block(para.text):
            seg = para.text[s:e]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            for start, end in _bounded(para.start + s + lead, para.start + e - trail, text):
                piece = text[start:end].rstrip()
                end = start + len(piece)
                out.append(Sentence(len(out), start, end, piece, para.index, _is_heading(piece)))
    return out
