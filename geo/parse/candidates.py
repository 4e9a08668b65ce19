"""Pass "candidates": every span that could name a place, with its candidate places and neighbours.

Streets and named buildings are found first (geo.streets), so "Northumberland Avenue" is not London's
county; the automaton (geo.recognize) finds the other spans; each keeps the places the gazetteer or
our tables give it, and learns its neighbours: "Atlanta, Georgia" links a name to its container.
"""

from __future__ import annotations

from dataclasses import replace

from geo import context as cx
from geo import streets
from geo.normalize import name_key
from geo.parse.state import Doc, Item
from geo.places import is_country


def candidates(doc: Doc) -> Doc:
    """The document's candidate items, in text order, linked to their neighbours."""
    text, eng = doc.text, doc.eng
    found = streets.find_streets(text)
    items: list[Item] = []
    for s in eng.matcher.find(text):
        if streets.inside(s.start, s.end, found):
            continue
        entry = s.entries[0]
        c = cx.cues(text, s.start, s.end)
        if entry.kind in ("demonym", "alias"):
            if entry.rule == "comma" and ("," not in c.prev_gap or not c.prev[:1].isupper()):
                continue  # "CA" is a postal code only after "Ottawa,"
            p = eng.target(entry.target)
            if p is None:
                continue
            items.append(Item(s, c, entry.kind, (p,)))
        else:
            cands = eng.lookup(s.lookup)
            if cands:
                items.append(Item(s, c, entry.kind, cands))
    return replace(doc, streets=tuple(found), items=tuple(_linked(text, items)))


def _linked(text: str, items: list[Item]) -> list[Item]:
    """Which items touch the one before or after, and which follow as a ", Container"."""
    prev = [False] * len(items)
    nxt = [False] * len(items)
    container = [-1] * len(items)
    inner = [-1] * len(items)
    for i, it in enumerate(items):
        if i > 0 and text[items[i - 1].span.end:it.span.start].strip() == "":
            prev[i] = True
        if i + 1 < len(items):
            gap = text[it.span.end:items[i + 1].span.start]
            if gap.strip() == "":
                nxt[i] = True
            elif (gap.strip() == "," and items[i + 1].kind != "demonym"
                  and not any(is_country(p) and name_key(p.name) == name_key(it.span.lookup) for p in it.cands)):
                container[i] = i + 1
                inner[i + 1] = i
    return [replace(it, prev_place=prev[i], next_place=nxt[i], container=container[i], inner=inner[i])
            for i, it in enumerate(items)]
