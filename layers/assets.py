"""Local copies of every JS/CSS file the map loads, so it renders with no network.

The files come from the XStatic packages at run time (never copied into the repository):
``install_assets(static_dir)`` copies them into ``static_dir/vendor/`` and
``use_local_assets(base_url)`` points folium's ``default_js``/``default_css`` at that
folder as served (``"/app/static/vendor"`` under Streamlit, ``"vendor"`` beside an HTML
export). Bootstrap, awesome-markers and font-awesome are dropped: we draw plain Leaflet
markers and DivIcons.
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import folium
from folium.plugins import FastMarkerCluster, MarkerCluster

from layers import elements

OWN_STATIC = Path(__file__).resolve().parent / "static"

# (xstatic package, file inside its data/ dir, destination inside vendor/)
VENDOR_FILES: tuple[tuple[str, str, str], ...] = (
    ("leaflet", "leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet", "images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet", "images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet", "images/layers.png", "leaflet/images/layers.png"),
    ("leaflet", "images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("jquery", "jquery.min.js", "jquery/jquery.min.js"),
    ("leaflet_markercluster", "leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet_markercluster", "MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet_markercluster", "MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
)
OWN_FILES: tuple[tuple[str, str], ...] = (
    ("sitmap.js", "sitmap/sitmap.js"),
    ("sitmap-places.js", "sitmap/sitmap-places.js"),
    ("sitmap-controls.js", "sitmap/sitmap-controls.js"),
    ("sitmap-basemap.js", "sitmap/sitmap-basemap.js"),
    ("sitmap.css", "sitmap/sitmap.css"),
)


class AssetError(RuntimeError):
    """A packaged asset is missing (the XStatic package is not installed)."""


def _xstatic_dir(package: str) -> Path:
    try:
        mod = importlib.import_module(f"xstatic.pkg.{package}")
    except ImportError as exc:
        raise AssetError(f"xstatic package {package!r} is not installed (pip install -e .)") from exc
    return Path(mod.BASE_DIR)


def asset_sources() -> list[tuple[Path, str]]:
    """Every (source file, destination relative to vendor/) the map needs."""
    out = [(_xstatic_dir(pkg) / src, dest) for pkg, src, dest in VENDOR_FILES]
    out += [(OWN_STATIC / src, dest) for src, dest in OWN_FILES]
    return out


def _same(src: Path, dst: Path) -> bool:
    if not dst.is_file():
        return False
    a, b = src.stat(), dst.stat()
    return a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime)


def install_assets(static_dir: Path) -> None:
    """Copy the map's JS/CSS/images into ``static_dir/vendor/`` (idempotent, cheap when current)."""
    vendor = Path(static_dir) / "vendor"
    for src, rel in asset_sources():
        if not src.is_file():
            raise AssetError(f"asset missing: {src}")
        dst = vendor / rel
        if _same(src, dst):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(dst.name + ".tmp")
        shutil.copy2(src, tmp)
        tmp.replace(dst)


def _url(base_url: str, rel: str) -> str:
    return f"{base_url.rstrip('/')}/{rel}" if base_url else rel


@lru_cache(maxsize=8)
def _own_version(name: str, mtime_ns: int) -> str:
    return hashlib.sha1((OWN_STATIC / name).read_bytes()).hexdigest()[:10]


def _versioned(rel: str) -> str:
    """Our own files change between versions: a content hash in the URL defeats stale caches."""
    name = rel.rsplit("/", 1)[-1]
    src = OWN_STATIC / name
    return f"{rel}?v={_own_version(name, src.stat().st_mtime_ns)}"


def asset_links(base_url: str) -> dict[str, list[tuple[str, str]]]:
    """The ``default_js``/``default_css`` lists for each element kind, served from ``base_url``."""
    u = lambda rel: _url(base_url, _versioned(rel) if rel.startswith("sitmap/") else rel)  # noqa: E731
    return {
        "map_js": [("leaflet", u("leaflet/leaflet.js")), ("jquery", u("jquery/jquery.min.js"))],
        "map_css": [("leaflet_css", u("leaflet/leaflet.css"))],
        "cluster_js": [("markerclusterjs", u("markercluster/leaflet.markercluster.js"))],
        "cluster_css": [("markerclustercss", u("markercluster/MarkerCluster.css")),
                        ("markerclusterdefaultcss", u("markercluster/MarkerCluster.Default.css"))],
        "sitmap_js": [("sitmap_js", u("sitmap/sitmap.js")), ("sitmap_places_js", u("sitmap/sitmap-places.js")),
                      ("sitmap_controls_js", u("sitmap/sitmap-controls.js")),
                      ("sitmap_basemap_js", u("sitmap/sitmap-basemap.js"))],
        "sitmap_css": [("sitmap_css", u("sitmap/sitmap.css"))],
    }


def _targets() -> list[tuple[type, tuple[str, ...], tuple[str, ...]]]:
    """(class, js keys, css keys): every element class whose assets we serve."""
    out: list[tuple[type, tuple[str, ...], tuple[str, ...]]] = [
        (folium.Map, ("map_js",), ("map_css",)),
        (MarkerCluster, ("cluster_js",), ("cluster_css",)),
        (FastMarkerCluster, ("cluster_js",), ("cluster_css",)),
    ]
    out += [(cls, cls.asset_js_keys, cls.asset_css_keys) for cls in elements.SITMAP_ELEMENTS]
    return out


def _apply(links: dict[str, list[tuple[str, str]]]) -> None:
    for cls, js_keys, css_keys in _targets():
        cls.default_js = [pair for key in js_keys for pair in links[key]]
        cls.default_css = [pair for key in css_keys for pair in links[key]]


def use_local_assets(base_url: str) -> None:
    """Point every folium class we use at assets under ``base_url`` (process-wide)."""
    _apply(asset_links(base_url))


def current_links() -> dict[type, tuple[list, list]]:
    """Snapshot of the classes' current links (to restore after a temporary switch)."""
    return {cls: (list(cls.default_js), list(cls.default_css)) for cls, _, _ in _targets()}


@contextmanager
def local_assets(base_url: str) -> Iterator[None]:
    """Use ``base_url`` for assets inside the block, then restore the previous links."""
    saved = current_links()
    use_local_assets(base_url)
    try:
        yield
    finally:
        for cls, (js, css) in saved.items():
            cls.default_js, cls.default_css = js, css


def vendor_dir_files(static_dir: Path) -> list[Path]:
    """The files ``install_assets(static_dir)`` writes (for checks and tests)."""
    vendor = Path(static_dir) / "vendor"
    return [vendor / rel for _, rel in asset_sources()]
