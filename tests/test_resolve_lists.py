"""A place listed with others of one type takes that type (real gazetteer): "California or Washington"."""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


def _codes(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.country_code, r.place.feature_code) for r in geoparse(text, "d") if r.place}


@pytest.mark.parametrize(("text", "surface", "want"), [
    ("Jobs left western states such as California or Washington for Utah, Colorado and Idaho.",
     "Washington", ("US", "ADM1")),
    ("Talks between Moscow and Washington stalled.", "Washington", ("US", "PPLC")),
    ("Observers from Armenia, Georgia and Ukraine arrived.", "Georgia", ("GE", "PCLI")),
    ("The letters reached New York City and Florida.", "Florida", ("US", "ADM1")),
    ("The storm reached Atlanta, Georgia on Monday.", "Georgia", ("US", "ADM1")),
])
def test_list_partners_decide_the_type(text: str, surface: str, want: tuple[str, str]) -> None:
    assert _codes(text)[surface] == want


def test_a_town_the_gazetteer_lacks_goes_where_its_region_says() -> None:
    """"Stroud, Ontario": the only Stroud the gazetteer knows is in England; the text says Ontario."""
    [stroud] = [r for r in geoparse("The driver was stopped in Stroud, Ontario, on Friday.", "d")
                if r.mention.surface == "Stroud"]
    assert stroud.place is not None and stroud.place.country_code == "CA"
    assert stroud.place.approximate and stroud.place.precision == "admin" and stroud.place.name == "Stroud, Ontario"


def test_a_list_with_commas_is_not_a_town_and_its_region() -> None:
    text = "unlike the Zaire, Bundibugyo, Côte d'Ivoire and Sudan strains"
    got = {r.mention.surface: r.place.country_code for r in geoparse(text, "d") if r.place}
    assert got.get("Bundibugyo") == "UG"


@pytest.mark.parametrize(("text", "want"), [
    ("Outbreaks were confirmed in Utah, Virginia, Washington, West Virginia and Wyoming.", ("US", "ADM1")),
    ("Inspectors are looking at cases in Washington, Pennsylvania and California.", ("US", "ADM1")),
    ("She grew up in Washington, Pennsylvania, a small town.", ("US", "PPL")),  # town, state
])
def test_a_list_of_regions_is_not_town_comma_state(text: str, want: tuple[str, str]) -> None:
    assert _codes(text)["Washington"] == want


def test_a_state_abbreviation_in_parentheses_is_the_container() -> None:
    found = _codes("The Walker County (Ga.) Sheriff's Office is asking the public for help.")
    assert found["Ga."] == ("US", "ADM1")  # was not read: postal forms only after "Place, "
    got = {r.mention.surface: r.place.admin1 for r in geoparse("The Walker County (Ga.) Sheriff's Office said.", "d")
           if r.place}
    assert got["Walker County"] == "GA"  # was Walker County, Texas
