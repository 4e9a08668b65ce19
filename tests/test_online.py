"""The opt-in online geocoder against a fake Nominatim on 127.0.0.1: errors, timeouts, cache."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders import Nominatim

from geo.gazetteer import default_gazetteer
from geo.geocoder import OfflineGeocoder
from geo.online import FallbackGeocoder, no_retry_adapter


class FakeNominatim(BaseHTTPRequestHandler):
    mode = "ok"  # ok | error | slow | empty
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).hits.append(q)
        if self.mode == "error":
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"service unavailable")
            return
        if self.mode == "slow":
            time.sleep(0.8)
        body = [] if self.mode == "empty" else [{"lat": "12.5", "lon": "34.5", "display_name": f"Online {q}",
                                                 "place_id": 7, "class": "place", "type": "city"}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[type[FakeNominatim]]:
    FakeNominatim.mode, FakeNominatim.hits = "ok", []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeNominatim.port = httpd.server_address[1]
    yield FakeNominatim
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder(default_gazetteer())


def make(server: type[FakeNominatim], offline: OfflineGeocoder, tmp_path: Path, **kw: object) -> FallbackGeocoder:
    online = Nominatim(domain=f"127.0.0.1:{server.port}", scheme="http", user_agent="sitmap-test", proxies={})
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("timeout", 0.5)
    return FallbackGeocoder(online, offline, cache_path=tmp_path / "cache.sqlite", log=lambda m: None, **kw)


def test_online_answer_is_used_and_cached(server, offline, tmp_path: Path) -> None:
    g = make(server, offline, tmp_path)
    loc = g.geocode("Somewhere")
    assert loc.address == "Online Somewhere" and (loc.latitude, loc.longitude) == (12.5, 34.5)
    assert g.geocode("Somewhere").address == "Online Somewhere"
    assert server.hits == ["Somewhere"], "the second answer must come from the cache"
    g2 = make(server, offline, tmp_path)  # a new process sees the same on-disk cache
    assert g2.geocode("Somewhere").raw["place_id"] == 7
    assert server.hits == ["Somewhere"]


def test_server_errors_fall_back_to_offline(server, offline, tmp_path: Path) -> None:
    server.mode = "error"
    g = make(server, offline, tmp_path)
    loc = g.geocode("Kyiv")
    assert loc.raw["source"] == "sitmap-offline" and loc.raw["country_code"] == "UA"
    assert server.hits == ["Kyiv"]
    server.mode = "ok"
    assert g.geocode("Kyiv").address == "Online Kyiv", "failures must not be cached"


def test_timeouts_fall_back_and_the_breaker_opens(server, offline, tmp_path: Path) -> None:
    server.mode = "slow"
    g = make(server, offline, tmp_path, max_failures=2, cooldown=60, timeout=0.3)
    started = time.monotonic()
    assert g.geocode("Seoul").raw["country_code"] == "KR"
    assert g.geocode("Moscow").raw["source"] == "sitmap-offline"
    assert g.failures == 2
    assert g.geocode("Ottawa").raw["country_code"] == "CA"
    # Counting all hits raced: the abandoned Seoul/Moscow calls go on retrying in their daemon threads
    # (geopy's adapter retries a read timeout) and may reach the server at any time after the deadline.
    assert "Ottawa" not in server.hits, "after repeated failures the service is skipped"
    assert time.monotonic() - started < 5


def test_the_default_adapter_does_not_retry_behind_the_deadline(server, offline, tmp_path: Path) -> None:
    server.mode = "slow"
    online = Nominatim(domain=f"127.0.0.1:{server.port}", scheme="http", user_agent="sitmap-test", proxies={},
                       adapter_factory=no_retry_adapter())
    g = FallbackGeocoder(online, offline, cache_path=tmp_path / "cache.sqlite", log=lambda m: None,
                         min_delay_seconds=0.0, timeout=0.2)
    assert g.geocode("Seoul").raw["source"] == "sitmap-offline"
    time.sleep(1.5)  # geopy's default adapter would have sent two more requests by now (each read times out at 0.2 s)
    assert server.hits == ["Seoul"], "an abandoned query must not go on asking the service"


def test_no_online_result_falls_back_to_offline(server, offline, tmp_path: Path) -> None:
    server.mode = "empty"
    g = make(server, offline, tmp_path)
    assert g.geocode("Tbilisi").raw["source"] == "sitmap-offline"
    strict = make(server, offline, tmp_path, fallback_on_miss=False)
    assert strict.geocode("Tbilisi") is None


def test_exactly_one_false_returns_lists(server, offline, tmp_path: Path) -> None:
    g = make(server, offline, tmp_path)
    assert isinstance(g.geocode("Anywhere", exactly_one=False), list)
    server.mode = "error"
    assert isinstance(g.geocode("Kazan", exactly_one=False), list)


def test_a_host_that_accepts_and_never_answers_costs_one_timeout(offline, tmp_path: Path) -> None:
    """The timeout is a total deadline per query: geopy's adapter retries a read timeout (3x the wait)."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts connections (the kernel does) and never answers
    try:
        online = Nominatim(domain=f"127.0.0.1:{silent.getsockname()[1]}", scheme="http", user_agent="sitmap-test",
                           proxies={})
        g = FallbackGeocoder(online, offline, cache_path=tmp_path / "cache.sqlite", log=lambda m: None,
                             min_delay_seconds=0.0, timeout=0.6)
        t0 = time.monotonic()
        got = g.geocode("Kharkiv")
        took = time.monotonic() - t0
        assert got is not None and "Kharkiv" in got.address  # the offline answer
        assert took < 0.6 * 1.8, f"{took:.2f} s for a 0.6 s timeout"
        assert g.failures == 1
    finally:
        silent.close()
