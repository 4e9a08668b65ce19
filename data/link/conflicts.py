"""Conflicting figures across claims: the same quantity, the same place, the same day, values that
cannot both hold after their hedges.

Two figures state one quantity when their keys are compatible (``data.claims.figure_subject``),
their claims' event places are the same or one contains the other (or one of them names none),
and their claims' days overlap. A claim's day is its own date when the text gives one (no slack:
a toll "on Sunday" and a toll "on Monday" are two points of a series, not a conflict); a claim
dated only by publication is taken to be about the last ``PUBLISHED_DAYS`` days before it.
Values clash when their intervals, widened by the hedge's tolerance, do not meet ("more than
2,300" and "more than 2,400" agree; "approximately 100" and 97 agree; 33,179 and 28,191 do not).
One voice in one article listing figures is never in conflict with itself.

Figures are compared inside blocks of one measure and one country (``measure_blocks``): figures
of one quantity in two countries are never a conflict (``same_where``), so a crowded measure (every
country's death toll) splits into small blocks, and the neighbour bound reaches the claims that may
clash. A claim naming no event country may meet any: it joins every country's block of its measure.
The store's candidate index keys measures the same way (``data.link.candidates``), so a batch
meets the stored claims that whole linking would compare it with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from data import timeml
from data.claims.claimants import claimant_key
from data.claims.figure_subject import FigureKey, compatible, figure_key
from data.claims.quantities import _QUALIFIERS
from data.claims.subject import event_countries, place_match, specific_places
from data.link.memo import MEMO
from data.model import Claim, Quantity

PUBLISHED_DAYS = 2
"""Days before publication a claim with no date of its own may be about."""
APPROX = 0.05
"""Relative tolerance of "about", "some", "nearly" figures."""
EXACT = 0.005
"""Relative tolerance of unhedged figures (rounding: "1.5 million" for 1,497,000)."""
MAX_RATIO = 100.0
"""Figures further apart than this factor count different things, however alike their words (a
compensation of 50 million roubles and a year's 80 billion of state orders), not one thing twice."""
MAX_NEIGHBOURS = 60
"""Figures of one measure compared with at most this many others that start after them (by day)."""


def day_window(c: Claim) -> tuple[date | None, date | None]:
    """The days a claim's figures may be about."""
    first, last = timeml.bounds(c.date)
    if first is None or last is None:
        return None, None
    if c.date_precision == "published":
        return first - timedelta(days=PUBLISHED_DAYS), last
    return first, last


def bounds(q: Quantity, scale: float = 1.0) -> tuple[float, float] | None:
    """The interval a figure allows after its hedge: "more than 50" -> (50, inf), "about 100" -> (95, 105)."""
    if q.value is None:
        return None
    kind = _QUALIFIERS.get(q.qualifier.lower(), "")
    lo = q.low if q.low is not None else (q.value if kind != "max" else 0.0)
    hi = q.high if q.high is not None else (q.value if kind != "min" else float("inf"))
    if kind == "max":
        lo = 0.0
    if kind == "min":
        hi = float("inf")
    tol = APPROX if kind == "approx" else EXACT
    return lo * scale * (1 - tol), hi * scale * (1 + tol)


def clash(a: Quantity, ka: FigureKey, b: Quantity, kb: FigureKey) -> bool:
    """Whether two figures of one quantity cannot both be right."""
    ia, ib = bounds(a, ka.scale), bounds(b, kb.scale)
    if ia is None or ib is None:
        return False
    if not (ia[1] < ib[0] or ib[1] < ia[0]):
        return False
    va, vb = (a.value or 0.0) * ka.scale, (b.value or 0.0) * kb.scale
    return min(va, vb) > 0 and max(va, vb) / min(va, vb) <= MAX_RATIO


def same_where(x: Claim, y: Claim) -> bool:
    """Event places the same or nested, or unsaid on one side; countries must not differ."""
    px, py = specific_places(x), specific_places(y)
    if px and py:
        return any(place_match(a, b) >= 0.8 for a in px for b in py)
    cx, cy = event_countries(x), event_countries(y)
    return not (cx and cy) or bool(cx & cy)


ANY_COUNTRY = "*"
"""Country of a measure block for a claim that names no event country: it meets every country."""


def block_countries(c: Claim) -> frozenset[str]:
    """The countries whose measure blocks a claim joins: its event places' country codes ("" for an
    event place without one), or ``ANY_COUNTRY`` when it names no event country. Two claims that
    ``same_where`` accepts always share one (or one of them is ``ANY_COUNTRY``): matching places
    share a country code, and claims without specific places must share an event country."""
    if not event_countries(c):
        return frozenset({ANY_COUNTRY})
    return frozenset(p.country_code or "" for p in c.places if p.role == "event")


def measure_blocks(c: Claim, row: Sequence[tuple[Quantity, FigureKey]]) -> set[tuple[str, str, str]]:
    """(measure, counted, country) blocks of one claim's keyed figures."""
    countries = block_countries(c)
    return {(k.measure, k.counted, cc) for _, k in row for cc in countries}


def claim_blocks(c: Claim) -> frozenset[tuple[str, str, str]]:
    """``measure_blocks`` of a claim's keyed figures, memoised per claim content (``data.link.memo``):
    a stored claim's blocks are asked for by every batch that reads it back."""
    slot = MEMO.slot(c)
    if slot.blocks is None:
        slot.blocks = frozenset(measure_blocks(c, keyed([c])[0]))
    return slot.blocks


def _one_voice(x: Claim, y: Claim) -> bool:
    if x.doc_id != y.doc_id:
        return False
    if not x.claimant or not y.claimant:
        return True
    return claimant_key(x.claimant, x.claimant_country) == claimant_key(y.claimant, y.claimant_country)


def keyed(claims: Sequence[Claim]) -> list[list[tuple[Quantity, FigureKey]]]:
    """Each claim's figures that have a key (memoised per claim content: ``data.link.memo``; the
    rows are shared, read-only)."""
    out = []
    for c in claims:
        slot = MEMO.slot(c)
        if slot.figures is None:
            slot.figures = keyed_row(c)
        out.append(slot.figures)
    return out


def keyed_row(c: Claim) -> list[tuple[Quantity, FigureKey]]:
    """One claim's figures that have a key, not memoised."""
    return [(q, k) for q in c.quantities if (k := figure_key(c, q)) is not None]


def figure_conflicts(claims: Sequence[Claim], keys: Sequence[Sequence[tuple[Quantity, FigureKey]]] | None = None
                     ) -> dict[int, set[int]]:
    """Indices of the claims each claim's figures conflict with."""
    keys = keys if keys is not None else keyed(claims)
    windows = [day_window(c) for c in claims]
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    anywhere: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(keys):
        if windows[i][0] is None:
            continue
        for m, n, cc in measure_blocks(claims[i], row):
            blocks[m, n, cc].append(i)
            if cc == ANY_COUNTRY:
                anywhere[m, n].append(i)
    for (m, n, cc), members in blocks.items():  # a claim naming no country meets every country's
        if cc != ANY_COUNTRY:
            members.extend(anywhere.get((m, n), ()))
    out: dict[int, set[int]] = defaultdict(set)
    for members in blocks.values():
        members.sort(key=lambda i: (windows[i][0], i))
        for a, i in enumerate(members):
            for j in members[a + 1:a + 1 + MAX_NEIGHBOURS]:
                if windows[j][0] > windows[i][1]:
                    break
                if j in out.get(i, ()) or _one_voice(claims[i], claims[j]) or not same_where(claims[i], claims[j]):
                    continue
                if any(compatible(ka, kb) and clash(qa, ka, qb, kb) for qa, ka in keys[i] for qb, kb in keys[j]):
                    out[i].add(j)
                    out[j].add(i)
    return dict(out)


def same_value(a: Quantity, ka: FigureKey, b: Quantity, kb: FigureKey) -> bool:
    """Whether two figures give one value (within their hedges' tolerance): "at least 3,000" and 3,000
    do; "at least 3,000" and 12,000 are compatible but say different things."""
    if a.value is None or b.value is None:
        return False
    tol = max(APPROX if _QUALIFIERS.get(q.qualifier.lower(), "") == "approx" else EXACT for q in (a, b))
    va, vb = a.value * ka.scale, b.value * kb.scale
    return abs(va - vb) <= tol * max(abs(va), abs(vb))


def differ(x: list[tuple[Quantity, FigureKey]], y: list[tuple[Quantity, FigureKey]]) -> bool:
    """Whether two claims give different values for one quantity (a conflict, a series over days, or a
    bound and an estimate): they do not corroborate each other."""
    return any(compatible(ka, kb) and not same_value(qa, ka, qb, kb) for qa, ka in x for qb, kb in y)


def released(claims: Iterable[Claim], gone: Collection[str]) -> list[Claim]:
    """``claims`` (stored claims a commit leaves unlinked) whose conflicts name one of the ``gone`` claims (a
    dropped or re-extracted document's), with those ids taken out: a conflict is kept on both of its
    claims, so the stored conflicts of the gone claims name every claim that would keep pointing at them."""
    out = []
    for c in claims:
        kept = tuple(x for x in c.conflicts if x not in gone)
        if kept != c.conflicts:
            out.append(replace(c, conflicts=kept))
    return out
