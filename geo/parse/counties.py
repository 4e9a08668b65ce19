"""Pass "counties named": "Burlington, Boone County" and "Toledo in Lewis County" pick the pair that fits.

A county name is as ambiguous as the town before it (there are eight Boone Counties), and each was
resolved on its own. The text says the town lies in the county, so the two are read together: among
the town's namesakes and the county's, the likeliest pair in which the county holds the town wins
(inside the state named after the county, when one is: "Toledo in Lewis County, Washington").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geo.containment import inside
from geo.model import Candidate, Place, Resolution
from geo.normalize import name_key
from geo.parse.state import Doc
from geo.parse.weights import WEIGHTS
from geo.places import is_admin, is_country

COUNTIES_NAMED = "counties named"
BARE_COUNTIES = "bare counties"
_TOWN_TO_COUNTY = re.compile(r"[ \t]*,[ \t]*|[ \t]+in[ \t]+")
_COUNTY_TO_STATE = re.compile(r"[ \t]*,[ \t]*")
_COUNTY_WORDS = ("County", "Parish", "Borough")
_STATED = ("containers", "containers stated", COUNTIES_NAMED)


def _county(r: Resolution) -> bool:
    return r.place is not None and r.mention.kind == "place" and r.mention.surface.endswith(_COUNTY_WORDS)


def _town(r: Resolution) -> bool:
    p = r.place
    return (p is not None and r.mention.kind == "place" and not p.id.startswith("vague:")
            and not (is_country(p) or is_admin(p) or p.feature_code.startswith("ADM")))


def counties_named(doc: Doc) -> Doc:
    """Each "town, X County" (or "town in X County") re-read as the best pair the county holds."""
    res, text = list(doc.resolutions), doc.text
    lookup, prior = doc.eng.gazetteer.lookup, doc.eng.prior
    moved: dict[tuple[str, str], Place] = {}  # (surface key, old place id) -> new place
    for i in range(len(res) - 1):
        r, q = res[i], res[i + 1]
        if not (_town(r) and _county(q)) or not _TOWN_TO_COUNTY.fullmatch(text, r.mention.end, q.mention.start):
            continue
        state = res[i + 2].place if (i + 2 < len(res) and res[i + 2].place is not None and is_admin(res[i + 2].place)
                                     and _COUNTY_TO_STATE.fullmatch(text, q.mention.end, res[i + 2].mention.start)) \
            else None
        pair = best_pair(lookup(r.mention.surface), lookup(q.mention.surface), prior, state)
        if pair is None:
            continue
        for n, new in ((i, pair[0]), (i + 1, pair[1])):
            old = res[n].place
            if old is not None and old.id != new.id:
                moved[(name_key(res[n].mention.surface), old.id)] = new
    if not moved:
        return doc
    out = []
    for r in res:
        new = moved.get((name_key(r.mention.surface), r.place.id)) if r.place is not None else None
        out.append(r if new is None else _switch(r, new))
    return doc.evolve(resolutions=tuple(out))


def bare_counties(doc: Doc) -> Doc:
    """"Suffolk County police ... the Suffolk Times": once the text names "X County", a bare "X" read as a
    town of another state is the county (one sense per discourse); a town the county holds ("Orange" in an
    article on Orange County), a town whose own state the text names or whose container it states
    ("Montgomery is a village in Kane County, Illinois") and a capital or big city every reader knows
    ("Washington") stay themselves."""
    counties = {name_key(r.mention.surface.rsplit(" ", 1)[0]): r for r in doc.resolutions
                if _county(r) and r.place is not None and r.place.feature_code.startswith("ADM2")
                and " " in r.mention.surface}
    if not counties:
        return doc
    states = {(r.place.country_code, r.place.admin1) for r in doc.resolutions
              if r.place is not None and is_admin(r.place)}
    out, changed = [], False
    for r in doc.resolutions:
        c = counties.get(_bare(r))
        p = r.place
        if (c is not None and c.place is not None and p is not None and _town(r) and p.feature_code != "PPLC"
                and p.population < WEIGHTS.well_known_population and p.admin1 != c.place.admin1
                and (p.country_code, p.admin1) not in states and r.chosen_by not in _STATED
                and not inside(c.place, p)):
            out.append(replace(_switch(r, c.place), why=f"the text names {c.mention.surface}; {r.why}"))
            changed = True
        else:
            out.append(r)
    return doc.evolve(resolutions=tuple(out)) if changed else doc


def _bare(r: Resolution) -> str:
    """The name a mention says bare: its surface, or "X" for "X City" read as a town named plain "X"
    ("Suffolk City detectives" in an article on Suffolk County; "Jefferson City" is a town's own name)."""
    key = name_key(r.mention.surface)
    if key.endswith(" city") and r.place is not None and name_key(r.place.name) != key:
        return key[:-5]
    return key


def best_pair(towns: Sequence[Place], counties: Sequence[Place], prior, state: Place | None = None
              ) -> tuple[Place, Place] | None:  # type: ignore[no-untyped-def]
    """The likeliest (town, county) with the county holding the town (and inside ``state``), or None."""
    cs = [c for c in counties if c.feature_code.startswith("ADM2")
          and (state is None or inside(state, c))]
    ts = [t for t in towns if not (is_country(t) or is_admin(t) or t.feature_code.startswith("ADM"))]
    pairs = [(prior(t) + prior(c), t.id, t, c) for t in ts for c in cs if inside(c, t)]
    if not pairs:
        return None
    _, _, t, c = max(pairs, key=lambda x: (x[0], x[1]))
    return t, c


def _switch(r: Resolution, new: Place) -> Resolution:
    old = (Candidate(r.place, r.confidence, r.why),) if r.place is not None else ()
    alts = old + tuple(c for c in r.alternatives if c.place.id != new.id)
    return replace(r, place=new, why=f"the text puts it with the county named next to it; {r.why}",
                   alternatives=alts[:8], confidence=max(r.confidence, 0.6), chosen_by=COUNTIES_NAMED)


__all__ = ["BARE_COUNTIES", "COUNTIES_NAMED", "bare_counties", "counties_named", "best_pair"]
