"""Names the text presents as places that the gazetteer lacks: "the village of Alican", "in the
Sarmada district", "Kolotilovka, a village in ...", "near Jindires".

No populated-places gazetteer holds every village a war or an earthquake puts in the news. A
capitalised name in such a place context is kept rather than dropped: first tried as another
spelling of a gazetteer name (geo.fuzzy), accepted only when the story vouches for it (the
candidate lies in a country the text names and near a place it names); otherwise it becomes a
mention of kind "unresolved", with its sentence, for the user to place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from geo import fuzzy
from geo.model import Mention, Place, Resolution
from geo.places import is_country, km
from geo.stoplists import CALENDAR, FIRST_NAMES, FUNCTION_WORDS, TITLES, common_words

_NAME = r"(?P<name>[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,2})"
_KINDS = (r"(?:village|town|city|settlement|hamlet|district|province|region|municipality|commune|"
          r"neighbourhood|neighborhood|suburb|county|oblast|raion|governorate|area|camp|border crossing)")
# Each context with words one of which the text must hold (a cheap test before the regex).
_CONTEXTS = (
    (re.compile(rf"\b(?:[Tt]he\s+)?{_KINDS}s?\s+of\s+{_NAME}"), (" of ",)),  # "the village of Alican"
    (re.compile(rf"\b(?:in|near|outside|around|to|from|of)\s+(?:the\s+)?{_NAME}\s+{_KINDS}\b"), ("",)),  # "in the Sarmada district"
    (re.compile(rf"{_NAME},\s+an?\s+(?:[a-z]+\s+){{0,2}}{_KINDS}\s+(?:in|near|of|outside|on)\b"), (", a",)),  # "X, a town in"
    (re.compile(rf"\b(?:near|outside|in the outskirts of|on the outskirts of)\s+{_NAME}"), ("near ", "outside ")),
    (re.compile(rf"{_NAME}\s+(?:district|province|governorate|oblast|raion)\s+(?:of|in)\s+[A-Z]"),
     ("district ", "province ", "governorate ", "oblast ", "raion ")),  # "Defne district of Hatay"
    (re.compile(rf"\b(?:[Tt]he\s+)?{_NAME}\s+[Rr]iver\b"), ("River", "river")),  # "the Seym River"
)
VOUCH_KM = 200.0  # a respelt candidate must lie this close to a place the story names

_OF_NAME = re.compile(r"of\s+[A-Z]")  # a literal start: re finds it without trying every position
_KIND_ENDS = tuple(k + s for k in _KINDS[3:-1].split("|") for s in ("", "s"))


def _kind_before_of(text: str) -> bool:
    """Whether a place kind stands before some "of <Capital>" ("villages of A"): part of every match of
    the first context, found from the rarer "of" instead of trying the kinds at every letter."""
    for m in _OF_NAME.finditer(text):
        j = m.start()
        while j > 0 and text[j - 1].isspace():  # what \s matches
            j -= 1
        if j < m.start() and text.endswith(_KIND_ENDS, 0, j):
            return True
    return False


# A necessary part of a context's match, cheaper to look for than the whole (contexts not listed have none).
_ANCHORS = {
    _CONTEXTS[0][0]: _kind_before_of,
    _CONTEXTS[1][0]: re.compile(rf"\s{_KINDS}\b").search,
    _CONTEXTS[2][0]: re.compile(rf",\s+an?\s+(?:[a-z]+\s+){{0,2}}{_KINDS}\s+(?:in|near|of|outside|on)\b").search,
}

# Where a context's matches can start, so the pattern is tried there only (a regex starting with a
# \b or a name is otherwise tried at every position of the text). "lead": a match starts where the
# lead regex matches (its first words, without the \b). "tail": a match ends in a part found by the
# tail regex (at offset ``skip`` into it) and, before that part, holds only word characters, blanks,
# apostrophes and hyphens; it starts where the first regex matches in that stretch.
_BREAK = re.compile(r"[^\w'\u2019\s-]")  # a character no match holds before its tail
_CAP = re.compile(r"[A-Z]")
_LEAD: dict[int, re.Pattern[str]] = {
    3: re.compile(r"near|outside|in the outskirts of|on the outskirts of"),
}
_TAIL: dict[int, tuple[re.Pattern[str], int, re.Pattern[str]]] = {
    0: (re.compile(r"of\s+[A-Z]"), 0, re.compile(rf"[Tt]he\s|{_KINDS}")),
    1: (re.compile(rf"\s{_KINDS}\b"), 1, re.compile(r"(?:in|near|outside|around|to|from|of)\s")),
    2: (re.compile(rf",\s+an?\s+(?:[a-z]+\s+){{0,2}}{_KINDS}\s+(?:in|near|of|outside|on)\b"), 0, _CAP),
    4: (re.compile(r"(?:district|province|governorate|oblast|raion)\s+(?:of|in)\s+[A-Z]"), 0, _CAP),
    5: (re.compile(r"iver\b"), -1, re.compile(r"[A-Zt]")),  # a literal: found faster than "[Rr]iver"
}


def _every(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[int]:
    """Every position in ``text[pos:endpos]`` where ``regex`` matches (overlapping ones too)."""
    out = []
    search = regex.search
    end = len(text) if endpos is None else endpos
    m = search(text, pos, end)
    while m is not None:
        out.append(m.start())
        m = search(text, m.start() + 1, end)
    return out


def _starts(i: int, text: str) -> list[int] | None:
    """Offsets (ascending) where context ``i``'s matches can start, or None when not known."""
    if i in _LEAD:
        return _every(_LEAD[i], text)
    if i not in _TAIL:
        return None
    tail, skip, first = _TAIL[i]
    ends = [k + skip for k in _every(tail, text)]
    if not ends:
        return []
    rev = text[::-1]  # the break before an end is the first one after it in the reversed text
    n = len(text)
    out: set[int] = set()
    for k in ends:
        b = _BREAK.search(rev, n - k)
        out.update(_every(first, text, n - b.start() if b else 0, k))
    return sorted(out)


