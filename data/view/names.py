"""Names people read: one filter value per claimant, country names instead of ISO codes.

Articles spell the same claimant several ways ("Kiev" and "Kyiv", "Yoon Suk Yeol" and "Yoon Suk-yeol"); a
filter listing each spelling apart splits one side's claims in two. Spellings with the same ``name_key``
(case, accents, hyphens, spacing) are one claimant; a claimant that is a capital, country or first-level
region the gazetteer knows under another name ("Kiev") takes that place's name ("Kyiv"). The shown name is
the place's, else the spelling used most.
"""

from __future__ import annotations

import functools
from collections import Counter

import pandas as pd

from geo.normalize import name_key

PLACE_CODES = frozenset({"PCLI", "PPLC", "ADM1"})


@functools.lru_cache(maxsize=1)
def _gazetteer() -> object | None:
    try:
        from geo.gazetteer import default_gazetteer

        return default_gazetteer()
    except Exception:  # noqa: BLE001 - names fall back to codes and spellings without a gazetteer
        return None


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """"North Korea" for "KP": the gazetteer's country name, else ISO's common name, else the code.

    >>> country_name("")
    ''
    """
    code = (code or "").strip().upper()
    if not code:
        return ""
    gaz = _gazetteer()
    place = gaz.country(code) if gaz is not None and hasattr(gaz, "country") else None
    if place is not None and place.name:
        return str(place.name)
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code)
    except (ImportError, LookupError, KeyError):
        c = None
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def _place_alias(name: str, gazetteer: object | None) -> str:
    """The gazetteer's name when ``name`` is a capital, country or region it knows by another spelling."""
    if gazetteer is None:
        return ""
    try:
        found = gazetteer.lookup(name)  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return ""
    top = found[0] if found else None
    if top is None or top.feature_code not in PLACE_CODES:
        return ""
    return str(top.name)


def claimant_names(values: pd.Series, gazetteer: object | None = None) -> dict[str, str]:
    """Each distinct claimant spelling -> the one name shown for its referent."""
    counts = Counter(str(v) for v in values if str(v))
    groups: dict[str, list[str]] = {}
    alias: dict[str, str] = {}
    for spelling in counts:
        place = _place_alias(spelling, gazetteer)
        key = name_key(place) if place else name_key(spelling)
        if place:
            alias[key] = place
        groups.setdefault(key, []).append(spelling)
    out: dict[str, str] = {}
    for key, spellings in groups.items():
        shown = alias.get(key) or max(sorted(spellings), key=lambda s: counts[s])
        out.update({s: shown for s in spellings})
    return out


def canonical_claimants(events: pd.DataFrame, gazetteer: object | None = None) -> pd.DataFrame:
    """``events`` with each claimant replaced by the name shown for its referent (see the module doc)."""
    if events.empty:
        return events
    mapping = claimant_names(events["claimant"], gazetteer if gazetteer is not None else _gazetteer())
    if all(k == v for k, v in mapping.items()):
        return events
    out = events.copy()
    out["claimant"] = out["claimant"].astype(str).map(lambda s: mapping.get(s, s)).astype(object)
    return out
