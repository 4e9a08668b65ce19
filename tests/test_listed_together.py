"""Towns named in one list lie together (geo.parse.listed)."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.model import Place


def _places(text: str) -> dict[str, Place]:
    return {r.mention.surface: r.place for r in geoparse(text, "d") if r.place}


def test_a_listed_name_read_in_an_unnamed_country_moves_next_to_its_partner() -> None:
    got = _places("Peruvian officials said a truck dumped mercury along an Andean highway in the communities "
                  "of San Juan, Choropampa, and Magdalena.")
    assert got["Choropampa"].country_code == "PE"
    assert got["San Juan"].country_code == "PE"  # not San Juan, Puerto Rico


def test_a_listed_name_in_a_country_the_text_names_stays() -> None:
    got = _places("The band played in San Juan, Miami and Orlando last month, said the Puerto Rico promoter.")
    assert got["San Juan"].country_code == "PR"

