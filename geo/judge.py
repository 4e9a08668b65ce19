"""Which candidate spans of one document are places (passes 1 and 2 of geo.resolve_doc).

1. people first: titles and given names mark surnames ("Lloyd Austin"), remembered for the whole
   document, so a later bare "Austin" stays a person (one sense per discourse);
2. recognition: demonyms, aliases, multi-word names and well-known places are kept unless the
   context says person or organisation; little-known single words need support (a locative
   preposition, a region word, "X, Country", their country or a nearby place in the text, or a list
   of nearby towns they stand in).
The result is the document's items with ``keep`` decided and the evidence resolution weighs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo import context as cx
from geo.model import Place
from geo.normalize import name_key
from geo.recognize import RawSpan
from geo.resolve import MAYBE_READINGS, Evidence, is_admin, is_country, is_major, km
from geo.stoplists import GENERIC_REGION_WORDS, common_words

if TYPE_CHECKING:
    from geo.geoparse import Engine


MINOR_POPULATION = 20_000
WELL_KNOWN_POPULATION = 500_000
# Between two listed names: ", ", " and ", ", or ".
LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|&)|\s+(?:and|or|&))\s+\Z|,\s*\Z")


@dataclass
class Item:
    """One candidate span while the document is being decided."""

    span: RawSpan
    cues: cx.Cues
    kind: str  # "name" (gazetteer), "demonym", "alias" or "region" (our tables)
    cands: tuple[Place, ...]
    keep: bool | None = None
    why: str = ""
    want: str = ""
    container: int = -1  # index of a following ", Country" item
    inner: int = -1  # index of a preceding "City, " item
    prev_place: bool = False
    next_place: bool = False
    direction: str = ""


def items_of(text: str, spans: list[RawSpan], eng: Engine) -> list[Item]:
    """One item per span with candidates, linked to its neighbours ("Atlanta, Georgia": a container)."""
    items: list[Item] = []
    for s in spans:
        entry = s.entries[0]
        c = cx.cues(text, s.start, s.end)
        if entry.kind in ("demonym", "alias"):
            if entry.rule == "comma" and ("," not in c.prev_gap or not c.prev[:1].isupper()):
                continue
            p = eng.target(entry.target)
            if p is None:
                continue
            items.append(Item(s, c, entry.kind, (p,)))
        else:
            cands = eng.lookup(s.lookup)
            if cands:
                items.append(Item(s, c, entry.kind, cands))
    for i, it in enumerate(items):
        if i > 0 and text[items[i - 1].span.end:it.span.start].strip() == "":
            it.prev_place = True
        if i + 1 < len(items):
            gap = text[it.span.end:items[i + 1].span.start]
            if gap.strip() == "":
                it.next_place = True
            elif (gap.strip() == "," and items[i + 1].kind != "demonym"
                  and not any(is_country(p) and name_key(p.name) == name_key(it.span.lookup) for p in it.cands)):
                it.container = i + 1
                items[i + 1].inner = i
    return items


def well_known(p: Place) -> bool:
    """Countries, first-level regions, macro-regions and big cities: names a reader knows."""
    return (is_country(p) or p.precision == "vague" or p.population >= WELL_KNOWN_POPULATION
            or (is_admin(p) and p.population == 0))


def common(surface: str) -> bool:
    """A frequent English word ("Reading", "Mobile"): weak evidence of a place on its own."""
    return surface.lower() in common_words()


def recognise(items: list[Item]) -> None:
    """Pass 1 (people) and pass 2 (recognition): set ``keep`` (None: decided later with the evidence)."""
    persons: set[str] = set()
    for i, it in enumerate(items):
        s = it.span.surface
        strong_place = it.kind != "name" or any(well_known(p) for p in it.cands)
        # "Michael Sicilia": once the name before is a person's, this is no place list ("Paris London").
        prev_place = it.prev_place and items[i - 1].keep is not False
        why = cx.person_cue(s, it.cues, prev_place, it.next_place, strong_place)
        if why:
            it.keep, it.why = False, f"person: {why}"
            if not strong_place or not why.startswith("after the unknown"):
                persons.add(s)
    for it in items:
        if it.keep is not None:
            continue
        s, c = it.span.surface, it.cues
        located = cx.is_locative(c) or it.container >= 0
        org = cx.org_cue(c)
        if org:
            it.keep, it.why = False, f"organisation: {org}"
            continue
        if s in persons and not located:
            it.keep, it.why = False, "person: named as a person earlier in the document"
            continue
        it.want = cx.region_word(c)
        it.direction = cx.direction_before(c) if it.kind != "demonym" else ""
        if it.kind in ("demonym", "alias", "region"):
            it.keep, it.why = True, it.kind
            continue
        if (common(s) and c.next_tight and c.next[:1].isupper() and not it.next_place
                and not any(well_known(p) for p in it.cands)):
            it.keep, it.why = False, f"a common word inside a longer name ({s} {c.next})"
            continue
        if (common(s) and " " not in s and c.prev_tight and c.prev[:1].isupper() and c.prev not in cx.FUNCTION_WORDS
                and not any(well_known(p) for p in it.cands)):
            it.keep, it.why = False, f"a common word ending a longer name ({c.prev} {s})"
            continue
        if common(s) and " " not in s and not any(name_key(p.name) == name_key(s) for p in it.cands):
            it.keep, it.why = False, "a common word that is only an alternate name of a place"
            continue
        if s.lower() in cx.DIRECTIONS or (s.lower() in GENERIC_REGION_WORDS and not located):
            # "Coast Guard", "Federal Minister"; but "in Bar", "to Pool" name the town and the region
            it.keep, it.why = False, "a direction or a kind of region on its own"
            continue
        multi = " " in s.strip() or "-" in s
        if ((c.sentence_start or c.headline or it.span.caps) and common(s)
                and not any(well_known(p) for p in it.cands)):
            it.keep, it.why = False, "common word at the start of a sentence or in a headline"
            continue
        if multi or any(is_major(p) for p in it.cands):
            it.keep, it.why = True, "well-known or multi-word name"
        elif cx.speech_cue(c) and not located:
            it.keep, it.why = False, "person: a little-known place name next to a speech verb"
        elif it.want or located:
            it.keep, it.why = (not common(s) or located), "minor place with a locative cue"
        else:
            it.keep = None  # decided with the document's evidence


def evidence(items: list[Item], eng: Engine) -> Evidence:
    """What the kept items say about where the document is: countries, regions, anchor places."""
    ev = Evidence()
    for it in items:
        if not it.keep:
            continue
        top = max(it.cands, key=eng.prior)
        src = it.span.lookup
        if is_country(top) or it.kind == "demonym":
            ev.add(top, 1.0, src)
        elif len(it.cands) == 1 or eng.prior(top) - sorted(map(eng.prior, it.cands))[-2] > 0.25:
            ev.add(top, 0.5, src)
        elif len(it.cands) <= MAYBE_READINGS and len(ev.maybe) < 200:
            ev.maybe.extend((p, src) for p in it.cands if p.precision == "point")
    return ev


def regions_named(items: list[Item], eng: Engine) -> None:
    """"Kursk region" anywhere in the text makes a bare "Kursk" the region too (one sense per
    discourse), when the bare name's candidates include that region."""
    regions: set[str] = set()
    for it in items:
        if it.keep and (it.want == "ADM1" or (len(it.cands) == 1 and is_admin(it.cands[0]))):
            regions.update(p.id for p in it.cands if is_admin(p))
    if not regions:
        return
    for it in items:
        if it.keep and not it.want and len(it.cands) > 1 and any(p.id in regions for p in it.cands):
            it.want = "ADM1"
            it.why += "; the text calls it a region elsewhere"


