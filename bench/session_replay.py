"""A recorded first load (``session_record``) replayed by a light client: the server's side of a new visitor
without a browser rendering on this machine (``bench_sessions.py``).

Replayed with tornado's HTTP and websocket clients: the recorded steps in the same order, each after the same
server message (or, should that message not come, once the run it belonged to has finished); a request also
after the document, and a frame or the websocket's opening after every request the browser made before it (the
browser needed those files to get there). What is session-specific is taken from the replayed session itself,
as a browser does: the XSRF cookie and token, the map component's widget id, the query string the first run
wrote, the hashes of the cacheable messages received (the server then sends a reference instead of the map
again) and ``/media/`` file URLs. Done: as many ``script_finished`` as the recording saw, every request answered.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

from session_record import Recording, Seen, Step, component_of, parse_forward

MEDIA = re.compile(rb"/media/[0-9a-f]{16,}\.[A-Za-z0-9]+")


@dataclass
class Replayed:
    """What one replayed first load got, in seconds from its start."""

    done_s: float = 0.0
    map_s: float = 0.0  # the map component's delta arrived
    ws_bytes: int = 0
    http_bytes: int = 0
    map_bytes: int = 0
    finishes: int = 0
    requests: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # server messages by kind (``Seen.key``)
    errors: list[str] = field(default_factory=list)


class _Session:
    """One emulated visitor: its cookie, what it has received, and what the recording's frames need from it."""

    def __init__(self, rec: Recording, url: str, connections: int) -> None:
        from tornado.httpclient import AsyncHTTPClient

        self.rec, self.url, self.origin = rec, url.rstrip("/"), url.rstrip("/")
        self.http = AsyncHTTPClient(force_instance=True, max_clients=connections)
        self.cookies: dict[str, str] = {}
        self.seen = Seen()
        self.closed = False
        self.changed = asyncio.Event()
        self.component_ids: list[str] = []
        self.cached: list[str] = []
        self.query: str | None = None
        self.media: list[str] = []
        self.out = Replayed()
        self.t0 = time.perf_counter()

    async def get(self, step: Step) -> None:
        from tornado.httpclient import HTTPClientError

        path = step.path
        if path.startswith("/media/") and self.media:  # a file of this session's run, not the recorded one's
            path = self.media.pop(0)
        headers = dict(step.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            r = await self.http.fetch(self.origin + path, headers=headers, decompress_response=False,
                                      follow_redirects=False, request_timeout=600, connect_timeout=600)
        except HTTPClientError as exc:  # an error the browser did not get: note it, the browser would go on too
            r = exc.response
            if exc.code not in (304, step.status):
                self.out.errors.append(f"{exc.code} {path}")
        if r is not None:
            self.out.http_bytes += len(r.body or b"")
            for c in r.headers.get_list("Set-Cookie"):
                name, _, value = c.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
        self.out.requests += 1

    def on_message(self, payload: bytes) -> None:
        self.out.ws_bytes += len(payload)
        msg = parse_forward(payload)
        self.seen.add(msg)
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            self.cached.append(msg.hash)
        if (comp := component_of(msg)) is not None:
            self.component_ids.append(comp.id)
            self.out.map_bytes += len(payload)
            self.out.map_s = self.out.map_s or time.perf_counter() - self.t0
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        self.media += [m.decode() for m in MEDIA.findall(payload) if m.decode() not in self.media]
        self.changed.set()

    def adapt(self, payload: bytes, recorded_ids: list[str]) -> bytes:
        """The recorded frame with this session's widget ids, query string and cached message hashes."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        bm = BackMsg()
        bm.ParseFromString(payload)
        if bm.WhichOneof("type") != "rerun_script":
            return payload
        rs = bm.rerun_script
        ids = dict(zip(recorded_ids, self.component_ids, strict=False))
        for w in rs.widget_states.widgets:
            w.id = ids.get(w.id, w.id)
        if rs.query_string and self.query is not None:
            rs.query_string = self.query
        if rs.cached_message_hashes:
            del rs.cached_message_hashes[:]
            rs.cached_message_hashes.extend(self.cached)
        return bm.SerializeToString()

    async def wait_for(self, step: Step) -> None:
        while not self.seen.reached(step) and not self.closed:
            self.changed.clear()
            await self.changed.wait()


def recorded_component_ids(rec: Recording) -> list[str]:
    """The map component's widget ids as the recorded frames name them (those ``adapt`` replaces)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    ids: list[str] = []
    for s in rec.steps:
        if s.kind == "send":
            bm = BackMsg()
            bm.ParseFromString(s.payload)
            ids += [w.id for w in bm.rerun_script.widget_states.widgets if w.id not in ids and w.json_value]
    return ids


async def replay(rec: Recording, url: str, connections: int = 6, timeout: float = 300) -> Replayed:
    """One emulated first load of ``url`` as ``rec`` recorded it (given up after ``timeout`` s, noted in
    ``errors``); the websocket is closed once the load is done."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    s = _Session(rec, url, connections)
    recorded_ids = recorded_component_ids(rec)
    pending: list[asyncio.Task] = []
    conn: dict[str, object] = {}

    async def read(ws: object) -> None:
        while (payload := await ws.read_message()) is not None:
            s.on_message(payload)
        s.closed = True
        s.changed.set()

    async def run() -> None:
        for i, step in enumerate(rec.steps):
            await s.wait_for(step)
            if step.kind == "get":
                pending.append(asyncio.ensure_future(s.get(step)))
                if i == 0:  # the document: the cookie and the rest of the page come from it
                    await pending[0]
                continue
            await asyncio.gather(*pending)  # the browser had these files before it went on
            if step.kind == "open":
                token = s.cookies.get("_streamlit_xsrf", "")
                protos = [rec.subprotocols[0], token] if len(rec.subprotocols) > 1 else rec.subprotocols[:1]
                headers = {**rec.ws_headers, "Cookie": "; ".join(f"{k}={v}" for k, v in s.cookies.items())}
                ws_url = "ws" + url.rstrip("/")[4:] + "/_stcore/stream"
                conn["ws"] = await websocket_connect(HTTPRequest(ws_url, headers=headers), subprotocols=protos,
                                                     max_message_size=1 << 30)
                conn["reader"] = asyncio.ensure_future(read(conn["ws"]))
            else:
                conn["ws"].write_message(s.adapt(step.payload, recorded_ids), binary=True)
        while s.seen.finishes < rec.finishes and not s.closed:
            s.changed.clear()
            await s.changed.wait()
        await asyncio.gather(*pending)
        s.out.done_s = time.perf_counter() - s.t0

    try:
        await asyncio.wait_for(run(), timeout)
    except TimeoutError:
        s.out.errors.append(f"not done after {timeout:.0f} s")
    finally:
        s.out.finishes, s.out.kinds = s.seen.finishes, dict(s.seen.counts)
        if s.out.finishes < rec.finishes:
            s.out.errors.append(f"{s.out.finishes} of {rec.finishes} script_finished")
        if "ws" in conn:
            conn["ws"].close()
            await asyncio.wait([conn["reader"]], timeout=5)
        for task in pending:
            task.cancel()
        s.http.close()
    return s.out
