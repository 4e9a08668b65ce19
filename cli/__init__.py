"""The ``sitmap`` command line: one dispatcher, one module per command family.

Each family module exposes ``register(subparsers)`` and sets ``func`` on its parsers;
a family whose module is missing simply contributes no commands.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

FAMILIES = (
    "cli.geo_cmds",
    "cli.geoparse_cmd",
    "cli.timex_cmd",
    "cli.claims_cmd",
    "cli.ingest_cmd",
    "cli.layer_cmds",
    "cli.app_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitmap", description="Offline situation map for the news.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in FAMILIES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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


if __name__ == "__main__":
    sys.exit(main())
