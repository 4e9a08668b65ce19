"""Dated, attributed claims from one document: sentence + places + date + claimant + figures.

A claim is a sentence that mentions a place, carries a figure, or gives a date. Its date is
the event's date where the sentence gives one, else the nearest preceding date in its
paragraph (or, for a quote or "He said" paragraph, the one before), else the publication
date (``date_precision == "published"``). Geoparsing and date extraction are done by
``geo.geoparse`` and ``data.timex.extract``; ``claims_from`` is the pure part and takes their output.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence

from data import tables, timeml
from data.claims.claimants import (
    Attribution,
    claimant_country,
    continues_report,
    find_claimant,
    starts_with_pronoun,
)
from data.claims.dates import date_for, date_value, own_dates
from data.claims.kinds import claim_kind
from data.claims.quantities import extract_quantities
from data.model import Claim, ClaimPlace, Document, TimeEx
from data.sentences import Sentence, sentences
from geo.model import Resolution

_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:reported|disclosed|confirmed|announced|stated|claimed|cited|estimated|statements?|reports?|claims?|"
    r"estimates?|figures?)\s+(?:made\s+|released\s+|issued\s+)?by|\baccording\s+to|\breports?\s+(?:from|out\s+of))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKS = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+|also\s+|repeatedly\s+)*(?:"
    + "|".join(r["form"] for r in tables.rows("speech_verbs") if r["after_name"] == "1") + r")\b"
)
_CREDIT = re.compile(r"(?i)(?:by|photo|image|credit|source|author|reporting|editing)\b[: ]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\b(?:sent|dispatched|deployed|provided|supplied|supported|trained|armed) by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ORIGIN_AFTER = re.compile(
    r"^(?:[’']s?\s+(?:army|military|forces|troops|soldiers)\s+)?\s*(?:has\s+|have\s+|had\s+|is\s+|was\s+)?"
    r"(?:sent|sends|sending|dispatched|dispatches|dispatching|deployed|deploys|deploying|supplied|supplies|"
    r"supplying|provided|provides|providing|shipped|ships|transferred)\b",
    re.IGNORECASE,
)


def claim_id(doc_id: str, start: int, end: int) -> str:
    """A stable id for the claim at ``[start, end)`` of a document."""
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _role(text: str, r: Resolution, claimant: Attribution | None) -> str:
    m = r.mention
    if claimant is not None:
        # the claimant and its appositive: "John Kirby, the spokesperson for the U.S. NSC, said"
        end = max(claimant.end, claimant.cue_start if claimant.pattern == "verb" else -1)
        if claimant.start <= m.start and m.end <= end:
            return "claimant"
    lo = max(0, m.start - 40)  # a bounded look back: linear on a single-line article
    line_start = text.rfind("\n", lo, m.start) + 1
    before = text[max(line_start, lo):m.start]
    after = text[m.end:m.end + 60]
    if _SOURCE_BEFORE.search(before):
        return "claimant"
    if r.metonymic:  # "Kyiv says" speaks; "Ukraine launched an incursion" acts from where it is
        return "claimant" if _SPEAKS.match(after) else "origin"
    if _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.match(after):
        return "origin"
    return "event"


def _lower_word(w: str) -> bool:
    """A lower-case word of 3+ letters in any script ("arrived", "вошли", "don't")."""
    core = w.rstrip(",.;:")
    return len(core) >= 3 and core[0].islower() and all(c.isalpha() or c in "'’-" for c in core)


def _is_noise(s: Sentence, outlet: str = "", substantive: bool = False) -> bool:
    """Credits, tag lists, bylines, the outlet's own name lines and questions: not statements.

    A ``substantive`` sentence (a resolved place plus a date or figure, and words of its own)
    is a statement however short or capitalised: "Kharkiv: 12 killed."
    """
    if s.heading and len(outlet) >= 4 and outlet in s.text:
        return True  # "The Kyiv Independent news desk", "More from GZERO Media"
    if s.text.endswith("?") and s.text[:1] not in "“\"'‘":
        return True  # "Will there be an October surprise this year?" asks, it does not claim
    if _CREDIT.match(s.text):
        return True
    if substantive:
        return False
    words = s.text.split()
    return len(words) < 4 or sum(1 for w in words[:60] if _lower_word(w)) < 2


def _has_own_words(s: Sentence, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence says something besides its places and dates (a caption does not)."""
    chars = list(s.text)
    for a, b in spans:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - s.start] = " "
    return bool(_WORD.search("".join(chars)))


