"""Across documents: which claims are about the same thing, who corroborates them, whose figures clash.

Two claims join one cluster when they count the same kind of thing about the same parties
(unit class "troops", both about North Korea and Russia) at compatible dates, when they put
the same kind of event at the same specific place at compatible dates, or when one is a
near-identical copy of the other (wire copy). ``corroboration_outlets`` counts distinct
outlets in a cluster and ``corroboration_claimants`` distinct claimants, with wire copies
counting once. Claims whose figures for the same thing disagree (12,000 vs 3,000 troops)
list each other in ``conflicts``. Pairs are only compared inside blocks (same unit class,
same place, shared shingle) and date windows, so the work grows with the overlap, not n².
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from data.claimants import claimant_key, side_mentions
from data.events import timeml_bounds
from data.model import Claim, Document, Quantity
from data.quantities import unit_class


def _words(words: str) -> list[str]:
    return words.split()


WIRE_JACCARD = 0.6
"""Word-trigram Jaccard at or above which two sentences from different documents are one wire story."""
SIMILAR_TEXT = 0.2
"""Content-word Jaccard at or above which two claims at one place and date are about the same thing."""
FIGURE_RATIO = 1.5
"""Figures for the same thing disagree when the larger is at least this multiple of the smaller."""
_DAY_SLACK = 3
_PUBLISHED_LOOKBACK = 7
_MAX_BLOCK_SHARE = 200
_STOP = frozenset(_words(
    "the a an of in on at to for and or but by with from that this these those is are was were be been has have "
    "had will would could should may might it its their they them he she his her as than also not no into over "
    "about after before during while which who whom what when where there here said says say stated told "
    "according reported"
))


@dataclass(frozen=True, slots=True)
class _Info:
    lo: date | None
    hi: date | None
    sides: frozenset[str]
    places: frozenset[str]
    units: frozenset[str]
    words: frozenset[str]
    shingles: frozenset[int]
    source: str


def _interval(c: Claim) -> tuple[date | None, date | None]:
    first, last = timeml_bounds(c.date)
    if first is None or last is None:
        return None, None
    if c.date_precision == "published":
        return first - timedelta(days=_PUBLISHED_LOOKBACK), last
    return first - timedelta(days=_DAY_SLACK), last + timedelta(days=_DAY_SLACK)


def _sides(c: Claim) -> frozenset[str]:
    """Countries a claim is about: named sides in its text (outside the claimant) and its non-claimant places."""
    text = c.text
    if c.claimant:  # the claimant's own name is not what the claim is about
        text = text.replace(c.claimant, " ")
    out = {p.country_code for p in c.places if p.role != "claimant" and p.country_code}
    out.update(cc for _, _, cc in side_mentions(text))
    return frozenset(out)


def _shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    return frozenset(int(hashlib.blake2b(g.encode(), digest_size=8).hexdigest(), 16) for g in grams if g)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _source(c: Claim, documents: Mapping[str, Document]) -> str:
    doc = documents.get(c.doc_id)
    outlet = (c.outlet or (doc.outlet if doc else "")).strip().lower()
    return f"outlet:{outlet}" if outlet else f"doc:{c.doc_id}"


def _info(c: Claim, documents: Mapping[str, Document]) -> _Info:
    lo, hi = _interval(c)
    words = frozenset(w for w in re.findall(r"[a-z]{3,}", c.text.lower()) if w not in _STOP)
    return _Info(
        lo=lo, hi=hi, sides=_sides(c),
        places=frozenset(p.place_id for p in c.places
                         if p.role == "event" and p.place_id and p.precision != "country"),
        units=frozenset(unit_class(q.unit) for q in c.quantities if q.unit),
        words=words, shingles=_shingles(c.text), source=_source(c, documents),
    )


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _dated_pairs(members: Sequence[int], infos: Sequence[_Info]) -> Iterable[tuple[int, int]]:
    """Pairs in one block whose date windows overlap (sweep over windows sorted by start)."""
    dated = sorted((i for i in members if infos[i].lo is not None), key=lambda i: infos[i].lo)
    for a, i in enumerate(dated):
        for j in dated[a + 1:]:
            if infos[j].lo > infos[i].hi:
                break
            yield i, j


def _figure(q: Quantity) -> tuple[float, float] | None:
    """The span a figure asserts, for comparison; None for vague amounts ("thousands")."""
    if q.value is None:
        return None
    if q.low is not None and q.high is not None and q.low != q.high:
        return q.low, q.high
    return q.value, q.value


def disagree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures for the same unit class clash (12,000 vs "at least 3,000" troops)."""
    if unit_class(a.unit) != unit_class(b.unit) or not a.unit:
        return False
    fa, fb = _figure(a), _figure(b)
    if fa is None or fb is None:
        return False
    lo_a, hi_a = fa[0] * 0.9, fa[1] * 1.1
    lo_b, hi_b = fb[0] * 0.9, fb[1] * 1.1
    if hi_a >= lo_b and hi_b >= lo_a:
        return False
    small, big = min(fa[1], fb[1]), max(fa[0], fb[0])
    return small > 0 and big / small >= FIGURE_RATIO


