"""User overrides: extra or corrected places, and names that are not places.

A newsroom knows things no gazetteer does (a training camp's coordinates, that "Bucha"
in its beat means the Ukrainian town, that "Reading" is not a place in its copy). An
overrides file states them and takes precedence over the index. Formats:

- CSV with a header: ``name`` (required), ``lat``, ``lon``, ``country_code``, ``feature_code``
  (default PPL), ``precision`` (default from the feature code), ``id`` (an existing
  gazetteer id corrects that place; default ``ovr:<name>``), ``aliases`` ("|"-separated),
  ``population``, ``not_a_place`` (1/true: the name and aliases resolve to nothing).
- GeoJSON FeatureCollection: the same keys in ``properties``; a Point or (Multi)Polygon
  geometry gives the coordinates and, for areas, the outline.

Bad rows are reported in ``Overrides.errors`` (file and row) and skipped; the rest load.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.exc import OverrideError
from geo.model import PRECISIONS, Place
from geo.normalize import name_key

ENV_VAR = "SITMAP_OVERRIDES"
_TRUE = {"1", "true", "yes", "y", "x"}
_PRECISION_OF = {"PCLI": "country", "ADM1": "admin", "RGN": "vague", "CONT": "vague"}


@dataclass(frozen=True)
class Overrides:
    """Parsed overrides: places by name key, blocked name keys, and per-row errors."""

    places: tuple[Place, ...] = ()
    names: tuple[tuple[str, str], ...] = ()  # (surface, place id)
    blocked: frozenset[str] = frozenset()
    blocked_names: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    by_key: dict[str, tuple[Place, ...]] = field(default_factory=dict, compare=False, repr=False)
    by_id: dict[str, Place] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.places or self.blocked)

    def apply(self, name: str, places: list[Place]) -> list[Place]:
        """The gazetteer's answer for ``name`` with overrides first and corrections swapped in."""
        key = name_key(name)
        if key in self.blocked:
            return []
        mine = self.by_key.get(key, ())
        seen = {p.id for p in mine}
        rest = [self.by_id.get(p.id, p) for p in places if p.id not in seen]
        return [*mine, *rest]


def _f(v: Any, what: str) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        raise ValueError(f"{what} is not a number: {v!r}") from None


def _place(props: dict[str, Any], lat: Any, lon: Any, geometry: Any = None) -> Place:
    name = str(props.get("name") or "").strip()
    if not name:
        raise ValueError("missing name")
    la, lo = _f(lat, "lat"), _f(lon, "lon")
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise ValueError(f"coordinates out of range: {la}, {lo}")
    fcode = str(props.get("feature_code") or "PPL").strip().upper()
    precision = str(props.get("precision") or _PRECISION_OF.get(fcode, "point")).strip().lower()
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    pop = props.get("population") or 0
    return Place(id=str(props.get("id") or f"ovr:{name_key(name).replace(' ', '-')}"), name=name, lat=la,
                 lon=lo, country_code=str(props.get("country_code") or "").strip().upper(),
                 feature_code=fcode, precision=precision, admin1=str(props.get("admin1") or ""),
                 population=int(_f(pop, "population")), approximate=False, geometry=geometry)


def _aliases(props: dict[str, Any]) -> list[str]:
    raw = props.get("aliases") or ()
    items = raw.split("|") if isinstance(raw, str) else list(raw)
    return [str(a).strip() for a in items if str(a).strip()]


def _rows_csv(path: Path) -> Iterable[tuple[str, dict[str, Any], Any, Any, Any]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise OverrideError(f"{path}: a CSV overrides file needs a header with a 'name' column")
        for n, row in enumerate(reader, start=2):
            yield f"{path}:{n}", row, row.get("lat"), row.get("lon"), None


def _rows_geojson(path: Path) -> Iterable[tuple[str, dict[str, Any], Any, Any, Any]]:
    from shapely.geometry import shape

    with open(path, encoding="utf-8") as fh:
        try:
            doc = json.load(fh)
        except ValueError as exc:
            raise OverrideError(f"{path}: not valid JSON: {exc}") from exc
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list):
        raise OverrideError(f"{path}: a GeoJSON overrides file must be a FeatureCollection")
    for n, feat in enumerate(feats):
        where = f"{path}: feature {n}"
        props = dict((feat or {}).get("properties") or {}) if isinstance(feat, dict) else {}
        try:
            geom = shape(feat["geometry"]) if isinstance(feat, dict) and feat.get("geometry") else None
        except Exception as exc:  # shapely raises several types for bad input
            yield where, {"_error": f"bad geometry: {exc}"}, None, None, None
            continue
        if geom is None or geom.is_empty:
            yield where, props, props.get("lat"), props.get("lon"), None
        elif geom.geom_type == "Point":
            yield where, props, geom.y, geom.x, None
        else:
            p = geom.representative_point()
            yield where, props, props.get("lat", p.y), props.get("lon", p.x), geom


def load_overrides(path: str | os.PathLike[str]) -> Overrides:
    """Parse an overrides file (CSV or GeoJSON); a missing or unreadable file is an OverrideError."""
    path = Path(path)
    if not path.is_file():
        raise OverrideError(f"overrides file not found: {path}")
    is_json = path.suffix.lower() in (".json", ".geojson")
    rows = _rows_geojson(path) if is_json else _rows_csv(path)
    places: list[Place] = []
    names: list[tuple[str, str]] = []
    blocked: list[str] = []
    errors: list[str] = []
    try:
        for where, props, lat, lon, geom in rows:
            if "_error" in props:
                errors.append(f"{where}: {props['_error']}")
                continue
            surfaces = [str(props.get("name") or "").strip(), *_aliases(props)]
            if str(props.get("not_a_place") or "").strip().lower() in _TRUE:
                blocked += [s for s in surfaces if s]
                continue
            try:
                p = _place(props, lat, lon, geom)
            except ValueError as exc:
                errors.append(f"{where}: {exc}")
                continue
            places.append(p)
            names += [(s, p.id) for s in surfaces if s]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise OverrideError(f"{path}: cannot read overrides: {exc}") from exc
    return make_overrides(places, names, blocked, errors)


def make_overrides(places: Iterable[Place], names: Iterable[tuple[str, str]] = (),
                   blocked: Iterable[str] = (), errors: Iterable[str] = ()) -> Overrides:
    """Build the lookup tables (also for callers that make overrides in code)."""
    places = tuple(places)
    names = tuple(names) or tuple((p.name, p.id) for p in places)
    by_id = {p.id: p for p in places}
    by_key: dict[str, list[Place]] = {}
    for surface, pid in names:
        lst = by_key.setdefault(name_key(surface), [])
        if by_id[pid] not in lst:
            lst.append(by_id[pid])
    blocked = tuple(blocked)
    return Overrides(places=places, names=names, blocked=frozenset(name_key(b) for b in blocked),
                     blocked_names=blocked, errors=tuple(errors),
                     by_key={k: tuple(v) for k, v in by_key.items()}, by_id=by_id)


def overrides_from_env() -> Overrides | None:
    """Overrides named by ``$SITMAP_OVERRIDES`` (None when unset)."""
    path = os.environ.get(ENV_VAR, "").strip()
    return load_overrides(path) if path else None
