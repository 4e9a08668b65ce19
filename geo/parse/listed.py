"""Pass "listed": towns named in one list lie together.

"Mercury spilled in the communities of San Juan, Choropampa, and Magdalena" in a story on Peru: Choropampa
can only be the Peruvian village, and San Juan and Magdalena have namesakes right next to it; population
alone picked San Juan, Puerto Rico and Magdalena, Colombia, countries the text never names. A name read in
a country nothing else in the text names takes instead its reading near a list partner that lies in a
country the text does name. A city every reader knows (``well_known_population``) is not moved.
"""

from __future__ import annotations

from geo.model import Candidate
from geo.parse.lists import list_partners
from geo.parse.state import Doc, Sense
from geo.parse.weights import NEAR_LISTED, WEIGHTS
from geo.places import km

LISTED = "listed"


def _named(doc: Doc, cc: str, source: str) -> bool:
    return bool(cc) and doc.evidence.country(cc, source) > 0


def listed(doc: Doc) -> Doc:
    """Each listed name read in a country the text does not name moves next to its list partner."""
    if doc.evidence is None or len(doc.first) < 2:
        return doc
    first, senses = dict(doc.first), dict(doc.senses)
    pool = sorted(doc.first)
    for at, i in enumerate(pool):
        it, sense = doc.items[i], doc.first[i]
        cands = sense.cands
        if it.kind != "name" or len(cands) < 2:
            continue
        top = cands[0].place
        if (top.precision not in ("point", "admin") or top.population >= WEIGHTS.well_known_population
                or _named(doc, top.country_code, it.span.lookup)):
            continue
        for j in list_partners(doc.text, doc.items, pool, at):
            other = doc.first[j].cands
            q = other[0].place if other else None
            if q is None or q.precision != "point" or not _named(doc, q.country_code, doc.items[j].span.lookup):
                continue
            # every namesake, not only the likeliest few the candidates hold (a village of 900 people)
            near = [p for p in doc.eng.gazetteer.lookup(it.span.lookup)
                    if p.precision == "point" and p.country_code == q.country_code and p.id != q.id
                    and NEAR_LISTED.holds(p, q)]
            if not near:
                continue
            p = min(near, key=lambda p: km(p.lat, p.lon, q.lat, q.lon))
            moved = Candidate(place=p, score=cands[0].score, why=f"listed with {doc.items[j].span.surface}, "
                              f"{km(p.lat, p.lon, q.lat, q.lon):.0f} km away", reasons=frozenset())
            first[i] = Sense((moved, *(c for c in cands if c.place.id != p.id)), LISTED)
            key = (it.span.lookup, it.want)
            if senses.get(key) is sense:
                senses[key] = first[i]
            break
    return doc.evolve(first=first, senses=senses)


__all__ = ["LISTED", "listed"]
