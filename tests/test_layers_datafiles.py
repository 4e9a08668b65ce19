"""A map's large payloads move to content-addressed script files; the rendered script only refers to them."""

from __future__ import annotations

from pathlib import Path

import folium

from layers import elements
from layers.datafiles import data_ref, externalize


def _map() -> tuple[folium.Map, elements.SitmapElement, elements.SitmapElement]:
    m = folium.Map(tiles=None)
    big = elements.Basemap({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"Land {i}"},
         "geometry": {"type": "Point", "coordinates": [i % 180, i % 90]}} for i in range(2000)]}, name="Outlines")
    small = elements.Legend({"groups": [["a", "#000"]]}, name="Legend")
    big.add_to(m)
    small.add_to(m)
    return m, big, small


def test_large_payloads_go_to_files_the_script_refers_to(tmp_path: Path) -> None:
    m, big, small = _map()
    data = big.payload_json
    files = externalize(m, tmp_path, "/app/static/vendor")
    assert len(files) == 1 and files[0].parent == tmp_path / "data"
    assert data in files[0].read_text(encoding="utf-8")  # the file holds the data as it was
    html = m.get_root().render()
    assert data not in html and "Land 1999" not in html  # the page's script does not
    key = files[0].stem
    assert data_ref(key) in html and small.payload_json in html  # a small payload stays inline
    assert (f"sitmap_data_{key}", f"/app/static/vendor/data/{key}.js") in big.default_js
    assert not any("data/" in u for _, u in small.default_js)
    assert files[0].stat().st_mode & 0o044 == 0o044  # readable by a server running as another user


def test_same_data_same_file_and_old_files_are_pruned(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from layers import datafiles

    first = externalize(_map()[0], tmp_path, "/x")
    again = externalize(_map()[0], tmp_path, "/x")
    assert first == again and len(list((tmp_path / "data").glob("*.js"))) == 1
    monkeypatch.setattr(datafiles, "KEEP_FILES", 2)
    for i in range(4):
        m = folium.Map(tiles=None)
        elements.Basemap({"n": i, "pad": "x" * 30_000}).add_to(m)
        externalize(m, tmp_path, "/x")
    assert len(list((tmp_path / "data").glob("*.js"))) == 2

