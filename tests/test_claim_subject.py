"""What a claim is about: counted parties, place containment, figure subjects."""

from __future__ import annotations

from datetime import date

from data.claims.quantities import extract_quantities
from data.claims.subject import counted_parties, figure_subjects, has_force_figure, place_match, sides
from data.model import Claim, ClaimPlace

KURSK_OBLAST = ClaimPlace("Kursk Oblast", "538555", 51.73, 36.19, "RU", "ADM1", "admin", 0, 5)
KURSK = ClaimPlace("Kursk", "538560", 51.73, 36.18, "RU", "PPLA", "point", 0, 5)
BELGOROD = ClaimPlace("Belgorod", "578072", 50.6, 36.6, "RU", "PPLA", "point", 0, 5)
MOSCOW = ClaimPlace("Moscow", "524901", 55.75, 37.62, "RU", "PPLC", "point", 0, 5)
RUSSIA = ClaimPlace("Russia", "2017370", 60.0, 100.0, "RU", "PCLI", "country", 0, 5)


def claim(text: str, claimant: str | None = None) -> Claim:
    return Claim("c", "d", 0, len(text), text, "2024-10-24", "", "day", date(2024, 10, 25), "X",
                 claimant=claimant, quantities=tuple(extract_quantities(text)))


def test_the_counted_party_is_whose_troops_not_where_they_are():
    c = claim("Kyiv says that roughly 12,000 North Korean troops are in Russia.", claimant="Kyiv")
    assert counted_parties(c, c.quantities[0]) == {"KP"}
    c = claim("Ukraine claims that the North Korean troop deployment in Russia consists of about 12,000 personnel.",
              claimant="Ukraine")
    assert counted_parties(c, c.quantities[0]) == {"KP"}
    assert figure_subjects(c) == {("troops", "KP")} and has_force_figure(c)
    assert sides(c) == {"KP", "RU"}  # the claimant's own name is not what the claim is about


def test_place_containment():
    assert place_match(KURSK, KURSK) == 1.0
    assert place_match(KURSK, KURSK_OBLAST) == 0.8  # the city lies in its region
    assert place_match(BELGOROD, KURSK_OBLAST) == 0.0  # a neighbouring region's city does not
    assert place_match(MOSCOW, KURSK) == 0.0
    assert place_match(RUSSIA, KURSK) == 0.0  # a country is compatible, never "the same place"
