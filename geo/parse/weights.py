"""Every number the geoparser weighs evidence with, in one place, each with the reason it exists.

Tuned on the development corpora (../shared/eval); change one and
re-score them all, since a weight that helps one rule can undo another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.model import Place
from geo.places import km


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """"Near" for one purpose: within ``km`` of each other. ``dlat``/``dlon`` (degrees) is a cheap box
    tried first; it is part of the rule (a neighbour outside the box, as across the antimeridian or
    far north, is not counted), so keep it when changing ``km``."""

    km: float
    dlat: float
    dlon: float = math.inf

    def box(self, p: Place, q: Place) -> bool:
        return abs(q.lat - p.lat) < self.dlat and abs(q.lon - p.lon) < self.dlon

    def holds(self, p: Place, q: Place) -> bool:
        """Whether ``p`` and ``q`` are neighbours."""
        return self.box(p, q) and km(p.lat, p.lon, q.lat, q.lon) < self.km

    def nearest(self, p: Place, others: list[Place]) -> float:
        """Distance in km from ``p`` to the closest of ``others`` inside the box (1e9 when none is)."""
        lat, lon, dlat, dlon = p.lat, p.lon, self.dlat, self.dlon  # the box inline: this runs per anchor
        return min((km(lat, lon, a.lat, a.lon) for a in others if abs(a.lat - lat) < dlat and abs(a.lon - lon) < dlon),
                   default=1e9)


@dataclass(frozen=True, slots=True)
class Weights:
    """Score bonuses (added to a candidate's gazetteer prior) and recognition thresholds."""

    # Recognition: which names a reader knows without context.
    minor_population: int = 20_000  # a town this big in a country the text is about is believable
    well_known_population: int = 500_000  # a city this big is kept whatever surrounds it
    # Evidence: how strongly a kept name says where the document is.
    ev_country: float = 1.0  # a country or a demonym names the country outright
    ev_clear: float = 0.5  # a name whose best reading leads the next by ...
    ev_clear_margin: float = 0.25  # ... this much prior is probably that place
    maybe_readings: int = 5  # names with at most this many readings lend them as soft anchors to each other
    # Scoring a candidate.
    country_type: float = 0.45  # a country is what a bare country name usually means
    admin_type: float = 0.25  # first-level regions are named more than their namesake towns
    vague_type: float = 0.45  # our macro-regions answer names no populated place should take
    capital: float = 0.2  # capitals are named more than namesakes of the same size
    population: float = 0.1  # per decade of population
    admin_population: float = 0.5  # a region's population counts half (it is spread over the region)
    exact: float = 0.3  # the candidate's own name is the surface (not an alternate name)
    country: float = 0.3  # the text is about the candidate's country
    country_share: float = 2.0  # ... scaled by that country's share of the text's countries, times this
    country_count: float = 0.2  # ... plus this per mention of it (up to country_count_cap)
    country_count_cap: float = 3.0
    admin: float = 0.3  # the text names the candidate's first-level region (or other regions of its country)
    contains_inner: float = 1.0  # "Atlanta, Georgia": Georgia contains the place named before it
    inside_container: float = 1.5  # "Kamagaya, Japan": the place lies in the container named after it
    wanted: float = 1.0  # "Kursk region" asks for a region, and this candidate is one
    listed: float = 0.3  # listed with places of the same type ("California or Washington": the state)
    near: float = 0.3  # another place of the text is a neighbour (NEAR_SCORE)
    near_maybe: float = 0.5  # a reading of another ambiguous name is a neighbour: this share of ``near``
    story_tie: float = 0.25  # readings this close in score are a tie the story's places may break
    story_sure: float = 0.5  # a point reading this far ahead of the next is one of the story's places
    story_km: float = 800.0  # ... and a tied reading within this of one of them ...
    story_ratio: float = 2.0  # ... and this many times nearer than the first reading wins
    unnamed_town: float = 0.01  # "Stroud, Ontario" placed in its container just beats every namesake
    # Confidence.
    softmax: float = 4.0  # temperature of the softmax over scores
    unopposed: float = 0.95  # confidence of the only candidate
    ceiling: float = 0.99  # no decision is certain
    little_known: float = 0.8  # confidence factor for a little-known name (not major)


WEIGHTS = Weights()

# A little-known name is believable near another place the text names.
NEAR_SUPPORT = Neighbourhood(km=100, dlat=1.0, dlon=3.0)
# Two names listed together ("Pokrovsk, Vuhledar and Toretsk") within a short drive: the same kind of town.
NEAR_LISTED = Neighbourhood(km=200, dlat=3)
# A candidate within this of another place of the text is the likelier reading.
NEAR_SCORE = Neighbourhood(km=150, dlat=1.5, dlon=4.0)
