"""Every asset the map loads is served from this machine."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pytest
from folium.plugins import MarkerCluster

from layers import assets, export, mapbuild
from layers.synthetic import SAMPLE_PLACES, FakeGazetteer, events_from_rows, place_row, with_movement

URL_ATTR = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""", re.I)


def _events():
    rows = [place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}") for i, p in enumerate(SAMPLE_PLACES)]
    return events_from_rows(rows + with_movement())


def _off_machine(url: str) -> bool:
    u = url.strip().lower()
    if u.startswith(("data:", "#", "about:")):
        return False
    if u.startswith("//"):
        return True
    m = re.match(r"([a-z][a-z0-9+.-]*):", u)
    if not m:
        return False  # relative or absolute path on the serving host
    return not re.match(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/", u) and m.group(1) != "file"


def _collected_links(m: folium.Map) -> list[str]:
    """What streamlit-folium loads: every default_js/default_css of every element in the tree."""
    out, stack = [], [m]
    while stack:
        node = stack.pop()
        out += [u for _, u in getattr(node, "default_js", [])] + [u for _, u in getattr(node, "default_css", [])]
        stack.extend(getattr(node, "_children", {}).values())
    return out


def test_install_assets_copies_everything_and_is_idempotent(tmp_path: Path) -> None:
    assets.install_assets(tmp_path)
    files = assets.vendor_dir_files(tmp_path)
    assert all(f.is_file() and f.stat().st_size > 0 for f in files)
    assert (tmp_path / "vendor/leaflet/images/marker-icon.png").is_file()  # beside leaflet.css
    before = {f: f.stat().st_mtime_ns for f in files}
    assets.install_assets(tmp_path)
    assert {f: f.stat().st_mtime_ns for f in files} == before
    (tmp_path / "vendor/leaflet/leaflet.js").write_text("broken")
    assets.install_assets(tmp_path)
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_size > 100_000


def test_leaflet_css_finds_its_images_beside_it(tmp_path: Path) -> None:
    assets.install_assets(tmp_path)
    css = (tmp_path / "vendor/leaflet/leaflet.css").read_text()
    for ref in CSS_URL.findall(css):
        if not ref.startswith(("data:", "#")):
            assert (tmp_path / "vendor/leaflet" / ref).is_file(), ref


def test_rendered_export_loads_nothing_from_off_the_machine(tmp_path: Path) -> None:
    html = export.render_html(_events(), gazetteer=FakeGazetteer(), heat=True, playback=True)
    urls = URL_ATTR.findall(html) + CSS_URL.findall(html)
    assert urls, "the page loads no assets at all?"
    assert [u for u in urls if _off_machine(u)] == []
    assets.install_assets(tmp_path)
    for u in URL_ATTR.findall(html):
        assert (tmp_path / u.split("?")[0]).is_file(), u


def test_streamlit_links_point_at_static_serving() -> None:
    with assets.local_assets("/app/static/vendor"):
        m = mapbuild.base_map(_events(), gazetteer=FakeGazetteer())
        mapbuild.time_layers(_events(), gazetteer=FakeGazetteer(), playback=True).add_to(m)
        links = _collected_links(m)
        html = m.get_root().render()
    assert links and all(u.startswith("/app/static/vendor/") for u in links), links
    assert not [u for u in URL_ATTR.findall(html) if _off_machine(u)]
    for bad in ("bootstrap", "awesome", "fontawesome", "cdn.", "jquery.com"):
        assert bad not in " ".join(links)


def test_local_assets_restores_previous_links() -> None:
    before = (list(folium.Map.default_js), list(MarkerCluster.default_css))
    with assets.local_assets("/x"):
        assert folium.Map.default_js[0][1] == "/x/leaflet/leaflet.js"
    assert (folium.Map.default_js, MarkerCluster.default_css) == before


def test_online_tiles_only_when_switched_on() -> None:
    off = export.render_html(_events(), gazetteer=FakeGazetteer())
    on = export.render_html(_events(), gazetteer=FakeGazetteer(), online_tiles=True)
    assert "tile.openstreetmap.org" not in off
    assert "tile.openstreetmap.org" in on


def test_missing_xstatic_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "VENDOR_FILES", (("no_such_pkg", "x.js", "x/x.js"),))
    with pytest.raises(assets.AssetError, match="no_such_pkg"):
        assets.asset_sources()
