"""Which quantity a figure states, so that only like is compared with like.

A figure's key says what it counts (the measure: "dead", "helicopters", "km", "RUB"; for people
with a status, who: "aircrew" for pilots and airmen), about which event ("attack", "crash",
"earthquake": the event words of its sentence), and, for distances, from where to what ("400 km
south of Moscow" said of the Lipetsk region). Where and for which day come from the claim (its
event places and date) and are compared in ``data.link.conflicts``. A figure whose quantity
cannot be told gets no key and is never compared: a part of a breakdown ("two attack helicopters
and four transport ones", "among the aircraft shot down were three ..."), a share ("5,000 of
them"), an increment ("a further 845 billion"), a distance travelled ("advanced 200 km towards
Moscow"), a vague amount, or money not tied to a named payer or payee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from data.claims.cue_tables import cue_pattern, mapping
from data.claims.figure_context import PEOPLE_CLASSES
from data.claims.quantities import _SCALES, _WORD_VALUES
from data.model import Claim, ClaimPlace, Quantity

_CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "roubles", "rubles", "dollars", "euros", "pounds"})
_MONEY = {"roubles": "RUB", "rubles": "RUB", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}
_TO_KM = {"km": 1.0, "miles": 1.609344}
_GENERIC = frozenset(["military", "additional", "more", "armed", "regular", "army", "russian", "emergency", "total", "other", "new", "fresh", "foreign", "combat", "active", "reported", "estimated", "confirmed"])
_NOT_NARROWING = frozenset(["of", "its", "his", "her", "their", "the", "them", "all", "a", "an", "some"])
_DIRECTION = (r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+|"
              r"short\s+|away\s+|outside\s+)?")
_REF = re.compile(r"^\.?\s*\)?\s*(?:\([^)]*\)\s*)?" + _DIRECTION + r"(?:of|from)\s+(?:the\s+)?")
_CAPITAL = re.compile(r"^(?:(?:[A-Z][\w'’]+|[a-z]+)\s+)?capital\b")
_LOCATED_GAP = re.compile(r"\s*|\s*[,(]\s*(?:[a-z]+\s+){0,3}")
_SHARE_AFTER = re.compile(r"^\s*of\s+(?:them|those|these|which|whom|the)\b")
_SHARE_IN = re.compile(r"\bof\s+(?:the|them|those|these)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:among|including|includes|included|of\s+which|of\s+whom)\b[^.;]{0,50}$",
                          re.IGNORECASE)
_INCREMENT = re.compile(r"\b(?:a\s+further|another|an?\s+additional|additional|extra|also)\s+$", re.IGNORECASE)
_RATE = re.compile(r"\b(?:(?:a|per|each|every|in\s+a)\s+(?:year|month|week|day)|annual(?:ly)?|monthly|yearly)\b",
                   re.IGNORECASE)
_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+")


@dataclass(frozen=True, slots=True)
class FigureKey:
    """What a figure measures; two figures state one quantity only when their keys are compatible
    (``compatible``) and their claims' places and days are (``data.link.conflicts``)."""

    measure: str
    counted: str = ""
    events: frozenset[str] = frozenset()
    ref: str = ""
    located: str = ""
    entities: frozenset[str] = frozenset()
    rate: bool = False
    scale: float = 1.0
    purpose: frozenset[str] = frozenset()

    def text(self) -> str:
        """A readable form ("dead/aircrew/crash", "km from capital:RU at adm1:RU-LIP")."""
        parts = [self.measure + (f"/{self.counted}" if self.counted else "")]
        if self.events:
            parts.append("+".join(sorted(self.events)))
        if self.ref:
            parts.append(f"from {self.ref}" + (f" at {self.located}" if self.located else ""))
        if self.entities:
            parts.append("of " + "+".join(sorted(self.entities)))
        if self.rate:
            parts.append("per period")
        return " ".join(parts)


@lru_cache(maxsize=1)
def _events() -> re.Pattern[str]:
    return cue_pattern(list(mapping("event_nouns")))


@lru_cache(maxsize=1)
def _statuses() -> frozenset[str]:
    return frozenset(mapping("status_cues").values())


@lru_cache(maxsize=4096)
def sentence_events(text: str) -> frozenset[str]:
    """Event groups named in a sentence ("killed in a missile attack" -> {"attack"}). Memoised: every figure
    of a claim asks for its sentence's events, at extraction and again when linking compares figures."""
    table = mapping("event_nouns")
    return frozenset(table[m.group()] for m in _events().finditer(text.lower()))


_ALL_BEFORE = re.compile(r"\ball\s*$", re.IGNORECASE)
_OPEN_BRACKET = re.compile(r"\s*[(\[]\s*(?:\w+\s+)?")


def _place_at(places: tuple[ClaimPlace, ...], start: int) -> ClaimPlace | None:
    return next((p for p in places if p.start == start), None)


def _ref(c: Claim, q: Quantity, places: tuple[ClaimPlace, ...]) -> str:
    """What a distance is measured from ("of Moscow", "from the capital"), "" when not said."""
    after = c.text[q.end - c.start:q.end - c.start + 80]
    m = _REF.match(after)
    if not m:
        return ""
    at = q.end + m.end()
    p = _place_at(places, at)
    if p is not None:
        return f"capital:{p.country_code}" if p.feature_code == "PPLC" else p.place_id
    if _CAPITAL.match(c.text[at - c.start:]):
        return "capital:?"
    return ""


def _located(c: Claim, q: Quantity, places: tuple[ClaimPlace, ...]) -> str:
    """The place a distance is said of: the place named right before it ("the Lipetsk region, about 360 km")."""
    before = [p for p in places if p.end <= q.start]
    if not before:
        return ""
    p = max(before, key=lambda p: p.end)
    return p.place_id if _LOCATED_GAP.fullmatch(c.text[p.end - c.start:q.start - c.start]) else ""


