"""Figures that can be compared: units read from the sentence, a key per figure, and conflicts only
between figures of one quantity, place and day (a series over days is no conflict)."""

from __future__ import annotations

from datetime import date

import pytest

from data.claims.figure_subject import compatible, figure_key
from data.claims.quantities import extract_quantities
from data.link.conflicts import figure_conflicts
from data.link.corroborate import link_claims
from data.model import Claim, ClaimPlace

MOSCOW = ClaimPlace("Moscow", "524901", 55.75, 37.62, "RU", "PPLC", "point", 0, 0)
TURKEY = ClaimPlace("Turkey", "298795", 39.0, 35.0, "TR", "PCLI", "country", 0, 0)
SYRIA = ClaimPlace("Syria", "163843", 35.0, 38.0, "SY", "PCLI", "country", 0, 0)


def units(text: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.unit, q.counted) for q in extract_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    ("The death toll rose to 33,179 on Sunday.", [(33179, "dead", "")]),
    ("30 Wagner soldiers were killed in a missile attack.", [(30, "dead", "soldiers")]),
    ("attacked a camp, killing about 1,000 of its men, and said", [(1000, "dead", "men")]),
    ("The militants killed 13 airmen during the coup attempt.", [(13, "dead", "airmen")]),
    ("All 10 of its crew were killed in the crash.", [(10, "dead", "crew")]),
    ("Russia lost two attack helicopters and four transport ones.", [(2, "helicopters", ""), (4, "helicopters", "")]),
    ("A total of 97 emergency rescuers worked there.", [(97, "rescuers", "")]),
    ("He deployed 25,000 of his mercenaries.", [(25000, "mercenaries", "")]),
    ("a 5,000-cubic-metre tank", [(5000, "m3", "")]),
    ("a 7.8 magnitude earthquake", [(7.8, "magnitude", "")]),
    ("1.5 million people fled", [(1.5e6, "people", "")]),
])
def test_units_from_the_sentence(text, expected):
    assert units(text) == expected


def test_four_engine_is_no_figure():
    assert units("Air defenses brought down the four-engine turboprop near the city.") == []


def claim(cid: str, doc: str, text: str, day: str = "2023-02-12", precision: str = "day", places=(),
          published: date = date(2023, 2, 12), claimant: str | None = None) -> Claim:
    places = tuple(ClaimPlace(p.name, p.place_id, p.lat, p.lon, p.country_code, p.feature_code, p.precision,
                              text.find(p.name), text.find(p.name) + len(p.name)) for p in places
                   if p.name in text) + tuple(p for p in places if p.name not in text)
    qs = tuple(extract_quantities(text, 0))
    return Claim(cid, doc, 0, len(text), text, day, "", precision, published, doc, claimant=claimant,
                 places=places, quantities=qs)


def keys(c: Claim):
    return [figure_key(c, q) for q in c.quantities]


def test_keys_say_what_is_counted_and_leave_out_parts_shares_and_travel():
    (k,) = keys(claim("a", "d", "13 pilots were killed during the mutiny."))
    assert (k.measure, k.counted, k.events) == ("dead", "aircrew", frozenset({"mutiny"}))
    (k2,) = keys(claim("b", "d", "Prior to this, he named two helicopter pilots who died."))
    assert not compatible(k, k2)  # helicopter pilots are a subset of the pilots
    (k3,) = keys(claim("c", "d", "All 10 of its crew were killed in the crash."))
    assert k3.counted == "aircrew" and not compatible(k, k3)  # a crash is not the mutiny
    assert keys(claim("d", "d", "He estimated 19 people were killed in five of the helicopters downed."))[1] is None
    assert keys(claim("e", "d", "Among the aircraft shot down were three EW helicopters."))[0] is None
    assert keys(claim("f", "d", "About 5,000 of them were in Rostov."))[0] is None
    assert keys(claim("g", "d", "The fighters advanced 200 km towards Moscow.", places=[MOSCOW]))[0] is None
    assert keys(claim("h", "d", "Russia lost two attack helicopters and four transport ones.")) == [None, None]


