"""Candidate finding: every stretch of text that could name a place or a nationality.

One case-sensitive Aho-Corasick automaton over the gazetteer's names, our demonyms,
aliases ("U.S.", "DPRK") and macro-regions finds leftmost-longest matches at word
boundaries in one pass (C speed). All-caps datelines and headlines ("WASHINGTON (AP) -")
are matched again in title case. Deciding which candidates are really places is
``geo.context``'s job; this module only finds them, fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from geo import surface
from geo.aliases import ALIASES_CSV, recogniser_aliases
from geo.picklecache import load_or_build
from geo.stoplists import CALENDAR, DIRECTIONS, FUNCTION_WORDS
from geo.surface import connector_forms, fold_joiners
from geo.tables import path as table_path
from geo.tables import rows as table_rows

DEMONYMS_CSV = table_path("demonyms.csv")

# Lowercase-initial gazetteer names we still match: "eastern Ukraine", "sub-Saharan Africa".
_LOWER_STARTS = "|".join(sorted(map(re.escape, DIRECTIONS | {"sub-saharan", "upper", "lower"}), key=len, reverse=True))
_LOWER_OK = re.compile(rf"^(?:{_LOWER_STARTS})\b[ -]\S", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Entry:
    """What an automaton key stands for: a gazetteer ``name``, a ``demonym`` or an ``alias``
    (both with a ``target``: ISO code or Name[/CC[/feature]]), or a ``region`` of our table."""

    kind: str
    target: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class RawSpan:
    """One automaton match at word boundaries; ``lookup`` is the string to look up
    (the surface, or its title-cased form for all-caps text)."""

    start: int
    end: int
    surface: str
    lookup: str
    entries: tuple[Entry, ...]
    caps: bool = False


NAME = Entry("name")


def load_demonyms(path: Path = DEMONYMS_CSV) -> dict[str, str]:
    """Demonym and adjective forms -> target ("Russian" -> "RU", "European" -> "Europe")."""
    out: dict[str, str] = {}
    for row in table_rows("demonyms", 2, path):
        for form in row[0].split("|"):
            if form.strip():
                out[form.strip()] = row[1].strip()
    return out


def load_aliases(path: Path = ALIASES_CSV) -> dict[str, tuple[str, str]]:
    """Abbreviations and old names the recogniser keeps -> (target, rule) (geo.aliases)."""
    return recogniser_aliases(path)


_APOSTROPHE_IN_WORD = re.compile(r"(?<=[a-z])['\u2019\u02bc](?=[a-z])")


def keep_name(name: str) -> bool:
    """Gazetteer names worth matching case-sensitively in English text."""
    if len(name) < 3 or len(name) > 60 or not name.isprintable():
        return False
    first = name[0]
    if not first.isupper():
        return bool(_LOWER_OK.match(name)) and any(w[:1].isupper() for w in name.split()[1:])
    if name in CALENDAR or name in FUNCTION_WORDS:
        return False
    if name.isupper() and len(name) <= 4:
        return False  # "AND", "THE", "USA" come from the alias table, not from GeoNames
    return any(c.isalpha() for c in name) and not any(c.isdigit() for c in name)


class Matcher:
    """The automaton plus the tables behind it; build once per process."""

    def __init__(self, names: Iterable[str], demonyms: dict[str, str], aliases: dict[str, tuple[str, str]],
                 regions: Iterable[str] = ()) -> None:
        special: dict[str, tuple[Entry, ...]] = {}
        for name in regions:
            special[name] = (Entry("region"),)
        for form, (target, rule) in aliases.items():
            special[form] = (Entry("alias", target, rule),)
        for form, target in demonyms.items():
            special[form] = (Entry("demonym", target),)
        # Keys are stored with hyphens as spaces and inner connectors in both cases (geo.surface);
        # text is scanned with hyphens as spaces, so "Kvemo-Kartli" finds "Kvemo Kartli".
        taken = {fold_joiners(k) for k in special}
        # Values are ints (compact): entry-table index << 8 | key length; index 0 is a plain name.
        self.entries: list[tuple[Entry, ...]] = [(NAME,)]
        auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)

        def add_name(name: str) -> None:
            for form in connector_forms(name):
                if form not in taken:
                    auto.add_word(form, len(form))
                    if "'" in form:  # news typesets "Russia’s Far East" with a curly apostrophe
                        auto.add_word(form.replace("'", "\u2019"), len(form))

        for name in names:
            if keep_name(name) and len(name) < 256:
                add_name(name)
                bare = _APOSTROPHE_IN_WORD.sub("", name)
                if bare != name and keep_name(bare) and not auto.exists(fold_joiners(bare)):
                    add_name(bare)  # "Sinpo" for Sinp'o: English news drops romanisation marks
        for key, entries in special.items():
            if 0 < len(key) < 256:
                self.entries.append(entries)
                for form in connector_forms(key):
                    auto.add_word(form, (len(self.entries) - 1) << 8 | len(form))
                    if "'" in form:
                        auto.add_word(form.replace("'", "\u2019"), (len(self.entries) - 1) << 8 | len(form))
        auto.make_automaton()
        self.automaton = auto

    def __contains__(self, name: str) -> bool:
        return self.automaton.exists(fold_joiners(name))

    def find(self, text: str) -> list[RawSpan]:
        """Leftmost-longest candidate spans at word boundaries, in text order."""
        out = list(self._scan(text, text, caps=False))
        for lo, hi in caps_regions(text):
            seg = text[lo:hi]
            titled = _titlecase(seg)
            if len(titled) != len(seg):
                continue
            out.extend(self._scan(titled, text, caps=True, offset=lo))
        if len(out) > 1:
            out.sort(key=lambda s: (s.start, -s.end))
            out = _drop_overlaps(out)
        return out

    def _scan(self, shown: str, text: str, caps: bool, offset: int = 0) -> Iterator[RawSpan]:
        """All matches at word boundaries, then leftmost-longest without overlaps (pyahocorasick's
        own iter_long can skip a match that starts inside a longer failed candidate). The automaton
        reads ``shown`` with hyphens as spaces (same length); ``lookup`` keeps them."""
        hay = fold_joiners(shown)
        n = len(hay)
        best: dict[int, tuple[int, int]] = {}
        for end_idx, val in self.automaton.iter(hay):
            end = end_idx + 1
            start = end - (val & 0xFF)
            if start > 0 and _is_word(hay[start - 1]):
                continue
            if end < n and _is_word(hay[end]) and hay[end_idx] != ".":
                continue
            if start > 1 and hay[start - 1] in "'\u2019" and _is_word(hay[start - 2]):
                continue  # "O'Hare"-style inner capitals
            got = best.get(start)
            if got is None or end > got[0]:
                best[start] = (end, val)
        entries_of = self.entries
        last = -1
        for start in sorted(best):
            if start < last:
                continue
            end, val = best[start]
            if hay.startswith(("The ", "the "), start) and end < n:
                # "The Northern Territory": a name that begins with the article ("The Northern",
                # "The Valley") gives way to a longer one starting at the next word.
                inner = best.get(start + 4)
                if inner is not None and inner[0] > end:
                    continue
            last = end
            s, e = start + offset, end + offset
            yield RawSpan(s, e, text[s:e], shown[start:end], entries_of[val >> 8], caps)


def matcher_key(version: str, demonyms: dict[str, str], aliases: dict[str, tuple[str, str]],
                regions: Iterable[str]) -> str:
    """What a built ``Matcher`` depends on: the gazetteer's version (its names), the tables, the
    word lists ``keep_name`` reads, this module's source and the automaton library's build."""
    h = hashlib.sha256()
    for part in (version, sorted(demonyms.items()), sorted(aliases.items()), sorted(regions), sorted(CALENDAR),
                 sorted(FUNCTION_WORDS), sorted(DIRECTIONS), Path(__file__).read_text(encoding="utf-8"),
                 Path(surface.__file__).read_text(encoding="utf-8"),
                 ahocorasick.__file__, os.path.getmtime(ahocorasick.__file__), sys.version):
        h.update(json.dumps(part, ensure_ascii=False).encode() + b"\0")
    return h.hexdigest()[:20]


def cached_matcher(directory: Path, key: str, build: Callable[[], Matcher]) -> Matcher:
    """The ``Matcher`` saved under ``directory`` for ``key``, else ``build()``, saved for next time.

    Building the automaton over ~480k names costs 2-3 CPU-s in every process that geoparses (each
    Dask worker, each CLI start); loading it back is a tenth of that. A file that cannot be read is
    rebuilt; one that cannot be written is skipped (the cache only ever saves time)."""
    return load_or_build(Path(directory) / f"matcher-{key}.pickle", build,
                         lambda found: found if isinstance(found, Matcher) else None)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _titlecase(seg: str) -> str:
    """"NEW YORK (AP)" -> "New York (Ap)"; keeps dots and apostrophes in place."""
    return re.sub(r"[A-Za-z\u00c0-\u024f]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), seg)


# "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" written so that re skips to the next capital instead of trying every position.
_CAPS_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z.'\u2019-]*[A-Z.](?:[ \t]+[A-Z][A-Z.'\u2019-]*[A-Z.])*\b\.?")


_LINE_LOOK = 300
_SHOUTED_WORD = 6  # letters: acronyms are shorter ("NATO", "UNHCR")
_DATELINE = 40  # characters of capitals before a run that still make it part of a dateline


def caps_regions(text: str) -> list[tuple[int, int]]:
    """All-caps runs that are datelines (at a line start) or part of an all-caps line (a shouted
    headline), not acronyms inside running text ("NATO said")."""
    out = []
    for m in _CAPS_RUN.finditer(text):
        if sum(c.isalpha() for c in m.group(0)) < 4:
            continue
        # bounded look around (linear on a single-line article): a shouted headline is not 300 characters long
        lo, hi = max(0, m.start() - _LINE_LOOK), min(len(text), m.end() + _LINE_LOOK)
        line_start = text.rfind("\n", lo, m.start()) + 1 or lo
        line_end = text.find("\n", m.end(), hi)
        whole_line = line_start > lo or lo == 0
        line_end, whole_line = (hi, whole_line and hi == len(text)) if line_end < 0 else (line_end, whole_line)
        before = text[line_start:m.start()].rstrip(" \t\"'\u201c*([-\u2022")
        shouted = whole_line and not any(c.islower() for c in text[line_start:line_end])
        # "TIJUANA & SAN DIEGO, March 29": the dateline so far is capitals and joiners only
        dateline = len(before) <= _DATELINE and not any(c.islower() for c in before)
        # "(25th District of FLORIDA)": one long capitalised word in running text is shouted, not an acronym
        word = len(m.group(0)) >= _SHOUTED_WORD and m.group(0).isalpha()
        if before == "" or before[-1] in ".!?" or shouted or dateline or word:
            out.append((m.start(), m.end()))
    return out


def _drop_overlaps(spans: list[RawSpan]) -> list[RawSpan]:
    out: list[RawSpan] = []
    last_end = -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
        elif out and not out[-1].caps and s.caps:
            continue
        elif out and out[-1].caps and (s.end - s.start) > (out[-1].end - out[-1].start) and s.start == out[-1].start:
            out[-1] = s
            last_end = s.end
    return out
