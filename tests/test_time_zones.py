"""A clock time in a zone only one country's readers use ("7 a.m. CT") is a hint of the story's country
(geo.parse.support.clock_countries, geo/tables/time_zones.csv)."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.parse.support import clock_countries


def test_clock_times_name_countries() -> None:
    assert clock_countries("Sales open at 7 a.m. CT and close at 11:59 p.m. (ET) Sunday.") == {"US"}
    assert clock_countries("Gates open at 9am AEST.") == {"AU"}
    assert clock_countries("The CT scan and the ET film were shown; CST rose.") == set()  # no clock time


def test_a_us_time_zone_makes_a_bare_namesake_the_american_one() -> None:
    text = ("Organisers announced a two-day pass sale for the Birmingham festival. The price is valid "
            "from 7 a.m. CT today until 11:59 p.m. CT on Sunday.")
    [b] = [r for r in geoparse(text, "d") if r.mention.surface == "Birmingham"]
    assert b.place is not None and b.place.country_code == "US"


def test_without_a_clock_time_birmingham_stays_the_english_city() -> None:
    text = "Organisers announced a two-day pass sale for the Birmingham festival."
    [b] = [r for r in geoparse(text, "d") if r.mention.surface == "Birmingham"]
    assert b.place is not None and b.place.country_code == "GB"


def test_every_zone_is_found_and_a_text_naming_none_skips_the_pattern(monkeypatch) -> None:
    from geo.parse import support

    for zone, cc in support.TIME_ZONES.items():  # the quick test never hides a zone
        assert clock_countries(f"Polls close at 8 p.m. {zone} on Tuesday.") == {cc}, zone

    class NotTried:
        def finditer(self, text: str):
            raise AssertionError("the pattern ran on a text that names no time zone")

    monkeypatch.setattr(support, "_CLOCK_ZONE", NotTried())
    assert clock_countries("At 7 a.m. some 1,200 people and 35 trucks left; by 9 pm 40 more had come.") == set()
