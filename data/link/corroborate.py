"""Across documents: which claims say the same thing, who corroborates them, whose figures clash.

Two claims are about the same thing when they are near-identical copies (one wire story),
when they count the same kind of thing for the same party at compatible dates and places
(troops / North Korea: 12,000 and 3,000 are one subject, in conflict), or when they put the
same kind of event at the same or a containing place (Kursk in Kursk Oblast) at overlapping
dates with the same parties. A force-size estimate and a sighting are different subjects.
Pair similarities feed average-linkage clustering (``data.link.cluster``), so a claim joins a
cluster only when it is close to the cluster as a whole, never through a chain of weak links.
A claim's ``corroboration_outlets``/``corroboration_claimants`` count the distinct outlets and
claimants of the claims in its cluster that agree with it (conflicting figures do not
corroborate each other), wire copies counting once. Pairs are only compared inside blocks
(unit and party, place cell, speaker, shared shingle) and date windows, so work grows with the overlap.
One speaker's statement reported by two outlets in similar words on overlapping dates is one thing
wherever it was made (Putin's remarks on North Korean troops at the Kazan press conference).
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from sys import intern

import numpy as np

from data import tables, timeml
from data.claims.claimants import claimant_key
from data.claims.quantities import unit_class
from data.claims.subject import (
    event_countries,
    figure_subjects,
    has_force_figure,
    place_match,
    sides,
    specific_places,
)
from data.link.cluster import linkage_of_pairs
from data.link.conflicts import differ, figure_conflicts, keyed
from data.link.memo import MEMO
from data.link.pairs import WIRE_JACCARD as WIRE_JACCARD
from data.link.pairs import _candidates as _candidates
from data.link.pairs import _jaccard, compared
from data.model import Claim, ClaimPlace, Document

SAME_THING = 0.6
"""Average similarity at or above which claims (and groups of claims) are about the same thing."""
SIMILAR_TEXT = 0.2
"""Content-word Jaccard at or above which two claims at one place tell the same story even when their kinds differ."""
_DAY_SLACK = 3
_PUBLISHED_LOOKBACK = 7
_CELL_DEG = 4.0  # place blocks: grid cells this many degrees wide, each place in every cell within 2 degrees
_STOP = frozenset(tables.words("similarity_stopwords"))


@dataclass(frozen=True, slots=True)
class _Info:
    lo: date | None
    hi: date | None
    sides: frozenset[str]
    places: tuple[ClaimPlace, ...]
    countries: frozenset[str]
    subjects: frozenset[tuple[str, str]]
    force: bool
    words: frozenset[str]
    shingles: frozenset[int]
    source: str
    voice: str
    cells: tuple[str, ...] = ()
    """The place-grid cells of ``places`` (``_cells``), sorted: the claim's place blocks."""
    blocks: tuple[str, ...] = ()
    """The blocks ``_candidates`` puts the claim in (``_blocks``), made once per claim content."""
    precise: frozenset[str] = frozenset()
    """The unit classes of the claim's figures that have a value."""
    vague: frozenset[str] = frozenset()
    """The unit classes of its figures without one ("thousands of troops"), but for those of ``precise``."""


def _interval(c: Claim) -> tuple[date | None, date | None]:
    first, last = timeml.bounds(c.date)
    if first is None or last is None:
        return None, None
    if c.date_precision == "published":
        return first - timedelta(days=_PUBLISHED_LOOKBACK), last
    return first - timedelta(days=_DAY_SLACK), last + timedelta(days=_DAY_SLACK)


def _shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    blake = hashlib.blake2b  # the digest read as a big-endian number: what int(hexdigest, 16) gives, faster
    return frozenset(int.from_bytes(blake(g.encode(), digest_size=8).digest(), "big") for g in grams if g)


def _source(c: Claim, documents: Mapping[str, Document]) -> str:
    doc = documents.get(c.doc_id)
    outlet = (c.outlet or (doc.outlet if doc else "")).strip().lower()
    return f"outlet:{outlet}" if outlet else f"doc:{c.doc_id}"


def _info(c: Claim, documents: Mapping[str, Document]) -> _Info:
    """A claim's link features: computed once per claim content (``data.link.memo``), the source
    (which may come from ``documents``) checked on every use."""
    src = _source(c, documents)
    slot = MEMO.slot(c)
    inf = slot.info
    if inf is None:
        inf = slot.info = compute_info(c, src)
    return inf if inf.source == src else dataclasses.replace(inf, source=src)


