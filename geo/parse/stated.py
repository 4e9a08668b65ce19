"""Passes "containers stated", "organisations" and "unknown names": what the text says outright.

After one sense per surface (output.coherence): the containers a sentence states re-decide between
namesakes (geo.containment: "Victoria is a city in Ellis County, Kansas"); mentions inside
organisations' names are marked (geo.organisations: "Daily Sabah", "Georgian Dream"); names the text
presents as places that the gazetteer lacks are respelt against it or kept as "unresolved"
(geo.unknown: "the village of Alican", "near Jindires").
"""

from __future__ import annotations

from dataclasses import replace

from geo import containment, organisations, unknown
from geo.parse.state import Doc

CONTAINERS_STATED = "containers stated"
ORGANISATIONS_NAMED = "organisations named"
UNKNOWN_NAMES = "unknown names"


def containers_stated(doc: Doc) -> Doc:
    """Each mention whose sentence states where it lies takes a namesake that lies there."""
    if not doc.resolutions:
        return doc
    out = containment.apply_containers(doc.text, list(doc.resolutions), doc.eng.gazetteer.lookup, doc.eng.prior)
    changed = [r if r is old else replace(r, chosen_by=CONTAINERS_STATED) for r, old in zip(out, doc.resolutions,
                                                                                          strict=True)]
    return doc.evolve(resolutions=tuple(changed))


def organisations_named(doc: Doc) -> Doc:
    """Mentions that are, or lie inside, an organisation's name get ``organisation`` set."""
    orgs = organisations.find_organisations(doc.text)
    if not orgs:
        return doc
    return doc.evolve(resolutions=tuple(organisations.mark_organisations(doc.text, list(doc.resolutions), orgs)),
                   organisations=tuple((o.start, o.end) for o in orgs))


def unknown_names(doc: Doc) -> Doc:
    """Names in place contexts the gazetteer lacks: a vouched respelling, else kind "unresolved"."""
    from geo.geoparse import fuzzy_index

    eng = doc.eng
    skip = list(doc.organisations) + [(s.start, s.end) for s in doc.streets]
    more = unknown.resolve_unknown(doc.text, doc.resolutions, doc.doc_id, lambda: fuzzy_index(eng),
                                   eng.gazetteer.lookup, eng.prior, skip=skip)
    if not more:
        return doc
    more = [replace(r, kept_by=UNKNOWN_NAMES, chosen_by=UNKNOWN_NAMES) for r in more]
    out = sorted((*doc.resolutions, *more), key=lambda r: r.mention.start)
    return doc.evolve(resolutions=tuple(out))
