"""Issue 11 in Debian's chromium: the claim kinds that are not about war in the colour-by-kind legend, a death
toll reported on two days as a series in the side panel, and the seeds' arrows drawn from and to real places.

One server (the README's ``sitmap dashboard``) for the whole module, on a temporary store built from the seeds
plus a short article on another story written here (an earthquake in Turkey whose toll rises from one day to the
next). Tests run in file order on one page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from layers.legend import KIND_COLORS
from tests.served import START_TIMEOUT, dashboard
from tests.test_app_browser import SEEDS, SHOW_PLACE, Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent

QUAKE = """Earthquake death toll rises in Turkey

The death toll from the earthquake in Kahramanmaras, Turkey, rose to 33,179 on Feb. 12, the disaster agency AFAD \
said. The death toll from the earthquake in Turkey stood at 35,418 on Feb. 13, AFAD said. Rescue teams pulled \
survivors from the rubble in Kahramanmaras.
"""
QUAKE_ROW = "quake.txt,Earthquake death toll rises in Turkey,Test Wire,,2023-02-14,stated:byline,written by the test\n"

# the legend's colour groups: label and swatch colour (as the browser computes it)
LEGEND = """() => {
  const root = document.querySelector('.sitmap-legend');
  if (!root) return null;
  return {title: root.querySelector('.sm-toggle').textContent,
          groups: [...root.querySelectorAll('.sm-lr')].filter((r) => r.querySelector('.sm-sw')).map((r) =>
            [r.lastChild.textContent, getComputedStyle(r.querySelector('.sm-sw')).backgroundColor])};
}"""
# every movement arrow on the map: its line's first and last point
ARROWS = """() => {
  const out = [];
  window.map.eachLayer((l) => {
    if (l instanceof L.Polyline && !(l instanceof L.Polygon) && l.options.className === 'sm-arc') {
      const pts = l.getLatLngs();
      out.push([[pts[0].lat, pts[0].lng], [pts[pts.length - 1].lat, pts[pts.length - 1].lng]]);
    }
  });
  return out;
}"""
# the text of the side panel's element right after the series heading (the list of figures)
SERIES = """() => {
  const head = [...document.querySelectorAll('[data-testid=stMarkdown]')]
    .find((e) => e.innerText.startsWith('The same figure over time'));
  if (!head) return null;
  const box = head.closest('[data-testid=stElementContainer]');
  const next = box && box.nextElementSibling;
  return [head.innerText, next ? next.innerText : ''];
}"""


def _rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[str, Path]]:
    """The dashboard on the seeds plus the earthquake article; yields its URL and store folder."""
    tmp = tmp_path_factory.mktemp("claims")
    corpus = tmp / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "quake.txt").write_text(QUAKE, encoding="utf-8")
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as f:
        f.write(QUAKE_ROW)
    env = {"SITMAP_STORE": str(tmp / "store"), "SITMAP_CORPUS": str(corpus)}
    with dashboard(env, tmp / "streamlit.log") as url:
        yield url, tmp / "store"


@pytest.fixture(scope="module")
def app(store: tuple[str, Path], browser: object, artifacts_dir: Path) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    page.set_default_timeout(30_000)
    session = Session(page, store[0], artifacts_dir)
    page.goto(store[0])
    session.map_frame(timeout=START_TIMEOUT)
    yield session
    context.close()


def test_colour_by_kind_shows_the_kinds_present_in_the_legend(app: Session) -> None:
    app.click_in_sidebar("claim kind")

    def legend() -> dict | None:
        got = app.map_frame().evaluate(LEGEND)
        return got if got and got["title"] == "Claim kind" else None

    app.wait_for(lambda: legend() is not None, timeout=60, what="the claim-kind legend")
    groups = dict(legend()["groups"])
    labels = {label.rsplit(" (", 1)[0]: colour for label, colour in groups.items()}
    app.shot("claims_kind_legend")
    # the earthquake's kinds beside the seeds' war ones, each in its own colour
    for kind in ("disaster", "movement"):
        assert labels.get(kind.capitalize()) == _rgb(KIND_COLORS[kind]), (kind, groups)
    assert len(set(labels.values())) == len(labels), groups  # kinds told apart


def test_selecting_the_toll_shows_the_same_figure_over_time(app: Session) -> None:
    frame = app.map_frame()
    name = frame.evaluate(SHOW_PLACE, "Kahramanmara")
    assert name and name.startswith("Kahramanmara"), name
    app.page.locator("iframe[title*=st_folium]").scroll_into_view_if_needed()
    marker = frame.locator("[data-test-place=Kahramanmara]")
    dot = marker.locator(".sm-dot")
    (dot if dot.count() else marker).first.click()
    picker = app.page.get_by_test_id("stSelectbox").filter(has_text="claims at Kahramanmara")
    app.wait_for(lambda: picker.count() == 1, what="the claims at Kahramanmaras in the panel")
    if "death toll" not in picker.inner_text():  # the marker selected the rescue claim: pick the toll
        picker.click()
        app.page.get_by_role("option").filter(has_text="death toll").first.click()
    app.wait_for(lambda: app.page.evaluate(SERIES) is not None, what="the series in the side panel")
    head, lines = app.page.evaluate(SERIES)
    app.shot("claims_toll_series")
    assert head.startswith("The same figure over time (2)"), head
    rows = [ln for ln in lines.splitlines() if ln.strip()]
    assert len(rows) == 2, rows
    assert "2023-02-12" in rows[0] and "33,179" in rows[0], rows  # oldest first
    assert "2023-02-13" in rows[1] and "35,418" in rows[1], rows
    assert sum("this claim" in r for r in rows) == 1, rows


def test_the_seeds_arrows_leave_no_capital_said_for_its_state_and_end_at_no_country_centroid(
        app: Session, store: tuple[str, Path]) -> None:
    from ui.loading import read_store

    events = read_store(store[1])[0]

    def where(name: str, precision: str) -> tuple[float, float]:
        at = events[(events["place_name"] == name) & (events["precision"] == precision)]
        assert not at.empty, name
        return float(at["lat"].iloc[0]), float(at["lon"].iloc[0])

    moscow, russia, kursk = where("Moscow", "point"), where("Russia", "country"), where("Kursk Oblast", "admin")
    app.page.goto(app.url)  # a fresh session on the latest day: every seed arrow up to it
    arrows = app.map_frame(timeout=START_TIMEOUT).evaluate(ARROWS)
    app.shot("claims_arrows")

    def near(p: list[float], q: tuple[float, float]) -> bool:
        return abs(p[0] - q[0]) < 0.01 and abs(p[1] - q[1]) < 0.01

    assert len(arrows) >= 3, arrows
    assert any(near(end, kursk) for _, end in arrows), arrows  # "sent to Russia's Kursk region"
    assert not [a for a in arrows if near(a[0], moscow)], arrows  # "as Pyongyang and Moscow bolster ties"
    assert not [a for a in arrows if near(a[1], russia)], arrows  # not into Siberia
