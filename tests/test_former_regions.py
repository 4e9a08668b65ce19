"""Regions news still names that the gazetteer lacks (geo/tables/regions.csv): England's regions, Kenya's
provinces before 2013, the DR Congo's provinces before 2015, the Niger Delta, the Fraser Valley."""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


def _places(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.name, r.place.country_code) for r in geoparse(text, "d") if r.place}


@pytest.mark.parametrize(("text", "surface", "cc"), [
    ("Cholera has spread in Kenya, with most cases in Nyanza province.", "Nyanza", "KE"),
    ("Kenyan officials counted 12 deaths in North Eastern Province.", "North Eastern Province", "KE"),
    ("Four patients have died in the West Midlands, the NHS in England said.", "West Midlands", "GB"),
    ("A caravan fire in Cornwall, in South West England, killed three.", "South West England", "GB"),
    ("Ebola was found in Kasai Occidental province of the DRC.", "Kasai Occidental", "CD"),
    ("Gunmen attacked an oil pipeline in the Niger Delta in southern Nigeria.", "Niger Delta", "NG"),
    ("A sick cow was found in the Fraser Valley near Vancouver, British Columbia.", "Fraser Valley", "CA"),
])
def test_a_former_or_statistical_region_is_found_in_its_country(text: str, surface: str, cc: str) -> None:
    got = _places(text)
    assert surface in got, got
    assert got[surface][1] == cc


def test_a_namesake_town_elsewhere_still_wins_in_its_own_story() -> None:
    got = _places("Flooding hit Nyanza, a town in Rwanda's Southern Province, on Monday.")
    assert got["Nyanza"][1] == "RW"
