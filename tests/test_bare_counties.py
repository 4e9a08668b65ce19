"""Once a text names "X County", a bare "X" read as a town of another state is the county (real gazetteer).

Failed before the rule: "Volunteers from across Monroe" after "Monroe County, New York" was Monroe,
Louisiana. A town the county holds stays the town ("Orange" after "Orange County, California").
"""

from __future__ import annotations

from geo.geoparse import geoparse


def _places(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.feature_code, r.place.admin1) for r in geoparse(text, "d") if r.place}


def test_a_bare_name_after_its_county_is_the_county() -> None:
    found = _places("Police in Monroe County, New York, searched the lake shore. "
                    "Volunteers from across Monroe joined them on Sunday.")
    assert found["Monroe"] == found["Monroe County"]
    assert found["Monroe"][1] == "NY"


def test_a_town_inside_the_named_county_stays_the_town() -> None:
    found = _places("Deputies in Orange County, California, made an arrest. The man lived in Orange.")
    assert found["Orange"] == ("PPL", "CA")


def test_a_capital_stays_itself() -> None:
    found = _places("Flooding closed roads in Washington County, Oregon. Officials in Washington sent aid.")
    assert found["Washington"][0] == "PPLC"


def test_a_town_whose_state_the_text_names_stays_the_town() -> None:
    found = _places("Somerset is a city in Pulaski County, Kentucky. Its schools serve Somerset County too.")
    assert found["Somerset"] == ("PPL", "KY")


def test_x_city_read_as_a_town_named_plain_x_is_the_named_county() -> None:
    found = _places("Suffolk County detectives dug up the basement in Southold. "
                    "Suffolk City chief of detectives John Doe said the case was open.")
    assert found["Suffolk City"] == found["Suffolk County"]
    assert found["Suffolk City"][1] == "NY"


def test_a_town_whose_own_name_is_x_city_stays_the_town() -> None:
    found = _places("Jefferson County deputies helped. Officials in Jefferson City, Missouri, sent aid.")
    assert found["Jefferson City"][0].startswith("PPL")
