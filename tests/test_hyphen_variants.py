"""Hyphen/space and connector-case variants of a name are one name to the recogniser, with
offsets into the original text exact ("Kvemo-Kartli" for "Kvemo Kartli", "Port-Au-Prince")."""

from __future__ import annotations

from fixtures.gazetteer import FakeGazetteer, _p

from geo.geoparse import build_engine, geoparse
from geo.normalize import name_key
from geo.recognize import Matcher, load_aliases, load_demonyms
from geo.surface import connector_forms, fold_joiners


def _m(*names: str) -> Matcher:
    return Matcher(names, load_demonyms(), load_aliases())


def _found(m: Matcher, text: str) -> list[str]:
    spans = m.find(text)
    for s in spans:
        assert text[s.start:s.end] == s.surface  # offsets point into the text as written
    return [s.surface for s in spans]


def test_hyphen_in_text_matches_a_spaced_gazetteer_name() -> None:
    m = _m("Kvemo Kartli", "Tbilisi")
    assert _found(m, "Protests spread from Tbilisi to Kvemo-Kartli on Sunday.") == ["Tbilisi", "Kvemo-Kartli"]


def test_spaces_in_text_match_a_hyphenated_gazetteer_name() -> None:
    m = _m("Rostov-on-Don", "Rostov", "Stoke-on-Trent")
    got = _found(m, "Drones hit Rostov on Don overnight; a fan from Stoke on Trent was there.")
    assert got == ["Rostov on Don", "Stoke on Trent"]


def test_connector_case_in_text_does_not_matter() -> None:
    m = _m("Port-au-Prince", "Rio de Janeiro")
    got = _found(m, "Flights from Port-Au-Prince and Rio De Janeiro were cancelled.")
    assert got == ["Port-Au-Prince", "Rio De Janeiro"]
    assert _found(m, "PORT-AU-PRINCE, Haiti (AP) - Gangs blocked the road.") == ["PORT-AU-PRINCE"]


def test_no_new_matches_from_lowercase_phrases_or_dashes() -> None:
    m = _m("Come On", "Paris Berlin", "Kvemo Kartli")
    # the first and last words keep their case; an en dash is not a joiner; "Kvemo" alone is no name
    assert _found(m, "Come on, said Paris\u2013Berlin rail staff in Kvemo-Kartlis.") == []
    assert connector_forms("Come On") == ("Come On",)
    assert connector_forms("La Paz") == ("La Paz",)
    assert set(connector_forms("Port-au-Prince")) == {"Port au Prince", "Port Au Prince"}
    assert fold_joiners("Deir ez-Zor") == "Deir ez Zor" and len(fold_joiners("a\u2011b")) == 3


class _Gazetteer(FakeGazetteer):
    def __init__(self) -> None:
        super().__init__()
        for place in (_p("865543", "Kvemo Kartli", 41.45, 44.6, "GE", "ADM1", "admin", 430_000),
                      _p("3718426", "Port-au-Prince", 18.54, -72.34, "HT", "PPLC", "point", 1_230_000)):
            self.priors[place.id] = 0.8
            self.by_key.setdefault(name_key(place.name), []).append(place)
            self.names.append(place.name)


def test_geoparse_resolves_the_variants_with_exact_offsets() -> None:
    engine = build_engine(_Gazetteer())
    text = "Police in Kvemo-Kartli said aid from Port-Au-Prince arrived."
    got = [(r.mention.surface, r.mention.start, r.place.name if r.place else "")
           for r in geoparse(text, "d", engine=engine)]
    assert ("Kvemo-Kartli", 10, "Kvemo Kartli") in got
    assert ("Port-Au-Prince", 37, "Port-au-Prince") in got
