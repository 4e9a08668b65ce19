"""Turning documents and claims into Arrow tables and JSON and back, for the store.

Decoding tolerates fields added or removed since a store was written (unknown fields are
dropped, missing ones take their defaults), so an older store still opens.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any

import pyarrow as pa

from data.model import Claim, ClaimPlace, Document, Quantity

DOCUMENT_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("text", pa.string()),
    ("title", pa.string()),
    ("outlet", pa.string()),
    ("url", pa.string()),
    ("published", pa.date32()),
    ("published_how", pa.string()),
    ("source_path", pa.string()),
])


def documents_to_table(docs: list[Document]) -> pa.Table:
    """An Arrow table of documents (one row each, in the order given)."""
    cols = {f.name: [getattr(d, f.name) for d in docs] for f in DOCUMENT_SCHEMA}
    return pa.table(cols, schema=DOCUMENT_SCHEMA)


def documents_from_table(table: pa.Table) -> dict[str, Document]:
    """Documents by id from an Arrow table written by ``documents_to_table``."""
    names = {f.name for f in fields(Document)}
    out: dict[str, Document] = {}
    for row in table.to_pylist():
        kw = {k: ("" if v is None and k != "published" else v) for k, v in row.items() if k in names}
        doc = Document(**kw)
        out[doc.id] = doc
    return out


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_PLACE_FIELDS = tuple(f.name for f in fields(ClaimPlace))
_QUANTITY_FIELDS = tuple(f.name for f in fields(Quantity))
_NAMES = {Claim: frozenset(_CLAIM_FIELDS), ClaimPlace: frozenset(_PLACE_FIELDS), Quantity: frozenset(_QUANTITY_FIELDS)}
"""Each decoded type's field names, made once: ``dataclasses.fields`` per decoded object was 45% of
decoding a batch's stored claims."""


def _filtered(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """``data``'s items that are fields of ``cls`` (a copy: the caller may change it)."""
    names = _NAMES[cls]
    if data.keys() <= names:  # written by this version: nothing to drop
        return dict(data)
    return {k: v for k, v in data.items() if k in names}


def _getter(names: tuple[str, ...]) -> Any:
    """The values of a dict's ``names`` keys, in that order (a tuple; KeyError when one is missing)."""
    get = itemgetter(*names)
    return get if len(names) > 1 else (lambda d: (get(d),))


_CLAIM_ARGS, _PLACE_ARGS, _QUANTITY_ARGS = (_getter(f) for f in (_CLAIM_FIELDS, _PLACE_FIELDS, _QUANTITY_FIELDS))
"""A dict's values in its type's field order: the positional arguments when the dict has exactly the
type's fields (as this version writes them), with no kwargs dict to build."""
_CLAIM_INDEX = {name: i for i, name in enumerate(_CLAIM_FIELDS)}
_PLACES_AT, _UNRESOLVED_AT, _QUANTITIES_AT, _CONFLICTS_AT, _PUBLISHED_AT = (
    _CLAIM_INDEX[n] for n in ("places", "unresolved", "quantities", "conflicts", "published"))


def _place(p: dict[str, Any]) -> ClaimPlace:
    if len(p) == len(_PLACE_FIELDS):
        try:
            return ClaimPlace(*_PLACE_ARGS(p))  # every field and nothing else (as many keys as fields)
        except KeyError:
            pass
    return ClaimPlace(**_filtered(ClaimPlace, p))


def _quantity(q: dict[str, Any]) -> Quantity:
    if len(q) == len(_QUANTITY_FIELDS):
        try:
            return Quantity(*_QUANTITY_ARGS(q))
        except KeyError:
            pass
    return Quantity(**_filtered(Quantity, q))


_CLAIM_KEYS, _PLACE_KEYS, _QUANTITY_KEYS = (tuple(sorted(f)) for f in (_CLAIM_FIELDS, _PLACE_FIELDS, _QUANTITY_FIELDS))
_CLAIM_VALUES, _PLACE_VALUES, _QUANTITY_VALUES = (attrgetter(*k) for k in (_CLAIM_KEYS, _PLACE_KEYS, _QUANTITY_KEYS))


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A JSON-ready dict of a claim (dates as ISO strings); the same as ``dataclasses.asdict`` but
    without its deep copies, which made writing a store of a few thousand claims take seconds. Its
    keys (and its places' and quantities') are in sorted order, so ``_ENCODER`` writes what
    ``sort_keys=True`` would without sorting every dict again."""
    d = dict(zip(_CLAIM_KEYS, _CLAIM_VALUES(claim), strict=True))
    d["places"] = [dict(zip(_PLACE_KEYS, _PLACE_VALUES(p), strict=True)) for p in claim.places]
    d["unresolved"] = [dict(zip(_PLACE_KEYS, _PLACE_VALUES(p), strict=True)) for p in claim.unresolved]
    d["quantities"] = [dict(zip(_QUANTITY_KEYS, _QUANTITY_VALUES(q), strict=True)) for q in claim.quantities]
    d["conflicts"] = list(claim.conflicts)
    d["published"] = claim.published.isoformat() if claim.published else None
    return d


def claim_from_dict(d: dict[str, Any]) -> Claim:
    """The claim ``claim_to_dict`` wrote (or another version wrote: its unknown fields are dropped, missing
    ones take their defaults)."""
    places = tuple(map(_place, d.get("places") or ()))
    unresolved = tuple(map(_place, d.get("unresolved") or ()))
    quantities = tuple(map(_quantity, d.get("quantities") or ()))
    conflicts = tuple(d.get("conflicts") or ())
    pub = d.get("published")
    published = date.fromisoformat(pub) if pub else None
    if len(d) == len(_CLAIM_FIELDS):
        try:
            args = list(_CLAIM_ARGS(d))  # every field and nothing else
        except KeyError:
            pass
        else:
            args[_PLACES_AT], args[_UNRESOLVED_AT], args[_QUANTITIES_AT] = places, unresolved, quantities
            args[_CONFLICTS_AT], args[_PUBLISHED_AT] = conflicts, published
            return Claim(*args)
    kw = _filtered(Claim, d)
    kw.update(places=places, unresolved=unresolved, quantities=quantities, conflicts=conflicts,
              published=published)
    return Claim(**kw)


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""What ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` builds on every call, but for sorting
(``claim_to_dict`` makes its dicts in sorted order: the same text): a commit encodes each linked claim
apart, and making the encoder was a third of that."""


def claims_to_json(claims: list[Claim]) -> str:
    """JSON text of a list of claims."""
    return _ENCODER.encode([claim_to_dict(c) for c in claims])


def claims_from_json(text: str) -> list[Claim]:
    """The claims ``claims_to_json`` wrote."""
    return [claim_from_dict(d) for d in json.loads(text)]


_DECODED_SIZE = 10_000
"""Stored claims kept decoded: ~3 kB each with their JSON text (~30 MB)."""


@lru_cache(maxsize=_DECODED_SIZE)
def _decoded(text: str) -> tuple[Claim, ...]:
    return tuple(claims_from_json(text))


def stored_claims_from_json(text: str) -> list[Claim]:
    """``claims_from_json`` of a stored claim's JSON, memoised by the text: linking reads the same
    stored claims back batch after batch (a batch's neighbourhood overlaps the last one's), and
    decoding them was a tenth of the committing process's time. Claims are immutable, so the same
    objects can be handed out again (which also lets ``data.link.memo`` find them by identity)."""
    return list(_decoded(text))
