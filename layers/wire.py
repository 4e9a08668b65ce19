"""The places layer's data as the browser receives it: rows, not GeoJSON features.

A slider step re-sends the places layer (Streamlit sends a component's arguments whole on every run), and as
GeoJSON each place cost ~330 bytes, two thirds of them the same keys and wrappers repeated ("type": "Feature",
"geometry", "properties", the colour string). ``pack_places`` writes one array per place under a list of the
property names (``PLACE_KEYS``) and a colour palette; ``sitmap-places.js`` unpacks it back into the features
it always read (and still takes an unpacked FeatureCollection). Nothing is dropped: same places, same values.
Region outlines (Polygon, MultiPolygon; already rounded to 2-3 decimals by ``layers.regions``) travel as
integer deltas at that precision (``pack_geometry``): about half the digits, the same vertices.
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
    if rest.get("outlines"):
        rest["outlines"] = [pack_geometry(g) for g in rest["outlines"]]
    return {"packed": list(PLACE_KEYS), "colors": list(colors), "rows": rows, **rest}


_SCALES = (1, 10, 100, 1000, 10000, 100000)


def _scale(rings: list[list[list[float]]]) -> int | None:
    """The smallest power of ten that makes every coordinate an integer (None: more than 5 decimals)."""
    for scale in _SCALES:
        if all(abs(c * scale - round(c * scale)) < 1e-6 for ring in rings for pt in ring for c in pt[:2]):
            return scale
    return None


def _delta(ring: list[list[float]], scale: int) -> list[int]:
    out: list[int] = []
    px = py = 0
    for pt in ring:
        x, y = round(pt[0] * scale), round(pt[1] * scale)
        out += (x - px, y - py)
        px, py = x, y
    return out


def pack_geometry(geom: dict | None) -> dict | None:
    """A Polygon or MultiPolygon as ``{"type", "scale", "d"}``: each ring a flat list of integer deltas
    (x0, y0, x1 - x0, y1 - y0, ...) of the coordinates times ``scale``; anything else unchanged."""
    if not geom or geom.get("type") not in ("Polygon", "MultiPolygon"):
        return geom
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    scale = _scale([ring for poly in polys for ring in poly])
    if scale is None:
        return geom
    d = [[_delta(ring, scale) for ring in poly] for poly in polys]
    return {"type": geom["type"], "scale": scale, "d": d if geom["type"] == "MultiPolygon" else d[0]}


def unpack_geometry(geom: dict | None) -> dict | None:
    """The inverse of ``pack_geometry`` (what the browser does)."""
    if not geom or "d" not in geom:
        return geom
    scale = geom["scale"]

    def ring(d: list[int]) -> list[list[float]]:
        out, x, y = [], 0, 0
        for i in range(0, len(d), 2):
            x, y = x + d[i], y + d[i + 1]
            out.append([x / scale, y / scale])
        return out

    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in poly] for poly in geom["d"]]}
    return {"type": "Polygon", "coordinates": [ring(r) for r in geom["d"]]}


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
    if rest.get("outlines"):
        rest["outlines"] = [unpack_geometry(g) for g in rest["outlines"]]
    return {"type": "FeatureCollection", "features": features, **rest}
