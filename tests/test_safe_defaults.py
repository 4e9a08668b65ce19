"""Safe defaults of both launchers: loopback only, no usage statistics, no external-IP lookup at start.

A real ``streamlit run app.py`` is started with every proxy variable pointing at a loopback listener, so
any HTTP request Streamlit makes at start (its external-IP lookup asks checkip.amazonaws.com) would reach
that listener; the test asserts none did and that the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from tests.served import free_port
from tests.served import stop as stop_server

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_config_binds_loopback_and_gathers_nothing() -> None:
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert cfg["server"]["address"] == "127.0.0.1"
    assert cfg["browser"]["gatherUsageStats"] is False
    # a full collection after every run walked the whole server heap: a third of its CPU with ten sessions at once
    assert cfg["runner"]["postScriptGC"] is False
    assert cfg["server"]["headless"] is True


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                found.add(addr)
    return found


@pytest.mark.parametrize("cwd", ["repo", "elsewhere"])
def test_streamlit_run_listens_on_loopback_and_contacts_nobody(cwd: str, tmp_path: Path) -> None:
    trap = socket.socket()
    trap.bind(("127.0.0.1", 0))
    trap.listen(8)
    trap.settimeout(0.2)
    hits: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                conn, _ = trap.accept()
            except OSError:
                continue
            hits.append("connection")
            conn.close()

    threading.Thread(target=watch, daemon=True).start()
    proxy = f"http://127.0.0.1:{trap.getsockname()[1]}"
    port = free_port()
    env = {**os.environ, "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy, "http_proxy": proxy, "https_proxy": proxy,
           "NO_PROXY": "", "no_proxy": "", "SITMAP_STORE": str(tmp_path / "store")}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT if cwd == "repo" else tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "URL:" in line:
                break
        out = "".join(lines)
        assert f"URL: http://127.0.0.1:{port}" in out, out
        assert "External URL" not in out and "Network URL" not in out, out
        for _ in range(50):
            addrs = _listening_addresses(port)
            if addrs:
                break
            time.sleep(0.1)
        time.sleep(1.5)  # room for a late lookup to show up at the trap
        assert addrs == {"0100007F"}, f"listening on {addrs} (hex /proc/net addresses), expected 127.0.0.1 only"
        assert not hits, "Streamlit made an HTTP request at start"
    finally:
        stop.set()
        stop_server(proc)
        trap.close()
