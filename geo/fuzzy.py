"""Names spelt another way: "Jindires" is the gazetteer's "Jindayris", "Sudja" its "Sudzha".

News romanises Arabic, Russian, Ukrainian or Kurdish names in several ways; the gazetteer
usually holds one or two. Two spellings of one name keep their consonants and differ in vowels
and digraphs (dzh/j, kh/h, y/i, ou/u), so a name is keyed by its consonant skeleton after
folding the digraphs, every run of vowels made one, and only names with the same first letter
and first consonant are compared. Names sharing a key are compared by edit
distance on the lightly folded spelling; a small distance is a candidate. Used only for names the
text presents as places and the gazetteer lacks, and only where the story's other places
vouch for the candidate (see ``geo.unknown``): on its own a key matches too many small places.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from geo.model import Place
from geo.normalize import name_key
from geo.picklecache import load_or_build

_DIGRAPHS = (("shch", "sc"), ("sch", "s"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ch", "c"),
             ("sh", "s"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("gh", "g"), ("th", "t"), ("ck", "k"),
             ("q", "k"), ("w", "v"), ("x", "ks"), ("y", "i"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("'", ""))
_VOWELS = str.maketrans("eiou", "aaaa")  # then every run of "a" is one: each vowel run becomes "a"
_A_RUN = re.compile(r"aa+")
_DOUBLE = re.compile(r"(.)\1+")
MIN_LENGTH = 5  # shorter names collide with too many places


_FOLD = dict(_DIGRAPHS)
# Longest first at each position, left to right. The one-letter folds (q, w, x, y, ') start and lie
# inside no longer one and produce none of their letters, so a translate after the regex gives the same.
_FOLD_RE = re.compile("|".join(sorted((re.escape(k) for k in _FOLD if len(k) > 1), key=len, reverse=True)))
_FOLD_ONE = str.maketrans({k: v for k, v in _FOLD.items() if len(k) == 1})


def _fold(m: re.Match[str]) -> str:
    return _FOLD[m.group(0)]


def _light(name: str) -> str:
    """Lowercase letters and digits only (the name key without spaces), before any folding."""
    if name.isascii():  # spaces, hyphens, dots, apostrophes, backticks out: str.replace is cheaper than translate
        s = name.lower().replace(" ", "").replace("-", "").replace(".", "").replace("'", "").replace("`", "")
    else:
        s = name_key(name).replace(" ", "")
    return s if s.isalnum() else name_key(name).replace(" ", "")


def spelling(name: str) -> str:
    """The lightly folded spelling: name key, no spaces or hyphens, digraphs folded, doubles single."""
    return _DOUBLE.sub(r"\1", _FOLD_RE.sub(_fold, _light(name)).translate(_FOLD_ONE))


def skeleton(name: str) -> str:
    """The key two spellings of one name share: the folded spelling, every vowel run one "a"."""
    return _A_RUN.sub("a", spelling(name).translate(_VOWELS))


def spellings(names: Sequence[str]) -> list[tuple[str, str]]:
    """(spelling, skeleton) of many names at once, as ``spelling`` and ``skeleton`` give them one by
    one: each regex runs once over the names joined by newlines (no folded name holds one, and no
    fold or doubling crosses one), which is several times cheaper than a call per name."""
    if not names:
        return []
    spelt = _DOUBLE.sub(r"\1", _FOLD_RE.sub(_fold, "\n".join(map(_light, names))).translate(_FOLD_ONE))
    return list(zip(spelt.split("\n"), _A_RUN.sub("a", spelt.translate(_VOWELS)).split("\n"), strict=True))


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer name spelt like the query, with its edit distance on the folded spellings."""

    name: str
    distance: int


def bucket(name: str) -> str:
    """The first letter and the first consonant after it ("Jindires", "Jenderes" -> "jn"): a
    respelling keeps both, so only one bucket's names are compared."""
    low = name.lower()
    for ch in low[1:]:
        if ch.isalpha() and ch not in "aeiouy":
            return low[0] + ch
    return low[:1]


