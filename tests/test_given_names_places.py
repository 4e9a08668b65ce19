"""Given names that are also place names ("Clare Curley", "Nigel Clough", "Stanley Uzoaru") before a surname
are people, not County Clare, Nigel (South Africa) or Stanley (Falklands): geo/tables/place_like_first_names.txt."""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


@pytest.mark.parametrize(("text", "word"), [
    ("Housing officer Clare Curley agreed that the scheme needed more inspections.", "Clare"),
    ("Rovers lost at home to Nigel Clough's side on Saturday.", "Nigel"),
    ("Stanley Uzoaru, a lecturer, wrote the report.", "Stanley"),
    ("The programme head, Larissa Kowalczyk, said athletes would benefit.", "Larissa"),
    ("Deputy director Salvador Marlon Malbog said the games go on.", "Salvador"),
    ("The letter was signed by Rashid Ullah Khan.", "Rashid"),
])
def test_a_place_like_given_name_before_a_surname_is_a_person(text: str, word: str) -> None:
    assert word not in {r.mention.surface for r in geoparse(text, "d")}


@pytest.mark.parametrize(("text", "word", "cc"), [
    ("Flooding hit County Clare and Galway in Ireland.", "Clare", "IE"),
    ("Sheep farmers near Stanley, Falkland Islands, lost stock.", "Stanley", "FK"),
])
def test_the_places_stay_places(text: str, word: str, cc: str) -> None:
    got = {r.mention.surface: r.place.country_code for r in geoparse(text, "d") if r.place}
    assert got.get(word) == cc or any(word in s and c == cc for s, c in got.items())
