"""Opt-in online geocoding with the offline gazetteer as the safety net.

Off by default: sitmap never touches the network unless asked (``sitmap geocode --online``;
nothing else uses it: geoparse and the app stay offline). When on, any geopy geocoder (Nominatim by default)
is called behind geopy's ``RateLimiter`` with a timeout that is a total deadline per query (geopy's
HTTP adapter retries a read timeout, so a host that accepts and never answers cost 3x the timeout; the
default service is built without those retries, ``no_retry_adapter``); answers
are cached on disk so a
name is asked once; and when the service errors, times out or keeps failing, the offline
answer is returned instead, so a flaky service never loses a place.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo.geocoder import OfflineGeocoder

USER_AGENT = "sitmap/0.1 (offline-first news map)"


class GeocodeCache:
    """A small SQLite cache of online answers: (service, query, exactly_one) -> locations."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (k TEXT PRIMARY KEY, v TEXT NOT NULL, t REAL)")
        self._db.commit()

    def get(self, key: str) -> tuple[bool, Any]:
        """(hit, value); a damaged entry is a miss."""
        with self._lock:
            row = self._db.execute("SELECT v FROM answers WHERE k = ?", (key,)).fetchone()
        if row is None:
            return False, None
        try:
            return True, _decode(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return False, None

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                             (key, json.dumps(_encode(value), default=str), time.time()))
            self._db.commit()

    def close(self) -> None:
        self._db.close()


def _encode(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return {"address": value.address, "lat": value.latitude, "lon": value.longitude, "raw": value.raw}


def _decode(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return Location(value["address"], (value["lat"], value["lon"]), value["raw"])


def no_retry_adapter() -> Callable[..., Any]:
    """A geopy ``adapter_factory`` whose HTTP layer never retries on its own.

    geopy's requests adapter retries a read timeout twice. ``FallbackGeocoder`` gives up on a query at
    its deadline and answers offline, but the abandoned call went on retrying in its thread: a
    struggling service got three requests per name instead of one. Without requests installed,
    geopy's urllib adapter (which does not retry) is used as it is."""
    from functools import partial

    from geopy.adapters import RequestsAdapter, URLLibAdapter, requests_available

    return partial(RequestsAdapter, max_retries=0) if requests_available else URLLibAdapter


def default_online(timeout: float = 5.0) -> Geocoder:
    """geopy's Nominatim with our user agent (the service the env var and CLI enable), whose
    HTTP layer does not retry behind ``FallbackGeocoder``'s deadline (``no_retry_adapter``)."""
    from geopy.geocoders import Nominatim

    return Nominatim(user_agent=USER_AGENT, timeout=timeout, adapter_factory=no_retry_adapter())


class FallbackGeocoder(Geocoder):
    """Online first (cached, rate limited, timed out), offline whenever the service fails.

    After ``max_failures`` failures in a row the service is skipped for ``cooldown``
    seconds, so a dead service costs one timeout, not one per name.
    """

    def __init__(self, online: Geocoder | None = None, offline: Geocoder | None = None, *,
                 cache_path: Path | None = None, min_delay_seconds: float = 1.0, timeout: float = 5.0,
                 max_failures: int = 3, cooldown: float = 300.0, fallback_on_miss: bool = True,
                 log: Callable[[str], None] | None = None) -> None:
        super().__init__(timeout=timeout, proxies={})
        self.online = online if online is not None else default_online(timeout)
        self.offline = offline if offline is not None else OfflineGeocoder()
        if cache_path is None:
            from geo.gazetteer import cache_dir

            cache_path = cache_dir() / "geocode-cache.sqlite"
        self.cache = GeocodeCache(cache_path)
        self.timeout_seconds = timeout
        self.max_failures = max_failures
        self.cooldown = cooldown
        self.fallback_on_miss = fallback_on_miss
        self.failures = 0
        self._down_until = 0.0
        self.log = log or (lambda msg: print(f"sitmap: {msg}", file=sys.stderr))
        self.min_delay_seconds = min_delay_seconds
        self._call = RateLimiter(self.online.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                 swallow_exceptions=False)

    def _service(self) -> str:
        name = type(self.online).__name__
        return f"{name}:{getattr(self.online, 'domain', '')}"

    def geocode(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                **kwargs: Any) -> Location | list[Location] | None:
        """Cached online answer, else a fresh one, else (on any failure) the offline answer."""
        key = json.dumps([self._service(), query, exactly_one, kwargs], sort_keys=True, default=str)
        hit, value = self.cache.get(key)
        if hit:
            return value if value is not None or not self.fallback_on_miss else self._offline(query, exactly_one)
        if time.monotonic() < self._down_until:
            return self._offline(query, exactly_one)
        t = self.timeout_seconds if timeout is DEFAULT_SENTINEL else timeout
        try:
            value = self._within_deadline(t, query, exactly_one=exactly_one, timeout=t, **kwargs)
        except (GeopyError, OSError, ValueError) as exc:
            self.failures += 1
            if self.failures >= self.max_failures:
                self._down_until = time.monotonic() + self.cooldown
                self.log(f"online geocoder failed {self.failures} times; offline only for {self.cooldown:.0f} s")
            else:
                self.log(f"online geocoder failed for {query!r} ({type(exc).__name__}: {exc}); using offline")
            return self._offline(query, exactly_one)
        self.failures = 0
        self.cache.put(key, value)
        if value is None and self.fallback_on_miss:
            return self._offline(query, exactly_one)
        return value

    def _within_deadline(self, seconds: float | None, *args: Any, **kwargs: Any) -> Any:
        """The online call, given up after ``seconds`` (plus the rate limiter's wait) whatever the HTTP
        layer's retries do: the call goes on in a daemon thread and its late answer is dropped."""
        if seconds is None:
            return self._call(*args, **kwargs)
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["value"] = self._call(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=work, name="sitmap-online-geocode", daemon=True)
        worker.start()
        worker.join(float(seconds) + self.min_delay_seconds)
        if worker.is_alive():
            raise GeocoderTimedOut(f"no answer within {seconds:g} s")
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def _offline(self, query: Any, exactly_one: bool) -> Location | list[Location] | None:
        return self.offline.geocode(query, exactly_one=exactly_one)