def compute_info(c: Claim, source: str) -> _Info:
    """The link features of one claim whose source (``_source``) is ``source``, not memoised."""
    lo, hi = _interval(c)
    names = {w for p in c.places for w in re.findall(r"[a-z]{3,}", p.name.lower())}
    words = frozenset(map(intern, (w for w in re.findall(r"[a-z]{3,}", c.text.lower())
                                   if w not in _STOP and w not in names)))
    places = specific_places(c)
    subjects = _compact(figure_subjects(c))
    voice = claimant_key(c.claimant, c.claimant_country) if c.claimant else ""
    cells = tuple(sorted({intern(cell) for p in places for cell in _cells(p)}))
    precise = _compact(frozenset(unit_class(q.unit) for q in c.quantities if q.unit and q.value is not None))
    return _Info(
        lo=lo, hi=hi, sides=_compact(sides(c)), places=places, countries=_compact(event_countries(c)),
        subjects=subjects, force=has_force_figure(c),
        words=words, shingles=_shingles(c.text), source=source, voice=voice, cells=cells,
        blocks=tuple(map(intern, _blocks(c.kind, cells, subjects, voice))), precise=precise,
        vague=_compact(frozenset(unit_class(q.unit) for q in c.quantities if q.unit and q.value is None) - precise),
    )


_EMPTY: frozenset = frozenset()


def _compact(s: frozenset) -> frozenset:
    """``s``, or one shared empty set when it is empty. The feature memo (``data.link.memo``) holds
    thousands of ``_Info``s; each empty frozenset is its own 216-byte object, and half of a claim's
    sides, figure subjects and precise units and all but a few of its vague ones are empty. With the
    words, cells and block keys interned (the same strings across claims), a claim's prepared features
    take 4.0 kB instead of 5.2 (tracemalloc over 8,000 stored claims), so the memo holds more claims in
    the same memory."""
    return s if s else _EMPTY


def _blocks(kind: str, cells: tuple[str, ...], subjects: frozenset[tuple[str, str]], voice: str) -> tuple[str, ...]:
    """A claim's scoring blocks: each place cell with its kind (one kind per block; claims of two kinds
    meet through shared wording), each figure subject (by its named party, or when none at each cell:
    only figures at the same spot can be one subject), and its speaker (what one speaker said,
    reported by several outlets)."""
    keys = [f"at:{cell}|{kind}" for cell in cells]
    for unit, party in sorted(subjects):
        keys += [f"fig:{unit}|{party}"] if party else [f"fig:{unit}|@{cell}" for cell in cells]
    if voice:
        keys.append(f"says:{voice}")
    return tuple(keys)


def _overlap(x: _Info, y: _Info) -> bool:
    return x.lo is not None and y.lo is not None and x.lo <= y.hi and y.lo <= x.hi


def _place_score(x: _Info, y: _Info) -> float:
    if len(x.places) == 1 == len(y.places):  # most claims name one place
        return place_match(x.places[0], y.places[0])
    return max((place_match(a, b) for a in x.places for b in y.places), default=0.0)


def _same_figure_subject(ci: Claim, cj: Claim, x: _Info, y: _Info) -> bool:
    """Both count the same thing for the same named party (or at the same specific place) and may agree or clash."""
    shared = x.subjects & y.subjects
    if not shared:
        return False
    if x.countries and y.countries and not x.countries & y.countries:
        return False
    if ci.doc_id == cj.doc_id and ci.claimant == cj.claimant:
        return False  # one voice in one article listing two figures ("$400 million ... $800 million")
    if any(party for _, party in shared):
        return True
    return _place_score(x, y) >= 0.8


def similarity(ci: Claim, cj: Claim, x: _Info, y: _Info) -> tuple[float, bool]:
    """How surely two claims say the same thing (0..1), and whether they compare as figures."""
    if not _overlap(x, y):
        return 0.0, False
    if _same_figure_subject(ci, cj, x, y):
        return 0.9, True
    if x.force != y.force:
        return 0.0, False  # a force-size estimate and a sighting are different statements
    words = _jaccard(x.words, y.words)
    if x.voice and x.voice == y.voice and ci.doc_id != cj.doc_id and words >= SIMILAR_TEXT:
        # one speaker, the same days, the same words, in two articles: one statement reported twice
        # ("Putin hints at ..." / "Putin appeared to indirectly acknowledge ..."), wherever it was made
        return 0.55 + 0.35 * min(1.0, words / (2 * SIMILAR_TEXT)), False
    place = _place_score(x, y)
    if place < 0.8:
        return 0.0, False
    same_kind = ci.kind == cj.kind and ci.kind != "statement"
    if not same_kind and words < SIMILAR_TEXT:
        return 0.0, False  # one place, nothing else in common: two stories that happen there
    score = 0.45 * place + 0.25 * same_kind + 0.15 * bool(x.sides & y.sides)
    score += 0.15 * min(1.0, words / (2 * SIMILAR_TEXT))
    return score, False


def _cells(p: ClaimPlace) -> list[str]:
    if p.lat is None or p.lon is None:
        return [f"id:{p.place_id}"]
    half = _CELL_DEG / 2
    lats = {math.floor((p.lat + d) / _CELL_DEG) for d in (-half, half)}
    lons = {math.floor((p.lon + d) / _CELL_DEG) for d in (-half, half)}
    return [f"{p.country_code}:{a}:{b}" for a in lats for b in lons]


