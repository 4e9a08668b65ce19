"""What a user sees: the real app (the README's ``sitmap dashboard``) on the seeds, driven in Debian's chromium.

One server and one page for the whole module (tests run in file order and build on each other); the store
is a temporary folder, so the user's cache is never touched. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.served import START_TIMEOUT, dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Finds a place's marker (clustered or not), zooms the map until it is visible, tags its icon for clicking.
SHOW_PLACE = """(name) => new Promise((resolve) => {
  const all = [];
  for (const id in window.map._layers) {
    const g = window.map._layers[id];
    if (g.getLayers) for (const l of g.getLayers()) all.push([g, l]);
    if (g.sitmapPlace) all.push([null, g]);
  }
  const hit = all.find(([g, l]) => l.sitmapPlace && l.sitmapPlace.name === name)
    || all.find(([g, l]) => l.sitmapPlace && l.sitmapPlace.name.includes(name));
  if (!hit) return resolve(null);
  const [group, marker] = hit;
  const done = () => { marker._icon.setAttribute("data-test-place", name); resolve(marker.sitmapPlace.name); };
  const centre = () => { window.map.setView(marker.getLatLng(), Math.max(window.map.getZoom(), 7), {animate: false});
                         setTimeout(() => group && group.zoomToShowLayer ? group.zoomToShowLayer(marker, done) : done(), 300); };
  // Leaflet ignores setView while a zoom animation runs: wait for it to end first.
  const start = () => (group && group.zoomToShowLayer ? group.zoomToShowLayer(marker, centre) : centre());
  if (window.map._animatingZoom) window.map.once("zoomend", () => setTimeout(start, 50)); else start();
  setTimeout(() => resolve(null), 15000);  // never hang the suite on a missing callback
})"""

# Set the view like a user's pan and zoom, marking the page; Leaflet ignores setView while its initial
# fitBounds zoom still animates (a slow first start), so wait for that to end first.
SET_VIEW = """([lat, lon, zoom]) => new Promise((resolve) => {
  const go = () => { window.map.setView([lat, lon], zoom, {animate: false}); window.__sitmapMark = 1;
                     resolve(window.map.getZoom()); };
  if (window.map._animatingZoom) window.map.once("zoomend", () => setTimeout(go, 50)); else go();
  setTimeout(() => resolve(null), 15000);
})"""

# Names of the places whose markers are currently on the map (inside clusters too).
PLACES_SHOWN = """() => {
  const names = new Set();
  for (const id in window.map._layers) {
    const g = window.map._layers[id];
    if (g.sitmapPlace) names.add(g.sitmapPlace.name);
    if (g.getLayers) for (const l of g.getLayers()) if (l.sitmapPlace) names.add(l.sitmapPlace.name);
  }
  return [...names];
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[str]:
    """The README's ``sitmap dashboard`` (Streamlit in-process, warmed up) on a free 127.0.0.1 port with a
    temporary store."""
    tmp = tmp_path_factory.mktemp("app")
    env = {"SITMAP_STORE": str(tmp / "store"), "SITMAP_CORPUS": str(SEEDS)}
    with dashboard(env, tmp / "streamlit.log") as url:
        yield url


class Session:
    """One page on the app, recording every request it makes."""

    def __init__(self, page: object, url: str, artifacts: Path) -> None:
        self.page, self.url, self.artifacts = page, url, artifacts
        self.requests: list[str] = []
        self.frames: list[bytes] = []  # every websocket frame received: Streamlit's ForwardMsg protobufs
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("websocket", self._websocket)

    def _websocket(self, ws: object) -> None:
        self.requests.append(ws.url)
        ws.on("framereceived", lambda payload: self.frames.append(payload if isinstance(payload, bytes) else b""))

    def messages(self, start: int = 0) -> list:
        """The ForwardMsgs received since frame ``start``."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        return [ForwardMsg.FromString(f) for f in self.frames[start:] if f]

    def submit_upload(self, name: str, tries: int = 3) -> None:
        """Click "Add to the map" until the form takes the upload (it clears its file list on submit): on a
        loaded machine a click landing while the page is still settling can be dropped by the browser."""
        for _ in range(tries):
            self.page.get_by_role("button", name="Add to the map").click()
            try:
                self.page.get_by_test_id("stForm").get_by_text(name).first.wait_for(state="detached",
                                                                                  timeout=20_000)
                return
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: the form still holds the file
                continue
        raise AssertionError(f"the form never took {name}")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifacts / f"app_{name}.png"), full_page=True)

    def map_frame(self, timeout: float = START_TIMEOUT, need_markers: bool = True) -> object:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for f in self.page.frames:
                try:
                    sel = ".leaflet-marker-icon" if need_markers else ".leaflet-container"
                    if f.query_selector(sel):
                        return f
                except Exception:  # noqa: BLE001 - frames come and go while Streamlit reruns
                    continue
            self.page.wait_for_timeout(300)
        self.shot("map_timeout")
        raise AssertionError("no Leaflet map with markers appeared")

    def places(self) -> set[str]:
        return set(self.map_frame().evaluate(PLACES_SHOWN))

    def open_sidebar(self) -> None:
        """The sidebar (filters, Add articles) starts collapsed so the map has the width: open it. A session's
        first run draws the map alone (``ui.mapfirst``): wait for the sidebar the rerun after it draws."""
        button = self.page.get_by_test_id("stExpandSidebarButton")
        sidebar = self.page.get_by_test_id("stSidebar")

        def is_open() -> bool:
            return bool(sidebar.count()) and sidebar.first.get_attribute("data-collapsed") == "false"

        self.wait_for(lambda: is_open() or bool(button.count() and button.first.is_visible()),
                      timeout=START_TIMEOUT, what="the sidebar")
        if not is_open():
            button.first.click()
        self.wait_for(is_open, what="the sidebar open")
        sidebar.first.wait_for()

    def click_in_sidebar(self, text: str, tries: int = 4) -> None:
        """Open the sidebar and click ``text`` in it. The sidebar appears with the rerun after a session's
        map-only first run (``ui.mapfirst``); a click that finds it collapsed again ("outside of the
        viewport") opens it and tries again."""
        for attempt in range(tries):
            self.open_sidebar()
            try:
                self.page.get_by_test_id("stSidebar").get_by_text(text, exact=True).click(timeout=8000)
                return
            except Exception:  # noqa: BLE001 - playwright's TimeoutError; retried, then raised
                if attempt == tries - 1:
                    raise

    def date_slider(self) -> object:
        return self.page.locator("[data-testid=stSlider]").filter(has_text="Date").get_by_role("slider")

    def day(self) -> str:
        return self.page.locator("[data-testid=stSlider]").filter(has_text="Date") \
            .get_by_test_id("stSliderThumbValue").inner_text().strip()

    def wait_for(self, check, timeout: float = 30, what: str = "", poll_ms: int = 300) -> None:  # noqa: ANN001
        """Wait until ``check()`` is true, looking every ``poll_ms`` (benches timing a step pass a short one: the
        default adds ~0.15 s on average to what they measure)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if check():
                    return
            except Exception:  # noqa: BLE001 - the map frame is replaced on reruns
                pass
            self.page.wait_for_timeout(poll_ms)  # unlike time.sleep, lets Playwright process events (URL changes)
        self.shot("timeout_" + re.sub(r"\W+", "_", what)[:40])
        raise AssertionError(f"timed out waiting for {what} (url {self.page.url})")


@pytest.fixture(scope="module")
def app(server: str, browser: object, artifacts_dir: Path) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(30_000)
    session = Session(page, server, artifacts_dir)
    t0 = time.monotonic()
    page.goto(server)
    session.map_frame()
    session.load_s = time.monotonic() - t0
    yield session
    context.close()


def _seed_texts() -> str:
    return " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SEEDS.glob("*.txt")))


def test_the_map_appears_with_markers(app: Session) -> None:
    frame = app.map_frame()
    assert frame.query_selector(".leaflet-container")
    assert len(frame.query_selector_all(".leaflet-marker-icon")) >= 3
    app.shot("01_map")
    print(f"first page load to markers: {app.load_s:.1f} s (includes building the store)")


def test_the_first_slider_move_keeps_the_users_pan_and_zoom(app: Session) -> None:
    """Fresh session, untouched URL: the first slider move used to remount the map (view back to the world)."""
    frame = app.map_frame()
    assert frame.evaluate(SET_VIEW, [51.7, 36.2, 7]) == 7  # the user's own view, once the first fit has ended
    before = app.day()
    thumb = app.date_slider()
    thumb.focus()
    thumb.press("ArrowLeft")
    app.wait_for(lambda: app.day() != before, what="slider moved")
    app.wait_for(lambda: parse_qs(urlsplit(app.page.url).query).get("d", [""])[0] == app.day(), what="run done")
    app.page.wait_for_timeout(1500)  # a remount would happen now
    frame = app.map_frame()
    view = frame.evaluate("[window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng,"
                          " window.__sitmapMark || 0]")
    assert view[0] == 7 and abs(view[1] - 51.7) < 0.01 and abs(view[2] - 36.2) < 0.01, view
    assert view[3] == 1, "the map's iframe was recreated"
    thumb.focus()
    thumb.press("End")  # back to the latest day for the tests below
    app.wait_for(lambda: app.day() == before, what="slider back at the end")
    # the run has finished once the URL drops the (implicit, latest) date; the map's layers are replaced then
    app.wait_for(lambda: "d" not in parse_qs(urlsplit(app.page.url).query), what="run done")
    app.page.wait_for_timeout(1000)


# Every place marker drawn as its own icon: tag the icon's DOM node with the place id (``tag``), and report
# per place id whether the node carries that tag, the badge's text and the marker's count.
MARKER_NODES = """(tag) => {
  const out = {};
  for (const id in window.map._layers) {
    const g = window.map._layers[id];
    if (!g.getLayers) continue;
    for (const l of g.getLayers()) {
      if (!l.sitmapPlace || !l._icon || !document.body.contains(l._icon)) continue;
      if (tag) l._icon.__smTag = l.sitmapPlace.id;
      const dot = l._icon.querySelector(".sm-dot");
      out[l.sitmapPlace.id] = [l._icon.__smTag === l.sitmapPlace.id, dot ? dot.textContent : "", l.options.sitmapN];
    }
  }
  return out;
}"""


def test_a_slider_step_keeps_the_markers_dom_nodes_and_updates_their_counts(app: Session) -> None:
    """A step updates the places layer in place: a marker that stays is the same DOM node (not rebuilt with
    every marker and the cluster), and its badge shows the step's count."""
    frame = app.map_frame()
    before = frame.evaluate(MARKER_NODES, True)
    assert before, "no marker drawn as its own icon"
    end = app.day()
    thumb = app.date_slider()
    thumb.focus()
    thumb.press("ArrowLeft")
    app.wait_for(lambda: app.day() != end, what="slider moved")
    app.wait_for(lambda: parse_qs(urlsplit(app.page.url).query).get("d", [""])[0] == app.day(), what="run done")
    app.page.wait_for_timeout(1500)
    after = app.map_frame().evaluate(MARKER_NODES, False)
    kept = set(before) & set(after)
    assert kept, (before, after)
    assert all(after[k][0] for k in kept), {k: after[k] for k in kept}  # the same nodes, not re-created
    for _same, text, n in after.values():
        assert text.split()[-1].lstrip("\u2248") == str(n), (text, n)
    thumb.focus()
    thumb.press("End")
    app.wait_for(lambda: app.day() == end, what="slider back at the end")
    app.wait_for(lambda: "d" not in parse_qs(urlsplit(app.page.url).query), what="run done")
    app.page.wait_for_timeout(1000)


def _table_rows(element: object) -> object:
    """A dataframe element's rows (Arrow IPC bytes in the message), or None when sent by reference."""
    import pyarrow as pa

    data = element.dataframe.arrow_data.data
    return pa.ipc.open_stream(data).read_all().to_pandas() if data else None


# Every animation frame for 4 s: the lowest opacity of an element Streamlit marks stale (waiting for its run).
WATCH_STALE = """() => {
  window.__smStale = {min: 1, frames: 0};
  const end = performance.now() + 4000;
  const look = () => {
    for (const el of document.querySelectorAll('[data-stale="true"]'))
      window.__smStale.min = Math.min(window.__smStale.min, parseFloat(getComputedStyle(el).opacity));
    window.__smStale.frames += 1;
    if (performance.now() < end) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def test_a_slider_step_reruns_the_days_part_only_and_its_tables_follow(app: Session) -> None:
    """A slider step is one run of the day's fragment (``ui.dayview``): Streamlit sends the map, the time bar,
    the panel and the two tabs that follow the date (their rows: the new day's), and nothing for the sidebar's
    filters or the tabs that do not follow the date, which the browser then need not re-render. Nothing is
    dimmed while the step runs (Streamlit's fade of stale elements re-rasterised the map and tables at every
    frame of it: most of the browser's CPU for a step on a big store)."""
    end = app.day()
    in_tab = app.page.get_by_test_id("stCaptionContainer").filter(has_text=re.compile(r"^\d+ claims in view"))
    before = in_tab.first.inner_text() if in_tab.count() else ""
    start = len(app.frames)
    app.page.evaluate(WATCH_STALE)
    thumb = app.date_slider()
    thumb.focus()
    thumb.press("Home")
    app.wait_for(lambda: app.day() != end, what="slider moved")
    day = app.day()
    app.wait_for(lambda: parse_qs(urlsplit(app.page.url).query).get("d", [""])[0] == day, what="run done")
    app.page.wait_for_timeout(1500)
    faded = app.page.evaluate("window.__smStale")
    assert faded["frames"] > 5 and faded["min"] == 1, faded  # nothing dimmed while the step ran
    msgs = app.messages(start)
    runs = [list(m.metadata.run.fragment_ids) for m in msgs if m.HasField("new_session")]
    assert runs and all(runs), f"runs of the whole page: {runs}"  # a run's fragments; none: the whole page
    deltas = [m for m in msgs if m.HasField("delta")]
    assert deltas and all(m.delta.fragment_id for m in deltas), [m.metadata.delta_path for m in deltas]
    assert not [m for m in deltas if m.metadata.delta_path[0] == 1], "the sidebar was re-sent"
    tables = [m.delta.new_element for m in deltas if m.delta.new_element.HasField("dataframe")]
    assert len(tables) == 2, len(tables)  # Claims in view, Countries and areas; not Undated, Unlocated...
    claims = next(t for t in tables if "claims_table" in t.dataframe.id)
    rows = _table_rows(claims)
    assert rows is not None and len(rows) and max(d for d in rows["date"] if d) <= day, rows
    # the tab says the new day's count, the same as the line above the map
    top = app.page.get_by_test_id("stCaptionContainer").filter(has_text=re.compile(r"articles · \d+ claims in view"))
    now = in_tab.first.inner_text()
    assert now != before and now.split()[0] == top.first.inner_text().split("·")[-1].split()[0], (now, before)
    thumb.focus()
    thumb.press("End")
    app.wait_for(lambda: app.day() == end, what="slider back at the end")
    app.wait_for(lambda: "d" not in parse_qs(urlsplit(app.page.url).query), what="run done")
    app.page.wait_for_timeout(1000)


def test_clicking_kursk_shows_popup_with_seed_excerpt_and_fills_the_panel(app: Session) -> None:
    frame = app.map_frame()
    name = frame.evaluate(SHOW_PLACE, "Kursk")
    assert name and "Kursk" in name
    app.page.locator("iframe[title*=st_folium]").scroll_into_view_if_needed()
    marker = frame.locator("[data-test-place=Kursk]")
    dot = marker.locator(".sm-dot")
    (dot if dot.count() else marker).first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.locator(".sm-ex").first.wait_for()  # the claims are fetched when the popup opens
    text = popup.inner_text()
    assert "Kursk" in text
    excerpts = [" ".join(e.split()) for e in popup.locator(".sm-ex").all_inner_texts()]
    seeds = _seed_texts()
    assert excerpts and any(len(e) > 30 and e.strip(" .…") in seeds for e in excerpts), excerpts
    # the side panel fills, and the selection goes into the URL
    app.wait_for(lambda: "s" in parse_qs(urlsplit(app.page.url).query), what="selection in URL")
    panel = app.page.get_by_text(re.compile(r"claims? at Kursk"))
    panel.wait_for()
    assert app.page.get_by_text("Corroboration:").count() >= 1
    app.shot("02_kursk_clicked")


def test_slider_back_before_august_removes_kursk(app: Session) -> None:
    assert any("Kursk" in p for p in app.places())
    # the slider starts where the story does (October); one switch brings back the background dates
    app.click_in_sidebar("Slider covers old dates too")
    switch = app.page.locator("[data-testid=stCheckbox]", has_text="Slider covers old dates too").locator("input")
    app.wait_for(lambda: switch.is_checked(), what="switch on")
    app.page.wait_for_timeout(1500)  # the rerun redraws the slider over the wider range
    thumb = app.date_slider()
    thumb.focus()
    thumb.press("Home")
    app.wait_for(lambda: app.day() < "2024-08-01", what="slider at the start")
    # the run has finished once the view is in the URL
    app.wait_for(lambda: parse_qs(urlsplit(app.page.url).query).get("d", ["9"])[0] < "2024-08-01",
                 what="date in URL")

    def kursk_gone() -> bool:  # (the start, 2022, has only country-level claims: tints, no markers)
        shown = app.places()
        return not any("Kursk" in p for p in shown)

    app.wait_for(kursk_gone, what="Kursk gone from the map")
    app.shot("03_before_august")


def test_play_advances_at_least_three_steps(app: Session) -> None:
    start = app.day()
    app.page.get_by_role("button", name=re.compile("Play")).click()
    seen = [start]
    end = time.monotonic() + 45
    while time.monotonic() < end and len(seen) < 4:
        try:
            d = app.day()
        except Exception:  # noqa: BLE001
            d = seen[-1]
        if d != seen[-1]:
            seen.append(d)
        app.page.wait_for_timeout(200)
    app.shot("04_playing")
    app.page.get_by_role("button", name=re.compile("Pause")).click()
    assert len(seen) >= 4, seen
    assert seen == sorted(seen), seen


def test_uploaded_article_adds_its_place(app: Session, tmp_path: Path) -> None:
    app.page.goto(app.url)  # a fresh session on the latest day
    app.map_frame()
    assert not any("Reykjav" in p for p in app.places())
    article = tmp_path / "iceland.txt"
    app.open_sidebar()
    article.write_text("Troops in Reykjavik\n\nOn October 25, 2024, officials in Reykjavik, Iceland, said that "
                       "a North Korean delegation arrived in Reykjavik for talks, according to the foreign "
                       "ministry.\n", encoding="utf-8")
    app.page.get_by_text("Add articles").click()
    app.page.get_by_test_id("stForm").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(article))
    app.page.get_by_text("iceland.txt").first.wait_for()
    app.submit_upload("iceland.txt")
    app.wait_for(lambda: any("Reykjav" in p for p in app.places()), timeout=120, what="Reykjavik on the map")
    assert app.page.get_by_text(re.compile(r"iceland\.txt: 1 article\(s\), all new; \d+ claims? \(\d+ dated")).count() == 1
    assert app.page.get_by_text(re.compile(r"New on the map: .*Reykjav")).count() == 1
    app.shot("05_uploaded")


def test_a_hostile_batch_upload_maps_every_good_article(app: Session, tmp_path: Path) -> None:
    """The hostile corpus (poisoned dates, bad front matter, binary, empty, nested JSON, an article over
    the size limit, odd names) uploaded at once: the bad files are reported by name, the rest is mapped."""
    sys.path.insert(0, str(ROOT / "bench"))
    from hostile_corpus import write_hostile_corpus

    corpus = write_hostile_corpus(tmp_path / "hostile")
    files = [str(f) for f in corpus.files if "\n" not in f.name]  # a browser cannot pick a name with a line break
    dialogs: list[str] = []  # the article holding <script>alert(1)</script> must not run it
    app.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    app.page.goto(app.url)
    app.map_frame()
    app.open_sidebar()
    app.page.get_by_text("Add articles").click()
    app.page.get_by_test_id("stForm").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files)
    app.page.get_by_text("galileo.txt").first.wait_for()
    app.submit_upload("galileo.txt")
    app.wait_for(lambda: app.page.get_by_text(re.compile(r"New on the map: ")).count() == 1, timeout=180,
                 what="the upload report")
    note = app.page.get_by_text(re.compile(r"New on the map: ")).inner_text()
    for place in ("Valencia", "Istanbul", "Philadelphia", "Pisa", "Hastings", "Doha", "Sevastopol"):
        assert place in note, note
    for name in ("empty.txt", "image.txt", "nested.json", "huge.txt", "nocol.csv"):
        assert app.page.get_by_text(re.compile(re.escape(name) + ": ")).count() >= 1, name
    assert app.page.get_by_text(re.compile(r"galileo\.txt: 1 article")).count() == 1
    assert app.page.get_by_text("Traceback").count() == 0
    app.map_frame()
    assert not dialogs, dialogs
    app.shot("06_hostile_upload")


def test_the_page_requests_nothing_but_127_0_0_1(app: Session) -> None:
    hosts = {urlsplit(u).hostname for u in app.requests if urlsplit(u).scheme in {"http", "https", "ws", "wss"}}
    assert hosts == {"127.0.0.1"}, hosts
    assert len(app.requests) > 20