def _mentions_in(res: Sequence[Resolution], start: int, end: int) -> list[Resolution]:
    """Place mentions (resolved or not) inside ``[start, end)``; ``res`` is sorted by offset."""
    out = []
    for r in res[bisect.bisect_left(res, start, key=lambda r: r.mention.start):]:
        if r.mention.start >= end:
            break
        if r.mention.end <= end and r.mention.kind == "place":
            out.append(r)
    return out


def _places(doc: Document, s: Sentence, res: Sequence[Resolution], who: Attribution | None) -> list[ClaimPlace]:
    out: list[ClaimPlace] = []
    seen: set[tuple[str, str]] = set()
    for r in _mentions_in(res, s.start, s.end):
        m = r.mention
        if r.place is None:
            continue
        role = _role(doc.text, r, who)
        if (r.place.id, role) in seen:
            continue
        seen.add((r.place.id, role))
        p = r.place
        out.append(ClaimPlace(
            name=p.name, place_id=p.id, lat=p.lat, lon=p.lon, country_code=p.country_code,
            feature_code=p.feature_code, precision=p.precision, start=m.start, end=m.end, role=role,
            confidence=max(0.0, min(1.0, float(r.confidence))),
        ))
    return out


def _attributions(ss: Sequence[Sentence], figure_at: dict[int, int]) -> list[Attribution | None]:
    """Per-sentence claimants, with "He added...", bare quotes and continued reports inheriting them.

    A sentence with no source of its own takes the previous sentence's claimant when it starts
    with "He/She/They" or a quote (looking into the previous paragraph too), or when, in the same
    paragraph, it carries on that sentence's report (``continues_report``); other sentences
    (the article's own background) stay unattributed.
    """
    found = [find_claimant(s.text, s.start, figure_at.get(s.index)) for s in ss]
    out = list(found)
    for i, s in enumerate(ss):
        if out[i] is not None:
            continue
        inherits = starts_with_pronoun(s.text)
        if not inherits:
            if i and ss[i - 1].paragraph == s.paragraph and out[i - 1] is not None and continues_report(s.text):
                out[i] = out[i - 1]
            continue
        prev = nxt = None
        for j in range(i - 1, -1, -1):
            if ss[j].paragraph < s.paragraph - 1:
                break
            if found[j] is not None:
                prev = found[j]
                break
        for j in range(i + 1, len(ss)):
            if ss[j].paragraph != s.paragraph:
                break
            if found[j] is not None:
                nxt = found[j]
                break
        quote = s.text.lstrip()[:1] in "“\""
        out[i] = nxt if quote and nxt is not None else prev
    return out


