"""A claim's link features and candidate-index keys, computable where the claim is extracted.

Pure functions of one claim (and its document's outlet): a Dask worker computes them beside the
claims (``prepare``) and the process that links and commits only ``seed``s its memo
(``data.link.memo``) with them. Kept apart from ``data.link.candidates`` so a worker imports no
pandas or DuckDB.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from sys import intern

from data.link.conflicts import keyed, keyed_row, measure_blocks
from data.link.corroborate import _Info, _info, _source, compute_info
from data.link.memo import MEMO
from data.model import Claim, Document

_EPOCH = date(1970, 1, 1)
Keys = tuple[int | None, int | None, list[str]]
Prepared = tuple[_Info, list, Keys]
"""One claim's (link features, keyed figures, index keys)."""


def claim_keys(claim: Claim, documents: Mapping[str, Document] | None = None) -> Keys:
    """(first day, last day, block keys) of one claim: days since 1970 of its padded date window
    (None when undated) and every block ``link_claims`` puts it in (a place cell and its kind, a
    figure subject, a speaker, a figure's measure in each of the claim's countries: ``figure_conflicts``
    blocks on measure and country alone, so two tolls of one country and a city in it meet there and
    nowhere else). Memoised per claim content (the keys do not depend on the source)."""
    slot = MEMO.slot(claim)
    if slot.keys is None:
        slot.keys = _keys(claim, _info(claim, documents or {}), keyed([claim])[0])
    return slot.keys


def _keys(claim: Claim, inf: _Info, figures: list | None = None) -> Keys:
    keys = list(inf.blocks)
    keys += sorted(intern(f"m:{m}|{n}|{cc}") for m, n, cc in measure_blocks(claim, figures or ()))  # shared strings
    lo = (inf.lo - _EPOCH).days if inf.lo else None
    hi = (inf.hi - _EPOCH).days if inf.hi else None
    return lo, hi, keys


def prepare(claims: Sequence[Claim], documents: Mapping[str, Document]) -> tuple[Prepared, ...]:
    """Each claim's link features, keyed figures and index keys, computed without the memo (on a
    worker, in the order given)."""
    out = []
    for c in claims:
        inf, row = compute_info(c, _source(c, documents)), keyed_row(c)
        out.append((inf, row, _keys(c, inf, row)))
    return tuple(out)


def seed(claims: Sequence[Claim], prepared: Sequence[Prepared]) -> None:
    """Put what ``prepare`` computed for ``claims`` into this process's memo."""
    for c, (inf, row, keys) in zip(claims, prepared, strict=True):
        MEMO.seed(c, inf, row, keys)


def stored_features(c: Claim, documents: Mapping[str, Document]) -> Prepared:
    """A stored candidate's link features: the memo's when it holds them all (a claim of a recent batch,
    or a candidate an earlier batch kept: 40% of the candidates of a long run), else computed (``prepare``)
    without entering the memo."""
    got = MEMO.peek(c)
    if got is None or got.info is None or got.figures is None or got.keys is None:
        return prepare([c], documents)[0]
    src = _source(c, documents)
    inf = got.info if got.info.source == src else dataclasses.replace(got.info, source=src)
    return inf, got.figures, got.keys