def link_claims(claims: Sequence[Claim], documents: Mapping[str, Document] | Iterable[Document]) -> list[Claim]:
    """``claims`` in the same order, with ``cluster_id``, corroboration counts and ``conflicts`` filled."""
    docs = documents if isinstance(documents, Mapping) else {d.id: d for d in documents}
    claims = list(claims)
    infos = [_info(c, docs) for c in claims]
    first, second, copies = compared(claims, infos)
    scored = np.ones(len(first), bool)  # the pairs that count: compared, and not set aside below
    score = copies.astype(np.float64)  # a wire copy scores 1
    rest = np.flatnonzero(~copies)
    for k, i, j in zip(rest.tolist(), first[rest].tolist(), second[rest].tolist(), strict=True):
        ci, cj, x, y = claims[i], claims[j], infos[i], infos[j]
        s, _ = similarity(ci, cj, x, y)
        if not s and ci.doc_id == cj.doc_id and x.voice == y.voice != "":
            scored[k] = False  # one speaker's sentences in one article: parts of one statement, no evidence either way
        score[k] = s  # a compared pair scoring 0 is evidence the two are different things
    wire = set(zip(first[copies].tolist(), second[copies].tolist(), strict=True))
    keys = keyed(claims)
    conflicts = figure_conflicts(claims, keys)
    labels = linkage_of_pairs(len(claims), first[scored], second[scored], score[scored], SAME_THING,
                              [(inf.lo, inf.hi) for inf in infos])
    return _finish(claims, infos, labels, wire, conflicts, keys)


def _sources_per_cluster(infos: Sequence[_Info], labels: Sequence[int], wire: set[tuple[int, int]]) -> list[str]:
    """Each claim's source (outlet, or document when none), with the outlets of wire copies inside
    one cluster merged into one source there: a copy's outlet does not corroborate the original.

    Per cluster, not across the whole input: two outlets that share one wire story are still two
    sources for every other story (and a claim's counts depend on its cluster alone, so linking a
    store batch by batch gives what linking it whole gives)."""
    sources = [inf.source for inf in infos]
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def root(x: tuple[int, str]) -> tuple[int, str]:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for i, j in sorted(wire):
        if labels[i] != labels[j]:
            continue
        a, b = root((labels[i], sources[i])), root((labels[j], sources[j]))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root((labels[i], s))[1] for i, s in enumerate(sources)]


def _finish(claims: list[Claim], infos: list[_Info], labels: list[int], wire: set[tuple[int, int]],
            conflicts: dict[int, set[int]], keys: list) -> list[Claim]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(labels):
        clusters[root].append(i)
    sources = _sources_per_cluster(infos, labels, wire)
    voices = [inf.voice or f"self:{src}" for inf, src in zip(infos, sources, strict=True)]

    precise = [inf.precise for inf in infos]
    vague = [inf.vague for inf in infos]
    out: list[Claim] = list(claims)
    for members in clusters.values():
        cid = "c" + hashlib.sha1(min(claims[i].claim_id for i in members).encode()).hexdigest()[:12]
        whole = None  # the counts of a member that agrees with every member: made once per cluster
        hedged = frozenset().union(*(vague[j] for j in members)) if len(members) > 1 else frozenset()
        for i in members:
            clash = conflicts.get(i, ())
            if len(members) == 1:
                counts = (1, 1)  # a claim agrees with itself
            elif not clash and not keys[i] and not precise[i] & hedged:
                if whole is None:
                    whole = len({sources[j] for j in members}), len({voices[j] for j in members})
                counts = whole
            else:
                # "thousands of troops" neither backs nor contradicts "12,000 troops"
                # nor do two values of one quantity, whether a conflict or a series over days
                agree = [j for j in members if j not in clash and not precise[i] & vague[j]
                         and (j == i or not (keys[i] and keys[j]) or not differ(keys[i], keys[j]))]
                counts = len({sources[j] for j in agree}), len({voices[j] for j in agree})
            link = (cid, *counts, tuple(sorted(claims[j].claim_id for j in clash)))
            c = claims[i]
            if (c.cluster_id, c.corroboration_outlets, c.corroboration_claimants, c.conflicts) != link:
                # a stored claim the batch leaves as it was stays the same object (no copy, and the
                # feature memo finds it by identity)
                out[i] = _relinked(c, link)
    return out


_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_VALUES = attrgetter(*_FIELDS)
_LINK_AT = tuple(_FIELDS.index(k) for k in ("cluster_id", "corroboration_outlets", "corroboration_claimants", "conflicts"))


def _relinked(c: Claim, link: tuple[str, int, int, tuple[str, ...]]) -> Claim:
    """``c`` with its (cluster id, outlet count, claimant count, conflicts) set to ``link``: what
    ``dataclasses.replace`` gives, without its per-call field walk (a third of ``_finish``); the copy
    finds ``c``'s memoised features by identity."""
    values = list(_VALUES(c))
    for k, v in zip(_LINK_AT, link, strict=True):
        values[k] = v
    out = Claim(*values)
    MEMO.alias(out, c)
    return out
