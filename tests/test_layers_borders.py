"""Issue 13: approximate first-level borders on the offline basemap (layers.borders), around the story."""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import LineString, MultiLineString

from layers import borders, mapbuild
from layers.synthetic import SAMPLE_PLACES, FakeGazetteer, events_from_rows, place_row


class Admin1Gazetteer(FakeGazetteer):
    """The sample gazetteer plus admin-1 lines: one through Kursk's box, one in South America."""

    def admin1_lines(self) -> dict:
        return {"RU": MultiLineString([[(35.0, 50.0), (35.5, 51.0), (35.9, 52.5)], [(30.0, 60.0), (31.0, 61.0)]]),
                "PE": LineString([(-75.0, -10.0), (-76.0, -12.0)])}


KURSK = (51.73, 36.19)


def test_lines_are_cut_to_the_story_s_box_and_rounded() -> None:
    data = borders.admin1_borders(Admin1Gazetteer(), [KURSK])
    assert [f["properties"]["cc"] for f in data["features"]] == ["RU"]
    coords = [p for line in data["features"][0]["geometry"]["coordinates"] for p in line]
    assert coords and all(abs(lat - KURSK[0]) <= borders.ADMIN1_BOX_DEG for _, lat in coords)
    assert (30.0, 60.0) not in {tuple(p) for p in coords}  # the far line is left out
    assert all(round(v, 3) == v for p in coords for v in p)


def test_nothing_without_places_or_admin1_lines() -> None:
    assert borders.admin1_borders(Admin1Gazetteer(), [])["features"] == []
    assert borders.admin1_borders(FakeGazetteer(), [KURSK])["features"] == []


def test_the_base_map_draws_them_dashed_from_zoom_4_named_approximate() -> None:
    ev = events_from_rows([place_row(SAMPLE_PLACES[0])])
    html = mapbuild.base_map(ev, gazetteer=Admin1Gazetteer()).get_root().render()
    call = next(line for line in html.splitlines() if "sitmap-admin1" in line)
    assert "sitmap.borders(" in html and "First-level borders (approximate)" in html
    opts = json.loads(call[call.index('{"name":"First-level'):call.rindex("}") + 1])
    assert opts["minZoom"] == 4 and opts["style"]["dashArray"] and opts["style"]["weight"] < 1.3
    assert "sitmap-admin1" not in mapbuild.base_map(ev, gazetteer=FakeGazetteer()).get_root().render()


def test_on_the_real_index_the_story_s_borders_stay_small() -> None:
    """The seeds' places (Kursk, Sudzha, Kyiv, Pyongyang, Seoul, Vladivostok, Ufa): the base map is resent with
    each new data version, so the approximate borders stay a few tens of KB."""
    from geo.gazetteer import default_gazetteer
    from layers.elements import js_json

    places = [(51.73, 36.19), (51.19, 35.27), (50.45, 30.52), (39.03, 125.75), (37.57, 126.98), (43.12, 131.9),
              (54.74, 55.97)]
    data = borders.admin1_borders(default_gazetteer(), places)
    assert {"RU", "UA", "KP", "KR"} <= {f["properties"]["cc"] for f in data["features"]}
    assert len(js_json(data)) < 40_000


def test_one_border_line_per_zoom_the_rough_stroke_gives_way_to_the_detailed_lines() -> None:
    """Zoom 6 around Kursk drew the rough basemap border and the detailed one apart: a double line, a 'lens'.
    The basemap's stroke stops at the detailed lines' zoom; the browser draws its rough lines outside the
    detailed boxes it is handed (everywhere, not only within 10 degrees: tests/test_basemap_browser.py)."""
    gaz = Admin1Gazetteer()
    ev = events_from_rows([place_row(SAMPLE_PLACES[0])])
    html = mapbuild.base_map(ev, gazetteer=gaz).get_root().render()
    start = html.index("sitmap.basemap(")
    call = html[start:html.index(");", start)].replace(" ", "")
    assert f'"strokeBelow":{borders.MIN_ZOOM}' in call
    assert '"detail":' + json.dumps(borders.detail_boxes([(SAMPLE_PLACES[0].lat, SAMPLE_PLACES[0].lon)])
                                    ).replace(" ", "") in call
    css = (Path(mapbuild.__file__).parent / "static" / "sitmap.css").read_text()
    assert ".sm-detail-zoom path.sm-shape-country" in css
    data = borders.detailed_borders(gaz, [KURSK])
    assert data["features"] and not [f for f in data["features"] if f["properties"].get("rough")]
    from shapely.geometry import shape
    area = borders._area([KURSK], borders.BOX_DEG)
    for f in data["features"]:  # only inside the boxes the browser leaves its rough lines out of
        assert shape(f["geometry"]).difference(area.buffer(0.01)).is_empty
    # without detailed lines (no story places) the basemap keeps its stroke at every zoom
    bare = mapbuild.base_map(None, gazetteer=gaz).get_root().render()
    assert "strokeBelow" not in bare
