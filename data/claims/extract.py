"""Dated, attributed claims from one document: sentence + places + date + claimant + figures.

A claim is a sentence that mentions a place, carries a figure, or gives a date. Its date is
the event's date where the sentence gives one, else the nearest preceding date in its
paragraph (or, for a quote or "He said" paragraph, the one before), else the publication
date (``date_precision == "published"``). Geoparsing and date extraction are done by
``geo.geoparse`` and ``data.timex.extract``; ``claims_from`` is the pure part and takes their output.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Sequence

from data import timeml
from data.claims.attribution import CLAIM_KINDS, sentence_claimants
from data.claims.claimants import Attribution, claimant_country, headline_claimant
from data.claims.dates import date_for, date_value, own_dates
from data.claims.figure_subject import figure_key
from data.claims.kinds import claim_kind
from data.claims.quantities import extract_quantities
from data.claims.roles import narrowed_countries, place_role
from data.model import Claim, ClaimPlace, Document, TimeEx
from data.sentences import Sentence, sentences
from geo.model import Resolution

_CREDIT = re.compile(r"(?i)(?:by|photo|image|credit|source|author|reporting|editing)\b[: ]")
_REPORTS = re.compile(
    r"\b(?:said|says|told|stated|reported|claimed|claims|announced|confirmed|according to|insisted|denied|"
    r"dismissed|added|estimated|warned|accused|identified|stating|saying)\b")
_WORD = re.compile(r"[^\W\d_]{3,}")


def claim_id(doc_id: str, start: int, end: int) -> str:
    """A stable id for the claim at ``[start, end)`` of a document."""
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


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
    if len(words) < 4:
        return True
    lower = 0
    for w in words[:60]:  # stops at the second lower-case word: most sentences have one at once
        if _lower_word(w):
            lower += 1
            if lower == 2:
                return False
    return True


def _has_own_words(s: Sentence, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence says something besides its places and dates (a caption does not)."""
    chars = list(s.text)
    for a, b in spans:
        for i in range(max(a, s.start), min(b, s.end)):
            chars[i - s.start] = " "
    return bool(_WORD.search("".join(chars)))


def _first_at(res: Sequence[Resolution], start: int, starts: Sequence[int] | None) -> int:
    """The index of the first mention at or after ``start``; ``starts``, when given, is the mentions' starts
    (a bisect on it calls no key function)."""
    if starts is not None:
        return bisect.bisect_left(starts, start)
    return bisect.bisect_left(res, start, key=lambda r: r.mention.start)


def _mentions_in(res: Sequence[Resolution], start: int, end: int,
                 starts: Sequence[int] | None = None) -> list[Resolution]:
    """Place mentions (resolved or not) inside ``[start, end)``; ``res`` is sorted by offset."""
    out = []
    for r in res[_first_at(res, start, starts):]:
        if r.mention.start >= end:
            break
        if r.mention.end <= end and r.mention.kind == "place":
            out.append(r)
    return out


def _places(doc: Document, mentions: Sequence[Resolution], who: Attribution | None) -> list[ClaimPlace]:
    """The resolved places among a sentence's ``mentions`` (``_mentions_in``), one per place and role."""
    out: list[ClaimPlace] = []
    seen: set[tuple[str, str]] = set()
    for r in mentions:
        m = r.mention
        if r.place is None:
            continue
        role = place_role(doc.text, r, who)
        if (r.place.id, role) in seen:
            continue
        seen.add((r.place.id, role))
        p = r.place
        out.append(ClaimPlace(
            name=p.name, place_id=p.id, lat=p.lat, lon=p.lon, country_code=p.country_code,
            feature_code=p.feature_code, precision=p.precision, start=m.start, end=m.end, role=role,
            confidence=max(0.0, min(1.0, float(r.confidence))),
        ))
    drop = narrowed_countries(doc.text, out)
    return [p for i, p in enumerate(out) if i not in drop]


def _unresolved_in(res: Sequence[Resolution], start: int, end: int,
                   starts: Sequence[int] | None = None) -> tuple[ClaimPlace, ...]:
    """The sentence's "unresolved" mentions (geo.unknown) as placeless ClaimPlaces, one per name."""
    out: dict[str, ClaimPlace] = {}
    for r in res[_first_at(res, start, starts):]:
        if r.mention.start >= end:
            break
        m = r.mention
        if m.kind == "unresolved" and m.end <= end:
            out.setdefault(m.surface, ClaimPlace(name=m.surface, place_id="", lat=None, lon=None, country_code="",
                                              feature_code="", precision="", start=m.start, end=m.end,
                                              confidence=0.0))
    return tuple(out.values())


