"""The places layer across reruns (issue 14), in Debian's chromium: streamlit-folium removes the previous
feature group and evaluates the new one on every slider step; the layer must then update in place (markers
that stay keep their DOM nodes, counts, popups and cluster sums follow the new data, places come and go), and
disappear when a rerun no longer draws it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import open_exported_map

from layers import elements, export, features, mapbuild
from layers.safe import js_json
from layers.synthetic import event_row, events_from_rows

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# (id, name, lat, lon, claims): places near Kursk, apart at zoom 8, clustered at zoom 5. The new place is far
# enough not to pair with a marker at any zoom where that marker is on its own: markercluster would then
# re-insert that marker (a new node), which is the only other marker a place coming in touches.
FIRST = [("538560", "Kursk", 51.72689, 36.18457, 3), ("485660", "Sudzha", 51.19055, 35.27045, 2),
         ("578072", "Belgorod", 50.61074, 36.58015, 1)]
SECOND = [("538560", "Kursk", 51.72689, 36.18457, 3), ("485660", "Sudzha", 51.19055, 35.27045, 5),
          ("472045", "Voronezh", 51.67204, 39.1843, 2)]


def _events(places: list[tuple]):  # noqa: ANN202 - an events table
    rows = [event_row(event_id=f"{pid}-{k}:0", claim_id=f"{pid}-{k}", place_id=pid, place_name=name, lat=lat,
                      lon=lon, country_code="RU", feature_code="PPL", precision="point", mention_text=name,
                      text=f"Troops were seen in {name}.", mention_start=20, mention_end=20 + len(name))
            for pid, name, lat, lon, n in places for k in range(n)]
    return events_from_rows(rows)


def _payload(places: list[tuple]) -> dict:
    return json.loads(js_json(features.place_features(_events(places)).to_payload()))


def _options() -> dict:
    """The places layer's options, as the map draws it."""
    layer = next(e for e in elements.sitmap_elements(mapbuild.time_layers(_events(FIRST)))
                 if isinstance(e, elements.PlacesLayer))
    return json.loads(layer.options)


@pytest.fixture(scope="module")
def page(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    out = export.export_map(_events(FIRST), tmp_path_factory.mktemp("places") / "map.html", playback=False)
    yield from open_exported_map(browser, out)


# streamlit-folium's rerun: remove the previous feature group, then run the new one's script (here: the
# places layer with the same options and the given data) and add it
RERUN = """([data, opts]) => {
  const map = window.map;
  if (window.__fg) map.removeLayer(window.__fg);
  const fg = L.featureGroup();
  const layer = data ? sitmap.places(map, fg, data, opts) : null;
  map.addLayer(fg);
  window.__fg = fg;
  return !!layer;
}"""
VIEW = """([lat, lon, zoom]) => new Promise((r) => { const go = () => { window.map.setView([lat, lon], zoom,
  {animate: false}); setTimeout(r, 400); }; window.map._animatingZoom ? window.map.once("zoomend", go) : go(); })"""
# per place name shown as its own icon: [the node carries the tag, badge text]; tags the nodes when asked
ICONS = """(tag) => {
  const out = {};
  for (const e of document.querySelectorAll(".sitmap-icon")) {
    const name = e.querySelector(".sm-dot").getAttribute("aria-label").split(":")[0];
    if (tag) e.__smTag = name;
    out[name] = [e.__smTag === name, e.querySelector(".sm-dot").textContent];
  }
  return out;
}"""
CLUSTER_SUM = """() => [...document.querySelectorAll(".sitmap-cluster")].reduce((s, e) => s + Number(e.textContent), 0)
  + [...document.querySelectorAll(".sitmap-icon .sm-dot")].reduce((s, e) => s + Number(e.textContent), 0)"""


def test_a_rerun_updates_the_places_in_place(page: object) -> None:
    assert page.evaluate(RERUN, [_payload(FIRST), _options()])  # the dashboard's first run
    page.evaluate(VIEW, [51.4, 37.0, 8])
    page.locator(".sitmap-icon", has_text="2").click()  # Sudzha's popup stays open across the rerun
    assert "2 claims" in page.locator(".leaflet-popup-content").inner_text()
    page.evaluate(VIEW, [51.4, 37.0, 8])  # back where the popup's auto-pan moved the map from
    before = page.evaluate(ICONS, True)
    assert {k: v[1] for k, v in before.items()} == {"Kursk": "3", "Sudzha": "2", "Belgorod": "1"}
    assert page.evaluate(RERUN, [_payload(SECOND), _options()])
    page.wait_for_timeout(300)
    after = page.evaluate(ICONS, False)
    assert after == {"Kursk": [True, "3"], "Sudzha": [True, "5"], "Voronezh": [False, "2"]}, after
    assert "5 claims" in page.locator(".leaflet-popup-content").inner_text()
    page.evaluate(VIEW, [51.4, 37.0, 5])
    assert page.evaluate(CLUSTER_SUM) == 10  # the clusters' sums follow the new counts


def test_a_rerun_without_the_places_layer_removes_it(page: object) -> None:
    assert not page.evaluate(RERUN, [None, None])
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('.sitmap-icon, .sitmap-cluster').length") == 0
    assert "Places" not in page.evaluate("Object.keys(window.map._sitmap.overlays)")