def _same_figure_subject(x: _Info, y: _Info) -> bool:
    return bool(x.units & y.units) and bool(x.sides & y.sides)


def link_claims(claims: Sequence[Claim], documents: Mapping[str, Document] | Iterable[Document]) -> list[Claim]:
    """``claims`` in the same order, with ``cluster_id``, corroboration counts and ``conflicts`` filled."""
    docs = documents if isinstance(documents, Mapping) else {d.id: d for d in documents}
    claims = list(claims)
    infos = [_info(c, docs) for c in claims]
    uf = _Union(len(claims))
    figure_pairs: set[tuple[int, int]] = set()
    wire: set[tuple[int, int]] = set()

    by_unit: dict[str, list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    by_shingle: dict[int, list[int]] = defaultdict(list)
    for i, inf in enumerate(infos):
        for u in inf.units:
            for side in inf.sides:  # figures are compared only about a shared party
                by_unit[f"{u}|{side}"].append(i)
        for p in inf.places:
            by_place[p].append(i)
        for s in inf.shingles:
            by_shingle[s].append(i)

    for members in by_unit.values():
        for i, j in _dated_pairs(members, infos):
            if _same_figure_subject(infos[i], infos[j]):
                uf.union(i, j)
                figure_pairs.add((min(i, j), max(i, j)))
    for members in by_place.values():
        for i, j in _dated_pairs(members, infos):
            same_kind = claims[i].kind == claims[j].kind and claims[i].kind != "statement"
            if same_kind or _jaccard(infos[i].words, infos[j].words) >= SIMILAR_TEXT:
                uf.union(i, j)
    candidates: set[tuple[int, int]] = set()
    for members in by_shingle.values():
        if len(members) > _MAX_BLOCK_SHARE:
            continue
        for a, i in enumerate(members):
            for j in members[a + 1:]:
                if claims[i].doc_id != claims[j].doc_id:
                    candidates.add((min(i, j), max(i, j)))
    for i, j in candidates:
        if _jaccard(infos[i].shingles, infos[j].shingles) >= WIRE_JACCARD:
            uf.union(i, j)
            wire.add((i, j))

    conflicts: dict[int, set[str]] = defaultdict(set)
    for i, j in sorted(figure_pairs):
        if (min(i, j), max(i, j)) in wire:
            continue
        ci, cj = claims[i], claims[j]
        if ci.doc_id == cj.doc_id and ci.claimant == cj.claimant:
            continue  # one voice in one article listing two figures ("$400 million ... $800 million")
        if any(disagree(a, b) for a in claims[i].quantities for b in claims[j].quantities):
            conflicts[i].add(claims[j].claim_id)
            conflicts[j].add(claims[i].claim_id)

    return _finish(claims, infos, uf, wire, conflicts)


def _finish(claims: list[Claim], infos: list[_Info], uf: _Union, wire: set[tuple[int, int]],
            conflicts: dict[int, set[str]]) -> list[Claim]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        clusters[uf.find(i)].append(i)
    # a wire copy's outlet does not corroborate the original: merge the sources of copies
    same_source: dict[str, str] = {}

    def root(s: str) -> str:
        while same_source.get(s, s) != s:
            s = same_source[s]
        return s

    for i, j in wire:
        a, b = root(infos[i].source), root(infos[j].source)
        if a != b:
            same_source[max(a, b)] = min(a, b)
    out: list[Claim] = list(claims)
    for members in clusters.values():
        cid = "c" + hashlib.sha1(min(claims[i].claim_id for i in members).encode()).hexdigest()[:12]
        outlets = {root(infos[i].source) for i in members}
        claimants = {
            claimant_key(claims[i].claimant, claims[i].claimant_country) if claims[i].claimant
            else f"self:{root(infos[i].source)}"
            for i in members
        }
        for i in members:
            out[i] = dataclasses.replace(
                claims[i], cluster_id=cid, corroboration_outlets=len(outlets),
                corroboration_claimants=len(claimants), conflicts=tuple(sorted(conflicts.get(i, ()))),
            )
    return out
