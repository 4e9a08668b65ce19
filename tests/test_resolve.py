"""Candidate scoring: priors, document evidence, containers, wanted feature classes."""

from __future__ import annotations

from geo.model import Place
from geo.parse.score import Evidence, confidence, score
from geo.places import contains, load_country_points, load_regions


def _p(id_: str, name: str, cc: str, fc: str, prec: str, pop: int = 0, admin1: str = "",
       lat: float = 0.0, lon: float = 0.0) -> Place:
    return Place(id=id_, name=name, lat=lat, lon=lon, country_code=cc, feature_code=fc,
                 precision=prec, admin1=admin1, population=pop)  # type: ignore[arg-type]


GE = _p("ge", "Georgia", "GE", "PCLI", "country", 3_700_000)
GA = _p("ga", "Georgia", "US", "ADM1", "admin", 10_000_000, "GA")
KURSK = _p("k", "Kursk", "RU", "PPLA", "point", 450_000, "41", 51.7, 36.2)
KURSK_OBL = _p("ko", "Kursk Oblast", "RU", "ADM1", "admin", 800_000, "41", 51.5, 36.0)
PRIOR = {"ge": 0.98, "ga": 0.70, "k": 0.75, "ko": 0.65}


def test_without_evidence_the_country_wins() -> None:
    best = score([GE, GA], PRIOR, Evidence(), source="Georgia")[0]
    assert best.place is GE


def test_us_evidence_turns_georgia_into_the_state() -> None:
    ev = Evidence()
    atlanta = _p("atl", "Atlanta", "US", "PPLA", "point", 500_000, "GA", 33.7, -84.4)
    for _ in range(3):
        ev.add(_p("us", "United States", "US", "PCLI", "country"), 1.0, "US")
    ev.add(atlanta, 0.5, "Atlanta")
    best = score([GE, GA], PRIOR, ev, source="Georgia")[0]
    assert best.place is GA
    assert "region" in best.why or "country US" in best.why


def test_a_region_word_asks_for_the_admin_region() -> None:
    assert score([KURSK, KURSK_OBL], PRIOR, Evidence(), source="Kursk")[0].place is KURSK
    best = score([KURSK, KURSK_OBL], PRIOR, Evidence(), want="ADM1", source="Kursk")[0]
    assert best.place is KURSK_OBL and "wanted ADM1" in best.why


def test_explicit_container_decides() -> None:
    small = _p("s", "Kamagaya", "JP", "PPL", "point", 100_000)
    other = _p("o", "Kamagaya", "XX", "PPL", "point", 900_000)
    japan = _p("jp", "Japan", "JP", "PCLI", "country")
    assert contains(japan, small) and not contains(japan, other)
    best = score([other, small], {"s": 0.4, "o": 0.5}, Evidence(), container=japan, source="Kamagaya")[0]
    assert best.place is small


def test_a_name_does_not_vote_for_its_own_alternatives() -> None:
    mexico = _p("mx", "Mexico", "MX", "PCLI", "country", 126_000_000)
    city = _p("mc", "Mexico City", "MX", "PPLC", "point", 12_000_000)
    ev = Evidence()
    ev.add(mexico, 1.0, "Mexico")
    ev.add(mexico, 1.0, "Mexican")
    best = score([mexico, city], {"mx": 1.0, "mc": 0.98}, ev, source="Mexico")[0]
    assert best.place is mexico


def test_confidence_is_a_probability() -> None:
    cands = score([GE, GA], PRIOR, Evidence(), source="Georgia")
    c = confidence(cands)
    assert 0.5 < c < 1.0
    assert confidence([]) == 0.0
    assert 0 < confidence(cands[:1]) <= 1


def test_tables_load() -> None:
    pts = load_country_points()
    assert pts["RU"] == (60.0, 100.0)
    assert pts["US"] == (39.76, -98.5)
    names = {n for _, ns in load_regions() for n in ns}
    assert {"Europe", "Africa", "Korean Peninsula"} <= names


def test_a_common_word_means_the_sea_not_a_small_region_of_that_name() -> None:
    """'the Gulf' in a story about Dubai is the Persian Gulf, not Gulf Province (Papua New Guinea)."""
    gulf_pg = _p("pg", "Gulf", "PG", "ADM1", "admin", 160_000, "05", -7.5, 144.9)
    persian = _p("rgn:persian-gulf", "Persian Gulf", "", "H", "vague", 0, "", 26.8, 51.0)
    prior = {"pg": 0.53, "rgn:persian-gulf": 0.75}
    assert score([gulf_pg, persian], prior, Evidence(), source="Gulf")[0].place is persian
    # A proper name keeps its exact-name weight ("Oklahoma" the state, not Oklahoma City).
    ok = _p("ok", "Oklahoma", "US", "ADM1", "admin", 3_900_000, "OK", 35.5, -97.5)
    okc = _p("okc", "Oklahoma City", "US", "PPLA", "point", 650_000, "OK", 35.47, -97.52)
    assert "exact name" in score([ok, okc], {"ok": 0.6, "okc": 0.7}, Evidence(), source="Oklahoma")[0].why
