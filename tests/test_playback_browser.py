"""Playback in a real browser: a reader's click while the map plays selects a claim and never advances the day.

The day's fragment reruns on its timer while playing (``ui.dayview``); a click on the map reruns the same
fragment. A run that some widget of the fragment started is a reader's (``ui.timebar.interaction``), not a tick,
however long after the last tick it comes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.served import dashboard
from tests.test_app_browser import SEEDS, SHOW_PLACE, Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every address the page writes (Streamlit keeps the view in the query string; ``ui.state.write_url``), with
# the page's clock, in order: which run wrote what.
RECORD_URLS = """(() => {
  window.__urls = [];
  for (const f of ["pushState", "replaceState"]) {
    const orig = history[f].bind(history);
    history[f] = (state, title, url) => { orig(state, title, url);
                                          window.__urls.push([performance.now(), String(location.search)]); };
  }
})();"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("playback")
    with dashboard({"SITMAP_STORE": str(tmp / "store"), "SITMAP_CORPUS": str(SEEDS)}, tmp / "streamlit.log") as url:
        yield url


def _query(search: str) -> dict[str, list[str]]:
    return parse_qs(search.lstrip("?"))


def _auto_reruns(page: object) -> list[float]:
    """The times (``time.monotonic``) at which the page asks for a fragment's timed rerun: playback ticks."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    sent: list[float] = []

    def frame(payload: object) -> None:
        if isinstance(payload, bytes):
            msg = BackMsg.FromString(payload)
            if msg.WhichOneof("type") == "rerun_script" and msg.rerun_script.is_auto_rerun:
                sent.append(time.monotonic())

    page.on("websocket", lambda ws: ws.on("framesent", frame))
    return sent


def test_a_map_click_late_in_a_playback_tick_selects_without_advancing_the_day(
        server: str, browser: object, artifacts_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    context.add_init_script(RECORD_URLS)
    page = context.new_page()
    page.set_default_timeout(30_000)
    ticks = _auto_reruns(page)
    app = Session(page, server, artifacts_dir)
    try:
        page.goto(server + "?d=2024-10-17")  # the story's first day: several playback steps to go
        frame = app.map_frame()
        assert frame.evaluate(SHOW_PLACE, "Kursk")  # Kursk's marker on its own, tagged for the click
        page.get_by_role("combobox", name=re.compile("Speed")).click()
        page.get_by_role("option", name="slow (2 s)").click()  # a tick every 2 s
        page.wait_for_timeout(1500)
        page.get_by_role("button", name=re.compile("Play")).click()
        app.wait_for(lambda: len(ticks) >= 1, timeout=60, what="a playback tick", poll_ms=10)
        # 1.6 s after a tick (later than 0.75 x the speed, earlier than the next tick): the click
        page.wait_for_timeout(max(0.0, 1000 * (ticks[0] + 1.6 - time.monotonic())))
        marker = frame.locator("[data-test-place=Kursk]")
        dot = marker.locator(".sm-dot")
        urls = lambda: page.evaluate("window.__urls")  # noqa: E731
        shown = urls()  # the day on screen when the user clicks: the last URL written before the click
        (dot if dot.count() else marker).first.click()
        clicked = time.monotonic() - ticks[0]
        app.wait_for(lambda: any("s" in _query(u) for _, u in urls()), timeout=60, what="the selection", poll_ms=20)
        page.get_by_role("button", name=re.compile("Pause")).click()
        written = urls()
        i = next(k for k, (_, u) in enumerate(written) if "s" in _query(u))
        app.shot("playback_click")
        # Compared with the day shown at the click, not with the URL just before the click's run: on a loaded
        # machine the next tick's run can land between the click and its run (the click then keeps its day).
        assert _query(written[i][1]).get("d") == _query(shown[-1][1]).get("d"), (
            f"the run of a click {clicked:.2f} s after a tick advanced the day: {written}")
    finally:
        context.close()
