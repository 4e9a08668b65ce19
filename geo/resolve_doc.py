"""Document-level decisions: which candidates are places, and which place each one is.

Three passes over one document's candidate spans; the first two (people, then recognition) are
geo.judge's. The third is here: every surface is resolved once with the document's evidence
(countries, regions, nearby places, containers, list partners) and that sense is used for all its
mentions (one sense per discourse).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from geo import context as cx
from geo.judge import LIST_GAP, Item, judge
from geo.model import Candidate, Mention, Place, Resolution
from geo.normalize import name_key
from geo.recognize import RawSpan
from geo.resolve import (
    CONTAINS_WHY,
    Evidence,
    confidence,
    contains,
    is_admin,
    is_country,
    is_major,
    place_class,
    score,
)

if TYPE_CHECKING:
    from geo.geoparse import Engine


def _resolve_one(it: Item, eng: Engine, ev: Evidence, container: Place | None,
                 inner: tuple[Place, ...] = (), peer: str = "") -> list[Candidate]:
    if len(it.cands) == 1:
        p = it.cands[0]
        return [Candidate(p, round(eng.prior(p), 4), "the only place with this name")]
    prior = {p.id: eng.prior(p) for p in it.cands}
    return score(it.cands, prior, ev, want=it.want, container=container, source=it.span.lookup, inner=inner,
                 peer=peer)




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
            if len(gap) <= 8 and LIST_GAP.fullmatch(gap):
                classes.add(place_class(first[j][0].place))
        if len(classes) == 1 and classes <= {"admin", "country"}:  # "New York City and Florida" mixes types
            out[i] = classes.pop()
    return out


def decide(text: str, spans: list[RawSpan], eng: Engine, doc_id: str) -> list[Resolution]:
    """Recognise and resolve one document's candidate spans (see the module docstring)."""
    items, ev = judge(text, spans, eng)
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
