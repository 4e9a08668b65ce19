"""Which alternate names of a populated place are worth indexing.

GeoNames alternate names carry junk a news geoparser must not see: translations of a city's
name into English words ("White House" for Casablanca), another, bigger place's name
("Liverpool" listed for a small Washington), a macro-region's name ("Middle East" for a US
village), a bare generic word ("Valley" for The Valley, Anguilla). The rules here are general
(no per-name list) and pure, so the build and the tests share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from geo.normalize import name_key

GENERIC_ZIPF = 4.0  # an English word at least this frequent is generic ("valley", "house", "fire")
_TOKEN = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return {}
    return get_frequency_dict("en", wordlist="small")


def is_generic(words: Iterable[str], zipf: float = GENERIC_ZIPF) -> bool:
    """True when every word is a frequent English word (and there is at least one)."""
    freq = _frequencies()
    floor = 10 ** (zipf - 9)
    words = list(words)
    return bool(words) and all(freq.get(w, 0.0) >= floor for w in words)


def main_name_sizes(places: Iterable[tuple[str, int]]) -> dict[str, int]:
    """name_key of each place's main name -> the largest population among places so named."""
    out: dict[str, int] = {}
    for name, pop in places:
        k = name_key(name)
        if k and out.get(k, -1) < pop:
            out[k] = pop
    return out


def keep_alternate(alt: str, name: str, population: int, sizes: Mapping[str, int]) -> bool:
    """Whether ``alt`` may find the place called ``name`` (population ``population``).

    Dropped: another place's main name when that place is bigger (it owns the name); an
    alternate made only of frequent English words that shares no word with the main name
    (a translation such as "White House", or a bare "Valley"). Kept: forms of the own name
    ("Salt Lake" for Salt Lake City) and every alternate of a distinct spelling ("Kiev").
    """
    key = name_key(alt)
    own = name_key(name)
    if not key or key == own:
        return True
    if sizes.get(key, -1) > population:
        return False
    words = _TOKEN.findall(key)
    if set(words) <= set(_TOKEN.findall(own)):
        return True
    return not (is_generic(words) and not set(words) & set(_TOKEN.findall(own)))
