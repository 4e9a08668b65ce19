"""One claim in full for the side panel, the claims table, and CSV/GeoJSON exports of the current view.

Pure functions over the events table and documents, so the panel's content (paragraph, corroborating and
conflicting claims with their sources) is tested without Streamlit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from data.model import Document

TABLE_COLUMNS: dict[str, str] = {
    "event_date": "date",
    "date_text": "date as written",
    "place_name": "place",
    "role": "role",
    "outlet": "outlet",
    "claimant": "claimant",
    "quantity_text": "figure",
    "text": "claim",
    "confidence": "confidence",
    "has_conflict": "conflict",
    "published": "published",
    "claim_id": "claim_id",
    "event_id": "event_id",
}


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """Another claim as the side panel lists it: what it says and who says it."""

    claim_id: str
    outlet: str
    claimant: str
    title: str
    url: str
    date: str
    figure: str
    text: str


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """Everything the side panel shows for one claim."""

    claim_id: str
    event_id: str
    title: str
    outlet: str
    url: str
    published: str
    date: str
    date_text: str
    date_precision: str
    claimant: str
    places: tuple[str, ...]
    figures: tuple[str, ...]
    before: str
    sentence: str
    after: str
    corroborating: tuple[ClaimRef, ...]
    conflicting: tuple[ClaimRef, ...]
    corroboration_outlets: int
    corroboration_claimants: int


def _iso(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    return "" if pd.isna(ts) else ts.date().isoformat()


def paragraph(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph around ``text[start:end]`` split as (before, sentence, after).

    A paragraph ends at a line break; offsets out of range give just what can be recovered.
    """
    if not text or start < 0 or end <= start or start >= len(text):
        return "", "", ""
    end = min(end, len(text))
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    p_end = len(text) if p_end < 0 else p_end
    return text[p_start:start], text[start:end], text[end:p_end]


def _figures(row: Mapping[str, object]) -> tuple[str, ...]:
    try:
        items = json.loads(str(row.get("quantities") or "[]"))
    except ValueError:
        items = []
    figs = [str(q.get("text", "")) for q in items if isinstance(q, dict) and q.get("text")]
    if not figs and row.get("quantity_text"):
        figs = [str(row["quantity_text"])]
    return tuple(dict.fromkeys(figs))


def _conflict_ids(value: object) -> list[str]:
    try:
        ids = json.loads(str(value or "[]"))
    except ValueError:
        return []
    return [str(i) for i in ids] if isinstance(ids, list) else []


def _ref(row: Mapping[str, object]) -> ClaimRef:
    return ClaimRef(
        claim_id=str(row["claim_id"]), outlet=str(row["outlet"]), claimant=str(row["claimant"]),
        title=str(row["title"]), url=str(row["url"]), date=_iso(row["event_date"]) or str(row["date_text"]),
        figure=", ".join(_figures(row)), text=str(row["text"]),
    )


def pick_event(events: pd.DataFrame, key: str) -> pd.Series | None:
    """The row for an ``event_id``, else the first row of a ``claim_id``; None when neither exists."""
    if not key or events.empty:
        return None
    hit = events.loc[events["event_id"] == key]
    if hit.empty:
        hit = events.loc[events["claim_id"] == key]
    return None if hit.empty else hit.iloc[0]


