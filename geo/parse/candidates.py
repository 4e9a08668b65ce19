"""Pass "candidates": every span that could name a place, with its candidate places and neighbours.

Streets and named buildings are found first (geo.streets), so "Northumberland Avenue" is not London's
county; the automaton (geo.recognize) finds the other spans; each keeps the places the gazetteer or
our tables give it, and learns its neighbours: "Atlanta, Georgia" links a name to its container.
"""

from __future__ import annotations

from geo import context as cx
from geo import scripts, streets
from geo.model import Place
from geo.normalize import name_key
from geo.parse.state import Doc, Item
from geo.places import is_country
from geo.recognize import RawSpan


def candidates(doc: Doc) -> Doc:
    """The document's candidate items, in text order, linked to their neighbours."""
    text, eng = doc.text, doc.eng
    raw: list[tuple[RawSpan, cx.Cues, str, tuple[Place, ...]]] = []
    spans = eng.matcher.find(text)
    if scripts.HAS_CYRILLIC.search(text):  # "в Курске": lemmatised and romanised, then as any name
        spans = scripts.merge(spans, scripts.cyrillic_spans(
            text, lambda name: max(map(eng.prior, eng.lookup(name)), default=0.0)))
    found = streets.find_streets(text)
    if found:
        found = streets.named_after_a_place(found, [(s.start, s.end, s.surface) for s in spans])
    for s in spans:
        if streets.inside(s.start, s.end, found) or _handle(text, s.start):
            continue
        entry = s.entries[0]
        c = cx.cues(text, s.start, s.end)
        if entry.kind in ("demonym", "alias"):
            if entry.rule == "comma" and (not _container_gap(c.prev_gap, text, s.end) or not c.prev[:1].isupper()):
                continue  # "CA" is a postal code only after "Ottawa," (or in "Walker County (Ga.)")
            p = eng.target(entry.target)
            if p is not None:
                raw.append((s, c, entry.kind, (p,)))
        else:
            cands = eng.lookup(s.lookup)
            if cands:
                raw.append((s, c, entry.kind, cands))
    return doc.evolve(streets=tuple(found), items=tuple(_linked(text, raw)))


def _handle(text: str, start: int) -> bool:
    """"@Gillette": an account name, not a place."""
    return start > 0 and text[start - 1] == "@"


def _container_gap(gap: str, text: str, end: int) -> bool:
    """Between a name and its container: "Atlanta, Georgia", or a parenthesis the container closes
    ("Walker County (Ga.)", news style for a US state)."""
    g = gap.strip()
    return g == "," or (g == "(" and text[end:end + 1] == ")")


def _linked(text: str, raw: list[tuple[RawSpan, cx.Cues, str, tuple[Place, ...]]]) -> list[Item]:
    """Items that know which item touches them before or after, and which follows as a ", Container"."""
    n = len(raw)
    prev = [False] * n
    nxt = [False] * n
    container = [-1] * n
    inner = [-1] * n
    for i, (s, _, _, cands) in enumerate(raw):
        if i > 0 and text[raw[i - 1][0].end:s.start].strip() == "":
            prev[i] = True
        if i + 1 < n:
            gap = text[s.end:raw[i + 1][0].start]
            if gap.strip() == "":
                nxt[i] = True
            elif (_container_gap(gap, text, raw[i + 1][0].end) and raw[i + 1][2] != "demonym"
                  and not any(is_country(p) and name_key(p.name) == name_key(s.lookup) for p in cands)):
                container[i] = i + 1
                inner[i + 1] = i
    return [Item(s, c, kind, cands, container=container[i], inner=inner[i], prev_place=prev[i], next_place=nxt[i])
            for i, (s, c, kind, cands) in enumerate(raw)]
