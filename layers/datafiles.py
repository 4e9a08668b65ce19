"""A map's static data as cacheable script files: the dashboard's base map sends no megabytes on a rerun.

Streamlit re-sends a component's whole arguments on every run, so a base map whose country outlines, borders
and town names sit inline in its script costs its full size on each slider step, although the browser only
ever runs that script once. ``externalize`` writes the large payloads of a map's ``SitmapElement``s to one file
named by their content hash (``<static>/data/<hash>.js``, setting ``window.sitmapData[hash]`` for each), lists
the file in the elements' ``default_js`` (which streamlit-folium loads before running the map's script) and
renders each element with a reference to its data: the script shrinks to a few kilobytes and the data is
fetched once over HTTP, where the browser can cache it. An HTML export never calls this (its data stays inline).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from layers.elements import sitmap_elements

MIN_BYTES = 20_000  # payloads below this stay inline (a file per legend is not worth a request)
KEEP_FILES = 64  # data files kept in the folder (the newest; older maps' files go)
KEEP_JSON = 256  # on-demand files (``publish_json``): more than the dashboard's cached views (32), so a cached
# view's file is never pruned while that view can still be drawn
DATA_DIR = "data"


def data_ref(key: str) -> str:
    """The JavaScript expression an externalized element renders instead of its payload."""
    return f'window.sitmapData["{key}"]'


def _write(path: Path, text: str) -> None:
    """Atomically: a browser never fetches half a file, two sessions writing the same file agree."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".js")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(tmp, 0o644)  # served as a static file, like the rest of vendor/
    os.replace(tmp, path)


def _prune(folder: Path, keep: int, pattern: str = "*.js") -> None:
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def externalize(root: Any, static_dir: Path, base_url: str, min_bytes: int | None = None) -> Path | None:
    """Move the payloads of ``root``'s elements (a folium map or layer) of at least ``min_bytes`` into one file
    under ``static_dir/data/`` served at ``base_url/data/`` (one request: streamlit-folium loads its scripts
    one after another); returns the file, or None when no payload is that large (see the module doc)."""
    min_bytes = MIN_BYTES if min_bytes is None else min_bytes
    big = [el for el in sitmap_elements(root) if not el.external and len(el.payload_json) >= min_bytes]
    if not big:
        return None
    keys = [_key(el.payload_json) for el in big]
    name = _key(" ".join(keys))
    folder = Path(static_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.js"
    if not path.exists():
        _write(path, "window.sitmapData = window.sitmapData || {};\n" + "".join(
            f'window.sitmapData["{k}"] = {el.payload_json};\n' for k, el in zip(keys, big, strict=True)))
    else:
        path.touch()  # in use again: not the next one pruned
    link = (f"sitmap_data_{name}", f"{base_url.rstrip('/')}/{DATA_DIR}/{name}.js")
    for k, el in zip(keys, big, strict=True):
        el.externalize(data_ref(k), link)
    _prune(folder, KEEP_FILES)
    return path


def publish_json(text: str, static_dir: Path, base_url: str) -> str:
    """Write ``text`` (JSON) to a file named by its hash under ``static_dir/data/`` and return its URL under
    ``base_url``: data the browser fetches only when it needs it (a places layer's popup claims,
    ``layers.elements.PlacesLayer``), so a slider step does not carry it."""
    folder = Path(static_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{_key(text)}.json"
    path = folder / name
    if path.exists():
        path.touch()
    else:
        _write(path, text)
        _prune(folder, KEEP_JSON, "*.json")
    return f"{base_url.rstrip('/')}/{DATA_DIR}/{name}"
