"""Clustering, corroboration (wire copies count once) and conflicting figures, on hand-made claims."""

from __future__ import annotations

from datetime import date

from data.corroborate import disagree, link_claims
from data.model import Claim, ClaimPlace, Document, Quantity

KURSK = ClaimPlace("Kursk Oblast", "adm1:RU-KRS", 51.7, 36.2, "RU", "ADM1", "admin", 0, 5)
RUSSIA = ClaimPlace("Russia", "2017370", 60.0, 100.0, "RU", "PCLI", "country", 0, 5)


def q(value, unit="troops", qualifier="", low=None, high=None):
    low = value if low is None else low
    high = value if high is None else high
    return Quantity(f"{value} {unit}", value, low, high, unit, qualifier)


def claim(cid, doc, text, *, outlet="", day="2024-10-24", precision="day", claimant=None, cc="",
          places=(), quantities=(), kind="statement"):
    return Claim(cid, doc, 0, len(text), text, day, "", precision, date(2024, 10, 25), outlet,
                 claimant=claimant, claimant_country=cc, places=tuple(places), quantities=tuple(quantities),
                 kind=kind)


def by_id(claims):
    return {c.claim_id: c for c in claims}


def test_twelve_thousand_vs_three_thousand_conflict_and_cluster():
    claims = [
        claim("a", "d1", "Kyiv says roughly 12,000 North Korean troops are in Russia.", outlet="GZERO",
              claimant="Kyiv", cc="UA", places=[RUSSIA], quantities=[q(12000, qualifier="roughly")]),
        claim("b", "d2", "Approximately 12,000 North Korean soldiers are deployed in Russia.", outlet="KI",
              claimant="Ukrainian intelligence", cc="UA", quantities=[q(12000, "soldiers")]),
        claim("c", "d3", "At least 3,000 North Korean soldiers had arrived in eastern Russia.", outlet="AP",
              claimant="John Kirby", cc="US", day="2024-10", precision="month",
              quantities=[q(3000, "soldiers", "at least", high=None)]),
        claim("d", "d4", "North Korea exports 3,000 tons of coal to China.", outlet="X",
              quantities=[q(3000, "tons")]),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id == out["b"].cluster_id == out["c"].cluster_id
    assert out["d"].cluster_id != out["a"].cluster_id
    assert out["c"].conflicts == ("a", "b")
    assert out["a"].conflicts == ("c",) and out["b"].conflicts == ("c",)
    assert out["d"].conflicts == ()
    assert out["a"].corroboration_outlets == 3
    assert out["a"].corroboration_claimants == 3  # Kyiv and Ukrainian intelligence are two UA voices + Kirby
    assert out["d"].corroboration_outlets == 1


def test_figures_that_agree_or_count_other_things_do_not_conflict():
    claims = [
        claim("a", "d1", "North Korea sent 12,000 troops to Russia, including 500 officers.", outlet="A",
              quantities=[q(12000), q(500, "officers")]),
        claim("b", "d2", "About 11,500 North Korean troops are in Russia with 500 officers.", outlet="B",
              quantities=[q(11500, qualifier="about"), q(500, "officers")]),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].conflicts == () and out["b"].conflicts == ()
    assert out["a"].cluster_id == out["b"].cluster_id


def test_dates_far_apart_do_not_cluster():
    claims = [
        claim("a", "d1", "North Korea has 12,000 troops in Russia.", day="2024-10-24",
              quantities=[q(12000)]),
        claim("b", "d2", "North Korea has 3,000 troops in Russia.", day="2025-03-01",
              quantities=[q(3000)]),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id != out["b"].cluster_id and out["a"].conflicts == ()


def test_wire_copies_count_once():
    text = "The first North Korean soldiers have arrived at the front in the Russian region of Kursk, officials said."
    claims = [
        claim("a", "d1", text, outlet="Paper One", places=[KURSK], kind="movement"),
        claim("b", "d2", text.replace("officials said", "officials told AFP"), outlet="Paper Two",
              places=[KURSK], kind="movement"),
        claim("c", "d3", "Ukrainian intelligence says North Korean units were seen in Kursk on Wednesday.",
              outlet="Kyiv Independent", places=[KURSK], kind="movement", claimant="Ukrainian intelligence",
              cc="UA"),
    ]
    out = by_id(link_claims(claims, [Document("d1", text), Document("d2", text)]))
    assert out["a"].cluster_id == out["b"].cluster_id == out["c"].cluster_id
    assert out["a"].corroboration_outlets == 2  # the two copies count once, plus the Kyiv Independent
    assert out["a"].corroboration_claimants == 2


def test_same_place_different_events_stay_apart_and_singletons_count_one():
    claims = [
        claim("a", "d1", "Ukrainian forces launched an incursion into Kursk.", places=[KURSK], kind="combat",
              day="2024-08-06"),
        claim("b", "d2", "Officials visited a school in Kursk.", places=[KURSK], kind="diplomacy",
              day="2024-08-06"),
        claim("c", "d3", "Nothing dated here.", day=None, precision="none"),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id != out["b"].cluster_id
    assert out["c"].corroboration_outlets == 1 and out["c"].corroboration_claimants == 1
    assert out["c"].cluster_id


def test_disagree_rules():
    assert disagree(q(12000), q(3000, "soldiers", "at least", high=None))
    assert not disagree(q(12000), q(11000))
    assert not disagree(q(12000), q(3000, "tons"))
    vague = Quantity("thousands of troops", None, 2000, 9999, "troops")
    assert not disagree(q(12000), vague)
    assert disagree(q(12000), Quantity("3,000-4,000 troops", 3500, 3000, 4000, "troops"))


def test_order_is_kept_and_empty_input():
    assert link_claims([], {}) == []
    cs = [claim(str(i), f"d{i}", f"Claim number {i} about Kursk.") for i in range(5)]
    assert [c.claim_id for c in link_claims(cs, {})] == [c.claim_id for c in cs]
