"""What keeps a Dask ingest fast on a small machine: the ingesting process (the pipeline's critical path:
it links and commits every batch) outranks its local workers for the CPU, and the command ends without
the interpreter's teardown."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from data.ingest.work import WORKER_NICE, YOUNG_OBJECTS, Extractor, extract_document, worker_nice
from data.load.documents import make_document
from data.model import Claim

ROOT = Path(__file__).resolve().parent.parent


def _claims(doc) -> list[Claim]:
    """A stand-in extractor (module level, so a worker can unpickle it)."""
    return [Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=5, text=doc.text[:5], date=None, date_text="",
                  date_precision="", published=doc.published, outlet=doc.outlet,
                  claimant=str(os.getpriority(os.PRIO_PROCESS, 0)))]  # the niceness of the thread extracting


def test_worker_niceness_setting(monkeypatch) -> None:
    monkeypatch.delenv("SITMAP_WORKER_NICE", raising=False)
    assert worker_nice() == WORKER_NICE > 0
    for value, want in (("0", 0), ("5", 5), ("40", 19), ("-3", 0), ("x", WORKER_NICE)):
        monkeypatch.setenv("SITMAP_WORKER_NICE", value)
        assert worker_nice() == want


@pytest.mark.slow
def test_local_workers_extract_at_a_lower_priority_than_the_ingesting_process(monkeypatch) -> None:
    """... and collect garbage less often, leaving what they hold at start out of the collector's passes."""
    monkeypatch.delenv("SITMAP_WORKER_NICE", raising=False)
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    want = min(19, mine + WORKER_NICE)
    docs = [(make_document(f"Article {i}. Troops were seen near Kyiv.", published=date(2024, 1, 1),
                           source_path=f"f#{i}"), f"k{i}") for i in range(6)]
    with Extractor(2, fn=partial(extract_document, extract=_claims)) as ex:
        ex._client.wait_for_workers(2, timeout=120)
        every_thread = ex._client.run(_thread_priorities)
        collector = ex._client.run(_collector)
        polls = ex._client.run(_polls)
        (_, results), = list(ex.run([docs]))
    assert len(every_thread) == 2
    assert all(set(p) == {want} for p in every_thread.values()), every_thread
    assert {r.claims.claims[0].claimant for r in results} == {str(want)}  # the task's own thread too
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # this process keeps its priority
    assert all(young == YOUNG_OBJECTS and frozen > 1000 for young, frozen in collector.values()), collector
    assert all(not limit and (every is None or every >= 5) for limit, every in polls.values()), polls


def _polls(dask_worker) -> tuple:
    """What a worker polls: its memory limit (none: no memory monitor), and its system monitor's interval (s)."""
    pc = dask_worker.periodic_callbacks.get("monitor")
    return dask_worker.memory_manager.memory_limit, pc.callback_time / 1000 if pc else None


def _collector() -> tuple[int, int]:
    import gc

    return gc.get_threshold()[0], gc.get_freeze_count()


def _thread_priorities() -> list[int]:
    return [os.getpriority(os.PRIO_PROCESS, int(t)) for t in os.listdir("/proc/self/task")]


def test_the_ingest_command_ends_without_the_interpreters_teardown(tmp_path) -> None:
    """Run as the ``sitmap`` script does (``__main__`` holds ``cli.main``): the report is printed and the exit
    status kept, but no teardown runs (an atexit handler stands for it). Run in-process, the command returns."""
    (tmp_path / "a.txt").write_text("Troops were seen near Kyiv on Monday.", encoding="utf-8")
    code = ("import atexit, sys; atexit.register(lambda: print('TEARDOWN', flush=True)); "
            "from cli import main; import __main__; __main__.main = main; "
            f"sys.exit(main(['ingest', {str(tmp_path / 'a.txt')!r}, '--store', {str(tmp_path / 's')!r}, '--quiet']))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "1 new; store" in out.stdout and "TEARDOWN" not in out.stdout
    missing = ("import atexit, sys; atexit.register(lambda: print('TEARDOWN', flush=True)); "
               "from cli import main; import __main__; __main__.main = main; "
               f"sys.exit(main(['ingest', {str(tmp_path / 'nope.json')!r}, '--store', {str(tmp_path / 's')!r}]))")
    out = subprocess.run([sys.executable, "-c", missing], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 1 and "TEARDOWN" not in out.stdout, (out.returncode, out.stderr[-2000:])

    from cli import main

    assert main(["ingest", str(tmp_path / "a.txt"), "--store", str(tmp_path / "s"), "--quiet"]) == 0


def test_an_ingest_collects_garbage_less_often_and_restores_the_collector_after(tmp_path, monkeypatch) -> None:
    import gc

    import data.ingest.batches as batches
    from data.ingest.run import YOUNG_OBJECTS, ingest_texts
    from data.store.store import Store

    seen = []
    commit = batches.commit_batch

    def spy(*args, **kwargs):
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
        return commit(*args, **kwargs)

    monkeypatch.setattr(batches, "commit_batch", spy)
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    ingest_texts([("a.txt", "Troops were seen near Kyiv on Monday.")], Store(tmp_path / "s"))
    assert seen and all(young == max(before[0], YOUNG_OBJECTS) and frozen > 1000 for young, frozen in seen), seen
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


@pytest.mark.slow
def test_a_local_cluster_takes_its_first_tasks_before_its_workers_have_joined() -> None:
    """The Extractor does not wait for a local cluster's workers: they are started after its plugins are
    registered, and the first batch is submitted while they start."""
    docs = [(make_document(f"Article {i}. Troops were seen near Kyiv.", published=date(2024, 1, 1),
                           source_path=f"f#{i}"), f"k{i}") for i in range(4)]
    with Extractor(2, fn=partial(extract_document, extract=_claims)) as ex:
        joined = len(ex._client.scheduler_info()["workers"])
        (_, results), = list(ex.run([docs]))
    assert joined < 2
    assert [r.doc_id for r in results] == [d.id for d, _ in docs] and all(r.claims for r in results)
