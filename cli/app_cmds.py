"""``sitmap dashboard``: start the Streamlit app (on the seeds unless told otherwise)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def _dashboard(args: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(args.port),
           "--server.address", args.address]
    env = dict(os.environ)
    if args.store:
        env["SITMAP_STORE"] = str(Path(args.store).expanduser().resolve())
    if args.corpus:
        env["SITMAP_CORPUS"] = str(Path(args.corpus).expanduser().resolve())
    return subprocess.call(cmd, cwd=APP.parent, env=env)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.add_argument("--store", help="store folder (default: $SITMAP_STORE or the cache's default store)")
    p.add_argument("--corpus", help="folder of articles ingested into an empty store (default: seeds/)")
    p.set_defaults(func=_dashboard)
