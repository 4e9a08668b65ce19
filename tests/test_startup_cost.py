"""What every ``sitmap ingest`` run and every Dask worker pays before its first document: the gazetteer's
keys found without building a dict, the English word list without importing wordfreq, the CLI's
ingest path without the dashboard's libraries, and local workers forked with the engine loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

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
    for words in (["valley"], ["white", "house"], ["kursk"], [], ["gulf"], ["the", "zzzq"]):
        assert is_generic(words) == altnames.is_generic(words)
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
