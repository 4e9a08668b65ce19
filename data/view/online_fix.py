"""Placing a "Places not found" name online, only when the reader asks: the answer becomes a correction.

Offline is the default and stays so: nothing here runs unless the app's "Look names up online" switch is on
and the reader presses the button. The query goes to OpenStreetMap's Nominatim through
``geo.online.FallbackGeocoder`` (geopy's ``RateLimiter``, a disk cache so a name is asked once, a total
deadline), limited to a box around the article's main country (``viewbox`` + ``bounded`` and
``country_codes``), because a village name is shared by places in many countries. A found point is saved
as a ``pin`` correction: it wins over the parser on every read, survives a re-ingest, and the Corrections
tab can undo it. ``SITMAP_NOMINATIM_URL`` (e.g. ``http://127.0.0.1:8080``) points at another Nominatim
(a local mirror, or a test's fake on loopback).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from geopy.geocoders.base import Geocoder

from data.events import located_mask
from data.view.corrections import Correction, check
from geo.normalize import name_key

NOMINATIM_ENV = "SITMAP_NOMINATIM_URL"
TIMEOUT_SECONDS = 8.0  # total, per name: the reader is waiting on a button


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one online look-up gave: a correction to save, or why there is none."""

    correction: Correction | None
    message: str


def nominatim(timeout: float = TIMEOUT_SECONDS) -> Geocoder:
    """geopy's Nominatim, at ``SITMAP_NOMINATIM_URL``'s scheme and host when set (else OSM's public one),
    without the HTTP layer's own retries (``geo.online.no_retry_adapter``)."""
    from geopy.geocoders import Nominatim

    from geo.online import USER_AGENT, no_retry_adapter

    url = os.environ.get(NOMINATIM_ENV, "").strip()
    if not url:
        return Nominatim(user_agent=USER_AGENT, timeout=timeout, adapter_factory=no_retry_adapter())
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return Nominatim(user_agent=USER_AGENT, timeout=timeout, domain=parts.netloc + parts.path.rstrip("/"),
                     scheme=parts.scheme or "https", adapter_factory=no_retry_adapter())


def main_country(events: pd.DataFrame, name: str) -> str:
    """The country most of the located places lie in, in the articles that mention ``name`` ("" if none)."""
    if events.empty:
        return ""
    key = name_key(name)
    docs = events.loc[events["mention_text"].astype(str).map(name_key) == key, "doc_id"].unique()
    rows = events.loc[events["doc_id"].isin(docs) & located_mask(events) & (events["role"].astype(str) != "claimant")]
    codes = Counter(c for c in rows["country_code"].astype(str) if c)
    return codes.most_common(1)[0][0] if codes else ""


def country_viewbox(gazetteer: Any, country_code: str) -> list[tuple[float, float]] | None:
    """The country's outline bounds as Nominatim's viewbox ``[(lat, lon), (lat, lon)]``; None when unknown."""
    if gazetteer is None or not country_code:
        return None
    try:
        place = gazetteer.country(country_code)
        shape = gazetteer.geometry(place.id) if place is not None else None
    except (AttributeError, OSError, ValueError):
        return None
    if shape is None or shape.is_empty:
        return None
    west, south, east, north = shape.bounds
    return [(south, west), (north, east)]


class _NoOffline(Geocoder):
    """No offline answer: the name is one the gazetteer already failed to place."""

    def geocode(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> None:
        return None


def look_up(name: str, events: pd.DataFrame, *, online: Geocoder | None = None, gazetteer: Any = None,
            cache_path: Path | None = None, timeout: float = TIMEOUT_SECONDS) -> Outcome:
    """Ask Nominatim (or ``online``) where ``name`` is, inside the main country of the articles naming it."""
    from geo.online import FallbackGeocoder

    country = main_country(events, name)
    box = country_viewbox(gazetteer, country)
    kwargs: dict[str, Any] = {}
    if country:
        kwargs["country_codes"] = country.lower()
    if box is not None:
        kwargs.update(viewbox=box, bounded=True)
    problems: list[str] = []
    geocoder = FallbackGeocoder(online=online if online is not None else nominatim(timeout), offline=_NoOffline(),
                                cache_path=cache_path, timeout=timeout, min_delay_seconds=1.0, max_failures=1,
                                cooldown=60.0, fallback_on_miss=False, log=problems.append)
    try:
        found = geocoder.geocode(name, exactly_one=True, **kwargs)
    finally:
        geocoder.cache.close()
    where = f" in {country}" if country else ""
    if found is None:
        why = problems[-1] if problems else f"no match{where}"
        return Outcome(None, f"“{name}” not found online: {why}")
    label = str(found.address or name)
    fix = check(Correction("pin", mention=name, place_name=name, lat=float(found.latitude),
                           lon=float(found.longitude), country_code=country,
                           note=f"online (Nominatim): {label}"[:300]))
    return Outcome(fix, f"“{name}” found online{where}: {label}")
