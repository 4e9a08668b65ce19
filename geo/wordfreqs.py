"""English word frequencies (wordfreq's "small" list), loaded without importing wordfreq.

The geoparser asks whether a capitalised word is a frequent English word ("Reading the report",
"the Gulf") in nearly every document. Importing wordfreq to answer (it pulls in langcodes, ftfy,
regex and locate) costs ~0.1 CPU-s in every process that geoparses: each CLI run and each Dask
worker, in its first document. The dict it returns is kept as a pickle in the engine cache
(``$SITMAP_CACHE/engine``), keyed by wordfreq's data file, and loads in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from geo.picklecache import load_or_build

LIST = ("en", "small")
GENERIC_ZIPF = 4.0
"""An English word at least this frequent is generic ("valley", "house", "fire")."""


def _build() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return {}
    return get_frequency_dict(LIST[0], wordlist=LIST[1])


def _data_key() -> str | None:
    """What the list depends on: wordfreq's data file and code (found without importing wordfreq);
    None when they cannot be found (then the list is built, not cached)."""
    try:
        spec = importlib.util.find_spec("wordfreq")
        init = Path(spec.origin) if spec is not None and spec.origin else None
        if init is None:
            return None
        data = init.parent / "data" / f"{LIST[1]}_{LIST[0]}.msgpack.gz"
        parts = [str(data), Path(__file__).read_text(encoding="utf-8")]
        for f in (data, init):
            st = f.stat()
            parts += [str(st.st_size), str(st.st_mtime_ns)]
    except (ImportError, ValueError, OSError):
        return None
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """Word -> frequency, as ``wordfreq.get_frequency_dict("en", wordlist="small")`` gives it ({} without wordfreq)."""
    key = _data_key()
    if key is None:
        return _build()
    from geo.gazetteer import cache_dir

    return load_or_build(cache_dir() / "engine" / f"wordfreq-{key}.pickle", _build,
                         lambda found: found if isinstance(found, dict) else None)


def is_generic(words: Iterable[str], zipf: float = GENERIC_ZIPF) -> bool:
    """True when every word is a frequent English word (and there is at least one): the parser's test of a
    capitalised word and the gazetteer build's test of an alternate name (``geo.altnames``)."""
    freq = english_frequencies()
    floor = 10 ** (zipf - 9)
    words = list(words)
    return bool(words) and all(freq.get(w, 0.0) >= floor for w in words)
