"""A claim's date: the event's date in its sentence, else the paragraph's governing date, else publication.

Pure functions over the sentence segmentation and the timex stage's output. A sentence's
own date skips dates inside relative clauses (", where Ukrainian forces staged an incursion
in August"), the date the claimant spoke when the sentence also dates the event, and "today"
inside a quote (the speaker's day, not the article's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from data import timeml
from data.claims.claimants import Attribution, starts_with_pronoun
from data.claims.event_dates import as_of, event_dates
from data.model import TimeEx
from data.sentences import Sentence

_RELATIVE = re.compile(r"(?:,\s+|\s)(?:where|which|whose)\s|,\s+(?:who|when)\s")
_DEICTIC = re.compile(r"(?i)(?:today|tonight|yesterday|tomorrow|now|this\s+(?:morning|afternoon|evening))$")
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}


def date_value(tx: TimeEx) -> str | None:
    """The calendar part of a date or time expression's value ("2024-10-23T16:00" -> "2024-10-23"); None
    for durations, sets and values that name no period ("PAST_REF", "XXXX-10-24")."""
    if tx.type not in ("DATE", "TIME"):
        return None
    return timeml.calendar_part(tx.value)


def _after(tx: TimeEx, day: date | None) -> bool:
    """Whether ``tx`` begins after ``day`` (a prediction as seen from the publication date)."""
    first, _ = timeml.bounds(date_value(tx))
    return first is not None and day is not None and first > day


def _in_relative_clause(before: str) -> bool:
    """Whether the text up to a date ends inside a relative clause (", where ... in August")."""
    found = list(_RELATIVE.finditer(before))
    return bool(found) and "," not in before[found[-1].end():]


def _in_quote(before: str) -> bool:
    """Whether the text up to a date ends inside a quotation."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def pick_in_sentence(text: str, offset: int, txs: Sequence[TimeEx], attribution: Attribution | None,
                      published: date | None) -> TimeEx | None:
    """The sentence's event date; most precise first.

    "Today" inside a quote is the day the speaker spoke, not the day the article appeared,
    so deictic dates in quotes are not the sentence's date.

    Dates in a relative clause (", where Ukrainian forces staged an incursion in August")
    date that clause, not the sentence. The date the claimant spoke ("reported on Oct. 24
    that ...") gives way to another date in the sentence unless that one is still to come
    ("said on Thursday that relations will depend on the November elections").
    """
    main = [t for t in txs if not _in_relative_clause(text[: t.start - offset])
            and not (_DEICTIC.match(t.text) and _in_quote(text[: t.start - offset]))]
    if not main:
        return None
    main = as_of(text, offset, main) or main  # "as of Sunday morning" dates the figure
    if attribution is not None and attribution.cue_end >= 0 and len(main) > 1:
        spoken = [t for t in main if 0 <= t.start - attribution.cue_end <= 4]
        if spoken:
            event = [t for t in main if t not in spoken and not _after(t, published)]
            main = event or spoken
    return min(main, key=lambda t: (_PRECISION_ORDER.get(timeml.claim_precision(date_value(t) or ""), 9), t.start))


def _continues_previous(paragraph_text: str) -> bool:
    """A paragraph that is a quote or starts with "He/She/They" carries on the previous paragraph's story."""
    return starts_with_pronoun(paragraph_text)


def own_dates(ss: Sequence[Sentence], dated: dict[int, list[TimeEx]],
               who: Sequence[Attribution | None], published: date | None,
               timed: dict[int, list[TimeEx]] | None = None) -> dict[int, TimeEx]:
    """Each sentence's own event date (``event_dates``: not a clock time alone, "two weeks after" moved)."""
    out: dict[int, TimeEx] = {}
    timed = timed or {}
    for s in ss:
        if s.index not in dated:
            continue  # no date of its own: no event date (event_dates only keeps or moves dated ones)
        txs = event_dates(s.text, s.start, dated[s.index], timed.get(s.index, []))
        tx = pick_in_sentence(s.text, s.start, txs, who[s.index], published)
        if tx is not None:
            out[s.index] = tx
    return out


_REFERS_BACK = re.compile(
    r"(?i)\b(?:that|the\s+same|this\s+same|that\s+same|the\s+following|the\s+next|the\s+previous)\s+"
    r"(?:day|days|year|month|week|weekend|morning|afternoon|evening|night|time|date)\b|\bat\s+the\s+time\b|"
    r"\b(?:by\s+)?then\b|\bhours?\s+later\b|\bminutes\s+later\b|\bshortly\s+(?:after|before)\b|"
    r"\b\d{1,2}[:.]\d\d\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC)|\b\d{1,2}\s*(?:a\.m\.|p\.m\.)")
"""Words that date a sentence by the one before it; other sentences without a date of their own are
dated by publication, not by whatever the previous sentence was about (background is not re-dated)."""


def date_for(s: Sentence, ss: Sequence[Sentence], own: dict[int, TimeEx], published: date | None,
              para_text: dict[int, str]) -> tuple[str | None, str, str]:
    """Sentence date, else (when it refers back: "that same year", "12 hours later", or goes on with "He",
    "They" or a quote) the nearest earlier sentence date of the paragraph, else publication."""
    tx = own.get(s.index)
    paras = {s.paragraph}
    if _continues_previous(para_text.get(s.paragraph, "")):
        paras.add(s.paragraph - 1)
    if tx is None and (_REFERS_BACK.search(s.text) or starts_with_pronoun(s.text) or len(paras) > 1):
        # "That same year, ...", "They later ...", a quote: the story of the sentence before goes on
        for o in reversed(ss[: s.index]):
            if o.paragraph < min(paras):
                break
            if o.index in own and not o.heading:
                tx = own[o.index]
                break
    if tx is not None:
        v = date_value(tx) or ""
        return v, tx.text, timeml.claim_precision(v)
    if published is not None:
        return published.isoformat(), "", "published"
    return None, "", "none"
