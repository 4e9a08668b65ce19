"""``sitmap gazetteer build|info`` and ``sitmap geocode QUERY [--all]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _print(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _gazetteer(args: argparse.Namespace) -> Any:
    from geo.exc import OverrideError
    from geo.gazetteer import default_gazetteer, open_gazetteer
    from geo.overrides import load_overrides

    if not getattr(args, "overrides", None):
        return default_gazetteer()
    try:
        ov = load_overrides(args.overrides)
    except OverrideError as exc:
        raise SystemExit(f"sitmap: {exc}") from exc
    for err in ov.errors:
        print(f"sitmap: overrides: skipped {err}", file=sys.stderr)
    return open_gazetteer(overrides=ov)


def _build(args: argparse.Namespace) -> int:
    from geo.build import build_index
    from geo.gazetteer import index_dir, is_stale

    directory = Path(args.dir) if args.dir else index_dir()
    why = is_stale(directory)
    if not why and not args.force:
        print(f"sitmap: gazetteer index in {directory} is current (use --force to rebuild)", file=sys.stderr)
        return 0
    print(f"sitmap: building the gazetteer index in {directory} ({why or 'forced'})", file=sys.stderr)
    _print({"directory": str(directory), **build_index(directory)})
    return 0


def _info(args: argparse.Namespace) -> int:
    from geo.gazetteer import index_dir, is_stale

    directory = Path(args.dir) if args.dir else index_dir()
    why = is_stale(directory)
    meta: dict[str, Any] = {}
    if (directory / "meta.json").exists():
        try:
            meta = json.loads((directory / "meta.json").read_text("utf-8"))
        except ValueError:
            why = why or "unreadable metadata"
    _print({"directory": str(directory), "current": not why, "stale_because": why or None, **meta})
    return 0 if not why else 1


def _geocode(args: argparse.Namespace) -> int:
    from geo.geocoder import OfflineGeocoder

    offline = OfflineGeocoder(_gazetteer(args))
    if args.online:
        from geo.online import FallbackGeocoder

        geocoder = FallbackGeocoder(offline=offline, timeout=args.timeout)
        found = geocoder.geocode(args.query, exactly_one=not args.all)
        found = [found] if found is not None and not isinstance(found, list) else (found or [])
        for rank, loc in enumerate(found, 1):
            _print({"rank": rank, "address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                    "raw": loc.raw})
        return 0 if found else 1
    from geo.geocoder import place_raw

    cands = offline.candidates(args.query, country_codes=args.country or None,
                               limit=None if args.all else (args.limit or 1))
    for rank, c in enumerate(cands, 1):
        _print({"rank": rank, **place_raw(c.place, c.score, c.why)})
    if not cands:
        print(f"sitmap: no place found for {args.query!r}", file=sys.stderr)
    return 0 if cands else 1


def register(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("gazetteer", help="build or describe the offline gazetteer index")
    gsub = g.add_subparsers(dest="gazetteer_command", metavar="ACTION", required=True)
    b = gsub.add_parser("build", help="compile the gazetteer index from the installed data packages")
    b.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    b.add_argument("--dir", help="index directory (default $SITMAP_CACHE/gazetteer)")
    b.set_defaults(func=_build)
    i = gsub.add_parser("info", help="counts, sources and versions, build date (exit 1 when stale)")
    i.add_argument("--dir", help="index directory (default $SITMAP_CACHE/gazetteer)")
    i.set_defaults(func=_info)

    c = sub.add_parser("geocode", help="resolve a place name; prints JSON lines of candidates")
    c.add_argument("query", help='a place name, optionally qualified: "Moscow, Idaho"')
    c.add_argument("--all", action="store_true", help="print every candidate, best first")
    c.add_argument("--limit", type=int, default=0, help="print at most this many candidates")
    c.add_argument("--country", action="append", help="only candidates in this ISO country (repeatable)")
    c.add_argument("--overrides", help="CSV/GeoJSON of extra or corrected places (default $SITMAP_OVERRIDES)")
    c.add_argument("--online", action="store_true", help="ask Nominatim first (cached), offline on failure")
    c.add_argument("--timeout", type=float, default=5.0, help="online timeout in seconds")
    c.set_defaults(func=_geocode)
