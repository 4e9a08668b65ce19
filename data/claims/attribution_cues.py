"""Attribution cues: the words that say someone else asserts something ("said", "according to").

Cues come from data tables (``data/tables/attribution_verbs.csv``, ``attribution_phrases.csv``,
provenance in ``data/tables/PROVENANCE.md``) so the lexicon can grow without code changes. A verb
form only counts as a cue where it is used as a verb: "the report" or "his claims" (after a
determiner) and "State Department" (capitalised inside a sentence) are not cues.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress

from data import tables
from data.claims.substrings import holds_any


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())

_DETERMINERS = _words("the a an his her their its our my your this that these those such any no every each whose")
_PASSIVE = _words("is are was were be been being")


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue in the document: span, lemma, kind (speech, belief, evidence, stance, phrase) and the side
    its source stands on ("before": "X said", "after": "according to X", "either": a verb, decided later)."""

    start: int
    end: int
    lemma: str
    kind: str
    side: str = "either"


@cache
def verb_forms() -> dict[str, tuple[str, str]]:
    """Every written form of a cue verb -> (lemma, kind)."""
    out: dict[str, tuple[str, str]] = {}
    for row in tables.rows("attribution_verbs"):
        lemma, kind = row["lemma"].strip(), row["kind"].strip()
        n = len(lemma.split())
        forms = row["forms"].split()
        for i in range(0, len(forms), n):
            out.setdefault(" ".join(forms[i:i + n]), (lemma, kind))
    return out


@cache
def phrases() -> dict[str, str]:
    """Multi-word cues -> the side their source stands on."""
    return {row["phrase"].strip().lower(): row["source"].strip() for row in tables.rows("attribution_phrases")}


@cache
def source_nouns() -> dict[str, str]:
    """Lower-case nouns that can head a source on their own -> "sg" or "pl"."""
    return {row["noun"].strip().lower(): row["number"].strip() for row in tables.rows("attribution_nouns")}


@cache
def person_nouns() -> frozenset[str]:
    """The source nouns that name one person ("governor", "spokesman"): "he" or "she" may refer to them."""
    return frozenset(row["noun"].strip().lower() for row in tables.rows("attribution_nouns")
                     if row["person"].strip() == "y")


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=len, reverse=True))


_WORD = re.compile(r"(?<![\w’'-])[A-Za-z]+(?![\w-])")
_LETTER_RUN = re.compile(r"([A-Za-z]+)")
_NOT_BEFORE = re.compile(r"[\w’'-]")  # a run after one of these is no _WORD match
_NOT_AFTER = re.compile(r"[\w-]")


@cache
def _longest_first() -> dict[str, tuple[str, ...]]:
    """First word of each cue form -> its forms, longest first ("called" -> "called for", "called on", "called")."""
    out: dict[str, list[str]] = {}
    for form in verb_forms():
        out.setdefault(form.split()[0], []).append(form)
    return {k: tuple(sorted(v, key=lambda f: -len(f.split()))) for k, v in out.items()}


@lru_cache(maxsize=4)
def _cue_runs(text: str) -> tuple[list[int], list[int], list[tuple[str, ...]]]:
    """(starts, ends, forms) of the maximal runs of ASCII letters in ``text`` that begin a cue form, in
    order. The runs are split off and looked up in C, once per document: ``attribute`` asks for the
    cues sentence by sentence, and a Python loop over every word of every sentence cost more."""
    parts = _LETTER_RUN.split(text)  # text between runs, run, text between runs, ...
    words = parts[1::2]
    got = list(map(_longest_first().get, map(str.lower, words)))
    if not any(got):
        return [], [], []
    ends = list(accumulate(map(len, parts), initial=0))  # run k spans ends[2k + 1] .. ends[2k + 2]
    ks = list(compress(range(len(words)), got))
    return [ends[2 * k + 1] for k in ks], [ends[2 * k + 2] for k in ks], [got[k] for k in ks]


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _verb_matches(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, form) of the cue verbs in ``text[lo:hi]``: a word look-up, which is linear and far
    faster than one alternation of hundreds of forms.

    The words are ``_WORD``'s matches in ``text[lo:hi]``: the maximal runs of ASCII letters with no
    word character, apostrophe or hyphen before and no word character or hyphen after (``hi`` ends
    the text, as ``endpos`` does). A run that ``hi`` cuts is looked up as cut, so then the slice is
    split afresh; otherwise the runs are the document's own (``_cue_runs``)."""
    if 0 < hi < len(text) and _ascii_letter(text[hi - 1]) and _ascii_letter(text[hi]):
        runs = _cue_runs(text[lo:hi])  # a run cut by hi: rare (a sentence cut inside a word)
        base = lo
    else:
        runs = _cue_runs(text)
        base = 0
    starts, stops, forms = runs
    a = bisect.bisect_left(starts, lo - base)
    b = bisect.bisect_left(starts, hi - base)
    out = []
    skip_to = lo
    for k in range(a, b):
        start, stop = starts[k] + base, stops[k] + base
        if start < skip_to or (start > 0 and _NOT_BEFORE.match(text, start - 1)) \
                or (stop < hi and _NOT_AFTER.match(text, stop)):
            continue
        for form in forms[k]:
            rest = form.split()[1:]
            end = stop
            for w in rest:
                nxt = _NEXT_WORD.match(text[end:min(hi, end + 40)])
                if nxt is None or nxt.group(1).lower() != w:
                    break
                end += nxt.end()
            else:
                out.append((start, end, form))
                skip_to = end
                break
    return out


