"""Pass "story": a namesake near the story's other places beats a bigger one far away.

The scorer's ``near`` bonus sees only places within ``NEAR_SCORE`` of each other. News names a town
with the places it happens among: "Charleston" in an article about Manassas, Virginia is more likely
Charleston, West Virginia (300 km away) than Charleston, South Carolina (700 km), though the latter is
bigger. So when a surface's best candidates are close in score (a near tie that population decided),
the one nearest the article's confidently resolved places (median distance) wins, if it is clearly
nearer; a city every reader knows (``well_known_population``) is not moved: Changsha, the city of
millions, stays itself when the story is about southern China.
"""

from __future__ import annotations

from dataclasses import replace

from geo.model import Candidate, Place
from geo.parse.state import Doc, Sense
from geo.parse.weights import NEAR_SCORE, WEIGHTS
from geo.places import km

STORY = "story"


def _point(p: Place) -> bool:
    return p.precision == "point"


def _anchors(doc: Doc) -> list[tuple[Place, str]]:
    """The story's places: points whose reading is sure (the only one, or far ahead of the next)."""
    out: list[tuple[Place, str]] = []
    for i, sense in doc.first.items():
        c = sense.cands
        if not c or not _point(c[0].place):
            continue
        if len(c) == 1 or c[0].score - c[1].score >= WEIGHTS.story_sure:
            out.append((c[0].place, doc.items[i].span.lookup))
    return out


def _distance(p: Place, anchors: list[tuple[Place, str]], source: str) -> float:
    """Median over the other surfaces of the km to their nearest sure place: one wrong anchor (a town
    the text names far from the rest) does not decide."""
    near: dict[str, float] = {}
    for a, src in anchors:
        if src != source:
            d = km(p.lat, p.lon, a.lat, a.lon)
            if d < near.get(src, 1e9):
                near[src] = d
    if not near:
        return 1e9
    ds = sorted(near.values())
    return ds[(len(ds) - 1) // 2]


def story(doc: Doc) -> Doc:
    """Each surface whose best readings tie takes the one nearest the story's sure places."""
    anchors = _anchors(doc)
    if not anchors:
        return doc
    first, senses = dict(doc.first), dict(doc.senses)
    done: dict[tuple[str, str], Sense] = {}
    for i, sense in doc.first.items():
        it = doc.items[i]
        key = (it.span.lookup, it.want)
        if key in done:
            first[i] = done[key]
            continue
        new = rerank(sense.cands, anchors, it.span.lookup)
        if new is not None:
            first[i] = done[key] = Sense(new, STORY)
            if senses.get(key) is sense:
                senses[key] = first[i]
    return doc.evolve(first=first, senses=senses)


def rerank(cands: tuple[Candidate, ...], anchors: list[tuple[Place, str]],
           source: str) -> tuple[Candidate, ...] | None:
    """``cands`` with the tied reading nearest ``anchors`` first, or None when nothing changes."""
    if len(cands) < 2 or not _point(cands[0].place):
        return None
    top = cands[0]
    tied = [c for c in cands[1:] if top.score - c.score <= WEIGHTS.story_tie and _point(c.place)]
    if not tied:
        return None
    if top.place.population >= WEIGHTS.well_known_population:
        return None
    d_top = _distance(top.place, anchors, source)
    best, d_best = min(((c, _distance(c.place, anchors, source)) for c in tied), key=lambda t: t[1])
    if d_best >= WEIGHTS.story_km or d_top - d_best < NEAR_SCORE.km or d_best * WEIGHTS.story_ratio >= d_top:
        return None
    moved = replace(best, why=f"{best.why}, {d_best:.0f} km from the story's places (the other reading "
                              f"{d_top:.0f} km)")
    return (moved, *(c for c in cands if c is not best))


__all__ = ["STORY", "story", "rerank"]
