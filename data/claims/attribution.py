"""Attribution, its own stage: who says what in an article, sentence by sentence.

Cues (``attribution_cues``) find where a sentence reports someone else's words or beliefs; the
source noun phrase stands before the cue ("the governor said"), after it ("said the governor",
"according to the campaign") or, for a participle ("..., adding that"), is the clause's subject.
Pronoun sources keep their own offsets and are displayed as the nearest compatible named source
(``attribution_pronouns``). A sentence inside a quotation takes the quotation's speaker
(``attribution_quotes``); no other sentence inherits a neighbour's source. Where the source stands
in the clause is ``attribution_clause``'s business, how far its noun phrase runs ``attribution_source``'s.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from data.claims.attribution_clause import ends_in_quote, source_before, subject_of
from data.claims.attribution_cues import Cue, find_cues
from data.claims.attribution_pronouns import Named, describe, names_in, resolve
from data.claims.attribution_quotes import Quote, inside, quotes
from data.claims.attribution_source import PERSONAL, RELATIVE, phrase_after, source_after
from data.claims.claimants import Attribution, claimant_country
from data.sentences import Sentence, sentences

CLAIM_KINDS = frozenset({"speech", "phrase", "belief"})
"""Cue kinds under which the claims layer counts a source as the claimant of a sentence: speech, statement
phrases and beliefs. Stance cues ("called for", "wants") are acts, and evidence ("images show", "the
video showed") has no one asserting; both stay attributions for ``attribute``."""

_COORDINATED = re.compile(r"\b(?:and|but)(?:\s+(?:also|then|later|has|have|had))?$")
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|be|am|'s|’s|'re|’re)(?:\s+(?:also|still|now|not|again))?$")
_MAX_CUES = 24
"""Cues looked at per sentence: real sentences have a handful; "officials said " x 15,000 must stay cheap."""
_LOOK_BACK = 200
"""Named candidates a pronoun looks back over: the nearest compatible one is almost always among them."""
_STOP = re.compile(r"[.!?\n]")
_QUOTE_WORDS = 4
"""A quotation shorter than this is a term being quoted, not a statement that runs over sentences."""
_NEAR_QUOTE = 120
"""Characters between a quotation's edge and its speech cue: ',” Prigozhin, dressed in full combat uniform at an
undisclosed location, said' fits (no line break may come between)."""


def _source_span(text: str, s: Sentence, cue: Cue, found: list[Attribution]) -> tuple[int, int] | None:
    if cue.side == "after":
        return (phrase_after if cue.lemma != "dash" else source_after)(text, cue.end, s.end)
    if cue.side == "before" and cue.lemma != "colon":  # "X referred to ... in a statement": the subject
        return subject_of(text, s.start, cue.start) or source_before(text, cue.start, s.start)
    if cue.side == "before":
        return source_before(text, cue.start, s.start)
    word = text[cue.start:cue.end].split()[0].lower()
    before = text[s.start:cue.start].rstrip()
    if _COORDINATED.search(before):  # "X bemoaned the unrest and said": the clause's subject speaks
        subject = subject_of(text, s.start, cue.start)
        if subject is None and found:
            subject = found[0].start, found[0].end
        return subject
    if (word.endswith("ing") and not _PROGRESSIVE.search(before)) or before.endswith(("having", "Having")):
        # "..., saying that", "after saying that", "posted a message saying", "having said that": the
        # participle's speaker is the clause's subject
        return (found[-1].start, found[-1].end) if found else subject_of(text, s.start, cue.start)
    pre = text[s.start:cue.start].rstrip()
    if pre.endswith(","):  # "Smith, a spokesman, said" before "the plan is weak, said Smith"
        return source_before(text, cue.start, s.start) or source_after(text, cue.end, s.end)
    if ends_in_quote(text, s.start, cue.start) or not pre.strip(" “\"‘"):
        return source_after(text, cue.end, s.end) or source_before(text, cue.start, s.start)
    return source_before(text, cue.start, s.start)


def _display(text: str, start: int, end: int, named: list[Named]) -> str:
    """The claimant's display text: the mention itself, or for a pronoun the name it refers to."""
    mention = text[start:end]
    low = mention.lower()
    if low in PERSONAL or low in RELATIVE:
        k = bisect.bisect_right(named, start, key=lambda n: n.end)
        ref = resolve(low, start, named[max(0, k - _LOOK_BACK):k])  # the nearest names only: bounded work
        return ref.name if ref is not None else mention
    return mention


