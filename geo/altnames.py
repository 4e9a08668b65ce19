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

from geo.normalize import name_key
from geo.wordfreqs import GENERIC_ZIPF, is_generic  # noqa: F401 - one rule for the build and the parser

_TOKEN = re.compile(r"[a-z]+")


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
