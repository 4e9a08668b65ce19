"""The command line's choice of Arrow allocator (``cli/__init__.py``): the system's, unless the user chose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = "import cli, pyarrow as pa; print(pa.default_memory_pool().backend_name)"


def _pool(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env={**base, **env}, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def test_commands_allocate_arrow_buffers_with_the_system_allocator() -> None:
    assert _pool() == "system"


def test_a_pool_the_user_chose_wins() -> None:
    assert _pool(ARROW_DEFAULT_MEMORY_POOL="mimalloc") == "mimalloc"
