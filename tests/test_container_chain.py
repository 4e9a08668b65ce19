"""Pass "containers": a name between a place and its own container keeps both constraints
("Pierce County, Washington, United States": Washington holds Pierce County and lies in the US)."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.model import Place


def _places(text: str) -> dict[str, Place]:
    return {r.mention.surface: r.place for r in geoparse(text, "d") if r.place}


def test_the_middle_of_a_container_chain_holds_the_name_before_it() -> None:
    got = _places("Lakewood is a city in Pierce County, Washington, United States. "
                  "Lakewood was incorporated in 1996.")
    assert got["Washington"].feature_code == "ADM1" and got["Washington"].admin1 == "WA"  # not the capital
    assert got["Lakewood"].admin1 == "WA" and got["Lakewood"].lon < -120


def test_a_chain_in_another_state() -> None:
    got = _places("Toledo is a city in Lewis County, Washington, United States. The first school in Toledo "
                  "was called the OK School.")
    assert got["Washington"].feature_code == "ADM1"
    assert got["Toledo"].country_code == "US" and got["Toledo"].admin1 == "WA"


def test_a_capital_with_its_country_after_it_stays_the_capital() -> None:
    got = _places("The talks were held in Washington, United States, on Monday.")
    assert got["Washington"].feature_code == "PPLC"
