"""``sitmap correct``: corrections to places and dates, kept in ``<store>/corrections.csv``.

They are applied every time the store is read (dashboard, export-map), after the parser, so they win over it
even after a re-ingest. See ``data.view.corrections`` for the file format.

    sitmap correct not-a-place EU                      # "EU" is never a place
    sitmap correct candidates Kursk                    # the gazetteer's places called Kursk, with ids
    sitmap correct place Kursk 538555                  # this Kursk is the region (a gazetteer id or a name)
    sitmap correct pin "Camp Alpha" 51.2 35.3          # put it here
    sitmap correct date CLAIM_ID 2024-10-23            # the claim happened that day ("none": undated)
    sitmap correct list | undo ID | export FILE | import FILE
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _store(args: argparse.Namespace) -> Path:
    if args.store:
        return Path(args.store).expanduser()
    env = os.environ.get("SITMAP_STORE")
    if env:
        return Path(env)
    from data.store.store import default_store_path

    return Path(default_store_path())


def _say(msg: str) -> None:
    print(f"sitmap correct: {msg}", file=sys.stderr)


def _gazetteer():  # noqa: ANN202 - geo.gazetteer.Gazetteer
    from geo.gazetteer import default_gazetteer

    return default_gazetteer()


def _place_label(p: object) -> str:
    from data.view.names import country_name

    return (f"{p.id}\t{p.name}\t{p.feature_code}\t{country_name(p.country_code)}\t"  # type: ignore[attr-defined]
            f"{p.lat:.4f},{p.lon:.4f}\tpop {p.population:,}")  # type: ignore[attr-defined]


def _resolve_place(mention: str, target: str):  # noqa: ANN202 - a geo.model.Place or None
    gaz = _gazetteer()
    place = gaz.get(target)
    if place is None:
        found = gaz.lookup(target)
        place = found[0] if found else None
    return place


def _run(args: argparse.Namespace) -> int:
    from data.view import corrections as cx

    path = cx.corrections_path(_store(args))
    act = args.action
    try:
        if act == "list":
            items, errors = cx.load_corrections(path)
            for c in items:
                print(f"{c.id}\t{c.created}\t{c.describe()}")
            for e in errors:
                _say(f"skipped {e}")
            if not items:
                print(f"no corrections in {path}")
            return 0
        if act == "candidates":
            for p in cx.candidates(_gazetteer(), args.mention, limit=args.limit):
                print(_place_label(p))
            return 0
        if act == "undo":
            gone = cx.remove_correction(path, args.id)
            if gone is None:
                _say(f"no correction {args.id} in {path}")
                return 1
            print(f"removed {gone.id}: {gone.describe()}")
            return 0
        if act == "export":
            items, _ = cx.load_corrections(path)
            Path(args.file).write_text(cx.to_csv(items), encoding="utf-8")
            print(f"wrote {len(items)} correction(s) to {args.file}")
            return 0
        if act == "import":
            try:
                new, errors = cx.parse_rows(Path(args.file).read_text(encoding="utf-8-sig"), args.file)
            except OSError as exc:
                _say(f"cannot read {args.file}: {exc}")
                return 1
            for e in errors:
                _say(f"skipped {e}")
            added = cx.add_corrections(path, new)
            print(f"imported {len(added)} correction(s) into {path}")
            return 1 if errors else 0
        if act == "not-a-place":
            new = cx.Correction("not_a_place", mention=args.mention, doc_id=args.doc or "", note=args.note)
        elif act == "place":
            place = _resolve_place(args.mention, args.target)
            if place is None:
                _say(f"no gazetteer place {args.target!r} (try: sitmap correct candidates {args.mention!r})")
                return 1
            new = cx.from_place(place, args.mention, args.doc or "", args.note)
        elif act == "pin":
            new = cx.Correction("pin", mention=args.mention, doc_id=args.doc or "", lat=args.lat, lon=args.lon,
                                place_name=args.name or args.mention, note=args.note)
        else:  # date
            day = "" if args.date.lower() in ("none", "") else args.date
            new = cx.Correction("date", claim_id=args.claim_id, date=day, note=args.note)
        (added,) = cx.add_corrections(path, [new])
    except (ValueError, cx.CorrectionError) as exc:
        _say(str(exc))
        return 1
    print(f"{added.id}\t{added.describe()}\t({path})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("correct", help="correct places and dates (kept with the store, win over the parser)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", help="store folder (default: $SITMAP_STORE or the cache's default store)")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--doc", help="only in this article (doc id); default: in every article")
    common.add_argument("--note", default="", help="why (kept in the file)")
    a = acts.add_parser("not-a-place", parents=[common], help="a name the parser took for a place is not one")
    a.add_argument("mention")
    a = acts.add_parser("place", parents=[common], help="the mention is another gazetteer place")
    a.add_argument("mention")
    a.add_argument("target", help="gazetteer id (see 'candidates') or a place name")
    a = acts.add_parser("pin", parents=[common], help="the mention is at LAT LON")
    a.add_argument("mention")
    a.add_argument("lat", type=float)
    a.add_argument("lon", type=float)
    a.add_argument("--name", help="the name to show (default: the mention)")
    a = acts.add_parser("date", help="the claim happened on DATE (YYYY-MM-DD, or 'none')")
    a.add_argument("claim_id")
    a.add_argument("date")
    a.add_argument("--note", default="")
    a = acts.add_parser("candidates", help="the gazetteer's places for a name, with ids")
    a.add_argument("mention")
    a.add_argument("--limit", type=int, default=12)
    acts.add_parser("list", help="the store's corrections")
    a = acts.add_parser("undo", help="remove a correction by id")
    a.add_argument("id")
    a = acts.add_parser("export", help="write the corrections to a CSV file")
    a.add_argument("file")
    a = acts.add_parser("import", help="add the corrections of a CSV file")
    a.add_argument("file")
    p.set_defaults(func=_run)
