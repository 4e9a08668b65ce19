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
