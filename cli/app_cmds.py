"""``sitmap dashboard``: start the Streamlit app (on the seeds unless told otherwise)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def _dashboard(args: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(args.port),
           "--server.address", args.address]
    return subprocess.call(cmd, cwd=APP.parent)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dashboard", help="start the Streamlit dashboard")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    p.set_defaults(func=_dashboard)
