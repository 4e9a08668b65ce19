"""A map's static data as cacheable script files: the dashboard's base map sends no megabytes on a rerun.

Streamlit re-sends a component's whole arguments on every run, so a base map whose country outlines, borders
and town names sit inline in its script costs its full size on each slider step, although the browser only
ever runs that script once. ``externalize`` writes each large payload of a map's ``SitmapElement``s to a file
named by its content hash (``<static>/data/<hash>.js``, setting ``window.sitmapData[hash]``), lists the file in
the element's ``default_js`` (which streamlit-folium loads before running the map's script) and renders the
element with a reference to it: the script shrinks to a few kilobytes and the data is fetched once over HTTP,
where the browser can cache it. An HTML export never calls this (its data stays inline).
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


def _prune(folder: Path, keep: int) -> None:
    files = sorted(folder.glob("*.js"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def externalize(root: Any, static_dir: Path, base_url: str, min_bytes: int | None = None) -> list[Path]:
    """Move the payloads of ``root``'s elements (a folium map or layer) of at least ``min_bytes`` into files
    under ``static_dir/data/`` served at ``base_url/data/``; returns the files (see the module doc)."""
    min_bytes = MIN_BYTES if min_bytes is None else min_bytes
    folder = Path(static_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for el in sitmap_elements(root):
        if el.external or len(el.payload_json) < min_bytes:
            continue
        key = hashlib.sha256(el.payload_json.encode("utf-8")).hexdigest()[:24]
        path = folder / f"{key}.js"
        if not path.exists():
            _write(path, f"(window.sitmapData = window.sitmapData || {{}})[\"{key}\"] = {el.payload_json};\n")
        else:
            path.touch()  # in use again: not the next one pruned
        el.externalize(data_ref(key), (f"sitmap_data_{key}", f"{base_url.rstrip('/')}/{DATA_DIR}/{key}.js"))
        written.append(path)
    _prune(folder, max(KEEP_FILES, len(written)))
    return written
