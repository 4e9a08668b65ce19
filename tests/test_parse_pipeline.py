"""The geoparser's pipeline shape: named passes in one list, structured decisions, one neighbourhood helper."""

from __future__ import annotations

from dataclasses import replace

from fixtures.gazetteer import fake_engine

from geo.context import cues
from geo.geoparse import explain, geoparse
from geo.model import Place
from geo.parse.people import person_cue
from geo.parse.pipeline import PASSES, run
from geo.parse.state import Code
from geo.parse.weights import NEAR_LISTED, NEAR_SUPPORT, Neighbourhood


def test_passes_are_named_once_and_in_the_documented_order() -> None:
    names = [p.name for p in PASSES]
    assert len(names) == len(set(names))
    assert names[0] == "candidates" and names[-1] == "streets"
    assert names.index("people") < names.index("recognise") < names.index("resolve") < names.index("coherence")


def test_explain_names_the_pass_that_decided() -> None:
    res = geoparse("Troops crossed from Russia into Georgia and Ukraine.", "d", engine=fake_engine())
    by = {e["text"]: (e["kept_by"], e["chosen_by"]) for e in explain(res)}
    assert by["Russia"] == ("recognise [well_known]", "resolve")
    people = geoparse("US Defense Secretary Lloyd Austin met officials. Austin said so.", "d", engine=fake_engine())
    assert "Austin" not in [r.mention.surface for r in people]


def test_dropping_a_pass_changes_the_result() -> None:
    """The list is what runs: without the people pass, "Georgia" in "Georgia Meloni" becomes a place."""
    text = "Prime Minister Giorgia Meloni met Georgia Meloni's aides in Rome."
    eng = fake_engine()
    full = [r.mention.surface for r in run(text, "d", eng)]
    without = [r.mention.surface for r in run(text, "d", eng, tuple(p for p in PASSES if p.name != "people"))]
    assert "Georgia" not in full and "Georgia" in without


def test_person_cues_carry_codes() -> None:
    text = "Senator Georgia spoke"
    c = cues(text, 8, 15)
    got = person_cue("Georgia", c, False, False, strong=True)
    assert got is not None and got[0] is Code.TITLE
    text = "he met J. Kirby"
    assert person_cue("Kirby", cues(text, 10, 15), False, False) == (Code.INITIAL, "after the initial 'J.'")
    assert person_cue("Kirby", cues("met Kirby", 4, 9), False, False) is None


def _at(lat: float, lon: float) -> Place:
    return Place(id=f"{lat},{lon}", name="x", lat=lat, lon=lon, country_code="", feature_code="PPL",
                 precision="point")


def test_neighbourhoods() -> None:
    a = _at(50.0, 30.0)
    assert NEAR_SUPPORT.holds(a, _at(50.5, 30.5)) and not NEAR_SUPPORT.holds(a, _at(51.5, 30.0))
    assert NEAR_LISTED.holds(a, _at(51.5, 30.0)) and not NEAR_LISTED.holds(a, _at(53.5, 30.0))
    tight = replace(NEAR_SUPPORT, dlon=0.1)  # the box is part of the rule
    assert not tight.holds(a, _at(50.0, 30.5))
    assert Neighbourhood(km=10, dlat=1).nearest(a, [_at(50.0, 30.1), _at(60, 30)]) < 10
