"""Place names in Cyrillic text (Russian, Ukrainian): found, lemmatised, romanised, looked up.

The gazetteer and the automaton hold Latin names, so "в Курске", "у Києві", "Курской области"
would give nothing. Russian and Ukrainian inflect names ("Курске" is the locative of "Курск"),
so each capitalised Cyrillic word is lemmatised (Russian: pymorphy3 with the OpenCorpora
dictionary, where places carry the tag Geox; Ukrainian, whose PyPI dictionary is GPL: the case
endings of nouns undone by rule, "Києві" -> "Київ", "Одесі" -> "Одеса"), romanised (Russian:
iuliia's Wikipedia scheme, the spelling English news and the gazetteer use; Ukrainian: the
official national system of 2010, "Київ" -> "Kyiv"), and looked up. An adjective before "область"/"край"/"район" names a region
("Курской области" -> "Kurskaya oblast" -> Kursk Oblast). The result is ordinary candidate
spans (``RawSpan``) whose ``lookup`` is the Latin name, so recognition and resolution treat
them like any other name; offsets stay those of the Cyrillic text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from geo.recognize import NAME, Entry, RawSpan

_UP = "А-ЯЁІЇЄҐ"
_LOW = "а-яёіїєґ'’ʼ"
_WORD = re.compile(rf"[{_UP}][{_LOW}]+(?:-(?:[{_LOW}]+-)*[{_UP}]?[{_LOW}]+)*")
_REGION = re.compile(rf"([{_UP}][{_LOW}-]+)\s+(област[{_LOW}]*|кра[{_LOW}]*|район[{_LOW}]*|округ[{_LOW}]*)",
                     re.IGNORECASE)
_REGION_WORD = {"област": "oblast", "кра": "krai", "район": "raion", "округ": "okrug"}
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010): the spelling of
# Ukrainian places in English news ("Kyiv", "Zaporizhzhia"). Word-initial forms differ for є ї й ю я.
_UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
       "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanise_uk(word: str) -> str:
    """Ukrainian to Latin by the national system ("Запоріжжя" -> "Zaporizhzhia")."""
    out = []
    initial = True
    for ch in word:
        low = ch.lower()
        if low in _UK:
            lat = _UK_INITIAL.get(low, _UK[low]) if initial else _UK[low]
            if low == "г" and out and out[-1].lower().endswith("z"):
                lat = "gh"  # "зг" is "zgh" so it does not read as "zh"
            out.append(lat.capitalize() if ch.isupper() else lat)
            initial = False
        else:
            out.append(ch)
            initial = not ch.isalpha()
    return "".join(out)


def romanise_ru(word: str) -> str:
    """Russian to Latin as English Wikipedia spells it ("Суджа" -> "Sudzha")."""
    import iuliia

    return iuliia.WIKIPEDIA.translate(word)


_MORPH: dict[str, Any] = {}
_LOCK = threading.Lock()

# Ukrainian noun case endings -> the nominative endings they may come from ("Одесі" -> "Одеса",
# "Запоріжжі" -> "Запоріжжя", "Харкова" -> "Харків" via the і/о alternation below).
_UK_ENDINGS = (("ові", ("",)), ("еві", ("",)), ("єві", ("",)), ("ою", ("а",)), ("ею", ("я", "а")), ("єю", ("я",)),
               ("ії", ("ія",)), ("ію", ("ія",)), ("ією", ("ія",)), ("ом", ("",)), ("ем", ("",)), ("ів", ("и",)),
               ("жжі", ("жжя",)), ("і", ("а", "я", "о", "")), ("и", ("а",)), ("у", ("", "а")), ("ю", ("я", "")),
               ("а", ("", "о")), ("я", ("", "ь")), ("е", ("о",)))
_UK_ADJ = (("ській", "ська"), ("ської", "ська"), ("ську", "ська"), ("ською", "ська"), ("цькій", "цька"),
           ("цької", "цька"), ("цьку", "цька"), ("цькою", "цька"), ("ій", "а"), ("ої", "а"), ("у", "а"), ("ою", "а"))


def _analyser() -> Any:
    """pymorphy3's Russian analyser, loaded once (about 0.1 s)."""
    m = _MORPH.get("ru")
    if m is None:
        with _LOCK:
            m = _MORPH.get("ru")
            if m is None:
                import pymorphy3

                m = _MORPH["ru"] = pymorphy3.MorphAnalyzer(lang="ru")
    return m


