"""Pass "county lists": "Kane and Kendall counties, Illinois", "the counties of Lake, Napa and Sonoma".

A plural "counties" after a list of names, or "the counties of" before one, makes every listed name a
county ("Kane" is Kane County, not the town of Kane, Pennsylvania), though none carries the word. Each
name is looked up as "X County" (or "X Parish"), inside the state named right after the list when one is
("counties, Illinois", "counties in Texas"); a listed name the other passes dropped ("Harris", a given
name; "Lake", a common word) is added, since the list says what it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.containment import inside
from geo.model import Mention, Place, Resolution
from geo.parse.state import Doc
from geo.places import is_admin

COUNTY_LISTS = "county lists"
_NAME = r"[A-Z][\w'\u2019.-]*(?:[ \t][A-Z][\w'\u2019.-]*)?"
_LIST = rf"{_NAME}(?:,[ \t]*{_NAME}){{0,12}},?[ \t]+(?:and|or)[ \t]+{_NAME}"
_BEFORE = re.compile(rf"(?P<list>{_LIST})[ \t]+(?P<kind>[Cc]ounties|[Pp]arishes)\b")
_AFTER = re.compile(rf"\b(?P<kind>[Cc]ounties|[Pp]arishes)[ \t]+of[ \t]+(?P<list>{_LIST})")
_ONE = re.compile(_NAME)
_STATE_GAP = re.compile(r"[ \t]*(?:,|in|of)[ \t]*(?:the[ \t]+state[ \t]+of[ \t]+)?")
_HEAD = {"counties": "County", "parishes": "Parish"}


def _state_after(doc: Doc, end: int) -> Place | None:
    """The first-level region named right after the list ("counties, Illinois", "counties in Texas")."""
    for r in doc.resolutions:
        if r.mention.start >= end and r.place is not None and is_admin(r.place) \
                and _STATE_GAP.fullmatch(doc.text, end, r.mention.start):
            return r.place
    return None


def _county(doc: Doc, name: str, head: str, state: Place | None, countries: set[str]) -> Place | None:
    """The county a listed name stands for: "X County" or a county called plain "X" (England's "Kent"),
    inside ``state`` when the text names one, else preferably in a country the text names."""
    found = [p for p in (*doc.eng.lookup(f"{name} {head}"), *doc.eng.lookup(name)) if p.feature_code.startswith("ADM2")
             and (state is None or inside(state, p))]
    return max(found, key=lambda p: (p.country_code in countries, doc.eng.prior(p), p.id)) if found else None


def county_lists(doc: Doc) -> Doc:
    """Every name of a listed-counties phrase read as that county; names dropped earlier are added."""
    text = doc.text
    if "counties" not in text and "parishes" not in text:
        return doc
    spans: dict[tuple[int, int], Place] = {}
    countries = {r.place.country_code for r in doc.resolutions if r.place is not None}
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(text):
            head = _HEAD[m.group("kind").lower()]
            state = _state_after(doc, m.end())
            for n in _ONE.finditer(text, m.start("list"), m.end("list")):
                if n.group() in ("And", "Or"):
                    continue
                place = _county(doc, n.group(), head, state, countries)
                if place is not None:
                    spans[(n.start(), n.end())] = place
    if not spans:
        return doc
    out: list[Resolution] = []
    for r in doc.resolutions:
        key = next((k for k in spans if k[0] < r.mention.end and r.mention.start < k[1]), None)
        if key is None:
            out.append(r)
            continue
        place = spans.pop(key)
        out.append(replace(r, place=place, confidence=max(r.confidence, 0.6), chosen_by=COUNTY_LISTS,
                           why=f"listed with the word 'counties': {place.name}; {r.why}"))
    for (start, end), place in spans.items():
        out.append(Resolution(mention=Mention(doc.doc_id, start, end, text[start:end], "place"), place=place,
                              confidence=0.6, why=f"listed with the word 'counties': {place.name}",
                              kept_by=COUNTY_LISTS, chosen_by=COUNTY_LISTS))
    return doc.evolve(resolutions=tuple(sorted(out, key=lambda r: r.mention.start)))


__all__ = ["COUNTY_LISTS", "county_lists"]