def attribute(text: str, ss: Sequence[Sentence] | None = None,
              qs: list[Quote] | None = None) -> list[tuple[Attribution, ...]]:
    """Every attribution of each sentence of ``text`` (``ss`` defaults to ``sentences(text)``, ``qs``, the
    quotations, to ``quotes(text)``), in order.

    A sentence inside a quotation (of at least ``_QUOTE_WORDS`` words) with no speaker of its own outside
    it gets the quotation's speaker (same claimant span, the speaker's cue): '“A. B,” he said' and
    '“A,” she said. “B.”'. No other sentence takes a neighbour's source.
    """
    ss = list(sentences(text)) if ss is None else list(ss)
    qs = quotes(text) if qs is None else qs
    named: list[Named] = sorted(names_in(text), key=lambda n: n.end)
    out: list[list[Attribution]] = []
    for s in ss:
        found: list[Attribution] = []
        for cue in find_cues(text, s.start, s.end)[:_MAX_CUES]:
            if inside(qs, cue.start) is not None and cue.lemma not in ("colon", "dash"):
                continue  # words the speaker quotes ("“I think ...,” she said"): the speaker is the source
            span = _source_span(text, s, cue, found)
            if span is not None and text[span[0]:span[1]][:4] in ("the ", "The ") and span[1] - span[0] > 4:
                span = (span[0] + 4, span[1])  # the article is not part of the name: "the Russian president"
            if span is None:
                continue
            if cue.kind in ("belief", "stance") and text[span[0]:span[1]].lower() in PERSONAL and any(
                    a.pattern == "speech" and a.cue_end <= span[0] for a in found):
                continue  # "Smith said he hopes ...": the hope is part of what Smith said
            same = [k for k, a in enumerate(found) if a.start == span[0] and a.end == span[1]]
            if same:  # one source, several cues: keep one, the assertion rather than the act
                if found[same[0]].pattern not in CLAIM_KINDS and cue.kind in CLAIM_KINDS:
                    found[same[0]] = replace(found[same[0]], pattern=cue.kind, cue_start=cue.start,
                                             cue_end=cue.end)
                continue
            name = _display(text, span[0], span[1], named)
            if name == text[span[0]:span[1]] and name.lower() not in PERSONAL | RELATIVE:
                bisect.insort(named, describe(span[0], span[1], name), key=lambda n: n.end)
            found.append(Attribution(name, span[0], span[1], claimant_country(name), cue.kind, cue.start, cue.end))
        if len(found) > 1:  # "Background: Russian media reported": a label only speaks when nothing else does
            found = [a for a in found if text[a.cue_start:a.cue_end] != ":"]
        out.append(found)
    _spread_quotes(text, ss, qs, out)
    return [tuple(f) for f in out]


def _speaker(text: str, q: Quote, starts: list[int], out: list[list[Attribution]]) -> Attribution | None:
    """The attribution whose cue stands just after the quotation closes or just before it opens."""
    if len(text[q.start:q.end].split()) < _QUOTE_WORDS:
        return None  # a scare-quoted name or phrase (PMC “Wagner”) is no one's statement
    best = None
    lo = max(0, bisect.bisect_right(starts, q.start - _NEAR_QUOTE) - 1)
    hi = bisect.bisect_right(starts, q.end + _NEAR_QUOTE)
    for found in out[lo:hi]:  # only the sentences around the quotation (bounded work on long texts)
        for a in found:
            if q.end - 1 <= a.cue_start <= q.end + _NEAR_QUOTE and not _STOP.search(text, q.end, a.cue_start):
                return a  # '“...,” Smith said', '“...?” Smith asked': no sentence ends in between
            gap = text[a.cue_end:q.start]
            if q.start - _NEAR_QUOTE <= a.cue_end <= q.start and "\n" not in gap and len(_STOP.findall(gap)) <= 1:
                best = a  # 'Smith said: “...', and '“A,” she said. “B.”' (the quotation goes on)
    return best


def _spread_quotes(text: str, ss: Sequence[Sentence], qs: list[Quote], out: list[list[Attribution]]) -> None:
    starts = [s.start for s in ss]
    for q in qs:
        first = max(0, bisect.bisect_right(starts, q.start) - 1)
        covered = [i for i in range(first, bisect.bisect_left(starts, q.end)) if ss[i].start < q.end
                   and q.start < ss[i].end]
        speaker = _speaker(text, q, starts, out)
        if speaker is None:
            continue
        for i in covered:
            own = [a for a in out[i] if inside([q], a.cue_start) is None]
            if not own and speaker not in out[i]:
                out[i].append(speaker)


def sentence_claimants(text: str, ss: Sequence[Sentence], kinds: Collection[str] = CLAIM_KINDS,
                       figure_at: dict[int, int] | None = None) -> list[Attribution | None]:
    """One claimant per sentence for the claims layer: an attribution of an allowed cue kind whose cue
    stands outside quotation marks (the speaker, not someone the speaker quotes); when a sentence has
    two, the one whose cue comes last before the sentence's first figure (``figure_at``: sentence
    index -> offset in the document), since that is who gives the figure, else the first."""
    qs = quotes(text)
    out: list[Attribution | None] = []
    for i, found in enumerate(attribute(text, ss, qs)):
        pick = [a for a in found if a.pattern in kinds]
        pick = [a for a in pick if inside(qs, a.cue_start) is None] or pick
        at = (figure_at or {}).get(i)
        before = [a for a in pick if at is not None and a.cue_start < at]
        out.append(before[-1] if len(pick) > 1 and before else (pick or [None])[0])
    return out