def claim_detail(events: pd.DataFrame, key: str, documents: Mapping[str, Document]) -> ClaimDetail | None:
    """The side panel for an event or claim id: sentence in its paragraph, sources, corroborating and
    conflicting claims (conflicts are symmetric: a claim that lists this one counts too)."""
    row = pick_event(events, key)
    if row is None:
        return None
    cid = str(row["claim_id"])
    claims = events.drop_duplicates("claim_id").set_index("claim_id", drop=False)
    doc = documents.get(str(row["doc_id"]))
    before, sentence, after = paragraph(doc.text, int(row["start"]), int(row["end"])) if doc else ("", "", "")
    if not sentence:
        sentence = str(row["text"])
    cluster = str(row["cluster_id"])
    corro = claims.loc[(claims["cluster_id"] == cluster) & (claims["claim_id"] != cid)] if cluster else claims.iloc[0:0]
    conflict_ids = set(_conflict_ids(row["conflicts"]))
    conflict_ids |= {c for c, v in zip(claims["claim_id"], claims["conflicts"], strict=True)
                     if cid in _conflict_ids(v)}
    conflict_ids.discard(cid)
    conflicting = claims.loc[claims["claim_id"].isin(conflict_ids)]
    rows = events.loc[(events["claim_id"] == cid) & (events["place_name"] != "")]
    places = [name if role == "event" else f"{name} ({role})"  # "Kyiv (claimant)", "North Korea (origin)"
              for name, role in zip(rows["place_name"].astype(str), rows["role"].astype(str), strict=True)]
    return ClaimDetail(
        claim_id=cid, event_id=str(row["event_id"]), title=str(row["title"]), outlet=str(row["outlet"]),
        url=str(row["url"]), published=_iso(row["published"]), date=_iso(row["event_date"]),
        date_text=str(row["date_text"]), date_precision=str(row["date_precision"]),
        claimant=str(row["claimant"]), places=tuple(dict.fromkeys(places)),
        figures=_figures(row), before=before, sentence=sentence, after=after,
        corroborating=tuple(_ref(r) for _, r in corro.iterrows() if r["claim_id"] not in conflict_ids),
        conflicting=tuple(_ref(r) for _, r in conflicting.iterrows()),
        corroboration_outlets=int(row["corroboration_outlets"]),
        corroboration_claimants=int(row["corroboration_claimants"]),
    )


def claims_table(view: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The table of claims in view: readable columns, dates as ISO strings, newest first (the first
    ``limit`` rows: a browser table of 10,000 rows costs a second per rerun; exports carry every row)."""
    out = view.sort_values(["event_date", "published"], ascending=False, na_position="last")
    if limit is not None:
        out = out.head(limit)
    out = out.loc[:, list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    for col in ("date", "published"):
        out[col] = out[col].map(_iso)
    return out.reset_index(drop=True)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: object) -> object:
    """Text a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)"), prefixed with ``'`` so it
    shows as typed (OWASP's advice for CSV injection). Article text is untrusted."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(view: pd.DataFrame) -> bytes:
    """The rows in view as UTF-8 CSV with every schema column (dates ISO; text cells that a spreadsheet
    would evaluate are prefixed with ``'``; numbers stay numbers)."""
    out = view.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].map(_iso)
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_defuse)
    return out.to_csv(index=False).encode("utf-8")


def _jsonable(value: object) -> object:
    if isinstance(value, pd.Timestamp) or value is pd.NaT:
        return _iso(value) or None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()  # type: ignore[union-attr]
    return value


def to_geojson(view: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the located rows in view (Point per row, every column a property)."""
    features = []
    located = view.loc[view["lat"].notna() & view["lon"].notna()]
    for rec in located.to_dict("records"):
        props = {k: _jsonable(v) for k, v in rec.items() if k not in {"lat", "lon"}}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(rec["lon"]), float(rec["lat"])]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(view: pd.DataFrame) -> bytes:
    """``to_geojson`` serialised for a download button."""
    return json.dumps(to_geojson(view), ensure_ascii=False).encode("utf-8")


def site_of(url: object) -> str:
    """The web site an article's link points to ("www.reuters.com/x" -> "reuters.com"), or "".

    Shown where the outlet is not stated, so two unnamed sources can still be told apart.

    >>> site_of("https://www.nknews.org/2024/10/x"), site_of("javascript:alert(1)"), site_of("")
    ('nknews.org', '', '')
    """
    if not isinstance(url, str) or not url.strip():
        return ""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    return host[4:] if host.startswith("www.") else host
