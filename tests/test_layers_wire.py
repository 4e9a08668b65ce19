"""The places layer travels packed (``layers.wire``): the same data in a third of the bytes."""

from __future__ import annotations

import json

import pytest

from data.view.synth import synthetic_events
from layers import elements, features
from layers.safe import js_json
from layers.wire import pack_places, unpack_places


@pytest.fixture(scope="module")
def payload() -> dict:
    """~1,500 places, as a wide view of a big store has (one marker per place or grid cell)."""
    ev = synthetic_events(6000).reset_index(drop=True)
    k = ev.index % 1500
    ev["place_id"] = ev["place_id"] + "-" + k.astype(str)
    ev["place_name"] = ev["place_name"] + " " + k.astype(str)
    ev["lat"] = ev["lat"] + (k % 40) * 0.1
    ev["lon"] = ev["lon"] + (k // 40) * 0.1
    data = features.place_features(ev, outlines=False)
    return json.loads(js_json(data.to_payload()))


def test_packing_keeps_every_value(payload: dict) -> None:
    packed = json.loads(js_json(pack_places(payload)))
    assert unpack_places(packed) == payload
    assert pack_places(packed) == packed  # packing twice is packing once


def test_the_layer_sends_under_a_third_of_the_geojson_bytes_per_place(payload: dict) -> None:
    """What a slider step re-sends per place (features only: popup items and outlines are another matter)."""
    n = len(payload["features"])
    assert n > 500
    bare = {**payload, "items": [], "outlines": []}
    sent = json.loads(elements.PlacesLayer(bare).payload_json)
    per_place = len(json.dumps(sent, separators=(",", ":"))) / n
    geojson = len(js_json(bare)) / n
    assert per_place < geojson / 2.5 and per_place < 120, (per_place, geojson)
    assert unpack_places(sent) == bare


def test_popup_claims_can_travel_on_demand(payload: dict) -> None:
    """With ``publish_items`` the claims go to whoever stores them (the dashboard: a file the browser fetches
    when a popup opens); the layer keeps only the URL. Without it (an export) they stay inline."""
    stored: list[str] = []

    def publish(text: str) -> str:
        stored.append(text)
        return "/app/static/vendor/data/x.json"

    sent = json.loads(elements.PlacesLayer(payload, publish_items=publish).payload_json)
    assert sent["items"] is None and sent["itemsUrl"] == "/app/static/vendor/data/x.json"
    assert json.loads(stored[0]) == payload["items"]
    inline = json.loads(elements.PlacesLayer(payload).payload_json)
    assert inline["items"] == payload["items"] and "itemsUrl" not in inline


def test_outlines_travel_as_integer_deltas_with_the_same_vertices() -> None:
    import shapely

    from layers import regions
    from layers.wire import pack_geometry, unpack_geometry

    ring = [(36.0 + 0.9 * (i % 7) / 7, 51.0 + 0.8 * (i % 11) / 11) for i in range(60)]
    shape = shapely.MultiPolygon([shapely.Polygon(ring).convex_hull.buffer(0.3),
                                  shapely.Polygon([(40, 50), (41, 50), (41, 51)])])
    geom = json.loads(js_json(regions.to_geojson(shape, 0.001)))
    packed = json.loads(js_json(pack_geometry(geom)))
    assert unpack_geometry(packed) == geom and packed["scale"] == 1000
    assert len(json.dumps(packed)) < 0.6 * len(json.dumps(geom)), (len(json.dumps(packed)), len(json.dumps(geom)))
    payload = {"type": "FeatureCollection", "features": [], "items": [], "outlines": [geom, None]}
    sent = json.loads(elements.PlacesLayer(payload).payload_json)
    assert sent["outlines"][0] == packed and unpack_places(sent)["outlines"] == [geom, None]