def _outlet_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the outlet names itself in the text: "Kyiv" in "The Kyiv Independent" is no place of the story."""
    name = doc.outlet.strip()
    if len(name) < 4:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(name), doc.text)][:100]


_DATED_BYLINE = re.compile(r"^[ \t]*(?:by|By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\b[^\n]*\b(?:19|20)\d\d\b",
                           re.MULTILINE)
CHROME_MAX = 2000  # a byline further down is not the article's own


def page_chrome_end(text: str) -> int:
    """Where a scraped page's article starts: the headline line right above a dated byline near the top
    ("by Olena Goncharova October 25, 2024 8:00 AM"). What comes before it (event promos, menus, tag
    lists) is page furniture, not the article's statements; 0 when there is no such byline.
    """
    m = _DATED_BYLINE.search(text, 0, CHROME_MAX)
    if m is None:
        return 0
    lines = text[:m.start()].rstrip().split("\n")
    return len(text[:m.start()].rstrip()) - len(lines[-1]) if len(lines) > 1 else 0


def claims_from(doc: Document, resolutions: Sequence[Resolution], timexes: Sequence[TimeEx]) -> list[Claim]:
    """The claims of ``doc`` given its place resolutions and temporal expressions (pure); nothing from the
    page furniture above a headline and dated byline (``page_chrome_end``)."""
    ss = sentences(doc.text)
    chrome = page_chrome_end(doc.text)
    in_outlet = _outlet_spans(doc)
    resolutions = sorted(
        (r for r in resolutions if not any(a <= r.mention.start < b for a, b in in_outlet)),
        key=lambda r: r.mention.start,
    )
    dated: dict[int, list[TimeEx]] = {}
    timed: dict[int, list[TimeEx]] = {}  # every expression, "on Monday" with no anchor too
    starts = [s.start for s in ss]
    for tx in timexes:
        i = bisect.bisect_right(starts, tx.start) - 1
        if i >= 0 and tx.start < ss[i].end:
            timed.setdefault(i, []).append(tx)
            if date_value(tx) is not None:
                dated.setdefault(i, []).append(tx)
    figures = {s.index: extract_quantities(s.text, s.start) for s in ss}
    figure_at = {i: q[0].start - ss[i].start for i, q in figures.items() if q}
    who = _attributions(ss, figure_at)
    own = own_dates(ss, dated, who, doc.published)
    para_text: dict[int, str] = {}
    for s in ss:
        para_text.setdefault(s.paragraph, s.text)
    out: list[Claim] = []
    seen_text: set[str] = set()
    for s in ss:
        if s.text in seen_text or s.end <= chrome:
            continue
        attribution = who[s.index]
        places = _places(doc, s, resolutions, attribution)
        quantities = figures[s.index]
        own_precision = timeml.claim_precision(date_value(own[s.index]) or "") if s.index in own else "none"
        substantive = bool(places) and (bool(quantities) or s.index in timed) and _has_own_words(
            s, [(p.start, p.end) for p in places] + [(t.start, t.end) for t in timed.get(s.index, ())])
        if _is_noise(s, doc.outlet, substantive):
            continue
        named = places or _mentions_in(resolutions, s.start, s.end)
        if not named and not quantities and own_precision in ("none", "year", "decade"):
            continue
        seen_text.add(s.text)
        value, date_text, precision = date_for(s, ss, own, doc.published, para_text)
        name = attribution.claimant if attribution else None
        country = ""
        if attribution is not None:
            inside = [r.place.country_code for r in _mentions_in(resolutions, attribution.start, attribution.end)
                      if r.place is not None]
            country = claimant_country(name or "", inside)
        confidence = 0.8 + (0.1 if s.index in own else 0.0) - (0.3 if s.heading else 0.0)
        confidence -= 0.0 if places else 0.2
        out.append(Claim(
            claim_id=claim_id(doc.id, s.start, s.end), doc_id=doc.id, start=s.start, end=s.end, text=s.text,
            date=value, date_text=date_text, date_precision=precision, published=doc.published,
            outlet=doc.outlet, claimant=name, claimant_country=country, places=tuple(places),
            quantities=tuple(quantities), kind=claim_kind(s.text, bool(quantities)),
            confidence=round(max(0.05, min(1.0, confidence)), 3),
        ))
    return out


def extract_claims(doc: Document) -> list[Claim]:
    """Run the geoparser and the date extractor on ``doc`` and return its claims."""
    from data.timex.extract import extract_timexes
    from geo.geoparse import geoparse

    resolutions = geoparse(doc.text, doc.id)
    timexes = extract_timexes(doc.text, doc.published)
    return claims_from(doc, resolutions, timexes)
