"""A map's large payloads move to content-addressed script files; the rendered script only refers to them."""

from __future__ import annotations

from pathlib import Path

import folium

from layers import elements
from layers.datafiles import externalize


def _map() -> tuple[folium.Map, elements.SitmapElement, elements.SitmapElement]:
    m = folium.Map(tiles=None)
    big = elements.Basemap({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"Land {i}"},
         "geometry": {"type": "Point", "coordinates": [i % 180, i % 90]}} for i in range(2000)]}, name="Outlines")
    small = elements.Legend({"groups": [["a", "#000"]]}, name="Legend")
    big.add_to(m)
    small.add_to(m)
    return m, big, small


def test_large_payloads_go_to_one_file_the_script_refers_to(tmp_path: Path) -> None:
    m, big, small = _map()
    towns = elements.Towns({"name": [f"Town {i}" for i in range(3000)]}, name="Towns")
    towns.add_to(m)
    data, names = big.payload_json, towns.payload_json
    path = externalize(m, tmp_path, "/app/static/vendor")
    assert path is not None and path.parent == tmp_path / "data" and len(list(path.parent.iterdir())) == 1
    text = path.read_text(encoding="utf-8")
    assert data in text and names in text  # one file (one request) holds both payloads as they were
    html = m.get_root().render()
    assert data not in html and "Land 1999" not in html and "Town 2999" not in html  # the page's script does not
    assert big.external != towns.external and big.external in html and towns.external in html
    assert small.payload_json in html and not small.external  # a small payload stays inline
    link = ("sitmap_data_" + path.stem, f"/app/static/vendor/data/{path.name}")
    assert link in big.default_js and link in towns.default_js
    assert not any("data/" in u for _, u in small.default_js)
    assert path.stat().st_mode & 0o044 == 0o044  # readable by a server running as another user


def test_same_data_same_file_and_old_files_are_pruned(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from layers import datafiles

    first = externalize(_map()[0], tmp_path, "/x")
    again = externalize(_map()[0], tmp_path, "/x")
    assert first == again and len(list((tmp_path / "data").glob("*.js"))) == 1
    assert externalize(folium.Map(tiles=None), tmp_path, "/x") is None  # nothing large: no file
    monkeypatch.setattr(datafiles, "KEEP_FILES", 2)
    for i in range(4):
        m = folium.Map(tiles=None)
        elements.Basemap({"n": i, "pad": "x" * 30_000}).add_to(m)
        externalize(m, tmp_path, "/x")
    assert len(list((tmp_path / "data").glob("*.js"))) == 2