def test_distances_need_the_same_reference_and_the_same_place():
    a = claim("a", "d1", "They reached within 200 km of Moscow on Saturday.", places=[MOSCOW])
    b = claim("b", "d2", "The march ended 200 mi. short of Moscow.", places=[MOSCOW])
    c = claim("c", "d3", "Wagner turned back 200km (124 miles) from the capital.")
    ka, kb, kc = keys(a)[0], keys(b)[0], keys(c)[0]
    assert ka.ref == kb.ref == "capital:RU" and kc.ref == "capital:?" and kb.scale > 1.6
    assert keys(c)[1] is None  # the conversion in brackets restates the figure before it
    assert compatible(ka, kb) and compatible(kb, kc)
    assert figure_conflicts([a, b, c]) == {0: {1}, 1: {0, 2}, 2: {1}}  # within 200 km vs 322 km


def test_tolls_conflict_on_one_day_and_form_a_series_over_days():
    a = claim("a", "d1", "The death toll in Turkey rose to 33,179 on Sunday.", places=[TURKEY])
    b = claim("b", "d2", "The death toll in Turkey stood at 28,191 on Sunday.", places=[TURKEY])
    c = claim("c", "d3", "The death toll in Turkey rose to 35,418 on Monday.", day="2023-02-13", places=[TURKEY])
    d = claim("d", "d4", "The death toll in Syria stood at 3,500 on Sunday.", places=[SYRIA])
    e = claim("e", "d5", "More than 33,000 people have died in Turkey, officials said on Sunday.", places=[TURKEY])
    out = {x.claim_id: x for x in link_claims([a, b, c, d, e], {})}
    assert out["a"].conflicts == ("b",) and set(out["b"].conflicts) == {"a", "e"}
    assert out["c"].conflicts == () and out["d"].conflicts == ()  # a later day; another country
    # two values of one quantity never corroborate each other, on one day or across days
    assert out["a"].corroboration_outlets == 1 and out["c"].corroboration_outlets == 1


def test_a_measure_crowded_in_other_countries_does_not_hide_a_conflict():
    # one day's tolls: 60 in Syria between two clashing ones in Turkey. Figures in two countries are
    # never a conflict, so each country is its own block and the neighbour bound reaches the clash.
    a = claim("a", "d0", "The death toll in Turkey rose to 33,179 on Sunday.", places=[TURKEY])
    syria = [claim(f"s{i}", f"s{i}", "The death toll in Syria stood at 3,500 on Sunday.", places=[SYRIA])
             for i in range(60)]
    b = claim("b", "d9", "The death toll in Turkey stood at 28,191 on Sunday.", places=[TURKEY])
    c = claim("c", "d8", "The death toll rose to 20,000 on Sunday.")  # no country: meets every country
    assert figure_conflicts([a, *syria, b]) == {0: {61}, 61: {0}}
    out = figure_conflicts([a, *syria, b, c])
    assert out[62] == {0, 61, *range(1, 61)} and out[0] == {61, 62}


def test_hedges_are_bounds():
    a = claim("a", "d1", "More than 2,300 people were killed in Turkey.", places=[TURKEY])
    b = claim("b", "d2", "More than 2,400 people were killed in Turkey.", places=[TURKEY])
    c = claim("c", "d3", "Approximately 100 firefighters were at the scene.")
    d = claim("d", "d4", "A total of 97 emergency rescuers were at the scene.")
    e = claim("e", "d5", "More than 100 firefighters were at the scene.")
    assert figure_conflicts([a, b]) == {}
    assert figure_conflicts([c, d, e]) == {1: {2}, 2: {1}}


def test_one_voice_in_one_article_never_conflicts_with_itself():
    a = claim("a", "d1", "Officials said the death toll rose to 33,179.", claimant="Officials")
    b = claim("b", "d1", "The death toll rose to 28,191.")
    assert figure_conflicts([a, b]) == {}


def test_increments_have_no_key_but_also_said_is_no_increment():
    assert keys(claim("a", "d", "Kiselev said a further 845 billion rubles went to Concord."))[0] is None
    (k,) = keys(claim("b", "d", "The ministry also said 12 people were killed in the attack."))
    assert (k.measure, k.counted) == ("dead", "people")


def test_magnitudes_of_one_quake_conflict():
    assert units("A magnitude 7.8 earthquake struck Turkey.") == [(7.8, "magnitude", "")]
    a = claim("a", "d1", "A magnitude 7.8 earthquake struck Turkey.", places=[TURKEY])
    b = claim("b", "d2", "A 7.4-magnitude quake struck Turkey.", places=[TURKEY])
    assert figure_conflicts([a, b]) == {0: {1}, 1: {0}}
