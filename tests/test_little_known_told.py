"""A little-known town the words around it place in a country the text names (real gazetteer).

Each case failed before the rule: below the population bar a town was kept only with a locative, a
region word or a neighbour, so "the village of Gilleleje", "a town called Rasnov" and "Turkey's Dalaman
airport" were dropped though the text says what and where they are.
"""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


def _found(text: str) -> dict[str, str]:
    return {r.mention.surface: r.place.country_code for r in geoparse(text, "d") if r.place}


@pytest.mark.parametrize(("text", "name", "cc"), [
    ("Storms lashed Denmark overnight. The fishing village of Gilleleje lost two boats.", "Gilleleje", "DK"),
    ("Tourism is growing in Romania, and a town called Rasnov has a new museum.", "Rasnov", "RO"),
    ("Flights were diverted to Turkey's small Dalaman airport on Sunday.", "Dalaman", "TR"),
])
def test_a_town_the_text_calls_a_place_of_a_named_country_is_kept(text: str, name: str, cc: str) -> None:
    assert _found(text).get(name) == cc


def test_without_the_country_named_a_kind_word_alone_does_not_keep_it() -> None:
    assert "Gilleleje" not in _found("The fishing village of Gilleleje lost two boats.")
