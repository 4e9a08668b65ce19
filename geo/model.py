"""Plain data for places and the mentions of places in text.

These frozen dataclasses are the contract between the gazetteer, the geoparser and
``data/``: every later stage receives them, never a gazetteer row or a regex match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from geo.fastinit import fast_init

Precision = Literal["point", "admin", "country", "vague"]
"""How exactly a place pins a location: a city or town (point), a first-level region
(admin), a whole country, or a vague region ("Russia's Far East", "eastern Ukraine")."""

PRECISIONS: tuple[str, ...] = ("point", "admin", "country", "vague")

MentionKind = Literal["place", "demonym", "unresolved"]
""""unresolved": a name the text presents as a place ("the village of X") that the gazetteer lacks."""


@fast_init
@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record.

    ``id`` is the GeoNames id as a string where one exists (``"524901"``), otherwise a
    stable id of our own (``"rgn:russian-far-east"``, ``"adm1:RU-KRS"``).
    ``feature_code`` follows GeoNames: PCLI country, ADM1 region, PPLC capital,
    PPLA admin seat, PPL populated place, RGN vague region.
    ``geometry`` is a shapely geometry for areas (None for points, or when not loaded);
    ``approximate`` says the outline is a stand-in (e.g. a hull of member places).
    """

    id: str
    name: str
    lat: float
    lon: float
    country_code: str
    feature_code: str
    precision: Precision
    admin1: str = ""
    population: int = 0
    geonameid: int | None = None
    approximate: bool = False
    geometry: Any = field(default=None, compare=False, hash=False, repr=False)


@fast_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of one document's text that names a place (or a nationality).

    ``text[start:end] == surface`` always holds for the document's text.
    """

    doc_id: str
    start: int
    end: int
    surface: str
    kind: MentionKind = "place"


@fast_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """One place considered for a mention, with its score and the evidence behind it: ``why`` in words
    for a reader, ``reasons`` as codes (geo.parse.score.Bonus values) for the code that acts on them."""

    place: Place
    score: float
    why: str = ""
    reasons: frozenset[str] = frozenset()


@fast_init
@dataclass(frozen=True, slots=True)
class Resolution:
    """The geoparser's decision for one mention.

    ``place`` is None when the mention could not be resolved; ``confidence`` is in [0, 1];
    ``alternatives`` lists the other candidates considered (best first); ``why`` says in
    words why the winner won; ``metonymic`` marks uses like "Kyiv says" (the place stands
    for its government or people); ``organisation`` names the body the mention stands for or
    lies inside ("EU", "Georgian Dream", "Daily Sabah"): a claimant or actor, never an event place.
    """

    mention: Mention
    place: Place | None
    confidence: float
    alternatives: tuple[Candidate, ...] = ()
    why: str = ""
    metonymic: bool = False
    kept_by: str = ""  # the geoparser pass that decided the span is a place (--explain)
    chosen_by: str = ""  # the pass that chose ``place`` among the candidates
    organisation: str = ""
