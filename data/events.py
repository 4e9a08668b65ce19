"""The events table: one row per (claim, place), the only thing ``layers/`` and the app read.

Schema (column: dtype, meaning). Dates are naive ``datetime64`` at day resolution.

=========================  ==========  ==========================================================
event_id                   str         ``f"{claim_id}:{place index}"``; unique
claim_id                   str         the claim (a sentence-level statement)
doc_id                     str         the document (content hash)
outlet                     str         who published the article ("Reuters", "Kyiv Independent")
title                      str         article title
url                        str         article URL ("" when unknown)
published                  datetime64  publication date (NaT when unknown)
event_date                 datetime64  first day of the event's date (NaT: undated claim)
event_date_end             datetime64  last day of the event's date period (== event_date for days)
date_value                 str         TimeML value ("2024-10-23", "2024-W43", "2024-08"; "" undated)
date_text                  str         the expression the date came from ("on October 23")
date_precision             str         day | week | month | season | quarter | year | decade | published | none
claimant                   str         who asserts the claim ("" when the article asserts it itself)
claimant_country           str         ISO 3166-1 alpha-2 of the claimant's side ("" unknown)
kind                       str         claim kind: data.claims.kinds.KINDS (disaster, casualties, aid, movement, combat, legal, economic, political, statement, other)
text                       str         the claim's sentence
start / end                int64       the sentence's character span in the document
place_id                   str         gazetteer id ("" when the claim has no resolvable place)
place_name                 str         gazetteer name of the place
mention_text               str         the surface form in the article
mention_start/mention_end  int64       the mention's span in the document (-1 when none)
lat / lon                  float64     coordinates (NaN: unlocated)
country_code               str         ISO 3166-1 alpha-2 of the place
feature_code               str         GeoNames feature code (PCLI, ADM1, PPLC, PPL, RGN ...)
precision                  str         point | admin | country | vague
role                       str         event | origin | claimant
quantity_value             float64     primary figure (NaN: none)
quantity_low/high          float64     its range
quantity_unit              str         "troops", "soldiers", "square kilometers" ...
quantity_text              str         the figure as written ("about 12,000 troops")
quantities                 str         JSON list of every figure in the claim (text, value, low, high, unit,
                                       qualifier, counted, subject: data.claims.figure_subject)
confidence                 float64     [0, 1]: place resolution confidence x claim confidence
cluster_id                 str         claims about the same thing share it
corroboration_outlets      int64       distinct outlets among claims in the cluster that agree with this one
                                       (wire copies count once; conflicting or vague figures do not corroborate)
corroboration_claimants    int64       distinct claimants among those agreeing claims
conflicts                  str         JSON list of claim_ids whose figures disagree with this one
has_conflict               bool        ``conflicts`` is non-empty
=========================  ==========  ==========================================================

Claims with no place get one row with ``place_id == ""`` and NaN lat/lon (the "unlocated"
list); claims with no date have NaT ``event_date`` (the "undated" list). Nothing is dropped.
A name the sentence presents as a place that the gazetteer lacks (``Claim.unresolved``, geo.unknown) gets a
row too, after the claim's places: ``place_id == ""``, NaN lat/lon, ``precision == ""`` and its
``mention_text``/offsets set; the map never draws it, the "Places not found" list shows it with its sentence.
A date pandas cannot hold at nanosecond resolution (before ``DAY_MIN`` or after ``DAY_MAX``: "Galileo,
born around 1564", a street number "1517" read as a year) is NaT too, with its TimeML ``date_value`` and
``date_text`` kept: the claim is listed as undated and shows the value, and the table never fails to build.

Which rows the map draws (``mapped_mask``): a claim's located ``event`` places; a claim with no located
event place is drawn at its located ``origin`` ("troops left North Korea"). A ``claimant`` place ("Kyiv
says") is where someone speaks, not where anything happened: it is never drawn, and a claim whose only
places are claimants' is listed as unlocated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import pandas as pd

from data import timeml
from data.model import Claim, Document

SCHEMA: dict[str, str] = {
    "event_id": "str",
    "claim_id": "str",
    "doc_id": "str",
    "outlet": "str",
    "title": "str",
    "url": "str",
    "published": "datetime64",
    "event_date": "datetime64",
    "event_date_end": "datetime64",
    "date_value": "str",
    "date_text": "str",
    "date_precision": "str",
    "claimant": "str",
    "claimant_country": "str",
    "kind": "str",
    "text": "str",
    "start": "int64",
    "end": "int64",
    "place_id": "str",
    "place_name": "str",
    "mention_text": "str",
    "mention_start": "int64",
    "mention_end": "int64",
    "lat": "float64",
    "lon": "float64",
    "country_code": "str",
    "feature_code": "str",
    "precision": "str",
    "role": "str",
    "quantity_value": "float64",
    "quantity_low": "float64",
    "quantity_high": "float64",
    "quantity_unit": "str",
    "quantity_text": "str",
    "quantities": "str",
    "confidence": "float64",
    "cluster_id": "str",
    "corroboration_outlets": "int64",
    "corroboration_claimants": "int64",
    "conflicts": "str",
    "has_conflict": "bool",
}
COLUMNS: tuple[str, ...] = tuple(SCHEMA)


class SchemaError(ValueError):
    """The table handed over does not follow the events schema."""


DAY_MIN = date(1677, 9, 22)
"""First day a ``datetime64[ns]`` column holds (pandas' lower bound, rounded in to a whole day)."""
DAY_MAX = date(2262, 4, 11)
"""Last day a ``datetime64[ns]`` column holds."""


def _in_range_day(value: object) -> date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        value = value.date()
    elif not isinstance(value, date):
        if isinstance(value, float) and value != value:  # NaN
            return None
        try:
            value = pd.Timestamp(value).date()
        except (ValueError, TypeError, OverflowError):
            return None
    return value if DAY_MIN <= value <= DAY_MAX else None


def as_day_timestamps(values: Iterable[object]) -> pd.Series:
    """Days as a ``datetime64[ns]`` series; anything outside ``DAY_MIN``..``DAY_MAX`` or unreadable is NaT.

    Why one helper: pandas 3 parses a year like 1564 to ``datetime64[s]`` and then refuses the cast to
    nanoseconds, so one such date in one article used to fail the whole events table.

    >>> as_day_timestamps([date(1564, 2, 15), date(2024, 10, 23), None]).tolist()
    [NaT, Timestamp('2024-10-23 00:00:00'), NaT]
    """
    days = [_in_range_day(v) for v in values]
    return pd.Series(pd.to_datetime(pd.Series(days, dtype=object), errors="coerce")).astype("datetime64[ns]")


def _dtype(kind: str) -> str:
    return {"str": "object", "datetime64": "datetime64[ns]"}.get(kind, kind)


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, with the schema's dtypes."""
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise SchemaError(f"events table lacks columns: {', '.join(missing)}")
    out = df.loc[:, list(COLUMNS)].copy()
    for col, kind in SCHEMA.items():  # already conformed columns pass as they are (a batch's rows are
        s = out[col]                   # conformed several times on their way to the store)
        if kind == "datetime64":
            if s.dtype != "datetime64[ns]":
                out[col] = as_day_timestamps(s.tolist()).to_numpy()
        elif kind == "str":
            if not (s.dtype == object and pd.api.types.infer_dtype(s, skipna=False) in ("string", "empty")):
                out[col] = s.fillna("").astype(str).astype(object)
        elif kind == "bool":
            if s.dtype != bool:
                out[col] = s.fillna(False).astype(bool)
        elif kind == "int64":
            if s.dtype != "int64":
                out[col] = s.fillna(-1).astype("int64")
        elif s.dtype != kind:
            out[col] = s.astype(kind)
    return out.reset_index(drop=True)


def empty_events() -> pd.DataFrame:
    """An events table with no rows and the full schema."""
    return pd.DataFrame({c: pd.Series([], dtype=_dtype(k)) for c, k in SCHEMA.items()})


def validate_events(df: pd.DataFrame) -> None:
    """Raise ``SchemaError`` unless ``df`` has the schema's columns and dtypes."""
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise SchemaError(f"events table lacks columns: {', '.join(missing)}")
    for col, kind in SCHEMA.items():
        s = df[col]
        ok = {
            "datetime64": pd.api.types.is_datetime64_any_dtype,
            "float64": pd.api.types.is_float_dtype,
            "int64": pd.api.types.is_integer_dtype,
            "bool": pd.api.types.is_bool_dtype,
            "str": lambda x: pd.api.types.is_object_dtype(x) or pd.api.types.is_string_dtype(x),
        }[kind](s)
        if not ok:
            raise SchemaError(f"column {col!r} should be {kind}, is {s.dtype}")
    if df["event_id"].duplicated().any():
        raise SchemaError("event_id is not unique")


def located_mask(events: pd.DataFrame) -> pd.Series:
    """Rows with a place and coordinates (whatever their role)."""
    return events["lat"].notna() & events["lon"].notna() & (events["place_id"].astype(str) != "")


def mapped_mask(events: pd.DataFrame) -> pd.Series:
    """Rows the map draws as markers (see the module doc): located event places, else a located origin."""
    loc = located_mask(events)
    role = events["role"].astype(str)
    event = loc & (role == "event")
    has_event = events["claim_id"].isin(events.loc[event, "claim_id"].unique())
    return event | (loc & (role == "origin") & ~has_event)


def _quantity_json(claim: Claim) -> str:
    return json.dumps(
        [
            {"text": q.text, "value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "qualifier": q.qualifier,
             "counted": q.counted, "subject": q.subject}
            for q in claim.quantities
        ],
        ensure_ascii=False,
    )


def build_events(claims: Iterable[Claim], documents: Mapping[str, Document]) -> pd.DataFrame:
    """Build the events table from claims (one row per claim x place; placeless claims get one row)."""
    rows: list[dict] = []
    for c in claims:
        doc = documents.get(c.doc_id)
        first, last = timeml.bounds(c.date)
        q = c.quantities[0] if c.quantities else None
        base = {
            "claim_id": c.claim_id,
            "doc_id": c.doc_id,
            "outlet": c.outlet or (doc.outlet if doc else ""),
            "title": doc.title if doc else "",
            "url": doc.url if doc else "",
            "published": c.published,
            "event_date": first,
            "event_date_end": last,
            "date_value": c.date or "",
            "date_text": c.date_text,
            "date_precision": c.date_precision,
            "claimant": c.claimant or "",
            "claimant_country": c.claimant_country,
            "kind": c.kind,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "quantity_value": q.value if q and q.value is not None else float("nan"),
            "quantity_low": q.low if q and q.low is not None else float("nan"),
            "quantity_high": q.high if q and q.high is not None else float("nan"),
            "quantity_unit": q.unit if q else "",
            "quantity_text": q.text if q else "",
            "quantities": _quantity_json(c),
            "cluster_id": c.cluster_id,
            "corroboration_outlets": c.corroboration_outlets,
            "corroboration_claimants": c.corroboration_claimants,
            "conflicts": json.dumps(list(c.conflicts)),
            "has_conflict": bool(c.conflicts),
        }
        places = c.places + c.unresolved or (None,)
        for i, p in enumerate(places):
            row = dict(base)
            row["event_id"] = f"{c.claim_id}:{i}"
            if p is None:
                row.update(place_id="", place_name="", mention_text="", mention_start=-1, mention_end=-1,
                           lat=float("nan"), lon=float("nan"), country_code="", feature_code="",
                           precision="", role="event", confidence=c.confidence)
            else:
                row.update(
                    place_id=p.place_id, place_name=p.name if p.place_id else "",
                    mention_text=doc.text[p.start:p.end] if doc else ("" if p.place_id else p.name),
                    mention_start=p.start, mention_end=p.end,
                    lat=p.lat if p.lat is not None else float("nan"),
                    lon=p.lon if p.lon is not None else float("nan"),
                    country_code=p.country_code, feature_code=p.feature_code, precision=p.precision,
                    role=p.role, confidence=float(c.confidence) * float(p.confidence),
                )
            rows.append(row)
    if not rows:
        return empty_events()
    return conform(pd.DataFrame(rows))