class FuzzyIndex:
    """Gazetteer names per ``bucket``; a bucket's spellings and skeletons are worked out when first asked
    (or come precomputed from ``packed``), so a process pays only for the buckets its texts need."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_bucket: dict[str, list[str]] = {}
        by = self._by_bucket
        for n in names:
            if len(n) >= MIN_LENGTH and n[:1].isupper():
                by.setdefault(bucket(n), []).append(n)
        # bucket -> (names or them newline-joined, spellings joined, skeletons joined), as ``packed`` saves them
        self._packed: dict[str, tuple[list[str] | str, str, str]] = {}
        self._tables: dict[str, tuple[list[str], list[str], str]] = {}
        self._lock = threading.Lock()

    def packed(self) -> dict[str, tuple[list[str] | str, str, str]]:
        """Every bucket as (its names newline-joined, or a list where a name holds a newline; their
        spellings and skeletons newline-joined; no spelling holds one): loaded back (``from_packed``)
        some twenty times faster than ``__init__`` buckets the gazetteer's names and ``spellings`` folds them."""
        out = dict(self._packed)
        for b, names in self._by_bucket.items():
            spelt, skel = zip(*spellings(names), strict=True)
            out[b] = (names if any("\n" in n for n in names) else "\n".join(names), "\n".join(spelt), "\n".join(skel))
        return out

    @classmethod
    def from_packed(cls, packed: dict[str, tuple[list[str] | str, str, str]]) -> FuzzyIndex:
        """The index ``packed`` describes."""
        idx = cls(())
        idx._packed = dict(packed)
        return idx

    def _table(self, b: str) -> tuple[list[str], list[str], str]:
        """One bucket's names, their spellings, and their skeletons as one string, each between newlines
        (a skeleton's names are found by a substring search, not a loop over the bucket)."""
        t = self._tables.get(b)
        if t is None:
            with self._lock:
                t = self._tables.get(b)
                if t is None:
                    if b in self._packed:
                        got, spelt, skel = self._packed[b]
                        names = got.split("\n") if isinstance(got, str) else got
                        t = (names, spelt.split("\n"), f"\n{skel}\n")
                    else:
                        names = self._by_bucket.get(b, [])
                        pairs = spellings(names)
                        t = (names, [p for p, _ in pairs], "\n" + "\n".join(k for _, k in pairs) + "\n")
                    self._tables[b] = t
        return t

    def _named(self, b: str, skel: str) -> Iterator[tuple[str, str]]:
        """(name, spelling) of the bucket's names with skeleton ``skel``, in the bucket's order."""
        names, spelt, skels = self._table(b)
        if len(names) == 0:
            return
        target = f"\n{skel}\n"
        line, at = 0, 0  # the line index of position ``at`` (the newline before that line)
        pos = skels.find(target)
        while pos >= 0:
            line += skels.count("\n", at, pos)
            at = pos
            yield names[line], spelt[line]
            pos = skels.find(target, pos + len(target) - 1)

    def matches(self, name: str) -> list[Match]:
        """Gazetteer names spelt like ``name`` (not the same name key), closest first."""
        if len(name) < MIN_LENGTH:
            return []
        own, key = spelling(name), name_key(name)
        limit = max(1, min(2, len(own) // 4))
        out: dict[str, Match] = {}
        for cand, spelt in self._named(bucket(name), skeleton(name)):
            if name_key(cand) == key:
                continue
            d = Levenshtein.distance(own, spelt, score_cutoff=limit)
            if d <= limit and (cand not in out or d < out[cand].distance):
                out[cand] = Match(cand, d)
        return sorted(out.values(), key=lambda m: (m.distance, m.name))


def cached_index(directory: Path, key: str, names: Callable[[], Iterable[str]]) -> FuzzyIndex:
    """The index saved under ``directory`` for ``key``, else built over ``names()`` and saved for next time.

    Bucketing ~480k gazetteer names costs ~0.3 CPU-s in every process that meets an unknown name (each
    worker); loading the packed buckets back costs ~0.02. A file that cannot be read is rebuilt; one that
    cannot be written is skipped (the cache only ever saves time)."""
    return load_or_build(Path(directory) / f"fuzzy-{key}.pickle", lambda: FuzzyIndex(names()),
                         lambda found: FuzzyIndex.from_packed(found) if isinstance(found, dict) else None,
                         FuzzyIndex.packed)


def index_key(version: str) -> str:
    """What a saved index depends on: the gazetteer's version (its names) and this module's source."""
    return hashlib.sha256((version + "\0" + Path(__file__).read_text(encoding="utf-8")).encode()).hexdigest()[:16]


def candidates(name: str, index: FuzzyIndex, lookup: Callable[[str], Sequence[Place]]) -> list[tuple[Place, Match]]:
    """Places whose names are spelt like ``name``, closest spelling first."""
    out: list[tuple[Place, Match]] = []
    seen: set[str] = set()
    for m in index.matches(name):
        for p in lookup(m.name):
            if p.id not in seen:
                seen.add(p.id)
                out.append((p, m))
    return out
