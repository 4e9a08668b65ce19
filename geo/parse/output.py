"""Passes "coherence" and "streets": the document's resolutions, one sense per surface, then its
streets and buildings pinned at the towns it names (geo.streets)."""

from __future__ import annotations

from dataclasses import replace

from geo import context as cx
from geo import streets
from geo.model import Mention, Resolution
from geo.parse.score import confidence
from geo.parse.state import Doc, Item, Sense
from geo.parse.weights import WEIGHTS
from geo.places import is_admin, is_country, is_major

COHERENCE = "coherence"
STREETS = "streets"


def coherence(doc: Doc) -> Doc:
    """Every kept mention takes its surface's sense; a postal code ("Ottawa, CA") only after a place of
    its own country."""
    out = []
    for i, it in enumerate(doc.items):
        if not it.keep:
            continue
        if it.span.entries[0].rule == "comma" and it.inner in doc.first \
                and doc.first[it.inner].cands[0].place.country_code != it.cands[0].country_code:
            continue
        sense = doc.senses.get((it.span.lookup, it.want)) or doc.first[i]
        out.append(_resolution(doc, it, sense))
    return doc.evolve(resolutions=tuple(out))


def _resolution(doc: Doc, it: Item, sense: Sense) -> Resolution:
    text, s, cands = doc.text, it.span, sense.cands
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
        conf = round(conf * WEIGHTS.little_known, 3)
    why = f"{it.why}; {best.why}" if best.why else it.why
    metonymic = kind == "place" and cx.is_metonymic(it.cues)
    assert it.decision is not None
    return Resolution(mention=Mention(doc.doc_id, start, s.end, surface, kind), place=place, confidence=conf,
                      alternatives=tuple(cands[1:8]), why=why, metonymic=metonymic,
                      kept_by=f"{it.decision.by} [{it.decision.code.name.lower()}]", chosen_by=sense.by)


def street_places(doc: Doc) -> Doc:
    """Streets and buildings at the town named right after them, else the nearest town of the main country."""
    if not doc.streets:
        return doc
    found = streets.resolve_streets(doc.text, list(doc.streets), list(doc.resolutions), doc.doc_id)
    out = list(doc.resolutions) + [replace(r, kept_by=STREETS, chosen_by=STREETS) for r in found
                                   if r.place is not None]
    return doc.evolve(resolutions=tuple(sorted(out, key=lambda r: r.mention.start)))
