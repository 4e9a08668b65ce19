"""OfflineGeocoder keeps geopy's contract, so geopy tooling works with it unchanged."""

from __future__ import annotations

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import default_gazetteer
from geo.geocoder import OfflineGeocoder, place_from_raw


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder(default_gazetteer())


def test_is_a_geopy_geocoder(geocoder: OfflineGeocoder) -> None:
    assert isinstance(geocoder, Geocoder)


def test_exactly_one_returns_a_location_with_our_record(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.geocode("Kyiv")
    assert isinstance(loc, Location)
    assert loc.address == "Kyiv, Ukraine"
    assert loc.latitude == pytest.approx(50.45, abs=0.1) and loc.longitude == pytest.approx(30.52, abs=0.1)
    assert loc.raw["feature_code"] == "PPLC" and loc.raw["source"] == "sitmap-offline"
    assert 0 < loc.raw["score"] <= 1
    assert place_from_raw(loc.raw).id == loc.raw["id"]


def test_all_candidates_best_first(geocoder: OfflineGeocoder) -> None:
    locs = geocoder.geocode("Moscow", exactly_one=False)
    assert isinstance(locs, list) and len(locs) > 2
    assert locs[0].raw["country_code"] == "RU"
    scores = [loc.raw["score"] for loc in locs]
    assert scores == sorted(scores, reverse=True)
    assert len(geocoder.geocode("Moscow", exactly_one=False, limit=2)) == 2


@pytest.mark.parametrize("query", ["Qwxzy Nonexistentville", "", "   "])
def test_none_on_miss(geocoder: OfflineGeocoder, query: str) -> None:
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None


def test_bad_query_type(geocoder: OfflineGeocoder) -> None:
    with pytest.raises(TypeError):
        geocoder.geocode(42)


@pytest.mark.parametrize(("query", "cc", "admin1"), [
    ("Moscow, Idaho", "US", "ID"), ("Moscow, Russia", "RU", None), ("Kazan, Turkey", "TR", None),
    ("Georgia, United States", "US", "GA"), ("Kyiv, Ukraine", "UA", None),
])
def test_name_country_queries(geocoder: OfflineGeocoder, query: str, cc: str, admin1: str | None) -> None:
    loc = geocoder.geocode(query)
    assert loc.raw["country_code"] == cc
    if admin1:
        assert loc.raw["admin1"] == admin1
    assert "in " in loc.raw["why"]


def test_whole_string_with_comma_wins(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.geocode("Washington, D.C.")
    assert loc.raw["country_code"] == "US" and loc.latitude == pytest.approx(38.9, abs=0.2)


def test_structured_query_and_filters(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode({"city": "Moscow", "state": "Idaho"}).raw["country_code"] == "US"
    assert geocoder.geocode("Georgia", country_codes=["US"]).raw["feature_code"] == "ADM1"
    assert geocoder.geocode("Georgia", feature_codes="PCLI").raw["country_code"] == "GE"


def test_homonyms(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("Georgia").raw["feature_code"] == "PCLI"
    kazans = geocoder.candidates("Kazan")
    assert kazans[0].place.country_code == "RU" and kazans[1].place.country_code == "TR"


def test_rate_limiter_drops_in(geocoder: OfflineGeocoder) -> None:
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0.0)
    assert limited("Tbilisi").raw["country_code"] == "GE"
    assert limited("Tiflis", exactly_one=False)[0].raw["name"] == "Tbilisi"


def test_place_carries_outline(geocoder: OfflineGeocoder) -> None:
    p = geocoder.place("Donbas")
    assert p.precision == "vague" and p.geometry is not None
