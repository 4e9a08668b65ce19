"""Dashboard speed: page load to map visible, and the server time of one slider step.

    python bench/bench_app.py            # seeds and 10k synthetic events
    python bench/bench_app.py --only seeds

For each dataset: a temporary store is prepared (seeds: ingested; synthetic: written directly), then
* "load": the README's ``sitmap dashboard`` (and plain ``streamlit run app.py``) on 127.0.0.1 and Debian's chromium; seconds from ``page.goto`` to the first
  Leaflet marker, for the first page load (cold server caches), a new visitor (warm server, empty browser
  cache) and a returning one (Streamlit's ~100 lazily loaded JS chunks already in the browser cache);
* "step (server)": the app script's run time for one slider step, median of 5, under Streamlit's AppTest
  (the whole script: filters, view, histogram, map layers, tables);
* "step (browser)": key press on the slider to the new date appearing in the URL (written at the end of the
  run), median of 5.
Targets: seeds <= 3 s to map, step <= 0.3 s; 10k events <= 5 s, <= 1 s.
"""

from __future__ import annotations

import argparse
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
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
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
    from test_app_browser import Session, _free_port, _wait_healthy

    port = _free_port()
    cmd = LAUNCHERS[launcher](port)
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_healthy(url, proc)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["seeds", "10k"])
    args = ap.parse_args()
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
