"""Plain data from document to claim.

Every claim keeps its document id and character offsets, so any view can go back to
the exact sentence (and the exact place mention) it came from.

They are built by the hundred thousand in an ingest (extraction, linking's ``dataclasses.replace``, decoding
stored claims), so each takes ``geo.fastinit.fast_init``'s ``__init__``: the same instances, made faster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from geo.fastinit import fast_init

DatePrecision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "published", "none"]
"""How precise a claim's date is; "published" means the publication date stands in for
the event date because the text gave none."""

PlaceRole = Literal["event", "origin", "claimant"]


@fast_init
@dataclass(frozen=True, slots=True)
class Document:
    """One article.

    ``id`` hashes the text with the outlet, URL and publication date the source states, so
    re-ingesting the same article changes nothing while one wire story carried by two outlets
    stays two documents (corroboration counts the copies once).
    ``published_how`` says where ``published`` came from: "metadata", "manifest",
    "inferred:dateline", "inferred:latest-date", or "" when unknown (``published`` None).
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    published_how: str = ""
    source_path: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class TimeEx:
    """A temporal expression, normalised to a TimeML value against an anchor date."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str


@fast_init
@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure in a claim: "about 12,000 troops" -> value 12000, unit "troops",
    qualifier "about". ``low``/``high`` bound ranges, vague amounts ("thousands") and hedges
    ("more than 2,300": low 2300, high None). ``unit`` is the status for people ("dead" for "30
    soldiers were killed") else the thing counted; ``counted`` is then who was counted
    ("soldiers"). ``subject`` says which quantity it is (what, about which event, where), so that
    only like is compared with like (``data.claims.figure_subject``); "" when it cannot be told."""

    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    qualifier: str = ""
    start: int = -1
    end: int = -1
    counted: str = ""
    subject: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class ClaimPlace:
    """A place a claim is about, with its role and the mention's offsets in the document."""

    name: str
    place_id: str
    lat: float | None
    lon: float | None
    country_code: str
    feature_code: str
    precision: str
    start: int
    end: int
    role: PlaceRole = "event"
    confidence: float = 1.0


@fast_init
@dataclass(frozen=True, slots=True)
class Claim:
    """One statement in one article, located, dated and attributed.

    ``start``/``end`` are the sentence's offsets in the document; ``date`` is a TimeML
    value (or None: the claim is undated); ``claimant`` is who asserts it (None: the
    article asserts it itself). ``claimant_start``/``claimant_end`` are the claimant mention's
    offsets in the document (a pronoun's own span when the name was resolved from it) and
    ``cue_start``/``cue_end`` the reporting cue's ("said", "according to"); -1 when unknown.
    ``corroboration`` and ``conflicts`` are filled by the cross-document stage.
    """

    claim_id: str
    doc_id: str
    start: int
    end: int
    text: str
    date: str | None
    date_text: str
    date_precision: str
    published: date | None
    outlet: str
    claimant: str | None = None
    claimant_country: str = ""
    places: tuple[ClaimPlace, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    kind: str = "statement"
    confidence: float = 1.0
    cluster_id: str = ""
    corroboration_outlets: int = 1
    corroboration_claimants: int = 1
    conflicts: tuple[str, ...] = field(default=())
    claimant_start: int = -1
    claimant_end: int = -1
    cue_start: int = -1
    cue_end: int = -1
    unresolved: tuple[ClaimPlace, ...] = ()
    """Names the sentence presents as places that the gazetteer lacks (geo.unknown): kept so the
    "Places not found" list can show them with their sentence; ``place_id`` "" and no coordinates."""
