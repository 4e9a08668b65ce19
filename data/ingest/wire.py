"""Cheaper pickling of the frozen dataclasses that cross between Dask workers and the ingesting process.

A frozen ``slots=True`` dataclass pickles through ``dataclasses``' own ``__getstate__``/``__setstate__``,
which call ``dataclasses.fields(obj)`` for every object, both ways. A batch's results are thousands of
claims, places, figures and link features, so on a 2-worker ingest that was ~10% of the one process that
links and commits (its IO loop thread unpickling results) and part of each worker's time. Registered here
(``copyreg``, so plain ``pickle`` and Dask's serialisation use it), an object pickles as its class and
its field values in order, and is rebuilt by setting its slots directly: the same object, equal and of
the same type, in a fraction of the time. Only processes that import this module pickle this way; the
rebuild function is found by reference, so a worker unpickling it imports it (``data.ingest.work`` does).
"""

from __future__ import annotations

import copyreg
import dataclasses
from operator import attrgetter
from typing import Any

_SETTERS: dict[type, tuple] = {}
_DONE: list[bool] = []
"""Per registered class, one setter per field, in field order."""


def register(cls: type) -> type:
    """Pickle ``cls`` (a dataclass) as its field values; idempotent. Returns ``cls``."""
    if cls in _SETTERS:
        return cls
    names = tuple(f.name for f in dataclasses.fields(cls))
    slots = cls.__dict__.get("__slots__", ())
    _SETTERS[cls] = tuple(cls.__dict__[n].__set__ if n in slots
                          else (lambda obj, v, n=n: object.__setattr__(obj, n, v)) for n in names)
    get = attrgetter(*names) if len(names) > 1 else (lambda obj, n=names[0]: (getattr(obj, n),))
    copyreg.pickle(cls, lambda obj: (_rebuild, (cls, get(obj))))
    return cls


def _rebuild(cls: type, values: tuple) -> Any:
    """The object of ``cls`` with these field values (no ``__init__``/``__post_init__``: a copy of one
    that passed them)."""
    setters = _SETTERS.get(cls) or _SETTERS[register(cls)]
    obj = object.__new__(cls)
    for put, value in zip(setters, values, strict=True):
        put(obj, value)
    return obj


def register_results() -> None:
    """Register every dataclass an extraction result holds (``data.ingest.work.Extracted`` and what it
    contains: claims, places, figures, documents, link features)."""
    if _DONE:
        return
    from data.claims.figure_subject import FigureKey
    from data.ingest.work import Extracted
    from data.link.corroborate import _Info
    from data.model import Claim, ClaimPlace, Document, Quantity, TimeEx
    from data.store.common import CachedClaims

    for cls in (Extracted, CachedClaims, Document, Claim, ClaimPlace, Quantity, TimeEx, FigureKey, _Info):
        register(cls)
    _DONE.append(True)
