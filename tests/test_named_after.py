"""Buildings named after a place they are not in (geo.streets, facility_heads.csv): "Liverpool Academy"
in Cairo, "Rogers Centre" in Toronto, "Hotel Kyjev" in Bratislava sit in the story's towns."""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse
from geo.streets import find_streets


def _places(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.name, r.place.country_code) for r in geoparse(text, "d") if r.place}


def test_a_centre_named_after_a_town_abroad_is_in_the_storys_town() -> None:
    got = _places("The Blue Jays lost again in Toronto on Sunday. Fans left the Rogers Centre early.")
    assert "Rogers" not in got
    assert got["Rogers Centre"] == ("Rogers Centre, Toronto", "CA")


def test_an_academy_named_after_a_football_club_is_where_the_story_is() -> None:
    text = ("Boys in Cairo and Giza dream of playing for Liverpool. At the Liverpool Academy they train "
            "on the grounds of the British International School every evening.")
    got = _places(text)
    assert got["Liverpool Academy"][1] == "EG"
    assert got["British International School"][1] == "EG"


def test_a_hotel_named_after_a_capital_is_in_the_town_the_story_names() -> None:
    got = _places("A developer in Bratislava bought the old Hotel Kyjev and will rebuild it.")
    assert "Kyjev" not in got
    assert got["Hotel Kyjev"] == ("Hotel Kyjev, Bratislava", "SK")


def test_a_theatre_named_right_before_its_town_takes_that_town() -> None:
    got = _places("The awards were handed out at The Colony Theatre in Los Angeles on Friday.")
    assert got["The Colony Theatre"][0] == "The Colony Theatre, Los Angeles"


@pytest.mark.parametrize("text", [
    "She hosted Masterpiece Theatre for years in Boston.",  # no place word inside
    "Pellets were found at the Myer Centre outlet in Brisbane.",  # only the head word is a name (Centre, France)
    "The Wild Life Health Centre in Lelystad found traces.",
])
def test_no_building_without_a_place_word_inside(text: str) -> None:
    assert [r.mention.surface for r in geoparse(text, "d") if r.place and r.place.approximate
            and r.mention.surface.endswith(("Theatre", "Centre"))] == []


def test_hotel_needs_a_capitalised_name() -> None:
    assert [s.surface for s in find_streets("Hotel prices rose in Rome.")] == []


def test_a_quarter_and_a_plantation_are_in_the_storys_town() -> None:
    got = _places("New Orleans grew fast. Tourists crowded the French Quarter, and the Marigny Plantation "
                  "was cut into lots.")
    assert got["French Quarter"] == ("French Quarter, New Orleans", "US")
    assert got["Marigny Plantation"] == ("Marigny Plantation, New Orleans", "US")
    assert "French" not in got and "Plantation" not in got


def test_a_building_named_after_a_town_of_the_story_is_in_that_town() -> None:
    got = _places("Police in Toronto and Hamilton met on Monday. Later, at the Toronto Eaton Centre, "
                  "officers from Hamilton helped shoppers.")
    assert got["Toronto Eaton Centre"][0] == "Toronto Eaton Centre, Toronto"


@pytest.mark.parametrize(("text", "surface", "town"), [
    ("He studied history at Washington University in St. Louis before moving.", "Washington University",
     "St. Louis"),
    ("A student in Los Angeles, California, was accepted to California State University at San Marcos.",
     "California State University",
     "San Marcos"),
])
def test_a_university_with_its_town_after_it_is_in_that_town(text: str, surface: str, town: str) -> None:
    got = _places(text)
    assert got[surface][0] == f"{surface}, {town}"
    assert "Washington" not in got and "California State" not in got


def test_a_university_without_its_town_is_left_to_the_place_words() -> None:
    assert [s.surface for s in find_streets("A Chapman University survey of Orange County residents.")] == []
    assert [s.surface for s in find_streets("She went to the Queen Elizabeth University Hospital in Glasgow.")] \
        == ["Queen Elizabeth University Hospital"]
