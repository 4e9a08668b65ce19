"""Synthetic events tables and a tiny stand-in gazetteer, for tests, benchmarks and demos.

Rows follow ``data/events.py`` exactly (built with ``conform``), so whatever renders these
renders the real pipeline's output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from shapely.geometry import Polygon, box

from data.events import conform
from geo.model import Place

SAMPLE_PLACES: tuple[Place, ...] = (
    Place("538560", "Kursk", 51.7373, 36.1873, "RU", "PPLA", "point"),
    Place("adm1:RU-KRS", "Kursk Oblast", 51.5, 36.0, "RU", "ADM1", "admin"),
    Place("rgn:russian-far-east", "Russian Far East", 55.0, 140.0, "RU", "RGN", "vague", approximate=True),
    Place("1873107", "North Korea", 40.0, 127.0, "KP", "PCLI", "country"),
    Place("1871859", "Pyongyang", 39.0339, 125.7543, "KP", "PPLC", "point"),
    Place("703448", "Kyiv", 50.4547, 30.5238, "UA", "PPLC", "point"),
    Place("4140963", "Washington", 38.8951, -77.0364, "US", "PPLC", "point"),
    Place("1835848", "Seoul", 37.566, 126.9784, "KR", "PPLC", "point"),
    Place("2013348", "Vladivostok", 43.1056, 131.8735, "RU", "PPLA", "point"),
)

_SHAPES: dict[str, Any] = {
    "adm1:RU-KRS": box(34.1, 50.8, 38.5, 52.4),
    "rgn:russian-far-east": Polygon([(128, 42), (180, 50), (180, 72), (130, 70), (120, 55)]),
    "1873107": Polygon([(124.3, 38.0), (130.7, 42.5), (129.5, 41.0), (128.3, 38.6), (126.1, 37.7)]),
}
_COUNTRIES: dict[str, Any] = {
    "RU": box(27, 41, 180, 78), "UA": box(22, 44.4, 40.2, 52.4), "KP": _SHAPES["1873107"],
    "KR": box(126, 34.5, 129.6, 38.6), "US": box(-125, 25, -67, 49),
}


@dataclass
class FakeGazetteer:
    """Just enough of ``geo.gazetteer.Gazetteer`` for the layers (get, geometry, countries)."""

    places: dict[str, Place] = field(default_factory=lambda: {p.id: p for p in SAMPLE_PLACES})
    shapes: dict[str, Any] = field(default_factory=lambda: dict(_SHAPES))
    country_shapes: dict[str, Any] = field(default_factory=lambda: dict(_COUNTRIES))

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def geometry(self, place_id: str) -> Any:
        return self.shapes.get(place_id)

    def countries(self) -> list[Place]:
        return [Place(f"c:{cc}", cc, g.centroid.y, g.centroid.x, cc, "PCLI", "country", geometry=g)
                for cc, g in self.country_shapes.items()]


def event_row(**values: Any) -> dict[str, Any]:
    """One full events-table row with harmless defaults; ``values`` override them."""
    row: dict[str, Any] = {
        "event_id": "c1:0", "claim_id": "c1", "doc_id": "d1", "outlet": "Example News", "title": "A title",
        "url": "https://example.org/a", "published": "2024-10-24", "event_date": "2024-10-23",
        "event_date_end": "2024-10-23", "date_value": "2024-10-23", "date_text": "on October 23",
        "date_precision": "day", "claimant": "", "claimant_country": "", "kind": "statement",
        "text": "Troops were seen in Kursk.", "start": 0, "end": 26, "place_id": "538560",
        "place_name": "Kursk", "mention_text": "Kursk", "mention_start": 20, "mention_end": 25,
        "lat": 51.7373, "lon": 36.1873, "country_code": "RU", "feature_code": "PPLA", "precision": "point",
        "role": "event", "quantity_value": float("nan"), "quantity_low": float("nan"),
        "quantity_high": float("nan"), "quantity_unit": "", "quantity_text": "", "quantities": "[]",
        "confidence": 0.9, "cluster_id": "k1", "corroboration_outlets": 1, "corroboration_claimants": 1,
        "conflicts": "[]", "has_conflict": False,
    }
    row.update(values)
    return row


def place_row(place: Place, **values: Any) -> dict[str, Any]:
    """``event_row`` located at ``place``."""
    base = {"place_id": place.id, "place_name": place.name, "lat": place.lat, "lon": place.lon,
            "country_code": place.country_code, "feature_code": place.feature_code,
            "precision": place.precision, "mention_text": place.name}
    return event_row(**{**base, **values})


def events_from_rows(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """An events table (schema dtypes) from row dicts."""
    return conform(pd.DataFrame(rows))


def synthetic_events(n: int, places: list[Place] | tuple[Place, ...] = SAMPLE_PLACES, seed: int = 0,
                     days: int = 180, start: str = "2024-06-01") -> pd.DataFrame:
    """``n`` events spread over ``places`` and ``days`` (vectorised: 100k rows in well under a second)."""
    rng = np.random.default_rng(seed)
    k = rng.integers(0, len(places), n)
    cols = {
        "lat": np.array([p.lat for p in places])[k], "lon": np.array([p.lon for p in places])[k],
        "place_id": np.array([p.id for p in places], dtype=object)[k],
        "place_name": np.array([p.name for p in places], dtype=object)[k],
        "country_code": np.array([p.country_code for p in places], dtype=object)[k],
        "feature_code": np.array([p.feature_code for p in places], dtype=object)[k],
        "precision": np.array([p.precision for p in places], dtype=object)[k],
    }
    day0 = np.datetime64(start)
    ev = day0 + rng.integers(0, days, n).astype("timedelta64[D]")
    sides = np.array(["UA", "RU", "US", "KR", "KP", ""], dtype=object)
    kinds = np.array(["movement", "figure", "statement"], dtype=object)
    outlets = np.array([f"Outlet {i}" for i in range(40)], dtype=object)
    claim = np.array([f"s{i}" for i in range(n)], dtype=object)
    names = cols["place_name"]
    text = np.char.add(np.char.add("Reports say troops were seen near ", names.astype(str)), " that week.")
    df = pd.DataFrame({
        "event_id": np.char.add(claim.astype(str), ":0"), "claim_id": claim,
        "doc_id": np.array([f"d{i // 5}" for i in range(n)], dtype=object),
        "outlet": outlets[rng.integers(0, len(outlets), n)], "title": "Synthetic article",
        "url": "https://example.org/article", "published": ev + np.timedelta64(1, "D"),
        "event_date": ev, "event_date_end": ev, "date_value": ev.astype(str), "date_text": "that week",
        "date_precision": "day", "claimant": "", "claimant_country": sides[rng.integers(0, len(sides), n)],
        "kind": kinds[rng.integers(0, len(kinds), n)], "text": text, "start": 0,
        "end": np.char.str_len(text), "mention_text": names, "mention_start": 34,
        "mention_end": 34 + np.char.str_len(names.astype(str)), "role": "event",
        "quantity_value": np.nan, "quantity_low": np.nan, "quantity_high": np.nan, "quantity_unit": "",
        "quantity_text": "", "quantities": "[]", "confidence": 0.8, "cluster_id": "",
        "corroboration_outlets": rng.integers(1, 4, n), "corroboration_claimants": 1,
        "conflicts": "[]", "has_conflict": False, **cols,
    })
    return conform(df)


def with_movement(places: tuple[Place, ...] = SAMPLE_PLACES) -> list[dict[str, Any]]:
    """Two rows of one claim: troops moved from North Korea (origin) to Kursk (event)."""
    by = {p.name: p for p in places}
    common = {"claim_id": "mv1", "kind": "movement", "text": "Troops moved from North Korea to Kursk.",
              "claimant": "HUR", "claimant_country": "UA"}
    return [
        place_row(by["North Korea"], event_id="mv1:0", role="origin", mention_text="North Korea",
                  mention_start=18, mention_end=29, **common),
        place_row(by["Kursk"], event_id="mv1:1", mention_text="Kursk", mention_start=33, mention_end=38, **common),
    ]


def renamed(place: Place, **changes: Any) -> Place:
    """A copy of ``place`` with ``changes`` (tests)."""
    return replace(place, **changes)


def quantities_json(*texts: str) -> str:
    """A ``quantities`` column value holding figures with these texts."""
    return json.dumps([{"text": t, "value": None, "low": None, "high": None, "unit": "", "qualifier": ""}
                       for t in texts])
