"""A browser's first load of the dashboard, recorded for ``session_replay`` (``bench_sessions.py``).

Recorded (Playwright, the tests' chromium): every HTTP request the page and its frames send to the server, the
websocket's opening (subprotocols, cookie, origin) and every frame the page sends on it (Streamlit ``BackMsg``s:
the first ``rerun_script``, then the map's "drawn" value that makes the map-only first run draw the rest,
``ui.mapfirst``), each step noted with the server message (``ForwardMsg``) it followed: the last one before it,
by kind and count (e.g. "the 1st script_finished"; the session status messages, which vary in number, are not
counted), and how many script runs had finished by then.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

HEADER_SKIP = {"cookie", "host", "connection", "content-length"}  # set per session / by the client


@dataclass
class Step:
    """One thing the browser did: ``get`` a path, ``open`` the websocket, ``send`` a frame; after the ``after[1]``-th
    server message of kind ``after[0]`` ("" and 0: before any), with ``finished`` script runs ended then."""

    kind: str
    after: tuple[str, int]
    finished: int = 0
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    payload: bytes = b""
    status: int = 200  # the browser's answer (a 404 the page asks for is the page's, not the replay's)


@dataclass
class Recording:
    steps: list[Step]
    ws_headers: dict[str, str]  # the handshake's, less the per-session ones
    subprotocols: list[str]  # "streamlit", then the XSRF token (replaced per session)
    finishes: int  # script_finished messages of the whole first load
    ws_bytes: int  # websocket bytes the browser received
    http_bytes: int  # HTTP response bodies (as sent: compressed)
    map_bytes: int  # the map component's delta

    def summary(self) -> str:
        kinds = [s.kind for s in self.steps]
        sends = ", ".join(f"after {s.after[0] or 'nothing'} #{s.after[1]}" for s in self.steps if s.kind == "send")
        return (f"{kinds.count('get')} requests, websocket opened after {kinds.index('open')} of them, frames sent "
                f"{sends}; {self.finishes} script_finished; received {self.ws_bytes / 1e3:.0f} kB on the websocket "
                f"(map {self.map_bytes / 1e3:.0f} kB), {self.http_bytes / 1e6:.2f} MB of HTTP bodies")


def parse_forward(payload: bytes) -> object:
    """A websocket frame from the server as Streamlit's ``ForwardMsg``."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    msg.ParseFromString(payload)
    return msg


class Seen:
    """Server messages counted by kind (``key``), as the recording and the replay both see them."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last: tuple[str, int] = ("", 0)
        self.finishes = 0

    def add(self, msg: object) -> None:
        key = self.key(msg)
        self.finishes += key == "script_finished"
        if key != "session_status_changed":  # sent or not depending on timing: no landmark
            self.counts[key] = self.counts.get(key, 0) + 1
            self.last = (key, self.counts[key])

    def reached(self, step: Step) -> bool:
        key, n = step.after
        return self.counts.get(key, 0) >= n or self.finishes > step.finished

    @staticmethod
    def key(msg: object) -> str:
        kind = msg.WhichOneof("type")
        if kind == "delta":
            d = msg.delta.WhichOneof("type")
            return "element " + msg.delta.new_element.WhichOneof("type") if d == "new_element" else "delta " + d
        return kind


def component_of(msg: object) -> object | None:
    """The custom component (here: the map) a ``ForwardMsg`` adds to the page, if it adds one."""
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        if el.WhichOneof("type") == "component_instance":
            return el.component_instance
    return None


async def record(browser: object, url: str, marker_js: str, quiet_s: float = 2.0) -> Recording:
    """Load ``url`` in a new context of ``browser`` (Playwright, async) and record what it sends, until the
    map's marker is drawn (``marker_js``), a script run has finished since the page's last frame, no run is
    going on, every request is answered, and nothing has been sent or received for ``quiet_s``."""
    ctx = await browser.new_context(viewport={"width": 1500, "height": 1200})
    page = await ctx.new_page()
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Network.enable")
    handshake: dict[str, str] = {}
    cdp.on("Network.webSocketWillSendHandshakeRequest", lambda e: handshake.update(e["request"]["headers"]))
    steps: list[Step] = []
    requests: dict[object, Step] = {}
    failed: set[object] = set()
    flying: set[object] = set()  # requests not answered yet
    got = {"ws": 0, "map": 0, "last": time.monotonic(), "running": True}
    seen = Seen()
    origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"

    def on_request(req: object) -> None:
        if req.url.startswith(origin + "/"):
            requests[req] = Step("get", seen.last, seen.finishes, req.url[len(origin):])
            steps.append(requests[req])
            flying.add(req)
            got["last"] = time.monotonic()

    def on_frame(payload: bytes) -> None:
        got["ws"] += len(payload)
        got["last"] = time.monotonic()
        msg = parse_forward(payload)
        seen.add(msg)
        if msg.WhichOneof("type") == "session_status_changed":
            got["running"] = msg.session_status_changed.script_is_running
        if component_of(msg) is not None:
            got["map"] += len(payload)

    def on_ws(ws: object) -> None:
        if ws.url.endswith("/_stcore/stream"):
            steps.append(Step("open", seen.last, seen.finishes))
            ws.on("framereceived", on_frame)
            ws.on("framesent", on_sent)

    def on_sent(payload: bytes) -> None:
        steps.append(Step("send", seen.last, seen.finishes, payload=payload))
        got["last"] = time.monotonic()

    page.on("request", on_request)
    page.on("requestfailed", lambda req: (failed.add(req), flying.discard(req)))
    page.on("requestfinished", lambda req: flying.discard(req))
    page.on("websocket", on_ws)
    await page.goto(url, timeout=600_000)
    await page.wait_for_function(marker_js, polling=100, timeout=600_000)
    got["last"] = max(got["last"], time.monotonic())

    def busy() -> bool:
        last_send = max((s.finished for s in steps if s.kind == "send"), default=-1)
        return (seen.finishes <= last_send or got["running"] or bool(flying)
                or time.monotonic() - got["last"] < quiet_s)

    while busy():
        await asyncio.sleep(0.2)
    http = 0
    for req, step in list(requests.items()):
        step.headers = {k: v for k, v in (await req.all_headers()).items()
                        if k.lower() not in HEADER_SKIP and not k.startswith(":")}
        sizes = await req.sizes() if req not in failed else {}
        if req not in failed and (response := await req.response()) is not None:
            step.status = response.status
        http += max(0, sizes.get("responseBodySize", 0))
    dropped = {id(requests[r]) for r in failed if r in requests}  # cancelled: it may never have reached the server
    steps = [s for s in steps if id(s) not in dropped]
    await ctx.close()
    protos = [p.strip() for p in handshake.get("Sec-WebSocket-Protocol", "streamlit").split(",")]
    ws_headers = {k: v for k, v in handshake.items() if k.lower() in ("origin", "user-agent", "accept-language",
                                                                      "cache-control", "pragma")}
    return Recording(steps, ws_headers, protos, seen.finishes, got["ws"], http, got["map"])
