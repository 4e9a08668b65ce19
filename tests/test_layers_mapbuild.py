"""Building the map: what goes in the base map, the time layers and the full map."""

from __future__ import annotations

import json
import re

import folium
import pandas as pd
import pytest

from data.events import SchemaError
from layers import elements, mapbuild
from layers.synthetic import (
    SAMPLE_PLACES,
    FakeGazetteer,
    events_from_rows,
    place_row,
    synthetic_events,
    with_movement,
)


def _events() -> pd.DataFrame:
    rows = [place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}", claimant_country="UA" if i % 2 else "RU")
            for i, p in enumerate(SAMPLE_PLACES)]
    return events_from_rows(rows + with_movement())


def _kinds(root) -> list[str]:
    return sorted(type(e).__name__ for e in elements.sitmap_elements(root))


def test_base_map_holds_only_what_the_slider_does_not_change() -> None:
    m = mapbuild.base_map(_events(), gazetteer=FakeGazetteer())
    assert isinstance(m, folium.Map)
    assert _kinds(m) == ["Basemap", "Borders", "Controls", "Legend"]
    html = m.get_root().render()
    assert "tile.openstreetmap" not in html and "tileLayer" not in html
    controls = [e for e in elements.sitmap_elements(m) if isinstance(e, elements.Controls)][0]
    (s, w), (n, e) = json.loads(controls.payload_json)["bounds"]
    # towns and regions frame the story (Seoul, Washington, Kursk, Vladivostok); the vague Far East does not
    assert (s, w, n, e) == (37.566, -77.0364, 51.7373, 131.8735)


def test_time_layers_is_one_feature_group_with_places_and_arcs() -> None:
    fg = mapbuild.time_layers(_events(), gazetteer=FakeGazetteer())
    assert isinstance(fg, folium.FeatureGroup)
    assert _kinds(fg) == ["ArcsLayer", "PlacesLayer"]
    assert _kinds(mapbuild.time_layers(_events(), gazetteer=FakeGazetteer(), playback=True, movements=False)) == [
        "PlacesLayer", "Timeline"]


def test_build_map_renders_every_layer() -> None:
    m = mapbuild.build_map(_events(), gazetteer=FakeGazetteer())
    assert _kinds(m) == ["ArcsLayer", "Basemap", "Borders", "Controls", "Legend", "PlacesLayer", "Timeline"]
    html = m.get_root().render()
    name = m.get_name()
    for factory in ("basemap", "legend", "controls", "places", "arcs", "timeline"):
        assert re.search(rf"= sitmap\.{factory}\({name}, ", html), factory
    legend = [e for e in elements.sitmap_elements(m) if isinstance(e, elements.Legend)][0]
    labels = [g["label"] for g in json.loads(legend.payload_json)["groups"]]
    assert labels[:2] == ["Russia side", "Ukraine side"]


def test_legend_follows_color_by() -> None:
    m = mapbuild.build_map(_events(), gazetteer=FakeGazetteer(), color_by="kind")
    legend = [e for e in elements.sitmap_elements(m) if isinstance(e, elements.Legend)][0]
    assert json.loads(legend.payload_json)["title"] == "Claim kind"


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(SchemaError, match="lacks columns"):
        mapbuild.build_map(pd.DataFrame({"lat": [1.0]}))
    with pytest.raises(TypeError, match="unknown options"):
        mapbuild.build_map(_events(), colour_by="kind")


def test_empty_or_missing_events_still_make_a_map() -> None:
    for ev in (None, _events().iloc[0:0]):
        html = mapbuild.build_map(ev, gazetteer=FakeGazetteer()).get_root().render()
        assert "sitmap.places(" in html and "sitmap.timeline(" not in html


def test_element_outside_a_map_is_a_clear_error() -> None:
    el = elements.Legend({"groups": []})
    with pytest.raises(ValueError, match="must be added to a folium.Map"):
        el.map_name()


def test_10k_events_stay_small() -> None:
    html = mapbuild.build_map(synthetic_events(10_000), gazetteer=FakeGazetteer()).get_root().render()
    assert len(html.encode()) < 2_000_000


@pytest.mark.parametrize("collapsed", [True, False])
def test_the_layer_switcher_can_start_collapsed(collapsed: bool) -> None:
    """The dashboard's map is narrow: an open switcher would cover its popups."""
    m = mapbuild.base_map(_events(), gazetteer=FakeGazetteer(), layers_collapsed=collapsed)
    controls = [e for e in elements.sitmap_elements(m) if isinstance(e, elements.Controls)][0]
    assert json.loads(controls.options)["collapsed"] is collapsed
