"""Pass "counties named": a town and the county named right after it are read as a pair (real gazetteer)."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.model import Place
from geo.parse.counties import best_pair


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.country_code, r.place.admin1) for r in geoparse(text, "d") if r.place}


def test_town_comma_county_takes_the_pair_the_county_holds() -> None:
    found = _found("The farm near Burlington, Boone County was sold last spring.")
    assert found["Burlington"] == ("US", "KY")  # was Burlington, Ontario, with Boone County, Missouri
    assert found["Boone County"] == ("US", "KY")


def _p(pid: str, lat: float, lon: float, fc: str, admin1: str) -> Place:
    return Place(id=pid, name=pid, lat=lat, lon=lon, country_code="US", feature_code=fc, precision="point",
                 admin1=admin1)


def test_the_state_after_the_county_narrows_the_pair() -> None:
    towns = [_p("t-oh", 41.6, -83.5, "PPL", "OH"), _p("t-wa", 46.4, -122.8, "PPL", "WA")]
    counties = [_p("c-oh", 41.5, -83.6, "ADM2", "OH"), _p("c-wa", 46.6, -122.9, "ADM2", "WA")]
    state = Place(id="wa", name="Washington", lat=47.3, lon=-120.2, country_code="US", feature_code="ADM1",
                  precision="admin", admin1="WA")
    prior = {"t-oh": 0.6, "t-wa": 0.2, "c-oh": 0.3, "c-wa": 0.3}.__getitem__
    assert best_pair(towns, counties, lambda p: prior(p.id))[0].id == "t-oh"
    assert best_pair(towns, counties, lambda p: prior(p.id), state)[0].id == "t-wa"
