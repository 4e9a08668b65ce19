"""Where the bench scripts find text: the development corpora when they are at hand, else the seeds.

The eval corpora live outside the repository (``$SITMAP_EVAL``, or a ``shared/eval`` folder beside any
folder above the checkout), so a worktree or a clean clone resolves them the same way; without them the
scripts still run, on the seed articles, and say so.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def eval_dir() -> Path | None:
    """The development corpora folder, or None when it cannot be found."""
    env = os.environ.get("SITMAP_EVAL", "").strip()
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return None


def eval_files(*names: str) -> list[Path]:
    """The named eval corpora that exist (empty when the folder is missing)."""
    d = eval_dir()
    return [d / n for n in names if (d / n).is_file()] if d else []


def seed_texts() -> list[str]:
    """The text of every seed article."""
    return [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def jsonl_texts(files: list[Path]) -> list[str]:
    """``text`` of every record of the given JSONL files; the seeds when none is given."""
    if not files:
        print("bench: eval corpora not found (set SITMAP_EVAL); using the seed articles", file=sys.stderr)
        return seed_texts()
    return [json.loads(line)["text"] for f in files for line in Path(f).read_text("utf-8").split("\n")
            if line.strip()]
