"""Document-level decisions: which candidates are places, and which place each one is.

Three passes over one document's candidate spans:
1. people first: titles and given names mark surnames ("Lloyd Austin"), remembered for
   the whole document, so a later bare "Austin" stays a person (one sense per discourse);
2. recognition: demonyms, aliases, multi-word names and well-known places are kept unless
   the context says person/organisation; little-known single words need support (a
   locative preposition, a region word, "X, Country", or their country in the text);
3. resolution: every surface is resolved once with the document's evidence (countries,
   regions, nearby places, containers) and that sense is used for all its mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geo import context as cx
from geo.model import Candidate, Mention, Place, Resolution
from geo.normalize import name_key
from geo.recognize import RawSpan
from geo.resolve import (
    CONTAINS_WHY,
    MAYBE_READINGS,
    Evidence,
    confidence,
    contains,
    is_admin,
    is_country,
    is_major,
    km,
    place_class,
    score,
)
from geo.stoplists import GENERIC_REGION_WORDS, common_words

if TYPE_CHECKING:
    from geo.geoparse import Engine


MINOR_POPULATION = 20_000
WELL_KNOWN_POPULATION = 500_000


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


def _items(text: str, spans: list[RawSpan], eng: Engine) -> list[Item]:
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


def _well_known(p: Place) -> bool:
    """Countries, first-level regions, macro-regions and big cities: names a reader knows."""
    return (is_country(p) or p.precision == "vague" or p.population >= WELL_KNOWN_POPULATION
            or (is_admin(p) and p.population == 0))


def _common(surface: str) -> bool:
    return surface.lower() in common_words()


def _recognise(items: list[Item]) -> None:
    persons: set[str] = set()
    for i, it in enumerate(items):
        s = it.span.surface
        strong_place = it.kind != "name" or any(_well_known(p) for p in it.cands)
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
        if (_common(s) and c.next_tight and c.next[:1].isupper() and not it.next_place
                and not any(_well_known(p) for p in it.cands)):
            it.keep, it.why = False, f"a common word inside a longer name ({s} {c.next})"
            continue
        if (_common(s) and " " not in s and c.prev_tight and c.prev[:1].isupper() and c.prev not in cx.FUNCTION_WORDS
                and not any(_well_known(p) for p in it.cands)):
            it.keep, it.why = False, f"a common word ending a longer name ({c.prev} {s})"
            continue
        if _common(s) and " " not in s and not any(name_key(p.name) == name_key(s) for p in it.cands):
            it.keep, it.why = False, "a common word that is only an alternate name of a place"
            continue
        if s.lower() in cx.DIRECTIONS or s.lower() in GENERIC_REGION_WORDS:
            it.keep, it.why = False, "a direction or a kind of region on its own"
            continue
        multi = " " in s.strip() or "-" in s
        if ((c.sentence_start or c.headline or it.span.caps) and _common(s)
                and not any(_well_known(p) for p in it.cands)):
            it.keep, it.why = False, "common word at the start of a sentence or in a headline"
            continue
        if multi or any(is_major(p) for p in it.cands):
            it.keep, it.why = True, "well-known or multi-word name"
        elif cx.speech_cue(c) and not located:
            it.keep, it.why = False, "person: a little-known place name next to a speech verb"
        elif it.want or located:
            it.keep, it.why = (not _common(s) or located), "minor place with a locative cue"
        else:
            it.keep = None  # decided with the document's evidence


def _evidence(items: list[Item], eng: Engine) -> Evidence:
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


def _regions_named(items: list[Item], eng: Engine) -> None:
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


def _minor_support(it: Item, ev: Evidence) -> str:
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


def _listed_towns(text: str, items: list[Item]) -> None:
    """"Pokrovsk, Vuhledar and Toretsk": a little-known name listed between towns the text names, with a
    reading near one of them, is a town too (a list holds one kind of thing)."""
    for i, it in enumerate(items):
        if it.keep is not False or not it.why.startswith("little-known place") or _common(it.span.surface):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(items) or not items[j].keep or items[j].kind != "name":
                continue
            lo, hi = (items[j], it) if j < i else (it, items[j])
            if not _LIST_GAP.fullmatch(text[lo.span.end:hi.span.start]):
                continue
            if any(p.precision == "point" and q.precision == "point" and abs(p.lat - q.lat) < 3
                   and km(p.lat, p.lon, q.lat, q.lon) < 200 for p in it.cands for q in items[j].cands):
                it.keep, it.why = True, f"little-known place: listed with {items[j].span.surface}, a town nearby"
                break


def _resolve_one(it: Item, eng: Engine, ev: Evidence, container: Place | None,
                 inner: tuple[Place, ...] = (), peer: str = "") -> list[Candidate]:
    if len(it.cands) == 1:
        p = it.cands[0]
        return [Candidate(p, round(eng.prior(p), 4), "the only place with this name")]
    prior = {p.id: eng.prior(p) for p in it.cands}
    return score(it.cands, prior, ev, want=it.want, container=container, source=it.span.lookup, inner=inner,
                 peer=peer)


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|&)|\s+(?:and|or|&))\s+\Z|,\s*\Z")


def _list_peers(text: str, items: list[Item], first: dict[int, list[Candidate]]) -> dict[int, str]:
    """For each kept item listed right next to other places ("California or Washington", "Georgia and
    Ukraine"), the type those neighbours share when it is country or first-level region (cities are
    listed with states all the time: "New York City and Florida"). A comma after "City" is a container
    ("Atlanta, Georgia"), not a list."""
    kept = [i for i, it in enumerate(items) if it.keep and i in first]
    out: dict[int, str] = {}
    for a, i in enumerate(kept):
        classes = set()
        for b in (a - 1, a + 1):
            if not 0 <= b < len(kept):
                continue
            j = kept[b]
            lo, hi = (j, i) if j < i else (i, j)
            if items[hi].inner == lo or items[lo].container == hi:
                continue
            gap = text[items[lo].span.end:items[hi].span.start]
            if len(gap) <= 8 and _LIST_GAP.fullmatch(gap):
                classes.add(place_class(first[j][0].place))
        if len(classes) == 1 and classes <= {"admin", "country"}:  # "New York City and Florida" mixes types
            out[i] = classes.pop()
    return out


def decide(text: str, spans: list[RawSpan], eng: Engine, doc_id: str) -> list[Resolution]:
    """Recognise and resolve one document's candidate spans (see the module docstring)."""
    items = _items(text, spans, eng)
    _recognise(items)
    ev = _evidence(items, eng)
    for it in items:
        if it.keep is None:
            why = _minor_support(it, ev)
            it.keep = bool(why) and not _common(it.span.surface)
            it.why = f"little-known place: {why or 'nothing in the text supports it'}"
    _listed_towns(text, items)
    _regions_named(items, eng)
    # First pass without containers, so "Kamagaya, Japan" can use Japan's resolution.
    first: dict[int, list[Candidate]] = {}
    sense: dict[tuple[str, str], list[Candidate]] = {}
    for i, it in enumerate(items):
        if not it.keep:
            continue
        key = (it.span.lookup, it.want)
        if it.inner >= 0 and items[it.inner].keep:
            first[i] = _resolve_one(it, eng, ev, None, items[it.inner].cands)
            if CONTAINS_WHY in first[i][0].why:
                sense[key] = first[i]
                continue
        if key not in sense:
            sense[key] = _resolve_one(it, eng, ev, None)
        first[i] = sense[key]
    for i, peer in _list_peers(text, items, first).items():
        it = items[i]
        if len(it.cands) > 1 and place_class(first[i][0].place) != peer \
                and any(place_class(p) == peer for p in it.cands):
            cands = _resolve_one(it, eng, ev, None, peer=peer)
            if place_class(cands[0].place) == peer:
                first[i] = cands
                sense[(it.span.lookup, it.want)] = cands
    for i, it in enumerate(items):
        if it.keep and it.container >= 0 and it.container in first:
            cont = first[it.container][0].place
            cands = _resolve_one(it, eng, ev, cont)
            if cands and contains(cont, cands[0].place):
                first[i] = cands
                sense[(it.span.lookup, it.want)] = cands
            elif (it.kind == "name" and it.inner < 0 and "," not in it.cues.prev_gap  # not in a list
                  and (is_admin(cont) or is_country(cont))
                  and not any(is_major(p) or is_admin(p) or is_country(p) for p in it.cands)):
                # "Stroud, Ontario": a town the gazetteer lacks, named with its region; the only
                # Stroud it knows is in England. Put it where the text says, as exactly as that.
                cands = [_within(it, cont, cands)]
                first[i] = cands
                sense[(it.span.lookup, it.want)] = cands
    out = []
    for i, it in enumerate(items):
        if not it.keep:
            continue
        if it.span.entries[0].rule == "comma" and it.inner in first \
                and first[it.inner][0].place.country_code != it.cands[0].country_code:
            continue  # "Ottawa, CA": a postal code only after a place of its own country
        cands = sense.get((it.span.lookup, it.want)) or first[i]
        out.append(_resolution(text, it, cands, doc_id))
    return out


