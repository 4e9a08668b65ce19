"""Pass "story": tied readings go to the namesake near the story's sure places (geo.parse.story)."""

from __future__ import annotations

from geo.model import Candidate, Place
from geo.parse.pipeline import PASSES
from geo.parse.story import STORY, rerank


def _p(pid: str, lat: float, lon: float, pop: int) -> Place:
    return Place(id=pid, name="Centreville", lat=lat, lon=lon, country_code="US", feature_code="PPL",
                 precision="point", population=pop)


ALABAMA = _p("al", 32.95, -87.12, 2_704)
VIRGINIA = _p("va", 38.84, -77.43, 71_135)
STORY_PLACES = [(_p("m", 38.75, -77.48, 41_000), "Manassas"), (_p("f", 38.85, -77.31, 24_000), "Fairfax"),
                (_p("g", 32.5, -86.9, 3_000), "Jemison")]  # one stray place far from the rest


def test_a_tie_goes_to_the_namesake_among_the_story_places() -> None:
    cands = (Candidate(ALABAMA, 1.30), Candidate(VIRGINIA, 1.25))
    got = rerank(cands, STORY_PLACES, "Centreville")
    assert got is not None and got[0].place.id == "va"
    assert "story's places" in got[0].why


def test_no_tie_no_change() -> None:
    assert rerank((Candidate(ALABAMA, 2.0), Candidate(VIRGINIA, 1.0)), STORY_PLACES, "Centreville") is None


def test_a_city_everyone_knows_stays() -> None:
    big = _p("big", 32.0, -100.0, 3_000_000)
    assert rerank((Candidate(big, 1.30), Candidate(VIRGINIA, 1.25)), STORY_PLACES, "Centreville") is None


def test_already_near_the_story_stays() -> None:
    near = _p("near", 39.2, -77.3, 5_000)
    assert rerank((Candidate(near, 1.30), Candidate(VIRGINIA, 1.25)), STORY_PLACES, "Centreville") is None


def test_the_pass_runs_before_one_sense_per_surface() -> None:
    names = [p.name for p in PASSES]
    assert names.index(STORY) < names.index("coherence")
