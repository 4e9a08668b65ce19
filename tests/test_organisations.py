"""Organisations are bodies, not places (geo.organisations)."""

from __future__ import annotations

from geo.model import Mention, Place, Resolution
from geo.organisations import find_organisations, load_table, mark_organisations


def _names(text: str) -> list[tuple[str, str]]:
    return [(text[o.start:o.end], o.kind) for o in find_organisations(text)]


def test_table_names_and_aliases() -> None:
    text = "The EU and NATO met; the Kremlin and the White House replied. Georgian Dream won."
    got = dict(_names(text))
    assert got == {"EU": "union", "NATO": "alliance", "Kremlin": "government", "White House": "government",
                   "Georgian Dream": "party"}
    assert find_organisations("EUROPE is not the EU")[0].name == "European Union"
    assert _names("Kremlinology and EUR are words.") == []


def test_names_built_like_organisations() -> None:
    text = ("The Russian Foreign Ministry said. The Democratic Party of Japan lost. The Bank of England and Kyiv "
            "Police agreed; Daily Sabah reported it.")
    got = [n for n, _ in _names(text)]
    assert got == ["Russian Foreign Ministry", "Democratic Party of Japan", "Bank of England", "Kyiv Police",
                   "Daily Sabah"]
    assert _names("Shelling hit Kharkiv and Kyiv.") == []


def test_companies_named_after_a_place_are_organisations() -> None:
    # failed before: "Gulf" of a utility's name was the Persian Gulf as an event place
    text = ("Ohio Valley Electric cut power. Texas Instruments and Gulf States Utilities reported profits; "
            "Oregon Steel hired welders in Portland. Denver Health opened a ward.")
    got = [n for n, _ in _names(text)]
    assert got == ["Ohio Valley Electric", "Texas Instruments", "Gulf States Utilities", "Oregon Steel",
                   "Denver Health"]  # not "Portland. Denver Health": a sentence ends before it


def test_mentions_inside_organisations_are_marked() -> None:
    text = "Daily Sabah said shelling hit Kharkiv."
    p = Place("1", "Sabah", 5.3, 117.0, "MY", "ADM1", "admin")
    k = Place("2", "Kharkiv", 50.0, 36.2, "UA", "PPLA", "point")
    res = [Resolution(Mention("d", 6, 11, "Sabah"), p, 0.9), Resolution(Mention("d", 30, 37, "Kharkiv"), k, 0.9)]
    out = mark_organisations(text, res)
    assert out[0].organisation == "Daily Sabah" and out[1].organisation == ""


def test_every_table_row_loads() -> None:
    names, _ = load_table()
    assert names["EU"] == ("European Union", "union") and len(names) > 60


def test_geoparse_marks_them_and_claims_do_not_place_events_there() -> None:
    from fixtures.gazetteer import fake_engine

    from data.claims.roles import place_role as _role
    from geo.geoparse import geoparse, to_json

    text = "Georgian Dream won in Georgia."
    res = geoparse(text, "d", engine=fake_engine())
    assert [(r.mention.surface, r.organisation) for r in res] == [("Georgian", "Georgian Dream"), ("Georgia", "")]
    assert to_json(res[0])["organisation"] == "Georgian Dream" and "organisation" not in to_json(res[1])
    assert _role(text, res[0], None) == "claimant" and _role(text, res[1], None) == "event"
