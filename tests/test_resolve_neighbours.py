"""Two ambiguous names that can be neighbours probably are (real gazetteer)."""

from __future__ import annotations

from geo.geoparse import geoparse


def test_dundalk_beside_dundrum_is_the_irish_town() -> None:
    text = ("A youth was charged over a stabbing in Dundalk in January. "
            "He appeared before the court in Dundrum on Tuesday.")
    got = {r.mention.surface: r for r in geoparse(text, "d") if r.place}
    assert got["Dundalk"].place.country_code == "IE"
    assert "reading of another name" in got["Dundalk"].why


def test_alone_it_is_the_biggest_dundalk() -> None:
    got = {r.mention.surface: r for r in geoparse("A youth was charged over a stabbing in Dundalk.", "d") if r.place}
    assert got["Dundalk"].place.country_code == "US"
