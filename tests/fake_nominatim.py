"""A fake Nominatim on 127.0.0.1 (stdlib http.server in a thread): answers ``/search`` from a dict, records
each request's query, and can be told to stall, so online look-ups are tested without the network."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeNominatim:
    """``with FakeNominatim({"Zarkovo": (49.9, 36.4)}) as fake: fake.url ...``"""

    def __init__(self, places: dict[str, tuple[float, float]], stall: float = 0.0) -> None:
        self.places, self.stall = places, stall
        self.queries: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.queries.append(q)
                if fake.stall:
                    time.sleep(fake.stall)
                hit = fake.places.get(q.get("q", ""))
                body = [] if hit is None or parts.path != "/search" else [{
                    "lat": str(hit[0]), "lon": str(hit[1]), "display_name": f"{q['q']}, Fake Oblast",
                    "place_id": 1, "osm_type": "node", "class": "place", "type": "village"}]
                data = json.dumps(body).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (a stall test)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNominatim:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":  # a fake for a manual or browser test: python3 -m tests.fake_nominatim NAME LAT LON
    import sys

    with FakeNominatim({sys.argv[1]: (float(sys.argv[2]), float(sys.argv[3]))}) as f:
        print(f.url, flush=True)
        while True:
            time.sleep(3600)
