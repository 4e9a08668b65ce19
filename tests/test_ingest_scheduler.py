"""The README's "Scaling out" recipe end to end: ``dask scheduler`` and ``dask worker`` started from the
command line (as on other hosts), ``sitmap ingest --scheduler tcp://...`` pointed at them, and the store it
leaves equal to a serial ingest's, with the extraction done on the worker, not in the ingesting process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fixtures import SEEDS

from data.ingest.run import ingest
from data.store.store import Store
from tests.served import free_port, stop

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def _dask(*args: str, log: Path) -> subprocess.Popen:
    exe = shutil.which("dask") or pytest.skip("the dask command line is not installed")
    with log.open("w") as out:
        return subprocess.Popen([exe, *args], stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and one single-threaded worker, each its own process, on free local ports."""
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = _dask("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard",
                      log=tmp_path / "scheduler.log")
    worker = None
    try:
        from distributed import Client

        worker = _dask("worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                       log=tmp_path / "worker.log")
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                stop(proc)


def test_ingest_on_a_running_cluster_stores_what_a_serial_ingest_does(tmp_path: Path, cluster: str,
                                                                        monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")  # 5 seeds: three batches, here and in the CLI it starts
    out = subprocess.run([sys.executable, "-m", "cli", "ingest", str(SEEDS), "--store", str(tmp_path / "remote"),
                          "--scheduler", cluster], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "5 document(s) read, 5 new" in out.stdout, out.stdout

    from distributed import Client

    with Client(cluster, timeout="30s") as client:  # the worker ran the extraction tasks, one per batch or more
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert sum(executed.values()) >= 3, executed

    serial, remote = Store(tmp_path / "serial"), Store(tmp_path / "remote")
    ingest([SEEDS], serial)
    assert serial.documents() == remote.documents() and serial.cached_claims() == remote.cached_claims()
    assert serial.claims() == remote.claims() and len(serial.claims()) > 10
    pd.testing.assert_frame_equal(serial.events(), remote.events())
