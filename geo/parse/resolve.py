"""Passes "resolve", "list types" and "containers": which place each kept name is.

Every surface is resolved once with the document's evidence and that sense serves all its mentions
(one sense per discourse). "resolve" scores without containers, except that a name after "City, "
must contain that city ("Atlanta, Georgia"); "list types" re-reads a name listed with places of one
type ("California or Washington"); "containers" puts "Kamagaya, Japan" inside Japan, and a town the
gazetteer lacks ("Stroud, Ontario") at its container.
"""

from __future__ import annotations

from geo.model import Candidate, Place
from geo.normalize import name_key
from geo.parse.lists import list_partners
from geo.parse.score import Bonus, Evidence, score
from geo.parse.state import Doc, Item, Sense
from geo.parse.weights import WEIGHTS
from geo.places import contains, is_admin, is_country, is_major, place_class

RESOLVE = "resolve"
LIST_TYPES = "list types"
CONTAINERS = "containers"


def rank(doc: Doc, it: Item, container: Place | None = None, inner: tuple[Place, ...] = (),
         peer: str = "") -> tuple[Candidate, ...]:
    """The item's candidates, best first (the only one needs no scoring)."""
    eng = doc.eng
    if len(it.cands) == 1:
        p = it.cands[0]
        return (Candidate(p, round(eng.prior(p), 4), "the only place with this name"),)
    assert doc.evidence is not None
    prior = {p.id: eng.prior(p) for p in it.cands}
    return tuple(score(it.cands, prior, doc.evidence, want=it.want, container=container,
                       source=it.span.lookup, inner=inner, peer=peer))


def _key(it: Item) -> tuple[str, str]:
    return it.span.lookup, it.want


def resolve(doc: Doc) -> Doc:
    """Each kept surface resolved once; "Atlanta, Georgia" resolves Georgia for Atlanta's sake."""
    items = doc.items
    first: dict[int, Sense] = {}
    senses: dict[tuple[str, str], Sense] = {}
    for i, it in enumerate(items):
        if not it.keep:
            continue
        key = _key(it)
        if it.inner >= 0 and items[it.inner].keep:
            first[i] = Sense(rank(doc, it, None, items[it.inner].cands), RESOLVE)
            if Bonus.CONTAINS_INNER in first[i].cands[0].reasons:
                senses[key] = first[i]
                continue
        if key not in senses:
            senses[key] = Sense(rank(doc, it), RESOLVE)
        first[i] = senses[key]
    return doc.evolve(first=first, senses=senses)


def _list_types(doc: Doc) -> dict[int, str]:
    """For each kept item listed right next to other places ("California or Washington", "Georgia and
    Ukraine"), the type those neighbours share when it is country or first-level region (cities are
    listed with states all the time: "New York City and Florida"). A comma after "City" is a container
    ("Atlanta, Georgia"), not a list."""
    items, first = doc.items, doc.first
    kept = [i for i, it in enumerate(items) if it.keep and i in first]
    out: dict[int, str] = {}
    for a, i in enumerate(kept):
        classes = {place_class(first[j].cands[0].place) for j in list_partners(doc.text, items, kept, a, max_gap=8)
                   if not _container_pair(items, i, j)}
        if len(classes) == 1 and classes <= {"admin", "country"}:
            out[i] = classes.pop()
    return out


def _container_pair(items: tuple[Item, ...], i: int, j: int) -> bool:
    lo, hi = (j, i) if j < i else (i, j)
    return items[hi].inner == lo or items[lo].container == hi


def list_types(doc: Doc) -> Doc:
    """A name listed with countries (or regions) is read as one when it can be ("Georgia and Ukraine")."""
    first, senses = dict(doc.first), dict(doc.senses)
    for i, peer in _list_types(doc).items():
        it = doc.items[i]
        if len(it.cands) > 1 and place_class(first[i].cands[0].place) != peer \
                and any(place_class(p) == peer for p in it.cands):
            cands = rank(doc, it, peer=peer)
            if place_class(cands[0].place) == peer:
                first[i] = senses[_key(it)] = Sense(cands, LIST_TYPES)
    return doc.evolve(first=first, senses=senses)


def containers(doc: Doc) -> Doc:
    """"Kamagaya, Japan": the reading inside the container wins; "Stroud, Ontario", which the gazetteer
    lacks there, is put at the container, as exactly as the container is known."""
    first, senses = dict(doc.first), dict(doc.senses)
    for i, it in enumerate(doc.items):
        if not (it.keep and it.container >= 0 and it.container in first):
            continue
        cont = first[it.container].cands[0].place
        # "Warren County, New York, United States": New York is inside the US *and* holds Warren County
        inner = doc.items[it.inner].cands if it.inner >= 0 and doc.items[it.inner].keep else ()
        cands = rank(doc, it, cont, inner)
        if cands and contains(cont, cands[0].place):
            first[i] = senses[_key(it)] = Sense(cands, CONTAINERS)
        elif (it.kind == "name" and it.inner < 0 and "," not in it.cues.prev_gap  # not in a list
              and (is_admin(cont) or is_country(cont))
              and not any(is_major(p) or is_admin(p) or is_country(p) for p in it.cands)):
            first[i] = senses[_key(it)] = Sense((_within(it, cont, cands),), CONTAINERS)
    return doc.evolve(first=first, senses=senses)


def _within(it: Item, cont: Place, others: tuple[Candidate, ...]) -> Candidate:
    """A place known only to lie in ``cont``: at its point, as precise as it (approximate)."""
    name = it.span.surface
    place = Place(id=f"{cont.id}~{name_key(name)}", name=f"{name}, {cont.name}", lat=cont.lat, lon=cont.lon,
                  country_code=cont.country_code, feature_code="PPL", precision=cont.precision,
                  admin1=cont.admin1 if is_admin(cont) else "", approximate=True)
    best = max((c.score for c in others), default=0.0)
    return Candidate(place, round(best + WEIGHTS.unnamed_town, 4),
                     f"the text puts it in {cont.name} and no {name} the gazetteer knows lies there")


__all__ = ["Evidence", "rank", "resolve", "list_types", "containers"]