def _uk_lemmas(word: str) -> list[str]:
    """Nominatives a Ukrainian noun form may come from: the word, endings undone, and the
    vowel that alternates in a closed last syllable restored ("Києва" -> "Київ", "Львова" -> "Львів")."""
    out = [word]
    low = word.lower()
    for end, repl in _UK_ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 2:
            out.extend(word[:-len(end)] + r for r in repl)
    for form in list(out):
        for a, b in (("ов", "ів"), ("ев", "ів"), ("єв", "їв"), ("ор", "ір"), ("ол", "іл"), ("од", "ід")):
            if form.endswith(a) and len(form) > 3:
                out.append(form[:-2] + b)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1 << 14)
def readings(word: str) -> tuple[str, ...]:
    """Latin names ``word`` may be a form of, likeliest first: Russian lemmas tagged as places,
    other Russian noun lemmas, then Ukrainian nominatives by rule; each romanised the way its
    language is."""
    geo: list[str] = []
    other: list[str] = []
    if not _UKRAINIAN_ONLY.search(word):
        for p in _analyser().parse(word):
            tag = str(p.tag)
            if "NOUN" not in tag and "UNKN" not in tag:
                continue
            lemma = p.normal_form
            if "-" in word:  # "Ростов-на-Дону": keep the written capitals
                lemma = "-".join(w.capitalize() if w[:1].isalpha() and len(w) > 2 else w for w in lemma.split("-"))
            else:
                lemma = lemma.capitalize()
            (geo if "Geox" in tag else other).append(romanise_ru(lemma))
        other.append(romanise_ru(word))
    uk = [romanise_uk(w) for w in _uk_lemmas(word)]
    return tuple(r for r in dict.fromkeys([*geo, *other, *uk]) if len(r) >= 3)


@lru_cache(maxsize=1 << 12)
def region_readings(adjective: str, kind: str) -> tuple[str, ...]:
    """"Курской" + "области" -> ("Kurskaya oblast", ...): the adjective in the nominative of the
    region word's gender, romanised, with the region word (Russian by pymorphy3, Ukrainian by rule)."""
    word = _REGION_WORD.get(next((k for k in _REGION_WORD if kind.lower().startswith(k)), ""), "")
    if not word:
        return ()
    gender = "femn" if word == "oblast" else "masc"
    out = []
    if not _UKRAINIAN_ONLY.search(adjective):
        for p in _analyser().parse(adjective):
            if "ADJF" not in str(p.tag):
                continue
            f = p.inflect({gender, "nomn"})
            if f is not None:
                out.append(f"{romanise_ru(f.word.capitalize())} {word}")
    if word == "oblast":
        low = adjective.lower()
        for end, nom in _UK_ADJ:
            if low.endswith(end):
                out.append(f"{romanise_uk(adjective[:-len(end)] + nom)} {word}")
                break
        else:
            out.append(f"{romanise_uk(adjective)} {word}")
    return tuple(dict.fromkeys(out))


def cyrillic_spans(text: str, known: Callable[[str], float]) -> list[RawSpan]:
    """Candidate spans for the Cyrillic place names of ``text``; ``known(name)`` is the best prior
    of the gazetteer's places with that Latin name (0 for none): of a word's readings the one
    naming the likeliest place wins ("Києві" is Kyiv, not Kyi in Myanmar, though "кий" is a word).
    Regions ("Курской области") first, then single names."""
    if not HAS_CYRILLIC.search(text):
        return []
    out: list[RawSpan] = []
    taken: list[tuple[int, int]] = []
    for m in _REGION.finditer(text):
        if not m.group(1)[0].isupper():
            continue
        for name in region_readings(m.group(1), m.group(2)):
            if known(name):
                out.append(RawSpan(m.start(), m.end(), m.group(0), name, (Entry("name", rule="cyrillic"),)))
                taken.append((m.start(), m.end()))
                break
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        best, best_prior = "", 0.0
        for name in readings(m.group(0)):
            v = known(name)
            if v > best_prior:
                best, best_prior = name, v
        if best:
            out.append(RawSpan(m.start(), m.end(), m.group(0), best, (NAME,)))
    return sorted(out, key=lambda s: s.start)


def merge(spans: list[RawSpan], more: list[RawSpan]) -> list[RawSpan]:
    """``spans`` plus those of ``more`` that overlap none of them, by offset."""
    taken = [(s.start, s.end) for s in spans]
    extra = [m for m in more if not any(m.start < b and a < m.end for a, b in taken)]
    return sorted(spans + extra, key=lambda s: (s.start, -s.end)) if extra else spans
