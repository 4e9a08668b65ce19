"""What every ``sitmap ingest`` run and every Dask worker pays before its first document: the gazetteer's
keys found without building a dict, the English word list without importing wordfreq, the CLI's
ingest path without the dashboard's libraries, and local workers forked with the engine loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from data.store.store import Store
from geo.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _python(code: str, timeout: float = 300) -> str:
    """Run ``code`` in a fresh interpreter at the repository root; its stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_gazetteer_keys_are_found_by_bisection() -> None:
    gaz = default_gazetteer()
    keys = gaz._keys
    assert isinstance(keys, list) and keys == sorted(keys)  # geo.build writes them sorted
    for k in (0, 1, len(keys) // 2, len(keys) - 1):
        assert gaz._key_index(keys[k]) == k
    mid = keys[len(keys) // 2]
    for missing in ("", mid + "\0", "\U0010ffff"):
        assert gaz._key_index(missing) is None
    assert gaz.lookup("Moscow") and gaz.lookup("no such place qq") == []


def test_the_english_word_list_is_wordfreqs_and_loads_without_importing_it() -> None:
    from wordfreq import get_frequency_dict

    from geo import altnames
    from geo.wordfreqs import english_frequencies, is_generic

    assert english_frequencies() == get_frequency_dict("en", wordlist="small")  # also saves it in the cache
    assert altnames.is_generic is is_generic  # the gazetteer build and the parser share one rule
    out = _python("""
        import sys
        from geo.stoplists import common_words
        from geo.parse.score import is_generic
        assert "reading" in common_words() and is_generic(["valley"])
        print(sorted(m for m in ("wordfreq", "langcodes", "ftfy") if m in sys.modules))
    """)
    assert out.strip() == "[]"


def test_the_ingest_command_imports_no_dashboard_or_cluster_library() -> None:
    out = _python("""
        import sys
        from cli import build_parser
        build_parser(("cli.ingest_cmd",))
        import data.ingest.run, data.claims.extract
        print(sorted(m for m in ("streamlit", "folium", "shapely", "dask", "distributed", "branca", "altair")
                     if m in sys.modules))
    """)
    assert out.strip() == "[]"


def test_with_workers_the_worker_server_starts_before_the_store_libraries_load() -> None:
    """``sitmap ingest --workers N`` starts the forkserver first thing (it loads the engine while the CLI
    imports pandas and DuckDB and reads the files), with the environment a nanny gives a worker."""
    out = _python("""
        import json, multiprocessing, os, sys
        from multiprocessing import forkserver
        import cli.ingest_cmd
        heavy = sorted(m for m in ("pandas", "duckdb", "data.ingest.run", "data.store.store") if m in sys.modules)
        cli.ingest_cmd.local_workers(type("Args", (), {"workers": 2, "scheduler": None})())
        started = forkserver._forkserver._forkserver_pid is not None
        with multiprocessing.get_context("forkserver").Pool(1) as pool:  # a process forked from that server
            env = pool.map(os.getenv, ["PYTHONHASHSEED", "OMP_NUM_THREADS"])
        print(json.dumps([heavy, started, *env]))
    """)
    assert json.loads(out.strip().splitlines()[-1]) == [[], True, "6640", "1"]



def test_the_worker_server_is_asked_for_before_distributed_is_imported() -> None:
    """Importing ``distributed`` (and the numpy, pandas and lz4 its ``get_mp_context`` imports) delayed the
    server's start by 0.5-0.8 s; the environment given to the server is still the nanny's setting, read from
    ``distributed``'s defaults without importing it, and later ``distributed`` finds the same context with the
    server running and the CLI's method and preload."""
    out = _python("""
        import json, sys
        from multiprocessing import forkserver
        from cli.workers import PRELOAD, fork_local_workers, pre_spawn_environ
        assert fork_local_workers()
        early = sorted(m for m in ("distributed", "numpy", "pandas") if m in sys.modules)
        running = forkserver._forkserver._forkserver_pid is not None
        env = pre_spawn_environ()
        import dask
        from distributed.utils import get_mp_context
        nanny = {k: str(v) for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items()}
        ctx = get_mp_context()
        same = (ctx is __import__("multiprocessing").get_context("forkserver")
                and dask.config.get("distributed.worker.multiprocessing-method") == "forkserver")
        print(json.dumps([early, running, same, {k: v for k, v in env.items() if k != "PYTHONHASHSEED"} == nanny]))
    """)
    assert json.loads(out.strip().splitlines()[-1]) == [[], True, True, True]

@pytest.mark.slow
def test_cli_local_workers_fork_with_the_engine_loaded_and_store_the_same(tmp_path: Path) -> None:
    """``sitmap ingest --workers 2``: workers forked from a server that loaded the engine (so none loads
    it itself), and the store equals a serial ingest's."""
    out = _python("""
        import json, os, sys
        from functools import partial

        def preloaded():
            import geo.geoparse as gp
            pre = sys.modules.get("cli.worker_preload")
            return pre is not None and pre.LOADED_BY not in (None, os.getpid()) and gp._ENGINE is not None

        from cli.workers import fork_local_workers
        from data.claims.extract import extract_claims
        from data.ingest.work import Extractor, extract_document

        assert fork_local_workers()
        with Extractor(2, fn=partial(extract_document, extract=extract_claims)) as ex:
            ex._client.wait_for_workers(2, timeout=120)  # they join as they start
            print(json.dumps(sorted(ex._client.run(preloaded).values())))
    """)
    assert json.loads(out.strip().splitlines()[-1]) == [True, True]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SITMAP_INGEST_BATCH": "2"}
    for name, extra in (("serial", []), ("dask", ["--workers", "2"])):
        subprocess.run([sys.executable, "-m", "cli", "ingest", str(SEEDS), "--store", str(tmp_path / name), "--quiet",
                        *extra], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)
    serial, dask = Store(tmp_path / "serial"), Store(tmp_path / "dask")
    assert serial.documents() == dask.documents() and serial.cached_claims() == dask.cached_claims()
    assert serial.claims() == dask.claims() and len(serial.claims()) > 10
