"""The README's ``sitmap dashboard`` as a child process on a free loopback port, for the browser tests and
``bench/bench_app.py``: one place that knows how to start it, wait until Streamlit answers, and stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 240  # first start builds the gazetteer index (before the server listens) and the store


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = START_TIMEOUT) -> None:
    """Return once Streamlit's health endpoint answers ``ok``; raise if the process exits or time runs out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def start(env: dict[str, str], log: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``sitmap dashboard`` with ``env`` added to this process's environment, output appended to ``log``;
    returns the process and its URL once it is healthy."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "cli", "dashboard", "--headless", "--port", str(port), "--address", "127.0.0.1"]
    with log.open("a") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_healthy(url, proc)
    except BaseException:
        stop(proc)
        raise
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server, killing it if it does not exit within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def dashboard(env: dict[str, str], log: Path) -> Iterator[str]:
    """``sitmap dashboard`` for the duration of a ``with`` block; yields its URL."""
    proc, url = start(env, log)
    try:
        yield url
    finally:
        stop(proc)
