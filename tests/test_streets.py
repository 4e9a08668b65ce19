"""Streets, squares and named buildings (geo.streets): found by their head word, pinned at a town."""

from __future__ import annotations

import pytest

from geo.geoparse import geoparse
from geo.model import Mention, Place, Resolution
from geo.streets import find_streets, resolve_streets


def _surfaces(text: str) -> list[str]:
    return [s.surface for s in find_streets(text)]


@pytest.mark.parametrize(("text", "want"), [
    ("A blast hit Lenin Street on Monday.", ["Lenin Street"]),
    ("Protesters filled Maidan Square and Red Square.", ["Maidan Square", "Red Square"]),
    ("The fire was at 30 22nd St. North, near Eglinton Avenue West.", ["22nd St. North", "Eglinton Avenue West"]),
    ("Doctors at the Alder Hey Children's Hospital said so.", ["Alder Hey Children's Hospital"]),
    ("Mass in St. Peter's Basilica was long.", ["St. Peter's Basilica"]),
    ("At Royal Street the parade turned.", ["Royal Street"]),  # a function word is not part of the name
    ("spokeswoman Kerry-Ann Hamilton. Shady Grove Hospital said", ["Shady Grove Hospital"]),  # sentence end
    ("now in Hong Kong's Princess Margaret Hospital, where", ["Princess Margaret Hospital"]),
    ("the Vatican-owned Bambino Gesu Hospital in Rome", ["Bambino Gesu Hospital"]),
    ("He moved to St. Louis last year.", []),  # "St." before a name is Saint
    ("the street was busy and the hospital full", []),
])
def test_find_streets(text: str, want: list[str]) -> None:
    assert _surfaces(text) == want
    for s in find_streets(text):
        assert text[s.start:s.end] == s.surface


def _town(name: str, start: int, cc: str = "RU", lat: float = 51.7, lon: float = 36.2) -> Resolution:
    place = Place(id=name.lower(), name=name, lat=lat, lon=lon, country_code=cc, feature_code="PPL",
                  precision="point")
    return Resolution(Mention("d", start, start + len(name), name), place, 0.9)


def test_a_street_takes_the_town_named_right_after_it() -> None:
    text = "Moscow said a drone hit Lenin Street in Kursk overnight."
    streets = find_streets(text)
    towns = [_town("Moscow", 0, lat=55.7, lon=37.6), _town("Kursk", text.index("Kursk"))]
    [got] = resolve_streets(text, streets, towns, "d")
    assert got.place is not None and got.place.name == "Lenin Street, Kursk" and got.place.approximate
    assert (got.place.lat, got.place.lon, got.place.feature_code) == (51.7, 36.2, "ST")
    assert got.mention.surface == "Lenin Street" and got.confidence < 0.5


def test_otherwise_the_nearest_town_of_the_articles_main_country() -> None:
    text = "In Kursk, Orel and Bryansk. Then Chartres. Lenin Street was shelled."
    towns = [_town("Kursk", 3), _town("Orel", 10), _town("Bryansk", 19),
             _town("Chartres", text.index("Chartres"), cc="FR", lat=48.4, lon=1.5)]
    [got] = resolve_streets(text, find_streets(text), towns, "d")
    assert got.place is not None and got.place.country_code == "RU" and got.place.id.startswith("bryansk")


def test_no_town_no_place() -> None:
    text = "Lenin Street was shelled."
    [got] = resolve_streets(text, find_streets(text), [], "d")
    assert got.place is None


def test_geoparse_pins_streets_and_drops_the_place_words_inside_them() -> None:
    text = ("Police in London said a man was seen on Northumberland Avenue. "
            "A drone hit Lenin Street in Kursk.")
    got = {r.mention.surface: r.place for r in geoparse(text, "d") if r.place}
    assert "Northumberland" not in got
    assert got["Northumberland Avenue"].country_code == "GB"
    assert abs(got["Lenin Street"].lat - got["Kursk"].lat) < 1e-9
    assert got["Lenin Street"].approximate


def test_geoparse_leaves_out_a_street_it_cannot_place() -> None:
    assert [r.mention.surface for r in geoparse("Stoke Mandeville Hospital closed a ward.", "d")] == []


@pytest.mark.parametrize(("text", "want"), [
    ("A drone hit it. Later Gagarin Street was hit.", ["Gagarin Street"]),  # capitalised as a sentence start
    ("Main Street was closed.", ["Main Street"]),  # ... unless nothing of the name would be left
])
def test_a_sentences_first_word_is_not_part_of_the_name(text: str, want: list[str]) -> None:
    assert _surfaces(text) == want
