"""Golden cases from the seed articles, on the real gazetteer (built once into the cache)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from geo.geoparse import geoparse
from geo.model import Resolution

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def _parse(prefix: str) -> tuple[str, tuple[Resolution, ...]]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, tuple(geoparse(text, path.name))


def _find(prefix: str, surface: str) -> list[Resolution]:
    return [r for r in _parse(prefix)[1] if r.mention.surface == surface]


ALL = ("000", "001", "002", "003", "004")


@pytest.mark.parametrize("prefix", ALL)
def test_offsets_slice_the_seed_text(prefix: str) -> None:
    text, res = _parse(prefix)
    assert res
    for r in res:
        assert text[r.mention.start:r.mention.end] == r.mention.surface


@pytest.mark.parametrize("prefix", ALL)
def test_no_person_or_organisation_is_tagged(prefix: str) -> None:
    text, res = _parse(prefix)
    tagged = {r.mention.surface for r in res}
    for name in ("Austin", "Lloyd Austin", "Kirby", "Harris", "Kamala Harris", "Matsumoto", "Goldman",
                 "Sachs", "Yonhap", "Putin", "Kim"):
        assert name not in tagged, (prefix, name)


@pytest.mark.parametrize(("prefix", "surface", "cc", "feature"), [
    ("000", "Pyongyang", "KP", "PPLC"),
    ("000", "Kursk region", "RU", "ADM1"),
    ("000", "Tbilisi", "GE", "PPLC"),
    ("000", "Georgia", "GE", "PCLI"),
    ("000", "Kamagaya", "JP", "PPL"),
    ("000", "Chiba prefecture", "JP", "ADM1"),
    ("000", "Washington", "US", "PPLC"),
    ("001", "Kursk", "RU", ""),
    ("003", "Kursk Oblast", "RU", "ADM1"),
    ("003", "DPRK", "KP", "PCLI"),
    ("002", "U.S.", "US", "PCLI"),
    ("004", "Kiev", "UA", "PPLC"),
    ("004", "Washington", "US", "PPLC"),
    ("004", "Kazan", "RU", ""),
    ("004", "Kursk", "RU", "ADM1"),  # "the Russian region of Kursk": the text says region
    ("002", "Russia\u2019s Far East", "RU", "RGN"),
])
def test_places_resolve_as_a_reader_would(prefix: str, surface: str, cc: str, feature: str) -> None:
    found = _find(prefix, surface)
    assert found, f"{surface!r} not found in seed {prefix}"
    for r in found:
        assert r.place is not None
        assert r.place.country_code == cc, (surface, r.place, r.why)
        if feature:
            assert r.place.feature_code == feature, (surface, r.place, r.why)
        assert 0.0 < r.confidence <= 1.0


def test_vague_regions_in_the_seeds() -> None:
    res = _parse("002")[1]
    vague = {r.mention.surface: r.place for r in res if r.place is not None and r.place.precision == "vague"}
    assert any("Far East" in s for s in vague), vague
    assert "eastern Russia" in vague
    assert all(p.country_code == "RU" for p in vague.values())


def test_demonyms_are_reported_separately() -> None:
    res = _parse("000")[1]
    dem = {(r.mention.surface, r.place.country_code) for r in res if r.mention.kind == "demonym" and r.place}
    assert {("North Korean", "KP"), ("Ukrainian", "UA"), ("Georgian", "GE"), ("Japanese", "JP")} <= dem


def test_kyiv_says_is_a_metonymic_place() -> None:
    kyiv = _find("000", "Kyiv")
    assert kyiv and kyiv[0].metonymic and kyiv[0].place is not None and kyiv[0].place.country_code == "UA"
