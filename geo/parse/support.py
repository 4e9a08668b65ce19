"""Passes "evidence", "little-known places", "lists" and "regions named elsewhere": what the kept names
say about where the document is, and the undecided little-known names that evidence decides.

A little-known single word ("Vuhledar") is believable when its region is named in the text, it lies
near another place of the text, it is a sizeable town of a country the text is about, or it stands in
a list next to a town nearby.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo import context as cx
from geo.parse.lists import list_partners
from geo.parse.recognise import common
from geo.parse.score import Evidence
from geo.parse.state import Code, Doc, Item
from geo.parse.weights import NEAR_LISTED, NEAR_SUPPORT, WEIGHTS
from geo.places import is_admin, is_country
from geo.tables import mapping

EVIDENCE = "evidence"
LITTLE_KNOWN = "little-known places"
LISTS = "lists"
REGIONS_NAMED = "regions named elsewhere"


# "7 a.m. CT", "11:59 p.m. (ET)": a clock time in a zone only one country's readers use.
TIME_ZONES: dict[str, str] = mapping("time_zones")
# "\d(?<!\w\d)" is "\b\d": re then tries only the positions of digits.
_CLOCK_ZONE = re.compile(r"\d(?<!\w\d)\d?(?::\d{2})?[ \t]*(?:[ap]\.m\.|[ap]m|[AP]M)[ \t]+\(?("
                         + "|".join(sorted(TIME_ZONES, key=len, reverse=True)) + r")\b")


_ZONE_TAILS = tuple(sorted({z[-2:] for z in TIME_ZONES}))
"""The last two letters of every zone name: a text holding none of them names no zone (most news do not),
and a few substring tests cost less than the pattern tried at every figure."""


def clock_countries(text: str) -> set[str]:
    """Countries whose time zones the text gives clock times in ("effective from 7 a.m. CT": the US)."""
    if "m" not in text or not any(t in text for t in _ZONE_TAILS):
        return set()
    return {TIME_ZONES[m.group(1)] for m in _CLOCK_ZONE.finditer(text)}


def evidence(doc: Doc) -> Doc:
    """Countries, regions and anchor places of the kept items (a name does not vote for its own readings)."""
    eng, w = doc.eng, WEIGHTS
    ev = Evidence()
    for it in doc.items:
        if not it.keep:
            continue
        top = max(it.cands, key=eng.prior)
        src = it.span.lookup
        if is_country(top) or it.kind == "demonym":
            ev.add(top, w.ev_country, src)
        elif len(it.cands) == 1 or eng.prior(top) - sorted(map(eng.prior, it.cands))[-2] > w.ev_clear_margin:
            ev.add(top, w.ev_clear, src)
        elif len(it.cands) <= w.maybe_readings and len(ev.maybe) < 200:
            ev.maybe.extend((p, src) for p in it.cands if p.precision == "point")
    for cc in sorted(clock_countries(doc.text)):  # a weak hint, as a clear reading of a name is
        country = eng.target(cc)
        if country is not None:
            ev.add(country, w.ev_clear, f"time zone of {cc}")
    return doc.evolve(evidence=ev)


def _support(it: Item, ev: Evidence, told: str = "") -> str:
    """Why a little-known single-word place is believable here ("" when nothing backs it); ``told`` is
    the country code the text itself puts it in (see ``_told_country``)."""
    src = it.span.lookup
    anchors = [a for a, s in ev.anchors if s != src][:50]
    for p in it.cands:
        if p.admin1 and ev.admin((p.country_code, p.admin1), src) > 0:
            return f"its region {p.country_code}.{p.admin1} is in the text"
        if p.precision == "point" and any(NEAR_SUPPORT.holds(p, a) for a in anchors):
            return "near another place of the text"
        if p.population >= WEIGHTS.minor_population and ev.country(p.country_code, src) >= WEIGHTS.ev_country:
            return f"a town of {p.country_code}, which the text is about"
        if told and p.country_code == told:
            return f"the text calls it a place of {told}"
    return ""


def _told_country(doc: Doc, i: int) -> str:
    """The country a little-known name is placed in by the words around it: "the village of X" or "a
    town called X" in a text that names the country of X's reading, or "Kenya's X" (the possessor a
    country of the text). Small towns the news names this way are below any population bar."""
    it, ev, text = doc.items[i], doc.evidence, doc.text
    assert ev is not None
    if cx.kind_of_place_before(text, it.span.start):
        named = [p.country_code for p in it.cands if ev.country(p.country_code, it.span.lookup) >= WEIGHTS.ev_country]
        return named[0] if len(set(named)) == 1 else ""
    owner = cx.possessor_before(text, it.span.start)
    if owner:
        for j in range(i - 1, max(-1, i - 4), -1):
            o = doc.items[j]
            if (o.span.start, o.span.end) == owner and o.keep and is_country(max(o.cands, key=doc.eng.prior)):
                return max(o.cands, key=doc.eng.prior).country_code
    return ""


def little_known(doc: Doc) -> Doc:
    """Decide every item no recognition rule decided, from the document's evidence."""
    assert doc.evidence is not None
    items = list(doc.items)
    for i in doc.undecided():
        it = items[i]
        why = _support(it, doc.evidence, _told_country(doc, i))
        keep = bool(why) and not common(it.span.surface)
        items[i] = it.decide(keep, Code.SUPPORTED if keep else Code.UNSUPPORTED, LITTLE_KNOWN,
                             f"little-known place: {why or 'nothing in the text supports it'}")
    return doc.with_items(items)


def lists(doc: Doc) -> Doc:
    """"Pokrovsk, Vuhledar and Toretsk": an unsupported little-known name listed next to a town the text
    names, with a reading near it, is a town too."""
    items = list(doc.items)
    everything = range(len(items))
    for i, it in enumerate(items):
        if it.code is not Code.UNSUPPORTED or common(it.span.surface):
            continue
        for j in list_partners(doc.text, items, everything, i):
            if not items[j].keep or items[j].kind != "name":
                continue
            if any(p.precision == "point" and q.precision == "point" and NEAR_LISTED.holds(p, q)
                   for p in it.cands for q in items[j].cands):
                items[i] = it.decide(True, Code.LISTED, LISTS,
                                     f"little-known place: listed with {items[j].span.surface}, a town nearby")
                break
    return doc.with_items(items)


def regions_named(doc: Doc) -> Doc:
    """"Kursk region" anywhere in the text makes a bare "Kursk" the region too (one sense per
    discourse), when the bare name's candidates include that region. "The province of Trujillo" names no
    first-level region when a second-level one answers to the name (Trujillo Province, Peru): the bare
    "Trujillo" then stays the town, not Trujillo state, Venezuela, nor the province."""
    regions: set[str] = set()
    for it in doc.items:
        if any(p.feature_code == "ADM2" for p in it.cands):
            continue
        if it.keep and (it.want == "ADM1" or (len(it.cands) == 1 and is_admin(it.cands[0]))):
            regions.update(p.id for p in it.cands if is_admin(p))
    if not regions:
        return doc
    items = [replace(it, want="ADM1", notes=(*it.notes, "the text calls it a region elsewhere"))
             if it.keep and not it.want and len(it.cands) > 1 and any(p.id in regions for p in it.cands) else it
             for it in doc.items]
    return doc.with_items(items)
