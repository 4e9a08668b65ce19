"""Figures: number, range, unit and hedge; no years, dates, times, percentages or ordinals."""

from __future__ import annotations

import pytest

from data.claims.quantities import extract_quantities, parse_amount, unit_class


def one(s: str):
    qs = extract_quantities(s)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text, value, low, high, unit, qualifier",
    [
        ("Kyiv says roughly 12,000 North Korean troops are in Russia", 12000, 12000, 12000, "troops", "roughly"),
        ("at least 3,000 North Korean soldiers had arrived", 3000, 3000, None, "soldiers", "at least"),
        ("some 12 000 troops", 12000, 12000, 12000, "troops", "some"),
        ("3,000-4,000 troops", 3500, 3000, 4000, "troops", ""),
        ("1.5 million people fled", 1.5e6, 1.5e6, 1.5e6, "people", ""),
        ("including 500 military officers", 500, 500, 500, "officers", ""),
        ("up to 10,000 soldiers", 10000, None, 10000, "soldiers", "up to"),
        ("a dozen drones", 12, 12, 12, "drones", ""),
        ("seizing over 1,300 square kilometers", 1300, 1300, None, "square kilometers", "over"),
        ("training at five camps in the Far East", 5, 5, 5, "camps", ""),
        ("twenty-five tanks", 25, 25, 25, "tanks", ""),
    ],
)
def test_figures(text, value, low, high, unit, qualifier):
    q = one(text)
    assert (q.value, q.low, q.high, q.unit, q.qualifier) == (value, low, high, unit, qualifier)
    assert text[q.start:q.end] == q.text


def test_vague_amounts_have_bounds_but_no_value():
    q = one("thousands of North Korean soldiers have been sent")
    assert q.value is None and q.low == 2000 and q.high == 9999 and q.unit == "soldiers"
    q = one("tens of thousands of troops")
    assert q.value is None and q.low == 20000 and q.unit == "troops"


def test_money_and_offsets():
    q = one("The first, worth $400 million, will help")
    assert q.value == 4e8 and q.unit == "USD"
    q = extract_quantities("xx 500 officers", offset=100)[0]
    assert (q.start, q.end) == (103, 115)


@pytest.mark.parametrize(
    "text",
    ["In 2024, the war went on.", "on October 23, 2024", "25 Oct 16:00 EET", "50% of troops", "the 3rd brigade",
     "over two years ago", "Article 4 of the treaty", "a 3,000-strong force", "Ukraine's 2025 budget",
     "three of them being generals", "one of the most followed podcasts"],
)
def test_not_figures(text):
    assert [q.text for q in extract_quantities(text) if q.unit != "generals"] == []


def test_year_shaped_counts_are_counts_when_they_count_troops():
    assert [q.value for q in extract_quantities("About 1999 troops and 2000 soldiers arrived in 2024.")] == [1999, 2000]


def test_figure_after_its_noun_borrows_it():
    q = one("The number of North Korean soldiers deployed in Russia is currently around 12,000, with others")
    assert q.value == 12000 and q.unit == "soldiers"


def test_helpers():
    assert parse_amount("12,000") == 12000 and parse_amount("1.5 million") == 1.5e6
    assert parse_amount("a dozen") == 12 and parse_amount("banana") is None
    assert unit_class("soldiers") == unit_class("troops") == unit_class("personnel") == "troops"
    assert unit_class("officers") != unit_class("troops")
