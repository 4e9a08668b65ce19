"""``sitmap export-map PATH... OUT.html``: ingest PATH into a store, write a standalone map.

The store defaults to one per set of input paths under the cache (``$SITMAP_CACHE/stores/``),
so exporting the same files again re-uses their claims; ``--store`` picks another one.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path


def _default_store(paths: list[Path]) -> Path:
    from data.store.store import cache_root

    key = hashlib.sha1("\n".join(sorted(str(p.resolve()) for p in paths)).encode("utf-8")).hexdigest()[:12]
    return cache_root() / "stores" / f"export-{key}"


def _progress(done: int, total: int, label: str) -> None:
    line = f"{label[:60]}: {done}/{total}"
    print("\r" + line.ljust(79), end="" if done < total else "\n", file=sys.stderr, flush=True)


def _export(args: argparse.Namespace) -> int:
    from data.ingest.run import ensure_current
    from data.store.store import Store
    from layers.export import export_map

    *inputs, out = args.paths
    if not inputs:
        print("export-map: give at least one input path and the output .html", file=sys.stderr)
        return 2
    out_path = Path(out)
    if out_path.suffix.lower() not in (".html", ".htm"):
        print(f"export-map: the last argument is the output and must end in .html (got {out})", file=sys.stderr)
        return 2
    paths = [Path(p) for p in inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"export-map: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    store = Store(Path(args.store) if args.store else _default_store(paths))
    report = ensure_current([str(p) for p in paths], store, None if args.quiet else _progress)
    if report is not None:
        for f in report.failed:
            from data.ingest.isolate import one_line

            print(f"export-map: could not read {one_line(f.path)}: {one_line(f.error, 2000)}", file=sys.stderr)
    from data.view.corrections import apply_corrections, corrections_path, load_corrections

    fixes, _ = load_corrections(corrections_path(store.path))  # the store's corrections win here too
    events = apply_corrections(store.events(), fixes)
    export_map(events, out_path, color_by=args.color_by, basis=args.basis, online_tiles=args.online_tiles,
               playback=not args.no_playback)
    located = int((events["place_id"] != "").sum()) if len(events) else 0
    print(f"wrote {out_path} ({out_path.stat().st_size:,} bytes) with {len(events)} events "
          f"({located} located) and its assets in {out_path.parent / 'vendor'}")
    return 1 if report is not None and report.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-map", help="write a standalone offline HTML map of the given articles",
                       description="Ingest PATH... and write OUT.html plus a vendor/ folder beside it.")
    p.add_argument("paths", nargs="+", metavar="PATH... OUT.html", help="input files or folders, then the output")
    p.add_argument("--store", help="store folder to use (default: one per input set in the cache)")
    p.add_argument("--color-by", choices=("claimant", "kind"), default="claimant")
    p.add_argument("--basis", choices=("event", "published"), default="event",
                   help="date the playback runs over")
    p.add_argument("--online-tiles", action="store_true", help="add OpenStreetMap tiles (needs a network)")
    p.add_argument("--no-playback", action="store_true", help="leave out the time playback control")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=_export)