def _finditer(i: int, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the pattern tried only where ``_starts`` says a match can start."""
    starts = _starts(i, text)
    if starts is None:
        yield from pattern.finditer(text)
        return
    floor = 0
    match = pattern.match
    for p in starts:
        if p < floor:
            continue
        hit = match(text, p)
        if hit is not None:
            yield hit
            floor = hit.end()


@dataclass(frozen=True, slots=True)
class Unknown:
    """A capitalised name in a place context with no gazetteer reading, and the context's words."""

    start: int
    end: int
    surface: str
    cue: str


def _plausible(name: str) -> bool:
    words = name.split()
    if len(words) == 1 and (name in FIRST_NAMES or name in TITLES or name in CALENDAR or name in FUNCTION_WORDS
                            or name.lower() in common_words()):
        return False
    return words[0] not in FUNCTION_WORDS


def find_unknown(text: str, resolutions: Sequence[Resolution], skip: Sequence[tuple[int, int]] = (),
                 fast: bool = True) -> list[Unknown]:
    """Names in place contexts that no resolution (and no ``skip`` span, e.g. an organisation) covers
    (``fast=False``: each pattern run over the whole text, the reference the fast path must equal)."""
    taken = [(r.mention.start, r.mention.end) for r in resolutions] + list(skip)
    found: dict[tuple[int, int], Unknown] = {}
    for i, (pattern, needs) in enumerate(_CONTEXTS):
        anchor = None if fast and (i in _TAIL or i in _LEAD) else _ANCHORS.get(pattern)  # the tail looks anyway
        if not any(w in text for w in needs) or (anchor is not None and not anchor(text)):
            continue
        for m in (_finditer(i, pattern, text) if fast else pattern.finditer(text)):
            a, b = m.start("name"), m.end("name")
            name = m.group("name")
            if not _plausible(name) or any(a < y and x < b for x, y in taken):
                continue
            found.setdefault((a, b), Unknown(a, b, name, m.group(0)))
    return sorted(found.values(), key=lambda u: u.start)


def vouched(cands: Sequence[tuple[Place, fuzzy.Match]], story: Sequence[Place],
            prior: Callable[[Place], float]) -> tuple[Place, fuzzy.Match] | None:
    """The respelt candidate the story's places vouch for: in a country the text names and within
    VOUCH_KM of a place it names; closest spelling, then nearest, then likeliest."""
    countries = {p.country_code for p in story if p.country_code}
    points = [p for p in story if not is_country(p)]
    best: tuple[tuple[int, float, float], tuple[Place, fuzzy.Match]] | None = None
    for p, m in cands:
        if p.country_code not in countries or is_country(p):
            continue
        near = min((km(p.lat, p.lon, q.lat, q.lon) for q in points), default=1e9)
        if near > VOUCH_KM:
            continue
        key = (m.distance, near, -prior(p))
        if best is None or key < best[0]:
            best = (key, (p, m))
    return best[1] if best else None


def resolve_unknown(text: str, resolutions: Sequence[Resolution], doc_id: str,
                    index: Callable[[], fuzzy.FuzzyIndex | None], lookup: Callable[[str], Sequence[Place]], prior: Callable[[Place], float],
                    skip: Sequence[tuple[int, int]] = ()) -> list[Resolution]:
    """A resolution per unknown name: a place when a respelling is vouched for, else kind "unresolved"."""
    unknown = find_unknown(text, resolutions, skip)
    if not unknown:
        return []
    story = [r.place for r in resolutions if r.place is not None and not r.organisation]
    fi = index() if story else None  # built on first need: a respelling needs the story's places
    out = []
    for u in unknown:
        if lookup(u.surface):  # a name the gazetteer has was judged (a person, a river ...): not unknown
            continue
        river = u.cue.lower().endswith("river")  # a river is no respelt town
        got = (vouched(fuzzy.candidates(u.surface, fi, lookup), story, prior)
               if fi is not None and not river else None)
        if got is not None:
            p, m = got
            out.append(Resolution(Mention(doc_id, u.start, u.end, u.surface, "place"), p, 0.5,
                                  why=f"spelt like {m.name} (edit distance {m.distance}), which lies near the "
                                      f"story's places; named as a place: {u.cue!r}"))
        else:
            out.append(Resolution(Mention(doc_id, u.start, u.end, u.surface, "unresolved"), None, 0.0,
                                  why=f"named as a place ({u.cue!r}) but not in the gazetteer"))
    return out


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (for a user placing an unresolved name)."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    hi_dot, hi_nl = text.find(". ", end), text.find("\n", end)
    his = [h for h in (hi_dot, hi_nl) if h >= 0]
    hi = min(his) + 1 if his else len(text)
    return text[lo + 1:hi].strip()
