"""The places layer's data as the browser receives it: rows, not GeoJSON features.

A slider step re-sends the places layer (Streamlit sends a component's arguments whole on every run), and as
GeoJSON each place cost ~330 bytes, two thirds of them the same keys and wrappers repeated ("type": "Feature",
"geometry", "properties", the colour string). ``pack_places`` writes one array per place under a list of the
property names (``PLACE_KEYS``) and a colour palette; ``sitmap-places.js`` unpacks it back into the features
it always read (and still takes an unpacked FeatureCollection). Nothing is dropped: same places, same values.
"""

from __future__ import annotations

from typing import Any

PLACE_KEYS = ("id", "name", "prec", "approx", "cc", "group", "color", "n", "outlets", "corr", "conflict", "t",
              "items", "region")
_FLAGS = ("approx", "conflict")


def pack_places(payload: dict[str, Any]) -> dict[str, Any]:
    """A places FeatureCollection (``layers.features.PlaceLayerData.to_payload``) as packed rows:
    ``[lon, lat, *properties in PLACE_KEYS order]``, flags as 0/1, colours as indexes into ``colors``."""
    if payload.get("type") != "FeatureCollection":
        return payload  # already packed, or not a places payload
    colors: dict[str, int] = {}
    rows = []
    for f in payload.get("features", []):
        p = f["properties"]
        row: list[Any] = list(f["geometry"]["coordinates"][:2])
        for k in PLACE_KEYS:
            v = p.get(k)
            if k in _FLAGS:
                v = 1 if v else 0
            elif k == "color":
                v = colors.setdefault(str(v), len(colors))
            row.append(v)
        rows.append(row)
    rest = {k: v for k, v in payload.items() if k not in ("type", "features")}
    return {"packed": list(PLACE_KEYS), "colors": list(colors), "rows": rows, **rest}


def unpack_places(packed: dict[str, Any]) -> dict[str, Any]:
    """The inverse of ``pack_places`` (what the browser does; for tests and tools)."""
    if "packed" not in packed:
        return packed
    keys, colors = packed["packed"], packed["colors"]
    features = []
    for row in packed["rows"]:
        p = dict(zip(keys, row[2:], strict=True))
        for k in _FLAGS:
            p[k] = bool(p[k])
        p["color"] = colors[p["color"]]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": row[:2]}, "properties": p})
    rest = {k: v for k, v in packed.items() if k not in ("packed", "colors", "rows")}
    return {"type": "FeatureCollection", "features": features, **rest}
