"""Alternate-name hygiene: junk alternates must not find a place, real exonyms must."""

from __future__ import annotations

from geo.altnames import is_generic, keep_alternate, main_name_sizes

SIZES = main_name_sizes([("Liverpool", 496_770), ("Washington", 12_078), ("Casablanca", 3_665_954),
                         ("White House", 11_226), ("Middle East", 10**10), ("Kyiv", 2_900_000),
                         ("Canton", 70_000), ("Guangzhou", 13_000_000)])


def test_another_bigger_places_main_name_is_dropped() -> None:
    assert not keep_alternate("Liverpool", "Washington", 12_078, SIZES)
    assert not keep_alternate("Middle East", "East Middle", 1_872, SIZES)


def test_a_bigger_place_keeps_a_smaller_places_name() -> None:
    # Canton, Ohio is smaller than Guangzhou, so "Canton" still finds Guangzhou.
    assert keep_alternate("Canton", "Guangzhou", 13_000_000, SIZES)


def test_english_translations_made_of_common_words_are_dropped() -> None:
    assert not keep_alternate("White House", "Casablanca", 3_665_954, SIZES)
    assert not keep_alternate("Fire Island", "Reykjavik", 120_000, SIZES)


def test_real_exonyms_and_short_forms_are_kept() -> None:
    assert keep_alternate("Kiev", "Kyiv", 2_900_000, SIZES)
    assert keep_alternate("Salt Lake", "Salt Lake City", 200_000, SIZES)
    assert keep_alternate("Moskva", "Moscow", 10_000_000, SIZES)


def test_generic_words() -> None:
    assert is_generic(["valley"])
    assert is_generic(["white", "house"])
    assert not is_generic(["kursk"])
    assert not is_generic([])
