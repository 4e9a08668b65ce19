"""Place-like given names: a person before a surname, the town after a locative or a residence (real gazetteer).

Each case failed before its rule: "Victoria Rowell" and "Orlando Bloom" were Victoria and Orlando, because
"Rowell" and "Bloom" are alternate spellings of towns' names (only a place's own name after a given name
makes it a place: "Lincoln Gap");
"near Tyler" and "Jo Doe, 41, of Tyler" lost Tyler, Texas as a bare given name.
"""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.country_code, r.place.feature_code) for r in geoparse(text, "d") if r.place}


@pytest.mark.parametrize(("text", "name"), [
    ("The drama was written by Victoria Rowell and aired last spring.", "Victoria"),
    ("Orlando Bloom signed autographs after the screening.", "Orlando"),
])
def test_a_place_like_given_name_before_a_little_known_surname_is_a_person(text: str, name: str) -> None:
    assert name not in _found(text)


def test_a_place_like_given_name_before_a_well_known_place_stays_a_place() -> None:
    assert _found("Tourists love Paris Texas in spring.").get("Texas") == ("US", "ADM1")


@pytest.mark.parametrize("text", [
    "Storms flooded east Texas. A shelter near Tyler took in forty families.",
    "Storms flooded east Texas. Jo Doe, 41, of Tyler lost her roof.",
])
def test_a_place_like_given_name_after_a_locative_or_an_age_is_the_town(text: str) -> None:
    assert _found(text).get("Tyler") == ("US", "PPL")


def test_a_bare_given_name_is_still_a_person() -> None:
    assert "Tyler" not in _found("Storms flooded east Texas, and Tyler told reporters the roof went.")


def test_a_place_own_name_after_a_place_like_given_name_keeps_it_a_place() -> None:
    # "Lincoln Gap" (a pass): Gap is a town's own name, so Lincoln is no given name here, nor later
    assert _found("Hikers climbed Lincoln Gap. Lincoln is a quiet town in Vermont.").get("Lincoln", ("",))[0] == "US"
