"""The source noun phrase of a cue: the words before it ("Gov. Abbott said") or after it ("said the governor",
"according to the campaign").

Written without a parser: from the cue outwards, skip auxiliaries, adverbs and time phrases, then take
a head (a name, a pronoun or a source noun from ``tables/attribution_nouns.csv``) and grow it over the
words a noun phrase is made of (names, titles, "of", "for", possessives), so that "Clinton's
campaign" and "a spokesman for the Department of Justice" stay whole. Sentence adverbs and
function words ("Now", "But") and lone demonyms ("Syrian") are never a source.
"""

from __future__ import annotations

import re

from data.claims.attribution_cues import source_nouns


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[\w][\w.’'&-]*[\w’']|[\w]|[^\w\s]")
PERSONAL = _words("he she they it we i you")
RELATIVE = _words("who which that")
_SKIP = _words("""has have had also then later earlier previously recently once repeatedly publicly privately reportedly
    still even just again already now often long would will could may might should can did does do not n't
    never always first further himself herself itself themselves separately similarly frequently
    yesterday today tonight""")
_TIME = re.compile(
    r"(?:,?\s*(?:on|last|this|earlier|late|early|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|night|morning|afternoon|evening|weekend)(?:\s+(?:night|morning|afternoon|"
    r"evening))?,?|,?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|"
    r"afternoon|evening))?,?)\s*$"
)
_FUNCTION = _words("""the a an and but or so yet now then thus still however meanwhile also as if when while though although
    because since after before in on at for with by from to of that this these those there here what which who
    it its he she they we i you his her their our my your not no yes well instead indeed moreover
    furthermore again later earlier today yesterday tonight even just only once perhaps maybe one""")
_MODIFIERS = _words("""former acting deputy senior top chief press national campaign presidential vice white house state federal
    local regional foreign senate house democratic republican political communications policy senior
    spokesman spokeswoman spokesperson chief's""")
_LINKS = _words("of for at to")
_OPEN_QUOTES = "“\"‘"
_CLOSE_PUNCT = "”\"’,:—–―-"
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|ese|ish|i|ic)$")


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of ``text[lo:hi]`` with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _core(word: str) -> str:
    return re.sub(r"(?:['’]s|['’])$", "", word).lower()


def _name_like(word: str) -> bool:
    return word[:1].isupper() and _core(word) not in _FUNCTION


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


def acceptable(phrase: str) -> bool:
    """Whether a phrase can be a source: not a fragment ("Now I"), a lone demonym ("Syrian") or a function word."""
    words = phrase.split()
    if not words:
        return False
    if len(words) == 1:
        w = words[0]
        if w.lower() in PERSONAL or w.lower() in RELATIVE:
            return True
        if _DEMONYM.match(w) and not _nounish(w):
            return False
        return _head_ok(w) and _core(w) not in _FUNCTION
    if _core(words[0]) in _FUNCTION - {"the", "a", "an", "his", "her", "their", "its", "our", "my"}:
        return False
    return any(_head_ok(w) for w in words)


def source_before(text: str, cue_start: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before the cue at ``cue_start`` (sentence starts at ``lo``), or None."""
    pre = text[lo:cue_start]
    m = _TIME.search(pre)
    end = lo + (m.start() if m else len(pre))
    toks = tokens(text, max(lo, end - 300), end)
    i = len(toks) - 1
    while i >= 0 and (toks[i][2].lower() in _SKIP or (toks[i][2].endswith("ly") and toks[i][2].islower()
                                                      and len(toks[i][2]) > 4)):
        i -= 1
    if i < 0:
        return None
    s, e, w = toks[i]
    if w == ",":  # an appositive ends here: "Smith, a spokesman for the campaign, said"
        j = i - 1
        while j >= 0 and toks[j][2] not in ",;:“”\"(":
            j -= 1
        if j < 0 or toks[j][2] != "," or j - 1 < 0 or not _name_like(toks[j - 1][2]):
            return None
        i, (s, e, w) = j - 1, toks[j - 1]
    if not _head_ok(w) or _core(w) in (_FUNCTION - PERSONAL - RELATIVE):
        return None
    if w.lower() in PERSONAL or w.lower() in RELATIVE:
        return s, e
    start = s
    j = i - 1
    while j >= 0:
        tw = toks[j][2]
        low = tw.lower()
        if _name_like(tw) or _nounish(tw) or low in _MODIFIERS or tw in ("&", "-") or low.endswith(("'s", "’s")):
            start = toks[j][0]
        elif low in ("the", "a", "an", "his", "her", "their", "its", "our"):
            start = toks[j][0]
            break
        elif j - 1 >= 0 and _joins(low, toks[j - 1][2], toks[j + 1][2]):
            start = toks[j][0]
        else:
            break
        j -= 1
    # never start on a link word or a sentence-initial function word
    while True:
        first = _TOKEN.match(text, start)
        if first is None or start >= e:
            return None
        fw = first.group()
        if fw.lower() in _LINKS or fw.lower() == "and" or (fw[:1].isupper() and fw.lower() in _FUNCTION
                                                            and fw.lower() not in ("the", "a", "an")):
            nxt = _TOKEN.search(text, first.end())
            if nxt is None:
                return None
            start = nxt.start()
            continue
        break
    return (start, e) if acceptable(text[start:e]) else None


def source_after(text: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase right after a cue ("said the governor", "according to Smith's office"), or None."""
    toks = tokens(text, cue_end, min(hi, cue_end + 300))
    if not toks:
        return None
    i = 0
    start = toks[0][0]
    if toks[0][2].lower() in PERSONAL:
        return toks[0][0], toks[0][1]
    if toks[0][2].lower() in ("the", "a", "an", "his", "her", "their", "its", "our"):
        i = 1
    end = None
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


def ends_in_quote(text: str, lo: int, pos: int) -> bool:
    """Whether the clause before ``pos`` ends a quotation or a clause ("“...,” said X", "..., said X")."""
    pre = text[lo:pos].rstrip()
    return bool(pre) and pre[-1] in _CLOSE_PUNCT


def starts_quote(text: str, pos: int) -> bool:
    """Whether a quotation opens at ``pos`` (after spaces)."""
    rest = text[pos:pos + 3].lstrip()
    return bool(rest) and rest[0] in _OPEN_QUOTES
