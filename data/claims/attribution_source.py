"""The source noun phrase of a cue: the words before it ("Gov. Abbott said") or after it ("said the governor",
"according to the campaign").

Written without a parser: from the cue outwards, skip auxiliaries, adverbs and time phrases, then take
a head (a name, a pronoun or a source noun from ``data/tables/attribution_nouns.csv``) and grow it over the
words a noun phrase is made of (names, titles, "of", "for", possessives), so that "Clinton's
campaign" and "a spokesman for the Department of Justice" stay whole. Sentence adverbs and
function words ("Now", "But") and lone demonyms ("Syrian") are never a source.
"""

from __future__ import annotations

import re
from functools import cache

from data.claims.attribution_cues import source_nouns


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Del|Atty)\.|(?:[A-Z]\.){1,3}(?![a-z])"
    r"|''|[\w][\w.’'&-]*[\w’']|[\w]|[^\w\s]"
)
PERSONAL = _words("he she they it we i you")
RELATIVE = _words("who which that")
_SKIP = _words("""has have had also then later earlier previously recently once repeatedly publicly privately reportedly
    still even just again already now often long would will could may might should can did does do not n't
    never always first further himself herself itself themselves separately similarly frequently
    yesterday today tonight is are was were neither nor didn't didn’t doesn't doesn’t don't don’t wouldn't
    wouldn’t won't won’t can't can’t cannot hasn't hasn’t haven't haven’t""")
_FUNCTION = _words("""the a an and but or so yet now then thus still however meanwhile also as if when while though although
    because since after before in on at for with by from to of that this these those there here what which who
    it its he she they we i you his her their our my your not no yes well instead indeed moreover
    furthermore again later earlier today yesterday tonight amid among despite even just only once perhaps maybe one""")
_MODIFIERS = _words("""former acting deputy senior top chief press national campaign presidential vice white house state federal
    local regional foreign senate house democratic republican political communications policy senior
    spokesman spokeswoman spokesperson chief's""")
_LINKS = _words("of for at to")
_BOUNDARY = frozenset(["“", "”", '"', "''", ":", ";", "—", "–", "―", "--", "("])
_DETERMINERS = _words("the a an his her their its our my your this that these those")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Z0-9.&-]{1,9}\)")
_RAISING = _words("appeared appears appear seemed seems seem went goes continued continues continue "
                  "wanted wants want tried tries try")
_QUANTIFIERS = _words("another one two three some many most several few all both each every other")


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of ``text[lo:hi]`` with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NUMBER = re.compile(r"\d[\d,.]*")
_LOWER_WORD = re.compile(r"[a-z][a-z’'-]*")
_NP_WORD = re.compile(r"[a-z][\w’'-]*|\d[\d,.]*")
_LOWER_HEAD = re.compile(r"[a-z][\w’'-]*")
_UPPER_HEAD = re.compile(r"[A-Z][\w’'-]*")


