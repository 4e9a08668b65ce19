"""Issue 13: town labels for the offline basemap, by population and zoom, bounded around the story."""

from __future__ import annotations

import pyarrow as pa

from layers import mapbuild
from layers.synthetic import SAMPLE_PLACES, FakeGazetteer, events_from_rows, place_row
from layers.towns import town_labels


class TableGazetteer(FakeGazetteer):
    """The sample gazetteer plus a places table like geo.gazetteer.Gazetteer's index."""

    def __init__(self) -> None:
        super().__init__()
        rows = [("Kursk", 51.73, 36.19, "PPLA", 440_000), ("Sudzha", 51.19, 35.27, "PPL", 6_900),
                ("Lgov", 51.66, 35.26, "PPL", 19_000), ("Moscow", 55.75, 37.62, "PPLC", 10_000_000),
                ("Lima", -12.05, -77.04, "PPLC", 8_000_000), ("Tiny", -30.0, -60.0, "PPL", 1_200),
                ("Kursk Oblast", 51.5, 36.0, "ADM1", 1_000_000)]
        self._table = pa.table({"name": [r[0] for r in rows], "lat": [r[1] for r in rows],
                                "lon": [r[2] for r in rows], "feature_code": [r[3] for r in rows],
                                "population": [r[4] for r in rows]})


def test_labels_by_population_and_zoom_with_detail_near_the_story() -> None:
    labels = town_labels(TableGazetteer(), [[51.0, 35.0], [52.0, 37.0]], [(51.73, 36.19)])
    z = dict(zip(labels["name"], labels["z"], strict=True))
    # capitals at 3 everywhere; near the story one level earlier: Kursk 5 -> 4, Lgov 7 -> 6, Sudzha 9 -> 8
    assert z == {"Moscow": 3, "Lima": 3, "Kursk": 4, "Lgov": 6, "Sudzha": 8}
    assert labels["name"][:2] == ["Moscow", "Lima"]  # lowest zoom first, then the largest


def test_the_base_map_carries_the_labels_as_inert_data() -> None:
    ev = events_from_rows([place_row(SAMPLE_PLACES[0])])
    html = mapbuild.base_map(ev, gazetteer=TableGazetteer()).get_root().render()
    assert "sitmap.towns(" in html and "Sudzha" in html
    assert "Sudzha" not in mapbuild.base_map(ev, gazetteer=TableGazetteer(), basemap_detail=False).get_root().render()


def test_detailed_borders_only_around_the_story() -> None:
    from shapely.geometry import box

    from geo.model import Place
    from layers.borders import detailed_borders

    class Countries(TableGazetteer):
        def countries(self) -> list:
            return [Place("ru", "Russia", 55.0, 40.0, "RU", "PCLI", "country", geometry=box(30, 45, 60, 70)),
                    Place("pe", "Peru", -10.0, -75.0, "PE", "PCLI", "country", geometry=box(-80, -15, -70, -5))]

    lines = detailed_borders(Countries(), [(51.73, 36.19)])
    assert [f["properties"]["cc"] for f in lines["features"]] == ["RU"]
    assert lines["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")
    assert detailed_borders(Countries(), []) == {"type": "FeatureCollection", "features": []}
