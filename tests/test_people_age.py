"""An age right after a name makes it a person ("Kamil Can Agas, 35, was rescued")."""

from __future__ import annotations

from fixtures.gazetteer import fake_engine

from geo.geoparse import geoparse


def _names(text: str) -> list[str]:
    return [r.mention.surface for r in geoparse(text, "d", engine=fake_engine())]


def test_a_name_with_an_age_is_a_person_a_located_place_is_not() -> None:
    assert _names("Matsumoto Kenji, 41, was hurt in Kyiv.") == ["Kyiv"]
    assert _names("Matsumoto, 41, was hurt in Kyiv.") == ["Kyiv"]
    assert "Matsumoto" in _names("Fighting in Matsumoto, 20, 30 dead in Japan.")