@cache
def _phrase_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(list(phrases()))})(?![\w-])", re.IGNORECASE)


_FOLDED = ("İ", "ı", "ſ", "K")
"""The non-ASCII letters that case-insensitive matching relates to ASCII ones (i, s, k)."""


@cache
def _phrase_needles() -> tuple[str, ...]:
    """A word of every cue phrase (its longest), lower-case, leaving out those that hold a shorter one."""
    words = {max(p.split(), key=len) for p in phrases()}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


@cache
def _needle_re() -> re.Pattern[str]:
    """Any of ``_phrase_needles`` (literal alternatives: ``re`` skips to their first letters in C)."""
    return re.compile("|".join(re.escape(n) for n in _phrase_needles()))


def _may_hold_phrase(text: str, lo: int, hi: int) -> bool:
    """False when ``text[lo:hi]`` surely holds no cue phrase: the phrase pattern is tried at every position,
    a few substring tests are not. A phrase's match, lower-cased, holds its words unless one of the
    ``_FOLDED`` letters stands in for an ASCII one, so such text is always scanned."""
    if text.isascii():  # lower-casing keeps offsets: the document's occurrences of the words will do
        return holds_any(text, lo, hi, _phrase_needles(), lower=True)
    seg = text[lo:hi]
    if not seg.isascii() and any(c in seg for c in _FOLDED):
        return True
    return _needle_re().search(seg.lower()) is not None


_WORD_BEFORE = re.compile(r"([\w’'-]+)\W*$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)(?![\w-])")
_PREV_TWO = re.compile(r"(?:^|\s)(\S+)\s+([\w’'-]+)\s*$")


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _sentence_initial(text: str, pos: int, lo: int) -> bool:
    return not text[lo:pos].strip(" \t\n“\"‘'(—–-")


_NOT_WITH_TO = frozenset({"continue", "agree"})
_PAST = re.compile(r"(?:ed|said|told|wrote|written|thought|found|knew|known|felt|saw|seen|held|spoke|spoken|"
                   r"swore|sworn|understood|put it)$", re.IGNORECASE)
_ADJ_RUN = re.compile(r"(?:^|\s)(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those)"
                      r"((?:\s+[a-z][\w-]*){1,3})\s*$")


_DASH = re.compile(r"(?:(?<=[”\"'])|(?<=^)|(?<=\n))\s*([―—–]|--)\s*(?=[A-Z])", re.MULTILINE)
_DASHES = ("―", "—", "–", "--")  # one of them is in every match of _DASH
_LABEL = re.compile(r"[“\"']?\s*(?:[A-Z][\w.'’-]*[ \t]+){0,5}[A-Z][\w.'’-]*(:)\s+(?=\S)")


_QUANTIFIERS = frozenset(["some", "many", "few", "several", "all", "both", "most", "more", "other"])


_BARE_SUBJECTS = frozenset(
    ["i", "we", "you", "they", "who", "that", "which", "to", "not", "n't", "also", "will", "would", "could",
     "should", "can", "may", "might", "must", "do", "did", "does", "often", "still", "and", "or", "people",
     "police", "media", "data", "staff", "men", "women", "children", "public", "never", "always", "really",
     "just", "now", "then", "only", "even", "further", "generally", "strongly", "firmly"]
)


