"""Dashboard speed: page load to map visible, and the server time of one slider step.

    python bench/bench_app.py            # seeds and 10k synthetic events
    python bench/bench_app.py --only seeds
    python bench/bench_app.py --store /tmp/big   # an existing store (e.g. ``bench_scale.py fill``), as it is
    python bench/bench_app.py sessions [--sessions 10] [--store DIR]   # N browsers at once: first map p50/p95
    python bench/bench_app.py sessions --floor   # the same for a one-marker Streamlit + Folium page
    python bench/bench_sessions.py               # the same with the browsers elsewhere: 1 real + 9 replayed

For each dataset: a temporary store is prepared (seeds: ingested; synthetic: written directly), then
* "load": the README's ``sitmap dashboard`` (and plain ``streamlit run app.py``) on 127.0.0.1 and Debian's chromium; seconds from ``page.goto`` to the first
  Leaflet marker, for the first page load (cold server caches), a new visitor (warm server, empty browser
  cache) and a returning one (Streamlit's ~100 lazily loaded JS chunks already in the browser cache);
* "step (server)": the app script's run time for one slider step, median of 5, under Streamlit's AppTest
  (the whole script: filters, view, histogram, map layers, tables; also printed in ``--store`` mode);
* "step (browser)": key press on the slider to the new date appearing in the URL (written at the end of the
  run), median of 5.
* "sent": bytes the browser received: websocket frames (the app's data: elements, the map's HTML and layers)
  and HTTP response bodies (static JS/CSS, cacheable), for the first load and for one slider step.
Targets: seeds <= 3 s to map, step <= 0.3 s; 10k events <= 5 s, <= 1 s; a 100k-article store <= 4 s,
<= 0.7 s, <= 2 MB sent; 10 sessions at once on the seeds: first map p95 <= 8 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def prepare(kind: str, tmp: Path) -> dict[str, str]:
    """Environment pointing the app at a ready store for ``kind`` ("seeds" or "10k")."""
    store, corpus = tmp / "store", tmp / "corpus"
    env = {"SITMAP_STORE": str(store)}
    if kind == "seeds":
        env["SITMAP_CORPUS"] = str(ROOT / "seeds")
        os.environ.update(env)
        from ui import loading

        t0 = time.perf_counter()
        loading.build(store)
        print(f"[seeds] store built in {time.perf_counter() - t0:.1f} s")
    else:
        corpus.mkdir()
        env["SITMAP_CORPUS"] = str(corpus)
        from data.ingest import run as ingest
        from data.store.store import Store
        from data.view.synth import synthetic_events

        fingerprint = getattr(ingest, "_fingerprint_if_claims", ingest.extractor_fingerprint)()
        Store(store).add(events=synthetic_events(10_000), fingerprint=fingerprint)
        assert ingest.is_current([corpus], Store(store)), "synthetic store would be rebuilt by the app"
    return env


def server_step_time(env: dict[str, str]) -> float:
    from streamlit.testing.v1 import AppTest

    os.environ.update(env)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run().run()  # map-only first run, then all
    slider = at.slider(key="day")
    day, times = slider.value, []
    for _ in range(6):
        day -= timedelta(days=3)
        t0 = time.perf_counter()
        at.slider(key="day").set_value(day).run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    return statistics.median(times[1:])


LAUNCHERS = {
    "sitmap dashboard": lambda port: [sys.executable, "-m", "cli", "dashboard", "--headless", "--port", str(port)],
    "streamlit run": lambda port: [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                                   str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
                                   "--server.fileWatcherType", "none"],
}


def browser_times(env: dict[str, str], launcher: str = "sitmap dashboard") -> tuple[list[float], float]:
    import subprocess

    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    from served import free_port, wait_healthy
    from test_app_browser import Session

    port = free_port()
    cmd = LAUNCHERS[launcher](port)
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_healthy(url, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            loads = []
            returning = browser.new_context(viewport={"width": 1500, "height": 1200})
            # 1: cold server, empty browser cache; 2: warm server, a new visitor (empty cache);
            # 3: warm server, a returning visitor (Streamlit's JS chunks in the browser cache)
            for ctx in (returning, None, returning):
                page = ctx.new_page() if ctx else browser.new_page(viewport={"width": 1500, "height": 1200})
                s = Session(page, url, Path(tempfile.gettempdir()))
                t0 = time.perf_counter()
                page.goto(url)
                s.map_frame()
                loads.append(time.perf_counter() - t0)
                if len(loads) < 3:
                    page.close()
            steps = []
            for _ in range(5):
                before = parse_qs(urlsplit(page.url).query).get("d")
                thumb = s.date_slider()
                thumb.focus()
                t0 = time.perf_counter()
                thumb.press("ArrowLeft")
                s.wait_for(lambda b=before: parse_qs(urlsplit(page.url).query).get("d") != b, what="step")
                steps.append(time.perf_counter() - t0)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return loads, statistics.median(steps)


class Traffic:
    """Bytes one page received: websocket frames (Streamlit's deltas: the app's data) and HTTP bodies."""

    def __init__(self, page: object) -> None:
        self.ws = 0
        self.http = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        page.on("requestfinished", self._finished)

    def _frame(self, payload: object) -> None:
        self.ws += len(payload)

    def _finished(self, request: object) -> None:
        with contextlib.suppress(Exception):  # a request of a page already closed
            self.http += max(0, int(request.sizes().get("responseBodySize", 0)))

    def total(self) -> tuple[int, int]:
        return self.ws, self.http


# The least a Streamlit page with a Folium map can be: one marker through streamlit-folium, Leaflet from the
# same local files as the dashboard. Ten of these at once bound what any dashboard built on this stack can do
# on one machine, whatever its server does (``sessions --floor``).
FLOOR_APP = """\
import sys
sys.path.insert(0, {root!r})
import folium
import streamlit as st
from streamlit_folium import st_folium
from layers.assets import install_assets, use_local_assets
install_assets({static!r})
use_local_assets("/app/static/vendor")
m = folium.Map(location=[51.73, 36.19], zoom_start=5, tiles=None)
folium.Marker([51.73, 36.19]).add_to(m)
st_folium(m, height=600, returned_objects=[])
"""


def _floor_launcher(tmp: Path):  # noqa: ANN202 - same shape as LAUNCHERS' values
    """A launcher for :data:`FLOOR_APP`, written to ``tmp`` beside a link to our ``static/`` (Streamlit serves
    the ``static`` folder next to the script) and run with the repository's ``.streamlit`` settings."""
    (tmp / "floor_app.py").write_text(FLOOR_APP.format(root=str(ROOT), static=str(ROOT / "static")))
    if not (tmp / "static").exists():
        (tmp / "static").symlink_to(ROOT / "static")
    return lambda port: [sys.executable, "-m", "streamlit", "run", str(tmp / "floor_app.py"), "--server.port",
                         str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]


