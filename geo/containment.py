"""Containers the text states: "X is a city in Y County, Kansas", "X, a town in Y", "X, outside Antakya".

A pass over one document's resolutions, after the usual scoring: when the sentence puts a mention
inside (or next to) other places it names, the place must lie there. The writer's own words beat
any population prior: "Victoria is a city in Ellis County, Kansas" is not the capital of the
Seychelles. Among the namesakes that lie in every stated container the likeliest wins; when none
does and the text is explicit ("X is a village in Y"), the mention is pinned, approximately, at
the innermost container, as exactly as that is known. The decision holds for the surface's other
mentions in the document that state nothing themselves (one sense per discourse).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from geo.fastinit import fast_init
from geo.model import Candidate, Place, Resolution
from geo.normalize import name_key
from geo.places import ADM2_KM, is_admin, is_country, is_major, km
from geo.stoplists import DIRECTIONS

# After a mention, what may come before its first container. Parenthesised asides are removed first.
_STRONG = re.compile(
    r"\A\s*(?:,\s*(?:[^,.;:]{0,60},\s*)?(?:(?:is|was)\s+)?|\s+(?:is|was)\s+)"  # ", a town" / " is a city"
    r"(?:an?|the)\s+(?P<np>(?:[A-Za-z0-9,-]+\s+){0,8}?)"  # "a fourth class municipality", "village and parish"
    r"(?P<rel>in|of|near|outside|within)\s+(?:the\s+)?(?P<tail>(?:[a-z.-]+\s+){0,6})"
    # an unknown place between: "in Vermillion County, Indiana", "in the West Lindsey district of Lincolnshire"
    r"(?:(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*(?:,\s*(?:in\s+(?:the\s+)?)?|\s+(?:[a-z]+\s+){0,2}(?:of|in)\s+(?:the\s+)?))?\Z")
# The head of a describing phrase: a kind of place ("a town in", "the capital of"), not "the others in".
PLACE_KINDS = frozenset({
    "city", "town", "village", "hamlet", "municipality", "commune", "community", "settlement", "suburb",
    "neighbourhood", "neighborhood", "district", "county", "province", "region", "state", "capital", "seat",
    "borough", "township", "parish", "place", "area", "locality", "port", "resort", "island", "river", "lake",
    "mountain", "valley", "outskirts", "quarter", "ward", "cdp", "unincorporated", "census-designated", "barrio",
    "hromada", "selo", "rural", "urban", "located", "situated", "municipio", "comune", "gmina", "oblast", "raion",
    "prefecture", "department", "canton"})
_WEAK = re.compile(r"\A(?:\s*,)?\s+(?P<rel>in|near|outside)\s+(?:the\s+)?(?P<tail>(?:[a-z.-]+\s+){0,2})\Z")
# Between two containers of one chain: "Y County, Kansas", "in the U.S. state of New Mexico".
_NEXT = re.compile(r"\A(?!.*\b(?:and|or|but|where|while|which|who|from|to)\b)(?:\s*,\s*(?:in\s+)?|\s+in\s+)?"
                   r"\s*(?:the\s+)?(?:(?:[a-z.-]+\s+){0,3}(?:of|in)\s+(?:the\s+)?)?\Z")
# A capitalised kind word right after a container means the name was longer than the gazetteer's
# reading ("Adams Township", "Tano District"): that reading is not the container.
# Capitalised words right after a container ("Adams Township", "Occidental Mindoro") mean the name
# is longer than the gazetteer's reading: that reading is not the container.
_LONGER = re.compile(r"[ \t]+(?:[A-Z][\w'.-]*[ \t]*)+")
# "in Cook and DuPage counties, Illinois": names of several containers of one kind, none read alone.
_SEVERAL = re.compile(r"(?:[A-Z][\w'.-]*[ \t]+)*?[A-Z][\w'.-]*(?:,?[ \t]+and[ \t]+|,[ \t]*)(?:[A-Z][\w'.-]*"
                      r"(?:,?[ \t]+and[ \t]+|,[ \t]*|[ \t]+))+(?:counties|districts|provinces|parishes|regions|"
                      r"townships|municipalities)\b")
_COMMA = re.compile(r"\s*,\s*\Z")
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*[A-Z]")
_PARENS = re.compile(r"\([^()]*\)|/[^/\s][^/\n]{0,60}/")  # asides and pronunciations
# A sentence ends at a full stop before a capital, unless the stop ends a short capitalised
# abbreviation ("St. Croix County", "U.S. state", "Mt. Kenya").
# Written to start with the stop itself (the lookbehinds then also cover it), so that re tries only
# the positions of stops and newlines: r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?]\s+[A-Z]|\n".
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|(?<!\b[A-Z].)(?<!\b[A-Z][a-z].)(?<!\b[A-Z][a-z][a-z].)\s+[A-Z])")
_MAX_GAP = 200
NEAR_KM = 100.0  # "near X", "outside X"
CITY_KM = 30.0  # "a neighbourhood of the city of X"


@fast_init
@dataclass(frozen=True, slots=True)
class Chain:
    """The places a sentence states around one mention: ``rel`` "in" or "near"; ``strong`` when
    it is a description ("X is a village in Y"), not just "X in Y" or "X, Y"."""

    places: tuple[Place, ...]
    rel: str
    strong: bool
    idx: tuple[int, ...] = ()  # the containers' positions in the resolutions


def _gap(text: str, a: int, b: int, res: Sequence[Resolution] = ()) -> str | None:
    """Text between two offsets with parenthesised asides cut and nationality words ("the Swiss
    canton of") lowercased, or None across a sentence end."""
    if b - a > _MAX_GAP:
        return None
    g = text[a:b]
    for r in res:
        if r.mention.kind == "demonym" and a <= r.mention.start and r.mention.end <= b:
            s, e = r.mention.start - a, r.mention.end - a
            g = g[:s] + "x" * (e - s) + g[e:]
    g = _PARENS.sub(" ", g)
    return None if _SENTENCE_END.search(g + text[b:b + 1]) else g


def chain_after(text: str, i: int, res: Sequence[Resolution]) -> Chain | None:
    """The containers stated after ``res[i]`` in its sentence (None when there are none)."""
    r = res[i]
    first: int | None = None
    rel, strong = "in", False
    for j in range(i + 1, len(res)):
        q = res[j]
        if q.mention.start >= r.mention.end + _MAX_GAP:
            break
        if q.mention.start < r.mention.end:
            continue
        g = _gap(text, r.mention.end, q.mention.start, res[i + 1:j])
        if g is None:
            break
        if q.place is None or q.mention.kind != "place":
            continue
        m = _STRONG.match(g)
        if m and not PLACE_KINDS.intersection(re.split(r"[\s,]+", m.group("np").lower())):
            m = None
        w = None if m else _WEAK.match(g)
        comma = (not m and not w and _COMMA.match(g) is not None and r.place is not None
                 and r.place.precision == "point" and (is_country(q.place) or is_admin(q.place))
                 and not _LIST_GOES_ON.match(text, q.mention.end))  # "Ngoma, Zambia", not "Ngoma, Zambia, Kenya"
        if m or w or comma:
            how = (m or w).group("rel") if (m or w) else "in"  # type: ignore[union-attr]
            rel = "near" if (how in ("near", "outside") or "outskirts" in g) else "in"
            strong = m is not None
            first = j
            break
    if first is None:
        return None
    places: list[tuple[int, Place]] = []
    k, pos = first, res[first].mention.start
    sev = _SEVERAL.match(text, pos)
    if sev:  # skip the listed names, continue after the kind word
        while k + 1 < len(res) and res[k + 1].mention.start < sev.end():
            k += 1
        pos = sev.end()
    else:
        places.append((first, res[first].place))  # type: ignore[arg-type]
        pos = res[first].mention.end
    while rel == "in":
        longer = _LONGER.match(text, pos)
        if longer:
            if places and places[-1][0] == k:
                places.pop()
            pos = longer.end()
        if k + 1 >= len(res):
            break
        q = res[k + 1]
        g = _gap(text, pos, q.mention.start)
        if g is None or q.place is None or q.mention.kind != "place":
            break
        if not g.strip(" ") and places and places[-1][0] == k:  # "South East England": the head names it
            places[-1] = (k + 1, q.place)
        elif _NEXT.match(g):
            places.append((k + 1, q.place))
        else:
            break
        k, pos = k + 1, q.mention.end
    if not places:
        return None
    idx = tuple(a for a, _ in places)
    kept = tuple(p for _, p in places)
    if r.place is not None and r.place.precision != "point":  # a county is not inside a town
        keep = [n for n, p in enumerate(kept) if p.precision != "point"]
        idx, kept = tuple(idx[n] for n in keep), tuple(kept[n] for n in keep)
    return Chain(kept, rel, strong, idx)


def consistent(chain: Chain, lookup: Callable[[str], Sequence[Place]], res: Sequence[Resolution],
               prior: Callable[[Place], float]) -> tuple[Chain, dict[int, Place]]:
    """Each container must lie in the ones after it. One that does not is read again inside them
    ("Paulding County, Georgia, United States": the state, not the country), else dropped ("in
    Salisbury Township, Lancaster County, Pennsylvania" read Salisbury as Harare). Returns the
    chain and the containers read again, by position."""
    places, idx = list(chain.places), list(chain.idx)
    again: dict[int, Place] = {}
    for n in range(len(places) - 2, -1, -1):
        outer = places[n + 1:]
        if all(inside(o, places[n]) for o in outer):
            continue
        fit = [q for q in lookup(bare(res[idx[n]].mention.surface)) if all(inside(o, q) for o in outer)]
        if fit:
            best = max(fit, key=lambda q: (is_admin(q) or q.feature_code.startswith("ADM"), prior(q)))
            places[n] = again[idx[n]] = best
        else:
            del places[n], idx[n]
    return Chain(tuple(places), chain.rel, chain.strong, tuple(idx)), again
def bare(surface: str) -> str:
    """The name without a direction before it ("northwest Clayton County" -> "Clayton County")."""
    first, _, rest = surface.partition(" ")
    return rest if rest and first.lower() in DIRECTIONS else surface


def inside(c: Place, p: Place, rel: str = "in") -> bool:
    """Whether ``p`` lies in (or, for ``rel`` "near", next to) the stated container ``c``."""
    if c.id == p.id:
        return False
    if rel == "near":
        return km(c.lat, c.lon, p.lat, p.lon) <= NEAR_KM
    if c.country_code and p.country_code and c.country_code != p.country_code:
        return False
    if is_country(c) or (c.precision == "vague" and c.country_code):
        return bool(c.country_code)
    if is_admin(c):
        if c.admin1 and p.admin1:
            return c.admin1 == p.admin1
        return km(c.lat, c.lon, p.lat, p.lon) <= 3 * ADM2_KM
    if c.feature_code.startswith("ADM"):
        return (not c.admin1 or not p.admin1 or c.admin1 == p.admin1) and km(c.lat, c.lon, p.lat, p.lon) <= ADM2_KM
    if c.precision == "point":
        return km(c.lat, c.lon, p.lat, p.lon) <= CITY_KM
    return False


def _fits(p: Place, chain: Chain) -> int:
    """How many of the chain's containers hold ``p`` (all of them is best)."""
    return sum(inside(c, p, chain.rel) for c in chain.places)


def _pinned(surface: str, c: Place) -> Place:
    """A place known only to lie in ``c``: at its point, as precise as it, marked approximate."""
    precision = "point" if c.precision == "point" else c.precision
    return Place(id=f"{c.id}~{name_key(surface)}", name=f"{surface}, {c.name}", lat=c.lat, lon=c.lon,
                 country_code=c.country_code, feature_code="PPL", precision=precision,
                 admin1=c.admin1 if not is_country(c) else "", approximate=True)


def apply_containers(text: str, res: list[Resolution], lookup: Callable[[str], Sequence[Place]],
                     prior: Callable[[Place], float]) -> list[Resolution]:
    """Re-decide every place mention whose sentence states where it lies (see the module docstring).

    ``res`` is one document's resolutions sorted by offset; ``lookup`` gives every gazetteer
    place for a name and ``prior`` its population/type prior. The first mention of a name that
    states its container decides for the name's other mentions."""
    out = list(res)
    decided: dict[str, tuple[Place, str]] = {}  # name key -> (place, why)
    own: set[int] = set()
    for i in range(len(out)):
        r = out[i]
        p = r.place
        key = name_key(r.mention.surface)
        if p is None or r.mention.kind != "place" or p.id.startswith("vague:") or key in decided:
            continue
        chain = chain_after(text, i, out)
        if chain is None or (is_country(p) and not chain.strong):
            continue
        chain, again = consistent(chain, lookup, out, prior)
        for n, q in again.items():
            if out[n].place is not None and out[n].place.id != q.id:
                out[n] = _switch(out[n], q, "the places named after it contain it")
                decided.setdefault(name_key(out[n].mention.surface), (q, "as the text says where it lies elsewhere"))
                own.add(n)
        if not chain.places:
            continue
        own.add(i)
        got = _decide(r, chain, out, lookup, prior)
        if got is None:
            decided[key] = (p, "as the text says where it lies elsewhere")
            continue
        decided[key] = got
        out[i] = _switch(r, *got)
    for i, r in enumerate(out):
        d = decided.get(name_key(r.mention.surface))
        if (i not in own and d is not None and r.place is not None and r.mention.kind == "place"
                and r.place.id != d[0].id and not r.place.id.startswith("vague:")):
            out[i] = _switch(r, d[0], "as the text says where it lies elsewhere")
    return out


def _decide(r: Resolution, chain: Chain, res: Sequence[Resolution], lookup: Callable[[str], Sequence[Place]],
            prior: Callable[[Place], float]) -> tuple[Place, str] | None:
    """The place the stated chain asks for instead of ``r.place``, with why; None to keep it."""
    p = r.place
    assert p is not None
    need = len(chain.places)
    if _fits(p, chain) == need:
        return None
    key = name_key(r.mention.surface)
    others = [q.place for q in res if q.place is not None and q.place.precision == "point"
              and name_key(q.mention.surface) != key][:50]

    def near_story(q: Place) -> float:  # the article's other places: a namesake among them wins
        return 0.3 if any(km(q.lat, q.lon, o.lat, o.lon) < 150 for o in others) else 0.0

    cands = [q for q in lookup(r.mention.surface) if not is_country(q)]
    scored = sorted(((_fits(q, chain), prior(q) + near_story(q), q) for q in cands),
                    key=lambda t: (-t[0], -t[1], t[2].id))
    best = scored[0] if scored else None
    inner = chain.places[0]
    if best is not None and best[0] > 0 and best[0] >= _fits(p, chain) and (best[0] == need or not chain.strong):
        return best[2], f"the text puts it {chain.rel} {inner.name}"
    # Pinned only where the text is explicit, or at a region for a little-known name ("in Vermillion
    # County"); "St. Gregory of Narek in Vatican" is not a Narek in the Vatican.
    if chain.rel == "in" and (chain.strong or not (is_major(p) or is_country(inner) or inner.precision == "vague")) \
            and (inner.precision != "vague" or inner.country_code):
        return _pinned(r.mention.surface, inner), (
            f"the text puts it in {inner.name} and no {r.mention.surface} the gazetteer knows lies there")
    return None


def _switch(r: Resolution, new: Place, why: str) -> Resolution:
    old = (Candidate(r.place, r.confidence, r.why),) if r.place is not None else ()
    alts = old + tuple(c for c in r.alternatives if c.place.id != new.id)
    return replace(r, place=new, why=f"{why}; {r.why}", alternatives=alts[:8], confidence=max(r.confidence, 0.6))