def _entities(c: Claim, places: tuple[ClaimPlace, ...]) -> frozenset[str]:
    """Names in the sentence other than places and the claimant: who pays or is paid."""
    spans = [(p.start - c.start, p.end - c.start) for p in places]
    if c.claimant_start >= 0:
        spans.append((c.claimant_start - c.start, c.claimant_end - c.start))
    out = set()
    for m in _NAME.finditer(c.text):
        if m.start() == 0 or any(a <= m.start() < b for a, b in spans):
            continue
        out.add(re.sub(r"[’']s$", "", m.group()).lower())
    return frozenset(out)


_SHARED_PURPOSE = 2
"""Content words two money figures' sentences must share to be about one payment."""
_FUNCTION = frozenset(["that", "this", "with", "from", "have", "been", "were", "which", "their", "there", "they", "than", "more", "also", "into", "over", "under", "about", "after", "before", "while", "would", "could", "should", "will"])


def _content(text: str) -> frozenset[str]:
    """The sentence's lower-case content words (4+ letters): what a sum is for."""
    return frozenset(w for w in re.findall(r"(?<![\w-])[a-z]{4,}", text) if w not in _FUNCTION)


def _specific(q: Quantity) -> str:
    """The lower-case words of a figure's noun phrase that narrow it ("helicopter" in "two helicopter pilots")."""
    text = q.text[len(q.qualifier):] if q.text.lower().startswith(q.qualifier.lower()) else q.text
    words = re.findall(r"(?<![\w-])[a-z][a-z-]+", text)
    skip = _GENERIC | _NOT_NARROWING | set(_WORD_VALUES) | set(_SCALES)
    return " ".join(w for w in words[:-1] if w not in skip)


def is_conversion(c: Claim, q: Quantity) -> bool:
    """Whether ``q`` restates the figure before it in other units: "400 km (250 miles)"."""
    rs = q.start - c.start
    return any(o is not q and o.end <= q.start and _OPEN_BRACKET.fullmatch(c.text[o.end - c.start:rs])
               for o in c.quantities)


def figure_key(c: Claim, q: Quantity) -> FigureKey | None:
    """The quantity ``q`` (a figure of claim ``c``) states, or None when it cannot be told."""
    if q.value is None or not q.unit:
        return None
    placed = c.start <= q.start < q.end <= c.end  # a figure made without offsets is read from its own text
    if placed and is_conversion(c, q):
        return None  # a conversion states the figure before it again: that one is compared
    nouns = mapping("count_nouns")
    statuses = _statuses()
    rs, re_ = (q.start - c.start, q.end - c.start) if placed else (0, 0)
    share = _SHARE_IN.search(q.text) or _SHARE_AFTER.match(c.text[re_:])  # "five of the helicopters"
    if placed and ((share and not _ALL_BEFORE.search(c.text[max(0, rs - 8):rs]))
                   or _PART_BEFORE.search(c.text[max(0, rs - 60):rs]) or _INCREMENT.search(c.text[max(0, rs - 20):rs])):
        return None
    unit = q.unit.lower()
    measure = _MONEY.get(unit) or (q.unit if q.unit in _CURRENCIES else nouns.get(unit, unit))
    if measure not in statuses and measure not in _TO_KM:
        same = [o for o in c.quantities if o is not q and o.unit.lower() == unit]
        noun = unit.rstrip("s")
        rest = c.text[:rs] + " " * (re_ - rs) + c.text[re_:]
        own_noun = noun in q.text.lower()  # not a noun borrowed from "the number of soldiers ... 12,000"
        if same or (placed and own_noun and len(noun) > 2 and re.search(rf"\b{re.escape(noun)}", rest.lower())):
            return None  # one item of a breakdown: "a Ka-52 helicopter, ... three EW helicopters"
    places = c.places
    if measure in _TO_KM:
        ref = _ref(c, q, places) if placed else ""
        if not ref:
            return None  # a distance travelled, or from somewhere unsaid
        return FigureKey("km", ref=ref, located=_located(c, q, places), scale=_TO_KM[measure])
    if measure in _CURRENCIES or measure in _MONEY.values():
        entities = _entities(c, places)
        if not entities:
            return None
        return FigureKey(measure, entities=entities, rate=bool(_RATE.search(c.text)), purpose=_content(c.text))
    counted = ""
    if measure in statuses:
        cls = nouns.get(q.counted.lower(), "people") if q.counted else "people"
        if cls not in PEOPLE_CLASSES:
            return None
        counted = cls
        spec = _specific(q)
        if spec:
            counted += f":{spec}"
    return FigureKey(measure, counted=counted, events=sentence_events(c.text), rate=bool(_RATE.search(c.text)))


def compatible(a: FigureKey, b: FigureKey) -> bool:
    """Whether two keys can name one quantity (places and days aside)."""
    if (a.measure, a.counted, a.rate) != (b.measure, b.counted, b.rate):
        return False
    if a.events and b.events and not a.events & b.events:
        return False
    if a.ref or b.ref:
        if a.located != b.located:
            return False
        if a.ref != b.ref and not ({a.ref, b.ref} & {"capital:?"} and a.ref.startswith("capital:")
                                   and b.ref.startswith("capital:")):
            return False
    if a.purpose and b.purpose and len(a.purpose & b.purpose) < _SHARED_PURPOSE:
        return False  # sums paid for different things ("compensation" vs "state orders")
    return not (a.entities or b.entities) or bool(a.entities & b.entities)
