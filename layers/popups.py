"""What a popup says about one claim at one place, as plain data for the map's JS.

The browser builds the popup with DOM text nodes (never ``innerHTML``), so these dicts
carry raw strings; ``safe.js_json`` makes them inert on the way through folium. Only
http(s) URLs survive ``safe_url``; the excerpt is cut around the place mention and split
into (before, mention, after) so the mention can be highlighted without parsing HTML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from data.view.detail import site_of
from layers.safe import safe_url

EXCERPT_WIDTH = 280
TITLE_WIDTH = 140


def _s(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any, default: int = -1) -> int:
    try:
        out = int(value)
    except (TypeError, ValueError):
        return default
    return out


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def excerpt(text: str, start: int, mention_start: int, mention_end: int, mention: str = "",
            width: int = EXCERPT_WIDTH) -> tuple[str, str, str]:
    """Split the claim sentence into (before, mention, after), at most ``width`` characters.

    ``start`` is the sentence's offset in the document and ``mention_*`` the mention's; when
    the offsets do not match the text (or are missing) the mention is searched by name, and
    when it is not found the whole excerpt is returned as ``before`` with no highlight.
    """
    text = text or ""
    lo, hi = mention_start - start, mention_end - start
    if not (0 <= lo < hi <= len(text)) or (mention and text[lo:hi] != mention):
        found = text.find(mention) if mention else -1
        if found < 0:
            return (_clip(text, width), "", "")
        lo, hi = found, found + len(mention)
    room = max(width - (hi - lo), 0)
    left = max(lo - room // 2, 0)
    right = min(hi + (room - (lo - left)), len(text))
    left = max(min(left, right - width), 0) if right - left > width else left
    before = ("…" if left > 0 else "") + text[left:lo]
    after = text[hi:right] + ("…" if right < len(text) else "")
    return (before, text[lo:hi], after)


def figures(quantities: str, quantity_text: str = "") -> list[str]:
    """Every figure's text from the ``quantities`` JSON column (robust to bad JSON)."""
    out: list[str] = []
    try:
        parsed = json.loads(quantities) if quantities else []
    except (TypeError, ValueError):
        parsed = []
    if isinstance(parsed, list):
        for q in parsed:
            if isinstance(q, Mapping) and q.get("text"):
                out.append(str(q["text"]))
    if not out and quantity_text:
        out.append(quantity_text)
    return out[:6]


def _iso(value: Any) -> str:
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, str) and (value == "" or (len(value) == 10 and value[4] == "-")):
        return value
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return ""
    return "" if pd.isna(ts) else ts.date().isoformat()


def _conflict_count(value: Any) -> int:
    try:
        parsed = json.loads(value) if value else []
    except (TypeError, ValueError):
        return 0
    return len(parsed) if isinstance(parsed, list) else 0


def popup_item(row: Mapping[str, Any], s: int | None = None, e: int | None = None) -> dict[str, Any]:
    """The popup payload for one events-table row (one claim at one place)."""
    text = _s(row.get("text"))
    return {
        "id": _s(row.get("event_id")),
        "o": _clip(_s(row.get("outlet")) or site_of(row.get("url")), 80),
        "ti": _clip(_s(row.get("title")), TITLE_WIDTH),
        "u": safe_url(row.get("url")),
        "p": _iso(row.get("published")),
        "d": _s(row.get("date_value")),
        "dt": _clip(_s(row.get("date_text")), 60),
        "dp": _s(row.get("date_precision")),
        "c": _clip(_s(row.get("claimant")), 120),
        "cc": _s(row.get("claimant_country")),
        "k": _s(row.get("kind")),
        "f": [_clip(f, 60) for f in figures(_s(row.get("quantities")), _s(row.get("quantity_text")))],
        "co": max(_int(row.get("corroboration_outlets"), 1), 1),
        "cl": max(_int(row.get("corroboration_claimants"), 1), 1),
        "x": _conflict_count(row.get("conflicts")) if row.get("has_conflict") else 0,
        "ex": list(excerpt(text, _int(row.get("start"), 0), _int(row.get("mention_start")),
                           _int(row.get("mention_end")), _s(row.get("mention_text")))),
        "s": s,
        "e": e,
    }