def _attributions(text: str, ss: Sequence[Sentence], figure_at: dict[int, int]) -> list[Attribution | None]:
    """Per-sentence claimants from the attribution stage (``data.claims.attribution``); a headline's
    "Kremlin: ..." convention still comes from ``headline_claimant``. No sentence inherits its neighbour's
    claimant unless it lies inside the same quotation."""
    out = sentence_claimants(text, ss, figure_at=figure_at)
    for i, s in enumerate(ss):
        if out[i] is None:
            head = headline_claimant(s.text, s.start)  # find_claimant's first rule, the only one used here
            if head is not None:
                out[i] = head
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
    mention_starts = [r.mention.start for r in resolutions]
    figures = {s.index: extract_quantities(s.text, s.start) for s in ss}
    dated: dict[int, list[TimeEx]] = {}
    timed: dict[int, list[TimeEx]] = {}  # every expression, "on Monday" with no anchor too
    starts = [s.start for s in ss]
    for tx in timexes:
        i = bisect.bisect_right(starts, tx.start) - 1
        if i >= 0 and tx.start < ss[i].end:
            if any(q.unit and q.start <= tx.start and tx.end <= q.end for q in figures[i]):
                continue  # "killed over 2000 contractors": a count, not the year 2000
            timed.setdefault(i, []).append(tx)
            if date_value(tx) is not None:
                dated.setdefault(i, []).append(tx)
    figure_at = {i: q[0].start for i, q in figures.items() if q}
    who = _attributions(doc.text, ss, figure_at)
    own = own_dates(ss, dated, who, doc.published, timed)
    para_text: dict[int, str] = {}
    for s in ss:
        para_text.setdefault(s.paragraph, s.text)
    out: list[Claim] = []
    seen_text: set[str] = set()
    for s in ss:
        if s.text in seen_text or s.end <= chrome:
            continue
        attribution = who[s.index]
        mentions = _mentions_in(resolutions, s.start, s.end, mention_starts)
        places = _places(doc, mentions, attribution)
        quantities = figures[s.index]
        own_precision = timeml.claim_precision(date_value(own[s.index]) or "") if s.index in own else "none"
        substantive = bool(places) and (bool(quantities) or s.index in timed) and _has_own_words(
            s, [(r.mention.start, r.mention.end) for r in mentions]
            + [(t.start, t.end) for t in timed.get(s.index, ())])
        if _is_noise(s, doc.outlet, substantive):
            continue
        named = places or mentions
        said = attribution is not None and (  # a named source asserts it, by any cue the attribution stage knows
            attribution.pattern in CLAIM_KINDS or _REPORTS.search(s.text) is not None)
        if not named and not quantities and not said and own_precision in ("none", "decade", "year"):
            continue  # placeless and undated: a claim only when reported
        seen_text.add(s.text)
        value, date_text, precision = date_for(s, ss, own, doc.published, para_text)
        name = attribution.claimant if attribution else None
        country = ""
        if attribution is not None:
            inside = [r.place.country_code for r in _mentions_in(resolutions, attribution.start, attribution.end, mention_starts)
                      if r.place is not None]
            country = claimant_country(name or "", inside)
        confidence = 0.8 + (0.1 if s.index in own else 0.0) - (0.3 if s.heading else 0.0)
        confidence -= 0.0 if places else 0.2
        claim = Claim(
            claim_id=claim_id(doc.id, s.start, s.end), doc_id=doc.id, start=s.start, end=s.end, text=s.text,
            date=value, date_text=date_text, date_precision=precision, published=doc.published,
            outlet=doc.outlet, claimant=name, claimant_country=country, places=tuple(places),
            quantities=tuple(quantities), kind=claim_kind(s.text, bool(quantities), attribution is not None),
            confidence=round(max(0.05, min(1.0, confidence)), 3),
            claimant_start=attribution.start if attribution else -1,
            claimant_end=attribution.end if attribution else -1,
            cue_start=attribution.cue_start if attribution else -1,
            cue_end=attribution.cue_end if attribution else -1,
            unresolved=_unresolved_in(resolutions, s.start, s.end, mention_starts),
        )
        out.append(with_subjects(claim))
    return out


def with_subjects(c: Claim) -> Claim:
    """``c`` with each figure's ``subject`` (``figure_subject.figure_key``) written out."""
    if not c.quantities:
        return c
    qs = []
    for q in c.quantities:
        key = figure_key(c, q)
        qs.append(dataclasses.replace(q, subject=key.text()) if key else q)
    return dataclasses.replace(c, quantities=tuple(qs))


def extract_claims(doc: Document) -> list[Claim]:
    """Run the geoparser and the date extractor on ``doc`` and return its claims."""
    from data.timex.extract import extract_timexes
    from geo.geoparse import geoparse

    resolutions = geoparse(doc.text, doc.id, unresolved=True)  # unresolved names ride along (Claim.unresolved)
    timexes = extract_timexes(doc.text, doc.published)
    return claims_from(doc, resolutions, timexes)