def _core(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


_CALENDAR = _words("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""")


def _name_like(word: str) -> bool:
    return word[:1].isupper() and _core(word) not in _FUNCTION and _core(word) not in _CALENDAR


def _nounish(word: str) -> bool:
    return _core(word) in source_nouns() or word.lower() in source_nouns()


def _head_ok(word: str) -> bool:
    low = word.lower()
    return low in PERSONAL or low in RELATIVE or _name_like(word) or _nounish(word)


def _joins(low: str, left: str, right: str) -> bool:
    """Whether a link word inside a noun phrase joins its two sides ("spokesman for Clinton", "Smith and Jones")."""
    if low in _LINKS:
        return _name_like(left) or _nounish(left)
    return low == "and" and _name_like(left) and _name_like(right)


@cache
def _demonyms() -> frozenset[str]:
    from geo.recognize import load_demonyms  # the geoparser's demonym table ("Syrian", "Russians")

    return frozenset(load_demonyms())


def _lone_demonym(word: str) -> bool:
    """An adjective of nationality ("Syrian") is no source alone; a plural people ("Russians") is."""
    forms = _demonyms()
    return word in forms and not (word.endswith("s") and word[:-1] in forms)


def acceptable(phrase: str) -> bool:
    """Whether a phrase can be a source: not a fragment ("Now I"), a lone demonym ("Syrian") or a function word."""
    words = phrase.split()
    if not words:
        return False
    if len(words) == 1:
        w = words[0]
        if w.lower() in PERSONAL or w.lower() in RELATIVE:
            return True
        if _lone_demonym(w):
            return False
        return _head_ok(w) and _core(w) not in _FUNCTION
    if _core(words[0]) in _FUNCTION - _DETERMINERS - _QUANTIFIERS:
        return False
    return any(_head_ok(w) for w in words)


def _skip_back(toks: list[tuple[int, int, str]], i: int) -> int:
    """Index of the last token before ``i`` (inclusive) that is not an auxiliary, adverb or parenthesis."""
    while i >= 0:
        w = toks[i][2]
        if w == ")":  # "(D-Mo.)", "(R-Wis.)"
            j = i
            while j >= 0 and toks[j][2] != "(":
                j -= 1
            if j < 0:
                return i
            i = j - 1
        elif w.lower() in _SKIP or (w.endswith("ly") and w.islower() and len(w) > 4):
            i -= 1
        elif w.lower() == "to" and i and toks[i - 1][2].lower() in _RAISING:  # "appeared to suggest"
            i -= 2
        elif w.lower() in _CALENDAR:  # "Putin on Thursday didn't deny"
            i -= 2 if i and toks[i - 1][2].lower() in ("on", "last", "this", "next", "late", "early") else 1
        else:
            return i
    return i


def _np_start(toks: list[tuple[int, int, str]], i: int) -> int:
    """Index of the first token of the noun phrase whose head is token ``i``."""
    j = i - 1
    first = i
    while j >= 0:
        tw = toks[j][2]
        low = tw.lower()
        if tw == ")":
            k = _skip_back(toks, j)
            if k == j:
                break
            j = k
            continue
        if _name_like(tw) or _nounish(tw) or low in _MODIFIERS or tw in ("&", "-") or low.endswith(("'s", "’s")) \
                or _NUMBER.fullmatch(tw):
            first = j
        elif low in _DETERMINERS or low in _QUANTIFIERS:
            if low == "the" and j >= 2 and toks[j - 1][2].lower() in _LINKS and (
                    _name_like(toks[j - 2][2]) or _nounish(toks[j - 2][2])):
                first = j  # "a spokesman for the Department of Justice": the noun phrase goes on
                j -= 1
                continue
            return j
        elif j - 1 >= 0 and _joins(low, toks[j - 1][2], toks[j + 1][2]):
            first = j
        else:
            break
        j -= 1
    return first


def _common_np(toks: list[tuple[int, int, str]], i: int) -> int | None:
    """Start index of a lower-case noun phrase ending at ``i`` ("the book", "top black lawmakers"),
    accepted only when a determiner or a clause boundary stands right before it."""
    j = i
    while j >= 0 and i - j < 5:
        tw = toks[j][2]
        low = tw.lower()
        if low in _DETERMINERS or low in _QUANTIFIERS or (j < i and low.endswith(("'s", "’s"))):
            return j  # "the book", "one slide", "Ukraine's military intelligence"
        if j < i and (_name_like(tw) or (low == "of" and j and _nounish(toks[j - 1][2]))):
            j -= 1  # "The Russian pro-Kremlin military bloggers", "the head of state"
            continue
        if not (_LOWER_WORD if j == i else _NP_WORD).fullmatch(tw) \
                or low in _FUNCTION or low in _SKIP or low.endswith("ed"):
            break
        j -= 1
    if j < i and (j < 0 or toks[j][2] in _BOUNDARY or toks[j][2] == ",") and not toks[i][2].endswith("ing"):
        return j + 1  # (a bare "-ing" word is a participle: "having said")
    return None


def _head_phrase(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    s, e, w = toks[i]
    if w.lower() in PERSONAL or w.lower() in RELATIVE:
        return s, e
    compound = i > 0 and w.isalpha() and w.islower() and w not in _FUNCTION and _name_like(toks[i - 1][2])
    if (_head_ok(w) and _core(w) not in _FUNCTION) or compound:  # "the Voronezh region" is named too
        j = _np_start(toks, i)
    else:
        c = _common_np(toks, i)
        if c is None:
            return None
        j = c
    while j < i and (toks[j][2].lower() in _LINKS or toks[j][2].lower() == "and"
                     or (toks[j][2][:1].isupper() and toks[j][2].lower() in _FUNCTION - _DETERMINERS)):
        j += 1
    start = toks[j][0]
    acronym = _ACRONYM.match(text, e)
    if acronym:  # "Ukraine's military intelligence (HUR)"
        e = acronym.end()
    return (start, e) if acceptable(text[start:e]) or compound or _common_np(toks, i) is not None else None


def source_after(text: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase right after a cue ("said the governor", "according to Smith's office"), or None."""
    toks = tokens(text, cue_end, min(hi, cue_end + 300))
    if not toks:
        return None
    i = 0
    start = toks[0][0]
    if toks[0][2].lower() in PERSONAL:
        return toks[0][0], toks[0][1]
    if toks[0][2].lower() in _DETERMINERS or toks[0][2].lower() in _QUANTIFIERS:
        i = 1
    end = None
    if i == 1:  # "said the ruling", "said one source in the room": up to four words to the noun
        k = 1
        while k < min(len(toks), 5) and _LOWER_HEAD.fullmatch(toks[k][2]) and (
                toks[k][2] not in _FUNCTION and toks[k][2] not in _SKIP):
            k += 1
        if k > 1 and (k == len(toks) or not _UPPER_HEAD.fullmatch(toks[k][2])):
            if not (k + 1 < len(toks) and toks[k][2] in _LINKS and _name_like(toks[k + 1][2])):
                return start, toks[k - 1][1]  # a determiner and its noun: the cue fixes the role
            end, i = toks[k - 1][1], k
    while i < len(toks):
        tw = toks[i][2]
        low = tw.lower()
        if _name_like(tw) or _nounish(tw) or low in _MODIFIERS or tw in ("&",) or low.endswith(("'s", "’s")):
            end = toks[i][1]
        elif end is not None and (low == "the" or (low in _LINKS and i + 1 < len(toks) and (
                _name_like(toks[i + 1][2]) or toks[i + 1][2].lower() == "the"))):
            pass
        else:
            break
        i += 1
    if end is None:
        return None
    while text[end - 1] in ".,":
        end -= 1
    return (start, end) if acceptable(text[start:end]) else None


_PHRASE_STOP = re.compile(r"[,.;:!?()“”\"]|''|\s(?:that|who|which|when|after|before|as|while|if|on|in|at|"
                          r"during|to)\s|\s[-—–―]|\s[a-z]+ing\b")


def phrase_after(text: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """The source after a multi-word cue, up to the clause's next boundary ("according to attorneys for
    the family", "according to a new report by Politico"): the cue fixes the role, so any noun phrase will do."""
    rest = text[cue_end:min(hi, cue_end + 200)]
    stop = _PHRASE_STOP.search(rest)
    chunk = rest[: stop.start()] if stop else rest
    s = len(chunk) - len(chunk.lstrip())
    e = len(chunk.rstrip())
    if e <= s or len(chunk.split()) > 12 or chunk.split()[0].lower() in _FUNCTION - _DETERMINERS - PERSONAL:
        return None
    return cue_end + s, cue_end + e