@cache
def _bare() -> frozenset[str]:
    """The base forms ("state", "demand", "call"), which agree only with a plural or first/second person."""
    return frozenset(lemma.split()[0] for lemma, _ in verb_forms().values())


def _section_word(label: str, text: str) -> bool:
    """Whether a "Word:" label is a section heading ("Details:", "Background:", "Poll:") rather than a speaker
    ("PENCE:", "Sanders:"): one capitalised word, not in capitals, that the article never writes as a name
    inside a sentence ("... said Sanders", "Bernie Sanders")."""
    if " " in label or label.isupper() or not label:
        return False
    return re.search(rf"(?:[a-z,;]|[A-Z][a-z]+) {re.escape(label)}\b", text) is None


def _noun_reading(text: str, pos: int, word: str, lo: int) -> bool:
    """Whether a present-tense or -ing form is a noun after a determiner and adjectives ("the entire state",
    "a rather polarizing question"); a source noun in between keeps the verb reading ("the group says")."""
    if _PAST.search(word):
        return False
    low = " ".join(word.lower().split())
    prev = _PREV_TWO.search(text[max(lo, pos - 60):pos])
    if prev is not None and not low.endswith("ing"):
        det, p = prev.group(1).lower(), prev.group(2)
        if low in _bare() and p[:1].isupper() and det in _DETERMINERS:
            return True  # "the Sunshine state", "his TV show": a name before a base form is a compound
        if low not in _bare() and (p.lower() in _QUANTIFIERS or p.endswith(("s'", "s’"))):
            return True  # "some calls", "the candidates' plans"
        if low in _bare() and p.islower() and not p.endswith(("s", "n't", "n’t", "ly")) \
                and p not in _BARE_SUBJECTS and source_nouns().get(p) != "pl":
            return True  # "the first attack", "demand": a singular word before a base form is no subject
    m = _ADJ_RUN.search(text[max(lo, pos - 60):pos])
    if m is None:
        return False
    return not any(w.lower() in source_nouns() for w in m.group(1).split())


def find_cues(text: str, lo: int = 0, hi: int | None = None) -> list[Cue]:
    """The cues in ``text[lo:hi]`` (a sentence), sorted by offset, phrases before the verbs they contain."""
    hi = len(text) if hi is None else hi
    out: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for m in _phrase_re().finditer(text, lo, hi) if _may_hold_phrase(text, lo, hi) else ():
        out.append(Cue(m.start(), m.end(), m.group().lower(), "phrase", phrases()[" ".join(m.group().lower().split())]))
        taken.append((m.start(), m.end()))
    if holds_any(text, lo, hi, _DASHES):  # the pattern is tried at every position: only with a dash
        for m in _DASH.finditer(text, lo, hi):  # "“...” ― Azucena Gonzàlez": the speaker signs the quotation
            out.append(Cue(m.start(1), m.end(1), "dash", "phrase", "after"))
    m = _LABEL.match(text, lo, hi)
    if m and not _section_word(text[lo:m.start(1)].strip(" “\"'"), text):  # "PENCE: Well, ...", "Rush Limbaugh: ..."
        out.append(Cue(m.start(1), m.end(1), "colon", "phrase", "before"))
    forms = verb_forms()
    for start, end, form in _verb_matches(text, lo, hi):
        word = text[start:end]
        if taken and any(a <= start < b for a, b in taken):
            continue
        if word[:1].isupper() and not _sentence_initial(text, start, lo):
            continue  # "State Department", "Report" in a title
        before = _word_before(text, start)
        if before in _DETERMINERS or before.endswith(("'s", "’s")):
            continue  # a noun: "the report", "his claims", "Trump's statement"
        lemma, kind = forms[form]  # the form as the table writes it: the words matched, lower-cased
        if before in _PASSIVE and word.lower().endswith(("ed", "told", "said", "found", "known", "written",
                                                          "thought", "held", "seen", "felt")):
            by = re.match(r"\s+by\b", text[end:hi])
            if by and kind == "speech":  # "This was stated by TV presenter Dmitry Kiselev"
                out.append(Cue(start, end + by.end(), lemma + " by", "phrase", "after"))
            continue  # passive or adjective: "was reported", "is expected"; no speaker in the clause
        if _noun_reading(text, start, word, lo):
            continue
        if lemma in _NOT_WITH_TO and re.match(r"\s+to\b", text[end:end + 5]):
            continue  # "continued to march", "agreed to go": an action, not a statement
        out.append(Cue(start, end, lemma, kind))
    out.sort(key=lambda c: c.start)
    return out
