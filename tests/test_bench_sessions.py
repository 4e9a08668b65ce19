"""``bench/bench_sessions.py`` replays a browser's first load: the replay must make the server do a first load's
work (the map-only run, then the whole page the map's "drawn" report asks for), or ten replayed sessions would
measure a server that has less to do than with ten browsers."""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_a_replayed_session_gets_the_whole_first_load_and_costs_the_server_what_a_browser_does(tmp_path: Path) -> None:
    from conftest import required_chromium

    exe = required_chromium()
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_app import FIRST_MARKER, _cpu_seconds, prepare
    from conftest import CHROMIUM_ARGS
    from playwright.async_api import async_playwright
    from served import start, stop
    from session_record import record
    from session_replay import replay

    env = prepare("seeds", tmp_path)  # built here: the server's first run then draws the map, not a progress bar
    proc, url = start(env, tmp_path / "streamlit.log")

    async def run() -> tuple:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            rec = await record(browser, url, FIRST_MARKER, quiet_s=0.3)
            await browser.close()
        cpu0 = _cpu_seconds(proc.pid)
        out = await replay(rec, url, timeout=60)
        await asyncio.sleep(0.5)  # nothing else runs on the server meanwhile
        return rec, out, _cpu_seconds(proc.pid) - cpu0

    try:
        # in a thread of its own: a sync Playwright fixture of an earlier test may hold this thread's event loop
        with ThreadPoolExecutor(1) as pool:
            rec, out, replay_cpu = pool.submit(asyncio.run, run()).result()
    finally:
        stop(proc)
    sends = [s for s in rec.steps if s.kind == "send"]
    # the browser's first load: a rerun_script on opening, then the map's "drawn" value after the first run
    assert len(sends) == 2 and sends[1].after == ("script_finished", 1) and rec.finishes >= 2, rec.summary()
    assert not out.errors and out.finishes == rec.finishes, out
    assert out.kinds.get("element component_instance") == 1 and out.map_bytes > 10_000, out  # the map, once
    assert out.kinds.get("element dataframe", 0) >= 3, out  # the whole page: only the rerun the map asks draws tables
    assert 0.8 * rec.ws_bytes <= out.ws_bytes <= 1.25 * rec.ws_bytes, (out.ws_bytes, rec.ws_bytes)
    assert out.requests == sum(s.kind == "get" for s in rec.steps) and out.http_bytes >= 0.9 * rec.http_bytes
    # the server worked: its runs for a first load take ~0.45 CPU-s and its static files ~0.3 s (a 2-core VM;
    # ``bench_sessions.py`` compares a replayed load's server CPU with a real browser's: 0.74 vs 0.70 s)
    assert replay_cpu >= 0.25, replay_cpu
