"""A bare name shared by a first-level region and its chief city (the city GeoNames calls "New York City")
is the city unless the text reads it as the region: "Buffalo, New York", "New York state", a list of states."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.model import Place


def _places(text: str) -> dict[str, Place]:
    return {r.mention.surface: r.place for r in geoparse(text, "d") if r.place}


def test_a_bare_name_is_the_city() -> None:
    assert _places("John Reekie, who lives in New York, bought the winning ticket.")["New York"].feature_code == "PPLA"


def test_other_states_named_elsewhere_do_not_make_it_the_state() -> None:
    got = _places("The dealer moved from Kentucky last year. He spoke at the New York Auto Show on Friday.")
    assert got["Kentucky"].feature_code == "ADM1"
    assert got["New York"].feature_code == "PPLA"


def test_a_town_before_it_makes_it_the_state() -> None:
    got = _places("The first death was a 9-year-old girl from Buffalo, New York.")
    assert got["New York"].feature_code == "ADM1"


def test_a_region_word_makes_it_the_state() -> None:
    got = _places("A disaster has occurred throughout New York state, the governor said. New York has 62 counties.")
    assert got["New York state"].feature_code == "ADM1"
    assert got["New York"].feature_code == "ADM1"  # the region named once: the bare name follows


def test_listed_with_states_it_is_the_state() -> None:
    got = _places("Cases were reported in Arizona, California, New Jersey, New York, Ohio and Oregon.")
    assert got["New York"].feature_code == "ADM1"


def test_a_county_before_it_makes_it_the_state() -> None:
    got = _places("Chester is a town in Warren County, New York, United States.")
    assert got["New York"].feature_code == "ADM1"
