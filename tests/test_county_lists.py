"""Names listed with the word "counties" are counties (real gazetteer).

Failed before the pass: "Kane and Kendall counties, Illinois" was the town of Kane, Pennsylvania and
Kendall, Florida; "Harris" (a given name) and "Lake" (a common word) were dropped from their lists.
"""

from __future__ import annotations

from geo.geoparse import geoparse


def _found(text: str) -> dict[str, tuple[str, str, str]]:
    return {r.mention.surface: (r.place.feature_code, r.place.country_code, r.place.admin1)
            for r in geoparse(text, "d") if r.place}


def test_names_before_counties_are_counties_of_the_state_after() -> None:
    found = _found("The new rail line will serve Kane and Kendall counties, Illinois, from 2030.")
    assert found["Kane"] == ("ADM2", "US", "IL")
    assert found["Kendall"] == ("ADM2", "US", "IL")


def test_names_after_the_counties_of_are_counties_even_when_dropped_before() -> None:
    found = _found("Crews cleared roads in the counties of Lake, Napa and Sonoma in California.")
    assert {found[n] for n in ("Lake", "Napa", "Sonoma")} == {("ADM2", "US", "CA")}
    assert _found("Storm surge flooded Harris and Galveston counties in Texas.")["Harris"] == ("ADM2", "US", "TX")


def test_a_county_with_no_county_word_in_its_name() -> None:
    found = _found("Snow closed schools in the counties of Kent and Surrey in England.")
    assert found["Kent"][:2] == ("ADM2", "GB")


def test_a_long_list_with_no_end_is_read_in_linear_time() -> None:
    import time

    text = "Alpha Beta, " * 4000 + "counties"
    t = time.perf_counter()
    geoparse(text, "d")
    assert time.perf_counter() - t < 20
