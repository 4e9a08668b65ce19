"""Ten people opening the dashboard at once, each browser on its own machine: what the server makes them wait.

    python bench/bench_sessions.py [--sessions 10] [--trials 10] [--store DIR] [--floor]

``bench_app.py sessions`` opens ten browser contexts in one chromium on this machine: the ten browsers' own
rendering (~3.8 CPU-s each on a 2-core machine) then decides the first map's time, whatever the server does
(the one-marker floor page is as slow). In a deployment each visitor's browser runs on the visitor's machine;
what the server must do is serve ten first loads at once without one waiting for another. So here one real
browser (measured: seconds from ``page.goto`` to the first Leaflet marker, as ``bench_app.sessions_times``
does) opens the app at the same moment as ``--sessions`` - 1 replayed visitors (``session_replay``): each fetches
the page's ~150 files and makes the server run what a browser's first load makes it run (the map-only first
run, then the whole page once the map reports it is drawn), without rendering anything.

Per trial, in turn: the real browser with the replays, the real browser alone, and all ``--sessions`` replayed
with no browser (a new browser context every time, one warm server). Printed: the real browser's first map
(p50/p95, with and without the others), the replayed loads' times to the map's delta and to the end of their
first load, CPU seconds of the server per session (and how many cores it kept busy while the loads ran: a
Streamlit server runs every session's script in threads of one Python process), of the browser, and of the
replay clients (this process: on this machine, unlike a visitor's browser). Before the trials, the server's CPU for one replayed load is checked against one real browser load.

Not measured: the contention of ten browsers rendering on one machine (``bench_app.py sessions`` measures
that); the network between visitors and the server (loopback here); HTTP keep-alive (tornado's client opens a
connection per request, up to 6 at a time per visitor, like a browser's per-host limit).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_app import FIRST_MARKER, _cpu_seconds, _floor_launcher, _pct, _server, _stop, prepare  # noqa: E402
from session_record import Recording, Seen, parse_forward, record  # noqa: E402
from session_replay import Replayed, replay  # noqa: E402

VIEWPORT = {"width": 1500, "height": 1200}


async def real_first_map(browser: object, url: str, finishes: int = 0) -> float:
    """Seconds from ``goto`` to the first marker in a new context (the page's own clock, as ``sessions_times``);
    the page stays until its first load has ended (``finishes`` script runs), as a visitor's would: closed at the
    marker, its session would stop the run that draws the rest of the page."""
    ctx = await browser.new_context(viewport=VIEWPORT)
    page = await ctx.new_page()
    runs = Seen()
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: runs.add(parse_forward(p))))
    t0 = time.time()
    await page.goto(url, timeout=600_000)
    seen = await page.wait_for_function(FIRST_MARKER, polling=100, timeout=600_000)
    at = await seen.json_value()
    end = time.monotonic() + 300
    while runs.finishes < finishes and time.monotonic() < end:
        await asyncio.sleep(0.05)
    await ctx.close()
    return at / 1000 - t0


def _rss_gb(pid: int, field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of process ``pid``, in GB: whether a server's memory grows with the loads."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024 / 1e9
    return float("nan")


def _self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Meter:
    """CPU seconds of the server, the browser (with Playwright's driver) and this process (the replay clients)."""

    def __init__(self, server_pid: int) -> None:
        self.pid = server_pid
        self.start = self._now()

    def _now(self) -> tuple[float, float, float, float]:
        return time.perf_counter(), _cpu_seconds(self.pid), _cpu_seconds(os.getpid()), _self_cpu()

    def read(self) -> dict[str, float]:
        (w0, s0, t0, m0), (w1, s1, t1, m1) = self.start, self._now()
        return {"wall": w1 - w0, "server": s1 - s0, "browser": (t1 - t0) - (s1 - s0) - (m1 - m0),
                "clients": m1 - m0}


async def settle(seconds: float = 1.0) -> None:
    """Let the server finish what a closed session left (its last run) before the next measurement."""
    await asyncio.sleep(seconds)


async def calibrate(browser: object, url: str, rec: Recording, pid: int, rounds: int = 3) -> dict[str, float]:
    """Server CPU for one real browser load and for one replayed load, alternately (each on its own)."""
    real, fake, ws = [], [], []
    for _ in range(rounds):
        m = Meter(pid)
        await real_first_map(browser, url, rec.finishes)
        await settle(2.0)
        real.append(m.read()["server"])
        m = Meter(pid)
        r = await replay(rec, url)
        await settle(2.0)
        fake.append(m.read()["server"])
        ws.append(r.ws_bytes)
        if r.errors or r.finishes < rec.finishes:
            raise RuntimeError(f"the replay did not complete the first load: {r}")
    return {"real": statistics.median(real), "replay": statistics.median(fake), "ws": statistics.median(ws)}


async def trial(browser: object | None, url: str, rec: Recording, pid: int, others: int) -> dict:
    """The real browser's first map (none when ``browser`` is None) with ``others`` replayed loads started at
    the same moment; ``busy_cores``: the server's CPU seconds per second until the last load ended."""
    m = Meter(pid)
    tasks = [asyncio.ensure_future(replay(rec, url)) for _ in range(others)]
    real = await real_first_map(browser, url, rec.finishes) if browser else None
    replayed: list[Replayed] = list(await asyncio.gather(*tasks))
    busy = m.read()
    await settle(2.0)
    return {"real": real, "replays": replayed, "busy_cores": busy["server"] / busy["wall"], **m.read()}


def _p(values: list[float]) -> str:
    return f"p50 {_pct(values, 0.5):.2f} s, p95 {_pct(values, 0.95):.2f} s" if values else "-"


async def run(url: str, pid: int, sessions: int, trials: int) -> None:
    from conftest import CHROMIUM_ARGS, chromium_path
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        await real_first_map(browser, url)  # the server's first run (store check, caches), as sessions_times
        rec = await record(browser, url, FIRST_MARKER)
        print(f"recorded first load: {rec.summary()}")
        cal = await calibrate(browser, url, rec, pid)
        print(f"server CPU for one load on its own: real browser {cal['real']:.2f} s, replayed {cal['replay']:.2f} s "
              f"(websocket {cal['ws'] / 1e3:.0f} kB vs the browser's {rec.ws_bytes / 1e3:.0f} kB)")
        rows: dict[str, list[dict]] = {"with": [], "alone": [], "replayed only": []}
        variants = {"with": (browser, sessions - 1), "alone": (browser, 0), "replayed only": (None, sessions)}
        for t in range(trials):
            names = list(variants)[t % 3:] + list(variants)[:t % 3]  # each variant first in turn
            for name in names:
                real_browser, others = variants[name]
                r = await trial(real_browser, url, rec, pid, others)
                rows[name].append(r)
                bad = [x for x in r["replays"] if x.errors or x.finishes < rec.finishes]
                done = [x.done_s for x in r["replays"]]
                print(f"trial {t + 1} {name}: real first map "
                      + (f"{r['real']:.2f} s" if r["real"] is not None else "-")
                      + (f"; replays done {min(done):.2f}-{max(done):.2f} s" if done else "")
                      + f"; CPU-s server {r['server']:.1f}, browser {r['browser']:.1f}, replay clients {r['clients']:.1f}"
                      + f", wall {r['wall']:.1f} s; server {r['busy_cores']:.2f} cores busy"
                      + (f"; {len(bad)} INCOMPLETE: {bad[0]}" if bad else ""), flush=True)
        await browser.close()
    loads = 2 + 2 * 3 + trials * (2 * sessions + 1)  # warm-up and recording, calibration, the trials
    print(f"\n{sessions} sessions at once, {trials} trials; {os.cpu_count()} cores; load avg {os.getloadavg()[0]:.1f}; "
          f"server RSS {_rss_gb(pid, 'VmRSS'):.2f} GB now, peak {_rss_gb(pid, 'VmHWM'):.2f} GB, after ~{loads} first loads")
    print(f"real browser first map with {sessions - 1} replayed: {_p([r['real'] for r in rows['with']])}  "
          f"[target p95 <= 8 s]; alone: {_p([r['real'] for r in rows['alone']])}")
    for name in ("with", "replayed only"):
        maps = [x.map_s for r in rows[name] for x in r["replays"]]
        dones = [x.done_s for r in rows[name] for x in r["replays"]]
        label = f"{sessions - 1} replayed + the browser" if name == "with" else f"{sessions} replayed, no browser"
        print(f"replayed loads ({label}): map delta received {_p(maps)}; first load done {_p(dones)}")
    for name, n in (("with", sessions), ("alone", 1), ("replayed only", sessions)):
        rs = rows[name]
        server = statistics.mean(r["server"] for r in rs)
        print(f"CPU per trial, {name}: server {server:.2f} s ({server / n:.2f} s per session; "
              f"{statistics.mean(r['busy_cores'] for r in rs):.2f} cores while loading), browser "
              f"{statistics.mean(r['browser'] for r in rs):.2f} s, replay clients "
              f"{statistics.mean(r['clients'] for r in rs):.2f} s; wall {statistics.mean(r['wall'] for r in rs):.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=10, help="sessions at once: one real browser, the rest replayed")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--store", help="an existing store, as it is (default: the seeds, ingested)")
    ap.add_argument("--floor", action="store_true", help="a one-marker Streamlit + Folium page instead of the app")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        launcher = _floor_launcher(Path(d)) if args.floor else None
        if args.floor:
            env, what = {}, "a one-marker Streamlit + Folium page (the floor)"
        elif args.store:
            env, what = {"SITMAP_STORE": args.store, "SITMAP_CORPUS": "-"}, args.store
        else:
            env, what = prepare("seeds", Path(d)), "the seeds"
        print(f"{args.sessions} sessions at once on {what}; load avg {os.getloadavg()}")
        proc, url = _server(env, launcher)
        try:
            asyncio.run(run(url, proc.pid, args.sessions, args.trials))
        finally:
            _stop(proc)


if __name__ == "__main__":
    main()