def _server(env: dict[str, str], launcher=None) -> tuple[object, str]:  # noqa: ANN001
    import subprocess

    from served import free_port, wait_healthy

    port = free_port()
    proc = subprocess.Popen((launcher or LAUNCHERS["sitmap dashboard"])(port), cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    wait_healthy(url, proc, timeout=900)
    return proc, url


def _stop(proc: object) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired
        proc.kill()


def store_times(env: dict[str, str], steps: int = 5) -> dict[str, float]:
    """First map (cold server, then a new visitor), slider steps (key -> URL) and bytes received, on the
    store ``env`` points at."""
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright
    from test_app_browser import Session

    proc, url = _server(env)
    out: dict[str, float] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for label in ("cold", "warm"):
                ctx = browser.new_context(viewport={"width": 1500, "height": 1200})
                page = ctx.new_page()
                traffic = Traffic(page)
                s = Session(page, url, Path(tempfile.gettempdir()))
                t0 = time.perf_counter()
                page.goto(url)
                s.map_frame(timeout=600)
                out[f"{label}_s"] = time.perf_counter() - t0
                page.wait_for_timeout(1500)  # the rest of the first run (tables below the map)
                out[f"{label}_ws"], out[f"{label}_http"] = traffic.total()
                if label == "cold":
                    ctx.close()
            times, sent = [], []
            cpu0 = _cpu_seconds(proc.pid), _cpu_seconds(os.getpid())
            for _ in range(steps):
                before_q = parse_qs(urlsplit(page.url).query).get("d")
                ws0 = traffic.ws
                thumb = s.date_slider()
                thumb.focus()
                t0 = time.perf_counter()
                thumb.press("ArrowLeft")
                s.wait_for(lambda b=before_q: parse_qs(urlsplit(page.url).query).get("d") != b, timeout=120,
                           what="step", poll_ms=20)
                times.append(time.perf_counter() - t0)
                page.wait_for_timeout(500)
                sent.append(traffic.ws - ws0)
            out["step_s"], out["step_ws"] = statistics.median(times), statistics.median(sent)
            # CPU seconds per step (the 0.5 s waits included): on a busy machine wall times mostly measure the
            # other processes, CPU seconds what a step costs
            cpu1 = _cpu_seconds(proc.pid), _cpu_seconds(os.getpid())
            out["step_cpu_server"] = (cpu1[0] - cpu0[0]) / steps
            out["step_cpu_browser"] = (cpu1[1] - cpu0[1] - (cpu1[0] - cpu0[0])) / steps
            browser.close()
    finally:
        _stop(proc)
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` and all its descendants (Linux ``/proc``), with the
    descendants that have exited and been waited for (``cutime``/``cstime``: a closed context's renderer)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            stats[int(d.name)] = int(fields[1]), sum(int(f) for f in fields[11:15]) / tick
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0.0))[1]
        todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return total


# Run in the page itself (Playwright polls it there): the page's clock when a Leaflet marker is in one of its
# frames (the map's component iframe, same origin), else 0.
FIRST_MARKER = """() => {
  for (const f of document.querySelectorAll("iframe")) {
    try { if (f.contentDocument && f.contentDocument.querySelector(".leaflet-marker-icon")) return Date.now(); }
    catch (e) { /* a frame of another origin */ }
  }
  return 0;
}"""


def sessions_times(env: dict[str, str], n: int = 10, launcher=None) -> tuple[list[float], float, float]:  # noqa: ANN001
    """Seconds to the first marker for ``n`` browser contexts opening the app at the same moment (warm server:
    one page loaded first, as after a start), with the CPU seconds the server and the browser spent on those
    ``n`` loads: on one machine the browsers' share bounds how fast ``n`` first maps can be, whatever the server."""
    import asyncio

    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.async_api import async_playwright

    async def first_map(browser: object, url: str) -> float:
        ctx = await browser.new_context(viewport={"width": 1500, "height": 1200})
        page = await ctx.new_page()
        t0 = time.time()
        await page.goto(url, timeout=600_000)  # a busy machine: the default 30 s is not enough for ten at once
        # the page looks for the first marker itself every 100 ms and notes the time on its clock (the same as
        # ours): querying every frame of ten pages 10 times a second from here, one round trip each, cost the
        # pages CPU they then lacked
        seen = await page.wait_for_function(FIRST_MARKER, polling=100, timeout=600_000)
        at = await seen.json_value()
        await ctx.close()
        return at / 1000 - t0

    async def run(url: str) -> list[float]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            await first_map(browser, url)  # the server's first run (store check, caches)
            cpu0 = _cpu_seconds(proc.pid), _cpu_seconds(os.getpid())
            found = await asyncio.gather(*(first_map(browser, url) for _ in range(n)))
            cpu1 = _cpu_seconds(proc.pid), _cpu_seconds(os.getpid())
            await browser.close()
            server = cpu1[0] - cpu0[0]
            cpu.extend([server, cpu1[1] - cpu0[1] - server])  # the rest of our tree: browser and driver
            return sorted(found)

    proc, url = _server(env, launcher)
    cpu: list[float] = []
    try:
        found = asyncio.run(run(url))
        return found, cpu[0], cpu[1]
    finally:
        _stop(proc)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[k]


def main_store(store: str) -> None:
    """``--store DIR``: the app on an existing store as it is (no corpus added)."""
    from data.store.store import Store

    counts = Store(store).counts()
    env = {"SITMAP_STORE": store, "SITMAP_CORPUS": "-"}
    print(f"store {store}: {counts}; {os.cpu_count()} cores; load avg {os.getloadavg()}")
    r = store_times(env)
    mb = 1e6
    print(f"first map: cold server {r['cold_s']:.2f} s, new visitor {r['warm_s']:.2f} s  [target <= 4 s]; "
          f"load avg {os.getloadavg()[0]:.1f}")
    print(f"sent on first load: websocket {r['cold_ws'] / mb:.2f} MB (new visitor {r['warm_ws'] / mb:.2f} MB), "
          f"HTTP bodies {r['cold_http'] / mb:.2f} MB (static JS/CSS, cacheable)  [target <= 2 MB]")
    print(f"slider step (browser, key -> URL): median {r['step_s']:.2f} s  [target <= 0.7 s]; websocket "
          f"{r['step_ws'] / mb:.2f} MB per step; load avg {os.getloadavg()[0]:.1f}")
    print(f"CPU per slider step: server {r['step_cpu_server']:.2f} s, browser and driver "
          f"{r['step_cpu_browser']:.2f} s")
    server = server_step_time(env)  # the same steps' script run alone: what of the step is the server's
    print(f"slider step (server, AppTest script run): median {server:.2f} s; load avg {os.getloadavg()[0]:.1f}")


def main_sessions(n: int, store: str | None, floor: bool = False) -> None:
    with tempfile.TemporaryDirectory() as d:
        if floor:
            env, launcher, what = {}, _floor_launcher(Path(d)), "a one-marker Streamlit + Folium page (the floor)"
        else:
            env = {"SITMAP_STORE": store, "SITMAP_CORPUS": "-"} if store else prepare("seeds", Path(d))
            launcher, what = None, store or "the seeds"
        print(f"{n} sessions at once on {what}; {os.cpu_count()} cores; load avg {os.getloadavg()}")
        found, server, client = sessions_times(env, n, launcher)
        print(f"first map: p50 {_pct(found, 0.5):.2f} s, p95 {_pct(found, 0.95):.2f} s, max {max(found):.2f} s  "
              f"[target p95 <= 8 s]; all: {' '.join(f'{x:.1f}' for x in found)}; load avg {os.getloadavg()[0]:.1f}")
        print(f"CPU for the {n} loads: server {server:.1f} s ({server / n:.2f} s per session), browser "
              f"{client:.1f} s ({client / n:.2f} s per session); {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", nargs="?", choices=["load", "sessions"], default="load")
    ap.add_argument("--only", choices=["seeds", "10k"])
    ap.add_argument("--store", help="measure the app on this existing store (as it is)")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--floor", action="store_true",
                    help="sessions: measure a one-marker Streamlit + Folium page instead of the dashboard")
    args = ap.parse_args()
    if args.mode == "sessions":
        main_sessions(args.sessions, args.store, args.floor)
        return
    if args.store:
        main_store(args.store)
        return
    targets = {"seeds": (3.0, 0.3), "10k": (5.0, 1.0)}
    for kind in [args.only] if args.only else ["seeds", "10k"]:
        with tempfile.TemporaryDirectory() as d:
            env = prepare(kind, Path(d))
            step = server_step_time(env)
            t_load, t_step = targets[kind]
            for launcher in LAUNCHERS:
                (cold, warm, cached), bstep = browser_times(env, launcher)
                print(f"[{kind}] {launcher}: load to map: first {cold:.2f} s, new visitor {warm:.2f} s, "
                      f"returning visitor {cached:.2f} s (target <= {t_load} s); browser step key->URL "
                      f"{bstep:.2f} s")
            print(f"[{kind}] slider step: server {step:.3f} s (target <= {t_step} s)")


if __name__ == "__main__":
    main()
