"""name_key makes news spellings collide and keeps different names apart."""

from __future__ import annotations

import pytest

from geo.normalize import country_names, is_latin, name_key, region_display, region_names


@pytest.mark.parametrize(("a", "b"), [
    ("P'yongyang", "Pyongyang"),
    ("PYONGYANG", "pyongyang"),
    ("Kyïv", "Kyiv"),
    ("Zaporizhzhia", "ZAPORIZHZHIA"),
    ("U.S.", "US"),
    ("Rostov-on-Don", "Rostov on Don"),
    ("the Balkans", "Balkans"),
    ("São Paulo", "Sao Paulo"),
    ("Kurskaya oblast\u2019", "Kurskaya oblast'"),
    ("Курск", "Kursk"),
    ("  Kursk   region ", "Kursk region"),
])
def test_spellings_collide(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kursk", "Kursk region"), ("Georgia", "Georgian"), ("Niger", "Nigeria")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_the_alone_is_kept() -> None:
    assert name_key("The") == "the"
    assert name_key("") == ""
    assert name_key("...") == ""


def test_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        name_key(None)  # type: ignore[arg-type]


def test_is_latin() -> None:
    assert is_latin("Kyïv-Sviatoshyn 2")
    assert not is_latin("Київ")
    assert not is_latin("東京")


def test_region_forms_news_uses() -> None:
    rec = {"iso": "RU-KRS", "cc": "RU", "name": "Kurskaya oblast'", "type": "Administrative region",
           "aliases": ["Курская область"], "short_name": "Kursk"}
    names = region_names(rec)
    for form in ("Kursk", "Kursk Oblast", "Kursk oblast", "Kursk region", "Kursk Region", "Kurskaya oblast'"):
        assert form in names
    assert "Курская область" not in names
    assert region_display(rec) == "Kursk Oblast"


def test_region_bases_from_aliases() -> None:
    rec = {"iso": "UA-63", "cc": "UA", "name": "Kharkivska oblast", "type": "Region",
           "aliases": ["Kharkiv", "Kharkiv Oblast"], "short_name": "Kharkivska"}
    assert region_display(rec) == "Kharkiv Oblast"
    assert "Kharkiv region" in region_names(rec)


def test_prefecture_and_province() -> None:
    chiba = {"iso": "JP-12", "cc": "JP", "name": "Chiba", "type": "Prefecture", "aliases": ["Chiba Prefecture"],
             "short_name": "Chiba"}
    assert "Chiba prefecture" in region_names(chiba)
    assert region_display(chiba) == "Chiba Prefecture"
    alberta = {"iso": "CA-AB", "cc": "CA", "name": "Alberta", "type": "Province", "aliases": [],
               "short_name": "Alberta"}
    assert region_display(alberta) == "Alberta"


def test_country_names_keep_news_codes_only() -> None:
    rec = {"cc": "GB", "name": "United Kingdom", "aliases": ["GB", "GBR", "UK", "Britain"], "codes": ["GB", "GBR"]}
    names = country_names(rec)
    assert {"UK", "U.K.", "Britain", "Great Britain"} <= set(names)
    assert "GB" not in names and "GBR" not in names
