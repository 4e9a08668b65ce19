"""Streets, squares and named buildings: places a populated-places gazetteer does not hold.

News names them beside the town they are in ("a blast on Lenin Street in Kursk", "protesters in
Maidan Square", "Alder Hey Children's Hospital"), so they are found by their generic head word and
pinned, approximately, at the nearest town the article names; a reader sees the street in the popup
and the town's point on the map (``approximate``). A place word inside one is not that place:
"Northumberland Avenue" is in London, "Washington Square" in New Orleans' French Quarter, and
"St. Peter's Basilica" is not St Peters, Australia. Buildings of some kinds are often named after a place
they are not in ("Liverpool Academy" in Cairo, "Rogers Centre" in Toronto, "Hotel Kyjev" in Bratislava):
those are found only when a place name lies inside (``named_after``), and are pinned at the story's towns,
not at the place they are named after. Pure functions over the text and resolutions.

>>> [s.surface for s in find_streets("Police closed Royal Street and 14th St. near City Hall.")]
['Royal Street', '14th St.']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geo import context as cx
from geo.fastre import words_after
from geo.model import Mention, Place, Resolution
from geo.normalize import name_key
from geo.stoplists import CALENDAR, FUNCTION_WORDS, common_words
from geo.tables import mapping, rows

# Head word -> GeoNames feature code. Heads whose name part is usually where the thing is
# ("Kerch Bridge", "Kursk station") are left out: the place word inside them is right as it is.
HEADS: dict[str, str] = mapping("street_heads")
# Buildings often named after a place elsewhere: head -> (feature code, "after" | "before" the name).
FACILITY: dict[str, tuple[str, str]] = {r[0]: (r[1], r[2]) for r in rows("facility_heads", 3)}
_AFTER = {h: f for h, (f, side) in FACILITY.items() if side in ("after", "in")}
# Kinds usually named after the town or state they are in ("Florida Atlantic University"): found only with
# their town right after them ("Washington University in St. Louis", "X University at San Marcos").
_ONLY_IN = {h for h, (_, side) in FACILITY.items() if side == "in"}
_IN_NAMED = re.compile(r"[ \t]+(?:in|at)[ \t]+(?:the[ \t]+)?[A-Z]")
_BEFORE = {h: f for h, (f, side) in FACILITY.items() if side == "before"}
CONFIDENCE = 0.4
_LOWER_COMPOUND = re.compile(r"-[a-z]")
# A head of ``_ONLY_IN`` followed by another capitalised word is part of a longer name ("X University Hospital").
_HEADS = "|".join(re.escape(h) + (r"(?![ \t]+[A-Z])" if h in _ONLY_IN else "")
                  for h in sorted({**HEADS, **_AFTER}, key=len, reverse=True))
# A capitalised word, initials ("L.G."), a short abbreviation ("St.", "Mt.") or an ordinal ("14th");
# a longer word ending in a full stop ends a sentence ("... Hamilton. Shady Grove Hospital").
_WORD = r"(?:[A-Z](?:\.[A-Z])+\.|[A-Z][a-z]{0,2}\.|[A-Z][\w'\u2019-]*|\d+(?:st|nd|rd|th))"
_ANY_HEAD = re.compile(rf"(?:{_HEADS}|{'|'.join(map(re.escape, _BEFORE))})(?![\w'\u2019])")
_STREET = re.compile(
    rf"\b((?:{_WORD}[ \t]){{1,4}}?)({_HEADS})(?:[ \t](North|South|East|West))?(?![\w'\u2019])")
# "Hotel Kyjev": the head word first, then one to three capitalised words.
# (geo.fastre.words_after: "\b(?:Hotel|...)" written so that re skips to the heads' first letters)
_HEAD_FIRST = re.compile(rf"({words_after(_BEFORE)})[ \t]((?:[A-Z][\w'\u2019-]*)(?:[ \t][A-Z][\w'\u2019-]*){{0,2}})")


@dataclass(frozen=True, slots=True)
class StreetSpan:
    """A street or building name: ``text[start:end] == surface``; ``feature_code`` from its head word."""

    start: int
    end: int
    surface: str
    feature_code: str
    named_after: bool = False  # a building kind often named after a place elsewhere ("Liverpool Academy")
    needs_town: bool = False  # kept only where the town named right after it is found ("... University in X")


def find_streets(text: str) -> list[StreetSpan]:
    """Names made of capitalised words (or an ordinal) and a street or building head word."""
    out: list[StreetSpan] = []
    if not _ANY_HEAD.search(text):  # most articles name no street: skip the costlier scan
        return out
    for m in _STREET.finditer(text):
        words = m.group(1).split()
        start = m.start(1)
        # Not part of the name: "At Royal Street", "Later Gagarin Street" (capitalised only as a sentence's
        # first word), "Monday Royal Street", "Vatican-owned X Hospital", "Hong Kong's X Hospital".
        cut = 0
        first = _sentence_start(text, start)
        for i, w in enumerate(words):
            leading = i == cut and (w in CALENDAR or bool(_LOWER_COMPOUND.search(w)) or (
                first and i < len(words) - 1 and (w in FUNCTION_WORDS or w.lower() in common_words())))
            owner = i < len(words) - 1 and w.endswith(("'s", "\u2019s"))
            if leading or owner:
                cut = i + 1
        for w in words[:cut]:
            start = text.index(w, start) + len(w)
        while cut and text[start] in " \t":
            start += 1
        words = words[cut:]
        if not words:
            continue
        head = m.group(2)
        end = m.end()
        if head == "St." and re.match(r"[ \t]+[A-Z]", text[end:end + 2]):  # "St. Louis" starts a name
            continue
        if head in HEADS:
            out.append(StreetSpan(start, end, text[start:end], HEADS[head]))
        elif head in _ONLY_IN:
            if _IN_NAMED.match(text, end):
                out.append(StreetSpan(start, end, text[start:end], _AFTER[head], needs_town=True))
        else:
            out.append(StreetSpan(start, end, text[start:end], _AFTER[head], named_after=True))
    for m in _HEAD_FIRST.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in out):
            out.append(StreetSpan(m.start(), m.end(), m.group(0), _BEFORE[m.group(1)], named_after=True))
    return sorted(out, key=lambda s: s.start)


def named_after_a_place(found: list[StreetSpan], spans: list[tuple[int, int, str]]) -> list[StreetSpan]:
    """The streets, and the buildings of ``named_after`` kinds that have a place name inside other than
    their head word (``spans``: the recogniser's spans and surfaces): "Rogers Centre" is kept,
    "Masterpiece Theatre" and "Myer Centre" (Centre, the French region) are not."""
    return [s for s in found if not s.named_after
            or any(s.start <= a and b <= s.end and w not in FACILITY for a, b, w in spans)]


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:;\n"


def inside(start: int, end: int, streets: list[StreetSpan]) -> bool:
    """Whether ``[start, end)`` overlaps one of ``streets`` (a place word inside a street name)."""
    return any(start < s.end and s.start < end for s in streets)


_IN_TOWN = re.compile(r"[ \t]*,?[ \t]*(?:(?:in|at|near|of)[ \t]+)?(?:(?:central|downtown|north|south|east|west)"
                      r"[ \t]+)?\Z")


def _container(text: str, s: StreetSpan, named: list[Resolution]) -> Resolution | None:
    """The town named right after the street: "Bambino Gesu Hospital in Rome", "Camac Street, in Calcutta"."""
    for r in named:
        if r.mention.start >= s.end:
            return r if _IN_TOWN.match(text[s.end:r.mention.start]) else None
    return None


def _nearest_town(start: int, towns: list[Resolution]) -> Resolution | None:
    best, dist = None, None
    for r in towns:
        d = start - r.mention.end if r.mention.end <= start else r.mention.start - start + 1
        if dist is None or d < dist:
            best, dist = r, d
    return best


def _main_towns(towns: list[Resolution], words: set[str]) -> list[Resolution]:
    """The towns of the article's main country. Streets are where most of the article's towns are: a stray
    reading ("the Chartres/Franklin intersection" taken for Chartres, France) must not carry a New Orleans
    street to France; and a place buildings are named after ("Liverpool Academy": ``words``) does not vote."""
    voters = [r for r in towns if not words or not set(name_key(r.mention.surface).split()) <= words] or towns
    counts = Counter(r.place.country_code for r in voters if r.place is not None)
    if not counts:
        return towns
    main = counts.most_common(1)[0][0]
    return [r for r in towns if r.place is not None and r.place.country_code == main]


def _own_town(s: StreetSpan, main: list[Resolution]) -> Resolution | None:
    """A building named after a town of the story's main country is in it ("Toronto Eaton Centre",
    "Liverpool University" in a British story): the last mention of that town before it, else the first."""
    if not s.named_after:
        return None
    words = set(name_key(s.surface).split())
    own = [r for r in main if set(name_key(r.mention.surface).split()) <= words]
    before = [r for r in own if r.mention.end <= s.start]
    return before[-1] if before else (own[0] if own else None)


def resolve_streets(text: str, streets: list[StreetSpan], resolved: list[Resolution],
                    doc_id: str) -> list[Resolution]:
    """Each street pinned at the town named right after it, else the nearest town of the article's main
    country (place None when the text names no town)."""
    towns = [r for r in resolved if r.place is not None and r.place.precision == "point"
             and r.place.feature_code.startswith("PPL") and r.mention.kind == "place"]
    named = sorted((r for r in resolved if r.place is not None and r.place.precision == "point"),
                   key=lambda r: r.mention.start)
    words = {w for s in streets if s.named_after for w in name_key(s.surface).split()}
    out = []
    for s in streets:
        town = _container(text, s, named)
        how = "named right after it"
        if town is None and s.needs_town:
            continue
        if town is None:
            main = _main_towns(towns, words)
            town, how = _own_town(s, main), "the town of the main country it is named after"
            if town is None:
                town, how = _nearest_town(s.start, main), "the nearest town the text names"
        place = None
        why = "a street or building; the text names no town to put it in"
        if town is not None and town.place is not None:
            t = town.place
            # The name says where it was put, so a list or popup never passes the town's point off as the street's.
            place = Place(id=f"{t.id}~{name_key(s.surface)}", name=f"{s.surface}, {t.name}", lat=t.lat, lon=t.lon,
                          country_code=t.country_code, feature_code=s.feature_code, precision="point",
                          admin1=t.admin1, approximate=True)
            why = f"a street or building, placed at {t.name}, {how}"
        metonymic = cx.is_metonymic(cx.cues(text, s.start, s.end))
        out.append(Resolution(Mention(doc_id, s.start, s.end, s.surface), place,
                              CONFIDENCE if place else 0.0, (), why, metonymic))
    return out
