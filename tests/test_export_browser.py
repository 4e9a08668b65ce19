"""The exported map in a real headless Chromium with no network: what a user sees and clicks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli import main
from layers import export
from layers.synthetic import (
    SAMPLE_PLACES,
    FakeGazetteer,
    event_row,
    events_from_rows,
    place_row,
    with_movement,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

REVEAL = """(pattern) => new Promise((resolve) => {
  const map = window[document.querySelector('.folium-map').id];
  const places = map._sitmap.overlays['Places'];
  const ok = places.sitmapReveal((p) => new RegExp(pattern).test(p.name), (m) => resolve(m.sitmapPlace.name));
  if (!ok) resolve(null);
  setTimeout(() => resolve(null), 15000);  // never hang the suite on a missing callback
})"""


def _open(browser, html: Path, blocked: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(html.as_uri())
    page.wait_for_selector(".leaflet-marker-icon", timeout=20_000)
    return page, errors


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2026", " ").split())


def test_seed_export_shows_markers_outlines_legend_and_kursk_popup(browser, artifacts_dir: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "seeds.html"
    assert main(["export-map", str(SEEDS), str(out), "--quiet", "--store", str(tmp_path / "store")]) == 0
    blocked: list[str] = []
    page, errors = _open(browser, out, blocked)
    page.wait_for_timeout(500)
    assert page.locator(".leaflet-marker-icon").count() >= 3
    assert page.locator("path.sm-shape").count() >= 1  # region outlines
    assert page.locator(".sitmap-legend").is_visible()
    assert "Claimant side" in page.locator(".sitmap-legend").inner_text()
    page.screenshot(path=str(artifacts_dir / "export_seeds.png"))

    # the town: Kursk Oblast's marker, 12 km away at the oblast's middle, lies under the town's marker
    name = page.evaluate(REVEAL, "^Kursk$")
    assert name == "Kursk"
    page.wait_for_timeout(400)
    page.locator(f'[aria-label^="{name}:"]').first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert name in text and "Claimant:" in text and "published" in text
    excerpt = _norm(popup.locator(".sm-ex").first.inner_text())
    seeds = _norm(" ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    assert len(excerpt) > 30 and excerpt in seeds
    assert popup.locator(".sm-ex mark").first.inner_text().startswith("Kursk")
    page.wait_for_timeout(400)  # popup fade-in
    page.screenshot(path=str(artifacts_dir / "export_seeds_kursk_popup.png"))
    assert blocked == [] and errors == []
    page.close()


def test_hostile_text_is_shown_not_run_and_playback_filters(browser, artifacts_dir: Path, tmp_path: Path) -> None:
    hostile = "{{ 7*191 }} ${window.pwned=1} </script><img src=x onerror=window.pwned=2> {# {%"
    kursk = SAMPLE_PLACES[0]
    rows = [place_row(kursk, event_id="h:0", claim_id="h", text=f"In Kursk {hostile}", outlet=hostile,
                      claimant=hostile, url="javascript:window.pwned=3", mention_start=3, mention_end=8,
                      event_date="2024-10-23", event_date_end="2024-10-23")]
    rows += [place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}", event_date=f"2024-06-{i + 10}",
                       event_date_end=f"2024-06-{i + 10}") for i, p in enumerate(SAMPLE_PLACES[1:])]
    rows += with_movement()
    rows.append(event_row(event_id="u:0", claim_id="u", place_id="", lat=float("nan"), lon=float("nan")))
    out = export.export_map(events_from_rows(rows), tmp_path / "hostile.html", gazetteer=FakeGazetteer())
    blocked: list[str] = []
    page, errors = _open(browser, out, blocked)

    name = page.evaluate(REVEAL, "^Kursk$")
    assert name == "Kursk"
    page.wait_for_timeout(300)
    page.locator('[aria-label^="Kursk:"]').first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert "{{ 7*191 }}" in text and "${window.pwned=1}" in text and "1337" not in text
    hrefs = popup.locator("a").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/a"]  # the other claim's link; the javascript: one is dropped
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.screenshot(path=str(artifacts_dir / "export_hostile_popup.png"))
    page.keyboard.press("Escape")

    def shown_claims() -> int:
        labels = page.evaluate("""() => {
          const map = window[document.querySelector('.folium-map').id];
          let n = 0; map._sitmap.overlays['Places'].eachLayer(() => {});
          document.querySelectorAll('.sm-dot[aria-label]').forEach((d) => {
            n += parseInt(d.getAttribute('aria-label').split(': ').pop(), 10); });
          return n; }""")
        return int(labels)

    all_claims = shown_claims()
    slider = page.locator(".sm-slider")
    page.evaluate("""() => { const s = document.querySelector('.sm-slider'); s.value = s.min;
                     s.dispatchEvent(new Event('input')); }""")
    page.wait_for_timeout(300)
    assert page.locator(".sm-date").inner_text().startswith("up to 2024-06-10")
    at_start = shown_claims()
    assert at_start < all_claims
    page.locator(".sm-play").click()
    page.wait_for_timeout(1500)
    assert page.locator(".sm-date").inner_text() != "up to 2024-06-10"
    page.locator(".sm-play").click()  # pause
    assert int(slider.input_value()) > int(slider.get_attribute("min"))
    page.screenshot(path=str(artifacts_dir / "export_playback.png"))
    places = page.locator(".leaflet-control-layers label", has_text="Places").locator("input")
    places.uncheck()
    page.evaluate("""() => { const s = document.querySelector('.sm-slider'); s.value = s.min;
                     s.dispatchEvent(new Event('input')); }""")
    places.check()  # switched back on, the layer catches up with the window it missed
    page.wait_for_timeout(300)
    assert shown_claims() == at_start
    assert blocked == [] and errors == []
    assert json.loads(json.dumps(errors)) == []
    page.close()


def test_no_request_leaves_the_machine_even_with_every_layer(browser, tmp_path: Path) -> None:
    rows = [place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}") for i, p in enumerate(SAMPLE_PLACES)]
    out = export.export_map(events_from_rows(rows + with_movement()), tmp_path / "all.html",
                            gazetteer=FakeGazetteer(), heat=True, heat_on=True)
    blocked: list[str] = []
    page, errors = _open(browser, out, blocked)
    page.wait_for_timeout(500)
    assert page.locator("path.sm-arc").count() == 1 and page.locator("path.sm-arrow").count() == 1
    # density layer switched on: a circle per place drawn as a marker (countries and vague areas are tints)
    assert page.locator("path.sm-heat").count() == sum(p.precision not in ("country", "vague") for p in SAMPLE_PLACES)
    page.locator(".sitmap-legend .sm-toggle").click()
    assert not page.locator(".sitmap-legend .sm-lbody").is_visible()
    page.locator(".leaflet-control-layers label", has_text="Claim density").locator("input").uncheck()
    assert page.locator("path.sm-heat").count() == 0
    icons = page.evaluate("() => Array.from(document.images).map((i) => i.src)")
    assert all(re.match(r"(file|data):", s) for s in icons)
    assert blocked == [] and errors == []
    page.close()