def minor_support(it: Item, ev: Evidence) -> str:
    """Why a little-known single-word place is believable here: its region is named in the text,
    it lies near another place of the text, or it is a sizeable town of a country the text is about."""
    src = it.span.lookup
    anchors = [a for a, s in ev.anchors if s != src][:50]
    for p in it.cands:
        if p.admin1 and ev.admin((p.country_code, p.admin1), src) > 0:
            return f"its region {p.country_code}.{p.admin1} is in the text"
        if p.precision == "point" and any(abs(a.lat - p.lat) < 1.0 and abs(a.lon - p.lon) < 3.0
                                          and km(p.lat, p.lon, a.lat, a.lon) < 100 for a in anchors):
            return "near another place of the text"
        if p.population >= MINOR_POPULATION and ev.country(p.country_code, src) >= 1.0:
            return f"a town of {p.country_code}, which the text is about"
    return ""


def listed_towns(text: str, items: list[Item], unsupported: set[int]) -> None:
    """"Pokrovsk, Vuhledar and Toretsk": a little-known name (index in ``unsupported``: nothing else in the
    text backed it) listed next to a town the text names, with a reading near it, is a town too (a list
    holds one kind of thing)."""
    for i in sorted(unsupported):
        it = items[i]
        if common(it.span.surface):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(items) or not items[j].keep or items[j].kind != "name":
                continue
            lo, hi = (items[j], it) if j < i else (it, items[j])
            if not LIST_GAP.fullmatch(text[lo.span.end:hi.span.start]):
                continue
            if any(p.precision == "point" and q.precision == "point" and abs(p.lat - q.lat) < 3
                   and km(p.lat, p.lon, q.lat, q.lon) < 200 for p in it.cands for q in items[j].cands):
                it.keep, it.why = True, f"little-known place: listed with {items[j].span.surface}, a town nearby"
                break


def judge(text: str, spans: list[RawSpan], eng: Engine) -> tuple[list[Item], Evidence]:
    """The document's candidate items with ``keep`` decided, and the evidence they give."""
    items = items_of(text, spans, eng)
    recognise(items)
    ev = evidence(items, eng)
    unsupported = set()
    for i, it in enumerate(items):
        if it.keep is None:
            why = minor_support(it, ev)
            it.keep = bool(why) and not common(it.span.surface)
            it.why = f"little-known place: {why or 'nothing in the text supports it'}"
            if not it.keep:
                unsupported.add(i)
    listed_towns(text, items, unsupported)
    regions_named(items, eng)
    return items, ev
