"""Word lists the recogniser uses to tell place names from people, organisations and
capitalised common words.

These are closed-class or near-closed-class lists (titles, speech verbs, corporate
suffixes, calendar words, frequent given names), not lists of corpus-specific
exceptions: each entry says something about the *context* of a name. The lists themselves
are data files in geo/tables/ (see PROVENANCE.md there); this module names them once.
"""

from __future__ import annotations

from functools import lru_cache

from geo.tables import mapping, words

TITLES: frozenset[str] = words("titles")  # "Senator Georgia": a person
SPEECH_VERBS: frozenset[str] = words("speech_verbs")  # "Kirby said"; "Kyiv says" (the one list)
# A place acting ("Pyongyang sent") stands for its government or people.
METONYMY_VERBS: frozenset[str] = SPEECH_VERBS | words("metonymy_verbs")
ORG_SUFFIXES: frozenset[str] = words("org_suffixes")  # "Goldman Sachs", "X Inc."
REGION_WORDS: dict[str, str] = mapping("region_words")  # "Kursk region" wants ADM1
GENERIC_REGION_WORDS: frozenset[str] = words("generic_region_words")  # "Coast Guard", "Federal Minister"
LOCATIVE_PREPS: frozenset[str] = words("locative_preps")  # "in Kursk", "near Kazan"
CALENDAR: frozenset[str] = words("calendar")  # never place names in running text
FUNCTION_WORDS: frozenset[str] = words("function_words")
FIRST_NAMES: frozenset[str] = words("first_names")  # "Lloyd Austin": a surname
PLACE_LIKE_FIRST_NAMES: frozenset[str] = words("place_like_first_names")  # "Paris Hilton"
NAME_PARTICLES: frozenset[str] = words("name_particles")  # "bin Salman", "van Gogh"
AUXILIARIES: frozenset[str] = words("auxiliaries")  # "Pyongyang has sent"
DIRECTIONS: frozenset[str] = words("directions")  # "eastern Ukraine"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent lowercase English words (wordfreq, Zipf >= 4.6), for sentence-initial and headline
    capitals: "Reading the report" is not Reading, England. Empty when wordfreq is missing."""
    from geo.wordfreqs import english_frequencies  # cached: no wordfreq import (geo.wordfreqs)

    freq = english_frequencies()
    return frozenset(w for w, f in freq.items() if f >= 10 ** (4.6 - 9) and w.isalpha())


def zipf(word: str) -> float:
    """Zipf frequency of a lowercase word (0 when unknown or wordfreq is missing)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return 0.0
    return zipf_frequency(word, "en")
