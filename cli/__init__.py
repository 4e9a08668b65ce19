"""The ``sitmap`` command line: one dispatcher, one module per command family.

Each family module exposes ``register(subparsers)`` and sets ``func`` on its parsers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Arrow's buffers (the gazetteer's tables, the store's query results, pandas 3's string columns) from
# the C library's allocator instead of pyarrow's bundled mimalloc, which kept what a batch freed for
# later Arrow allocations: a 3,000-article serial ingest peaked at 0.92 GB instead of 1.03 GB (old and
# new code side by side), at the same speed. Read by pyarrow when it is first imported (below, by the command), and passed on to
# the Dask workers a command starts; a value the user set wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

COMMANDS: dict[str, str] = {
    "gazetteer": "cli.geo_cmds",
    "geocode": "cli.geo_cmds",
    "geoparse": "cli.geoparse_cmd",
    "timex": "cli.timex_cmd",
    "claims": "cli.claims_cmd",
    "attribution": "cli.attribution_cmd",
    "ingest": "cli.ingest_cmd",
    "reextract": "cli.store_cmds",
    "status": "cli.store_cmds",
    "export-map": "cli.layer_cmds",
    "dashboard": "cli.app_cmds",
    "correct": "cli.correct_cmd",
}
"""Which family module registers each command: only the one asked for is imported, so a
command does not pay for the start-up of the others (pandas, folium, streamlit)."""

FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(families: Sequence[str] = FAMILIES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitmap", description="Offline situation map for the news.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in families:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser((COMMANDS[first],) if first in COMMANDS else FAMILIES)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from data.store.store import StoreError  # imported here: most commands never touch the store

        if isinstance(exc, StoreError):  # a damaged or busy store: say which, no traceback
            print(f"sitmap: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
