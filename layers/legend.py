"""Colours and the legend: claimant side or claim kind, and place precision.

Colours are a pure function of the value (fixed for well-known sides and kinds, a stable
hash otherwise), so the base map and the time layers agree without sharing state.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

ColorBy = Literal["claimant", "kind"]
COLOR_COLUMN: dict[str, str] = {"claimant": "claimant_country", "kind": "kind"}

SIDE_COLORS: dict[str, str] = {
    "UA": "#1f6fb4", "RU": "#c62828", "KP": "#7b1fa2", "US": "#2e7d32", "KR": "#00838f",
    "CN": "#ef6c00", "GB": "#5d4037", "JP": "#ad1457", "DE": "#455a64", "FR": "#283593",
}
KIND_COLORS: dict[str, str] = {  # one per kind of data.claims.kinds.KINDS (and older stores' kinds)
    "disaster": "#6d4c41", "casualties": "#212121", "aid": "#00897b", "movement": "#e65100",
    "combat": "#b71c1c", "legal": "#5e35b1", "economic": "#f9a825", "political": "#2e7d32",
    "statement": "#1565c0", "other": "#9e9e9e", "figure": "#6a1b9a", "attack": "#b71c1c",
    "deployment": "#2e7d32", "diplomacy": "#2e7d32",
}
PALETTE: tuple[str, ...] = ("#8e24aa", "#00897b", "#f4511e", "#3949ab", "#7cb342", "#d81b60",
                            "#6d4c41", "#039be5", "#c0ca33", "#5e35b1", "#fb8c00", "#43a047")
UNKNOWN_COLOR = "#757575"
SHORT_NAMES: dict[str, str] = {
    "RU": "Russia", "KP": "North Korea", "KR": "South Korea", "US": "United States", "GB": "United Kingdom",
    "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "TW": "Taiwan", "MD": "Moldova", "VE": "Venezuela",
    "BO": "Bolivia", "TZ": "Tanzania", "LA": "Laos", "CZ": "Czechia",
}

PRECISION_LABELS: dict[str, str] = {
    "point": "Town or city (marker)",
    "admin": "Region (shaded outline)",
    "vague": "Vague region, approximate outline (dashed)",
    "country": "Whole country (tint and badge)",
}


def color_for(value: str, by: ColorBy = "claimant") -> str:
    """The colour of one claimant side (ISO country code) or claim kind."""
    if not value:
        return UNKNOWN_COLOR
    fixed = SIDE_COLORS if by == "claimant" else KIND_COLORS
    key = value.upper() if by == "claimant" else value.lower()
    if key in fixed:
        return fixed[key]
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """English short name for an ISO 3166-1 alpha-2 code (the code itself when unknown)."""
    if not code:
        return ""
    if code.upper() in SHORT_NAMES:
        return SHORT_NAMES[code.upper()]
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, KeyError, LookupError):
        found = None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code.upper()


def label_for(value: str, by: ColorBy = "claimant") -> str:
    """What the legend calls a colour group."""
    if by == "claimant":
        return f"{country_name(value)} side" if value else "Unattributed (the outlet itself)"
    return value.capitalize() if value else "Unclassified"


def legend_spec(values: Iterable[str], by: ColorBy = "claimant", max_entries: int = 12,
                title: str = "") -> dict:
    """Legend content (plain data): colour groups by frequency, then precision styles."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    ranked = sorted(counts, key=lambda v: (-counts[v], v))
    shown, rest = ranked[:max_entries], ranked[max_entries:]
    groups = [{"label": label_for(v, by), "color": color_for(v, by), "n": counts[v]} for v in shown]
    if rest:
        groups.append({"label": f"{len(rest)} more", "color": UNKNOWN_COLOR, "n": sum(counts[v] for v in rest)})
    heading = title or ("Claimant side" if by == "claimant" else "Claim kind")
    return {
        "title": heading,
        "groups": groups,
        "precision": [{"key": k, "label": v} for k, v in PRECISION_LABELS.items()],
        "notes": ["Number = claims at the place; small badge = distinct outlets",
                  "Red ring = figures in conflict", "Arrow = movement from origin to destination"],
    }
