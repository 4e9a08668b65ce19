"""Pass "people and organisations": spans that are part of a person's or an organisation's name.

People are decided first and remembered for the whole document (one sense per discourse): after
"Lloyd Austin", a later bare "Austin" stays a person unless a locative says otherwise ("in Austin").
A title or given name right before a name counts even for well-known places ("Paris Hilton"); the
weaker cues (an initial, a name particle, an unknown capitalised word) only for little-known ones.
"""

from __future__ import annotations

import re

from geo import context as cx
from geo.model import Place
from geo.normalize import name_key
from geo.parse.state import Code, Doc
from geo.parse.weights import WEIGHTS
from geo.places import is_admin, is_country
from geo.stoplists import (
    CALENDAR,
    DIRECTIONS,
    FIRST_NAMES,
    FUNCTION_WORDS,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    PLACE_LIKE_FIRST_NAMES,
    REGION_WORDS,
    TITLES,
)
from geo.stoplists import common_words as _common_words

PEOPLE = "people"
ORGANISATIONS = "organisations"
# "Kamil Can Agas, 35, was rescued": the rest of a capitalised name, then an age in commas.
# "spokesman Lin Jian": a title, one capitalised name (the given name), then the span (the surname).
_TITLE_NAME_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Za-z]+)[ \t]+[A-Z][\w'\u2019-]*[ \t]+\Z")
# "Jo Doe, 41, of Tyler": after a person's age, "of"/"from" introduces the town they live in.
_RESIDENCE = re.compile(r",[ \t]*\d{1,3},[ \t]*(?:of|from)[ \t]+\Z")
_AGE_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'\u2019-]+){0,3},[ \t]*\d{1,3}(?:,|[ \t]+years?\b|-year-old)")



def well_known(p: Place) -> bool:
    """Countries, first-level regions, macro-regions and big cities: names a reader knows."""
    return (is_country(p) or p.precision == "vague" or p.population >= WEIGHTS.well_known_population
            or (is_admin(p) and p.population == 0))


def _cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _place_before_name(c: cx.Cues) -> bool:
    """"Governor of Georgia Brian Kemp", "Senator from Georgia Raphael Warnock": a place-like given name after
    "of"/"from"/a locative word and right before another given name is the place the person is of, not a given
    name of theirs (a person rarely carries two given names where the first is a place-like one)."""
    return (c.prev_tight and (c.prev in _OF_FROM or c.prev in LOCATIVE_PREPS)
            and c.next in FIRST_NAMES and c.next not in PLACE_LIKE_FIRST_NAMES)


_OF_FROM = frozenset({"of", "from"})


def person_cue(surface: str, c: cx.Cues, prev_is_place: bool, next_is_place: bool,
               strong: bool = False, located: bool = False) -> tuple[Code, str] | None:
    """Why ``surface`` is (part of) a person's name, as (code, words), or None when nothing says so.
    For ``strong`` names (countries, capitals, demonyms) only a title or a given name right before or
    after counts. A bare place-like given name that is ``located`` ("near Tyler", "Jo Doe, 41, of Tyler")
    is the place."""
    if c.prev_tight and c.prev in TITLES:
        return Code.TITLE, f"after the title {c.prev!r}"
    if c.prev_tight and c.prev in FIRST_NAMES and not prev_is_place:
        return Code.GIVEN_NAME_BEFORE, f"after the given name {c.prev!r}"
    if (c.next_tight and _cap(c.next) and c.next not in REGION_WORDS and c.next.lower() not in _common_words()
            and ((surface in PLACE_LIKE_FIRST_NAMES and not next_is_place and not _place_before_name(c))
                 or (surface in FIRST_NAMES and surface not in PLACE_LIKE_FIRST_NAMES))):
        return Code.GIVEN_NAME, f"a given name before {c.next!r}"
    if strong:
        return None
    if surface in FIRST_NAMES and not (surface in PLACE_LIKE_FIRST_NAMES and located):
        return Code.GIVEN_NAME, "a given name"
    if c.prev_tight and c.prev in NAME_PARTICLES:
        return Code.NAME_PARTICLE, f"after the name particle {c.prev!r}"
    if c.prev_tight and len(c.prev) == 2 and c.prev[0].isupper() and c.prev[1] == ".":
        return Code.INITIAL, f"after the initial {c.prev!r}"
    if (c.prev_tight and _cap(c.prev) and not prev_is_place and c.prev not in FUNCTION_WORDS
            and c.prev not in CALENDAR and " " not in surface and not c.prev.isupper()
            and c.prev.lower() not in _common_words() and c.prev.lower() not in DIRECTIONS
            and not c.prev.endswith(".")):
        return Code.AFTER_UNKNOWN_NAME, f"after the unknown name {c.prev!r}"
    return None


def _resides(text: str, start: int) -> bool:
    """"Jo Doe, 41, of Tyler": the name follows a person's age and "of"/"from"."""
    return _RESIDENCE.search(text, max(0, start - 16), start) is not None


def _titled(text: str, start: int, c: cx.Cues) -> tuple[Code, str] | None:
    """"spokesman Lin Jian": the word before is a name and a title comes before it, so this is a surname."""
    if not (c.prev_tight and _cap(c.prev) and c.prev not in FUNCTION_WORDS and c.prev not in CALENDAR):
        return None
    m = _TITLE_NAME_BEFORE.search(text, max(0, start - 60), start)
    if m and m.group(1) in TITLES:
        return Code.TITLE, f"after the title and given name {m.group(1)!r} {c.prev!r}"
    return None


def people(doc: Doc) -> Doc:
    """Person cues, in text order (a name after a person's is no place list: "Michael Sicilia")."""
    items = list(doc.items)
    persons: set[str] = set()
    for i, it in enumerate(items):
        s = it.span.surface
        strong = it.kind != "name" or any(well_known(p) for p in it.cands)
        prev_place = it.prev_place and items[i - 1].keep is not False
        # "Victoria Rowell": a capitalised word after a place-like given name counts as a place only when
        # it is a place's own name ("Lincoln Gap", "Paris Texas"), not a mere alternate spelling (Rowell for
        # Rothwell).
        next_place = it.next_place and i + 1 < len(items) and (
            items[i + 1].kind != "name" or any(name_key(p.name) == name_key(items[i + 1].span.surface)
                                                for p in items[i + 1].cands))
        located = cx.is_locative(it.cues) or _resides(doc.text, it.span.start)
        cue = (person_cue(s, it.cues, prev_place, next_place, strong, located)
               or _titled(doc.text, it.span.start, it.cues))
        if (cue is None and not strong and not cx.is_locative(it.cues)  # "in Kharkiv, 20, ..." stays a place
                and _AGE_AFTER.match(doc.text, it.span.end)):
            cue = Code.AGE, "an age right after the name"
        if cue is None:
            continue
        code, words = cue
        items[i] = it.decide(False, code, PEOPLE, f"person: {words}")
        persons.add(s)
    return doc.evolve(items=tuple(items), persons=frozenset(persons))


def organisations(doc: Doc) -> Doc:
    """Organisations ("Goldman Sachs"), then later mentions of the document's people, unless located."""
    items = list(doc.items)
    for i in doc.undecided():
        it = items[i]
        located = cx.is_locative(it.cues) or it.container >= 0
        org = cx.org_cue(it.cues)
        if org:
            items[i] = it.decide(False, Code.ORGANISATION, ORGANISATIONS, f"organisation: {org}")
        elif it.span.surface in doc.persons and not located:
            items[i] = it.decide(False, Code.PERSON_EARLIER, PEOPLE,
                                 "person: named as a person earlier in the document")
    return doc.with_items(items)
