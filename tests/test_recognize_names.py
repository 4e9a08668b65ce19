"""Given names, generic region words and names after "The" (real gazetteer).

Each case failed before the rule it covers: "Vladimir Putin" was Vladimir, Russia; "Michael Sicilia"
was the Isle of Man's Michael sheading and Sicily; "Coast Guard" was Tanzania's Coast region;
"The Northern Territory" was Israel's Northern District.
"""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {r.mention.surface: (r.place.country_code, r.place.feature_code) for r in geoparse(text, "d") if r.place}


@pytest.mark.parametrize("text", [
    "Vladimir Putin met the envoy on Monday.",
    "A spokesman, Michael Sicilia, says all of the deaths occurred in one week.",
    "Paul Smith and Diana Ross arrived late.",
])
def test_a_given_name_before_a_surname_is_a_person_even_when_a_region_shares_it(text: str) -> None:
    assert _found(text) == {}


def test_the_given_name_rule_leaves_places_and_region_words_alone() -> None:
    found = _found("Crowds gathered in Vladimir and in Douglas County.")
    assert found["Vladimir"] == ("RU", "PPLA")


@pytest.mark.parametrize(("text", "word"), [
    ("Coast Guard officers searched the harbour.", "Coast"),
    ("The Federal Minister for Agriculture spoke.", "Federal"),
    ("The Central Bank said rates would stay.", "Central"),
])
def test_a_word_for_a_kind_of_region_is_no_place_on_its_own(text: str, word: str) -> None:
    assert word not in _found(text)


def test_a_name_after_the_article_gives_way_to_a_longer_one() -> None:
    found = _found("Police in The Northern Territory said the road was closed.")
    assert found == {"Northern Territory": ("AU", "ADM1")}


def test_generic_words_inside_real_region_names_still_count() -> None:
    found = _found("Floods hit the Western Cape and the Capital Region of Denmark.")
    assert found["Western Cape"] == ("ZA", "ADM1")


def test_a_common_word_ending_a_longer_name_is_no_place() -> None:
    """"Florida Atlantic University" is not University, Florida (a town of 41,000)."""
    found = _found("He has been accepted to Florida Atlantic University and two others.")
    assert "University" not in found and found["Florida"] == ("US", "ADM1")


def test_a_dateline_in_brackets_is_read() -> None:
    assert "NEW YORK" in _found("(NEW YORK) — Police officers responding to reports of a fire arrived.")


def test_a_little_known_town_listed_between_towns_nearby_is_a_town() -> None:
    found = _found("Russian troops pressed on Pokrovsk, Vuhledar and Toretsk this week.")
    assert found["Vuhledar"] == ("UA", "PPL")


def test_romanisation_apostrophes_are_optional() -> None:
    """GeoNames writes Sinp'o; English news writes Sinpo."""
    assert _found("Submarines left the port of Sinpo on Monday.")["Sinpo"][0] == "KP"


@pytest.mark.parametrize(("text", "word", "cc"), [
    ("The ministry in Male said the atoll was safe.", "Male", "MV"),  # the Maldives' capital
    ("He flew to Bar in Montenegro.", "Bar", "ME"),  # a kind-of-region word after "to" names the town
])
def test_towns_named_like_common_words_still_count_where_the_text_puts_them(text: str, word: str, cc: str) -> None:
    assert _found(text)[word][0] == cc


@pytest.mark.parametrize("text", [
    "Foreign ministry spokesman Lin Jian told reporters that the talks would go on.",
    "Spokeswoman Mao Ning said on Tuesday that the talks would go on.",
])
def test_a_surname_after_a_title_and_a_given_name_is_a_person(text: str) -> None:
    assert _found(text) == {}  # "Jian" was Ji'an, China


def test_the_end_of_a_longer_al_name_is_no_place() -> None:
    found = _found("Aid trucks crossed at Bab Al-Salam on the border with Syria.")
    assert "Salam" not in found  # was Şaḩam, Oman
    assert found["Syria"] == ("SY", "PCLI")


def test_a_little_known_word_inside_a_longer_capitalised_name_is_no_place() -> None:
    # was Claiborne, Louisiana (backed by "Louisiana"), and the article's streets were pinned there
    assert "Claiborne" not in _found("In Louisiana, the Acme Claiborne Power House closed.")
    assert _found("In Louisiana, the family moved to Claiborne in 1990.")["Claiborne"] == ("US", "PPL")


def test_every_place_of_a_dateline_in_capitals_is_read() -> None:
    found = _found("TIJUANA & SAN DIEGO, March 29 -- The mayors met on the border.")
    assert found["SAN DIEGO"] == ("US", "PPL")  # only TIJUANA was read: the run after '&' was no dateline
    assert found["TIJUANA"] == ("MX", "PPL")


def test_one_long_word_in_capitals_in_running_text_is_read() -> None:
    found = _found("Congressman Mario Diaz-Balart (25th District of FLORIDA) spoke on Monday.")
    assert found["FLORIDA"] == ("US", "ADM1")  # all-caps words were read only in datelines and headlines
    assert _found("The UNHCR and NATO said so.") == {}


def test_an_account_handle_is_no_place() -> None:
    found = _found("The mayor of Casper, Wyoming tweeted at @Gillette and @Cheyenne on Monday.")
    assert sorted(found) == ["Casper", "Wyoming"]  # the handles were Gillette and Cheyenne, Wyoming
    assert _found("She lives in Gillette, Wyoming.")["Gillette"] == ("US", "PPL")


def test_according_to_a_name_is_a_source_not_a_locative() -> None:
    assert _found("According to Davis, the visiting team was impressed.") == {}  # was Davis, California
    found = _found("According to Ukraine, the attack failed. Troops moved to Davis on Monday.")
    assert found["Ukraine"] == ("UA", "PCLI") and found["Davis"] == ("US", "PPL")


@pytest.mark.parametrize("text", [
    "Governor of Georgia Brian Kemp said on Monday that the state would appeal.",
    "Senator from Georgia Jon Ossoff spoke on Monday.",
])
def test_a_place_like_given_name_after_of_and_before_a_given_name_is_the_place(text: str) -> None:
    assert "Georgia" in _found(text)  # was read as the person's given name and dropped

