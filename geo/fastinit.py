"""A faster ``__init__`` for the frozen, slotted dataclasses the geoparser builds by the hundred per text.

A frozen dataclass's generated ``__init__`` sets each field with ``object.__setattr__`` (a global and an
attribute look-up, then the generic set path): ~2 us for a 12-field ``Item``, a few percent of a
document's geoparse spread over every pass. Each slot's own descriptor (``Cls.field.__set__``), bound
once, sets the same value in about half the time and, like ``object.__setattr__``, bypasses the
frozen ``__setattr__``. ``fast_init`` swaps in such an ``__init__``: same parameters, defaults and field
order, so instances (their values, ``==``, ``hash``, ``repr``, ``dataclasses.replace``) are unchanged, and
assigning to a field still raises ``FrozenInstanceError``.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def fast_init(cls: T) -> T:
    """Give the frozen, slotted dataclass ``cls`` an ``__init__`` that sets its slots directly.

    Only plain fields are supported (no ``__post_init__``, ``InitVar``, ``init=False``, keyword-only
    fields or default factories): anything else raises TypeError rather than change behaviour."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    fields = dataclasses.fields(cls)
    if len(fields) != len(cls.__dataclass_fields__):
        raise TypeError(f"{cls.__name__} has pseudo-fields (ClassVar or InitVar)")
    env: dict[str, object] = {}
    args, body = [], []
    for i, f in enumerate(fields):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")
        env[f"_set{i}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            env[f"_default{i}"] = f.default
            args.append(f"{f.name}=_default{i}")
        body.append(f"  _set{i}(self, {f.name})")
    src = (f"def _make({', '.join(env)}):\n"
           f" def __init__(self, {', '.join(args)}):\n" + "\n".join(body or ["  pass"]) + "\n"
           " return __init__\n")
    ns: dict[str, object] = {}
    exec(src, ns)  # noqa: S102 - source built above from field names only
    init = ns["_make"](**env)  # type: ignore[operator]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls
