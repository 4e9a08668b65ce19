"""A standalone HTML map: the page plus a ``vendor/`` folder of its JS/CSS, no network needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from layers.assets import install_assets, local_assets
from layers.elements import sitmap_elements
from layers.mapbuild import build_map


def render_html(events: pd.DataFrame | None, base_url: str = "vendor", **opts: Any) -> str:
    """The whole map as one HTML string whose assets live under ``base_url``."""
    with local_assets(base_url):
        m = build_map(events, **opts)
        m.get_root().title = "sitmap"
        data = {el.defer(): el.payload_json for el in sitmap_elements(m)}
        html = m.get_root().render()
    for token, payload in data.items():
        if html.count(token) != 1:
            raise RuntimeError(f"export: data placeholder {token} rendered {html.count(token)} times")
        html = html.replace(token, payload)
    return html


def export_map(events: pd.DataFrame | None, path: str | os.PathLike[str], **opts: Any) -> Path:
    """Write the map to ``path`` (HTML) and its assets to ``vendor/`` beside it; returns the path."""
    out = Path(path)
    if out.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"export_map: {out} should end in .html")
    out.parent.mkdir(parents=True, exist_ok=True)
    install_assets(out.parent)
    html = render_html(events, "vendor", **opts)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out
