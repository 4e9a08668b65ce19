"""The demonym/adjective table: every nationality word maps to a country or region."""

from __future__ import annotations

from geo.recognize import load_aliases, load_demonyms


def test_common_news_demonyms_map_to_their_country() -> None:
    d = load_demonyms()
    assert d["Russian"] == "RU"
    assert d["North Korean"] == "KP"
    assert d["South Korean"] == "KR"
    assert d["Ukrainians"] == "UA"
    assert d["British"] == "GB"
    assert d["European"] == "Europe"
    assert d["Georgian"] == "GE"


def test_every_form_is_capitalised_and_every_target_is_set() -> None:
    for form, target in load_demonyms().items():
        assert form[0].isupper(), form
        assert target, form
        if len(target) == 2:
            assert target.isupper(), (form, target)


def test_aliases_cover_abbreviations_news_uses() -> None:
    a = load_aliases()
    assert a["U.S."][0] == "US" and a["DPRK"][0] == "KP" and a["UK"][0] == "GB"
    assert a["Ga."] == ("US-GA", "comma")  # ISO 3166-2, resolved by Engine.target


def test_demonyms_resolve_to_countries_in_text() -> None:
    from fixtures.gazetteer import fake_engine

    from geo.geoparse import geoparse

    res = geoparse("North Korean troops joined Russian forces.", engine=fake_engine())
    assert [(r.mention.surface, r.mention.kind, r.place.country_code) for r in res] == [
        ("North Korean", "demonym", "KP"), ("Russian", "demonym", "RU")]


def test_peoples_named_like_a_village_are_nationality_references() -> None:
    """"Igbo" was Igbo-Ukwu and "Tatar" a Greek village (alternate names); they are peoples."""
    from geo.geoparse import geoparse

    got = {r.mention.surface: (r.mention.kind, r.place.name if r.place else "")
           for r in geoparse("Buryat and Tatar soldiers fought beside Igbo traders.", "d")}
    assert got == {"Buryat": ("demonym", "Buryatiya"), "Tatar": ("demonym", "Tatarstan"),
                   "Igbo": ("demonym", "Nigeria")}