def _within(it: Item, cont: Place, others: list[Candidate]) -> Candidate:
    """A place known only to lie in ``cont``: at its point, as precise as it (approximate)."""
    name = it.span.surface
    place = Place(id=f"{cont.id}~{name_key(name)}", name=f"{name}, {cont.name}", lat=cont.lat, lon=cont.lon,
                  country_code=cont.country_code, feature_code="PPL", precision=cont.precision,
                  admin1=cont.admin1 if is_admin(cont) else "", approximate=True)
    best = max((c.score for c in others), default=0.0)
    return Candidate(place, round(best + 0.01, 4),
                     f"the text puts it in {cont.name} and no {name} the gazetteer knows lies there")


def _resolution(text: str, it: Item, cands: list[Candidate], doc_id: str) -> Resolution:
    s = it.span
    start, surface = s.start, s.surface
    best = cands[0]
    place = best.place
    if it.direction:
        d = it.direction
        start = s.start - len(it.cues.prev_gap) - len(it.cues.prev)
        if text[start:s.start].lower().startswith(d):
            surface = text[start:s.end]
            if is_country(place) or is_admin(place):
                place = replace(place, id=f"vague:{d}:{place.id}", name=f"{d} {place.name}",
                                feature_code="RGN", precision="vague", approximate=True, geometry=None)
        else:
            start = s.start
    kind = "demonym" if it.kind == "demonym" else "place"
    conf = confidence(cands)
    if it.kind == "name" and not any(is_major(p) for p in it.cands):
        conf = round(conf * 0.8, 3)
    why = f"{it.why}; {best.why}" if best.why else it.why
    metonymic = kind == "place" and cx.is_metonymic(it.cues)
    return Resolution(mention=Mention(doc_id, start, s.end, surface, kind), place=place, confidence=conf,
                      alternatives=tuple(cands[1:8]), why=why, metonymic=metonymic)
