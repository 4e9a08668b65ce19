"""Clustering, corroboration (wire copies count once) and conflicting figures, on hand-made claims."""

from __future__ import annotations

from datetime import date

from data.link.corroborate import link_claims
from data.model import Claim, ClaimPlace, Document, Quantity

KURSK = ClaimPlace("Kursk Oblast", "adm1:RU-KRS", 51.7, 36.2, "RU", "ADM1", "admin", 0, 5)
KURSK_CITY = ClaimPlace("Kursk", "538560", 51.73, 36.18, "RU", "PPLA", "point", 0, 5)
BELGOROD = ClaimPlace("Belgorod", "578072", 50.6, 36.6, "RU", "PPLA", "point", 0, 5)
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
        claim("c", "d3", "About 3,000 North Korean soldiers had arrived in eastern Russia.", outlet="AP",
              claimant="John Kirby", cc="US", day="2024-10", precision="month",
              quantities=[q(3000, "soldiers", "about")]),
        claim("d", "d4", "North Korea exports 3,000 tons of coal to China.", outlet="X",
              quantities=[q(3000, "tons")]),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id == out["b"].cluster_id == out["c"].cluster_id
    assert out["d"].cluster_id != out["a"].cluster_id
    assert out["c"].conflicts == ("a", "b")
    assert out["a"].conflicts == ("c",) and out["b"].conflicts == ("c",)
    assert out["d"].conflicts == ()
    # corroboration counts the claims that agree: Kirby's 3,000 does not corroborate Kyiv's 12,000
    assert out["a"].corroboration_outlets == 2
    assert out["a"].corroboration_claimants == 2  # Kyiv and Ukrainian intelligence are two UA voices
    assert (out["c"].corroboration_outlets, out["c"].corroboration_claimants) == (1, 1)
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


def test_order_is_kept_and_empty_input():
    assert link_claims([], {}) == []
    cs = [claim(str(i), f"d{i}", f"Claim number {i} about Kursk.") for i in range(5)]
    assert [c.claim_id for c in link_claims(cs, {})] == [c.claim_id for c in cs]


def test_sightings_and_troop_counts_are_different_subjects_even_in_kursk():
    """The seed defect: one claim naming Kursk and a troop figure chained the sightings to the counts."""
    claims = [
        claim("s1", "d1", "Ukraine's intelligence reported that North Korean soldiers have entered the Kursk region.",
              outlet="A", places=[KURSK], kind="movement", claimant="Ukraine's intelligence", cc="UA"),
        claim("s2", "d2", "On Wednesday, some North Korean soldiers were observed in Kursk.", outlet="B",
              places=[KURSK_CITY], kind="movement", day="2024-10-23"),
        claim("s3", "d3", "Kiev asserts that the first North Korean soldiers have arrived in the combat zone in Kursk",
              outlet="C", places=[KURSK_CITY], kind="movement", claimant="Kiev", cc="UA"),
        claim("f1", "d1", "Ukraine claims the North Korean troop deployment consists of about 12,000 personnel, "
              "though it has not said how many are stationed in Kursk.", outlet="A", places=[KURSK_CITY],
              kind="movement", claimant="Ukraine", cc="UA", quantities=[q(12000, "personnel", "about")]),
        claim("f2", "d4", "About 3,000 North Korean soldiers had arrived in eastern Russia.", outlet="D",
              claimant="John Kirby", cc="US", quantities=[q(3000, "soldiers", "about")]),
        claim("f3", "d2", "North Korea has sent around 12,000 troops.", outlet="B",
              claimant="Ukraine's intelligence", cc="UA", quantities=[q(12000, qualifier="around")]),
        claim("b1", "d5", "Shelling hit a school in Belgorod.", outlet="E", places=[BELGOROD], kind="combat"),
    ]
    out = by_id(link_claims(claims, {}))
    sightings = {out[k].cluster_id for k in ("s1", "s2", "s3")}
    figures = {out[k].cluster_id for k in ("f1", "f2", "f3")}
    assert len(sightings) == 1 and len(figures) == 1 and sightings != figures
    assert out["b1"].cluster_id not in sightings | figures
    assert (out["s1"].corroboration_outlets, out["s1"].corroboration_claimants) == (3, 3)
    assert out["f2"].conflicts == ("f1", "f3") and out["f1"].conflicts == ("f2",)
    assert (out["f1"].corroboration_outlets, out["f1"].corroboration_claimants) == (2, 2)


def test_one_voice_listing_two_sums_and_unnamed_counts_elsewhere_are_not_one_subject():
    claims = [
        claim("a", "d1", "The first package, worth $400 million, brings ammunition.", quantities=[q(4e8, "USD")]),
        claim("b", "d1", "Austin pledged $800 million for the industry.", quantities=[q(8e8, "USD")]),
        claim("c", "d2", "A strike killed 12 people in Kursk.", places=[KURSK_CITY], kind="combat",
              quantities=[q(12, "people")]),
        claim("d", "d3", "A strike killed 40 people in Belgorod.", places=[BELGOROD], kind="combat",
              quantities=[q(40, "people")]),
    ]
    out = by_id(link_claims(claims, {}))
    assert len({c.cluster_id for c in out.values()}) == 4
    assert all(c.conflicts == () for c in out.values())


def test_a_vague_amount_does_not_corroborate_a_precise_figure():
    claims = [
        claim("a", "d1", "Kyiv says 12,000 North Korean troops are in Russia.", outlet="A", claimant="Kyiv", cc="UA",
              quantities=[q(12000)]),
        claim("b", "d2", "Thousands of North Korean soldiers were sent to Russia, the US says.", outlet="B",
              claimant="US", cc="US", quantities=[Quantity("thousands of soldiers", None, 2000, 9999, "soldiers")]),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id == out["b"].cluster_id and out["a"].conflicts == ()
    assert (out["a"].corroboration_outlets, out["b"].corroboration_outlets) == (1, 2)


def test_a_crowded_place_and_week_costs_linear_pairs():
    """Thousands of claims about one city in one week must not be compared all against all."""
    from data.link.corroborate import _candidates, _info
    from data.link.pairs import MAX_NEIGHBOURS

    claims = [claim(f"c{i}", f"d{i}", f"Drones struck Kursk overnight, report {i} says.", places=[KURSK_CITY],
                    kind="combat", day=f"2024-10-{20 + i % 7}") for i in range(1500)]
    infos = [_info(c, {}) for c in claims]
    pairs, _ = _candidates(claims, infos)
    assert len(pairs) <= len(claims) * MAX_NEIGHBOURS * 4  # a place sits in at most 4 grid cells
    out = link_claims(claims[:300], {})
    assert len({c.cluster_id for c in out}) < 300  # they still cluster


def test_one_speakers_statement_in_two_outlets_is_one_thing_wherever_it_was_made():
    claims = [
        claim("a", "d1", "Putin hints at possible presence of North Korean troops in Russia.", outlet="KI",
              claimant="Putin", cc="RU"),
        claim("b", "d2", "Russian President Vladimir Putin appeared to acknowledge reports of North Korean "
              "troops in Russia.", outlet="GZERO", claimant="Russian President Vladimir Putin", cc="RU"),
        claim("c", "d3", "Putin praised the BRICS grain exchange and new payment systems.", outlet="AP",
              claimant="Putin", cc="RU"),  # same speaker, same day, another subject
        claim("d", "d1", "Putin said the treaty's mutual defence clause could apply.", outlet="KI",
              claimant="Putin", cc="RU"),  # same article, same speaker: no evidence either way
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id == out["b"].cluster_id
    assert out["a"].corroboration_outlets == 2 and out["a"].corroboration_claimants == 1
    assert out["c"].cluster_id != out["a"].cluster_id


def test_outlets_sharing_one_wire_copy_still_corroborate_other_stories():
    # Paper One and Paper Two print one wire story about Kursk: there they are one source. Each also
    # reports a shelling in Belgorod in its own words: that story has two sources, not one.
    wire = "The first North Korean soldiers have arrived at the front in the Russian region of Kursk, officials said."
    claims = [
        claim("a", "d1", wire, outlet="Paper One", places=[KURSK], kind="movement"),
        claim("b", "d2", wire.replace("officials said", "officials told AFP"), outlet="Paper Two",
              places=[KURSK], kind="movement"),
        claim("c", "d3", "Shelling hit a school in Belgorod on Thursday, local officials said.", outlet="Paper One",
              places=[BELGOROD], kind="combat"),
        claim("d", "d4", "A school in Belgorod was damaged by shelling, according to the regional governor.",
              outlet="Paper Two", places=[BELGOROD], kind="combat"),
    ]
    out = by_id(link_claims(claims, {}))
    assert out["a"].cluster_id == out["b"].cluster_id != out["c"].cluster_id == out["d"].cluster_id
    assert out["a"].corroboration_outlets == 1  # one wire story, printed twice
    assert out["c"].corroboration_outlets == out["d"].corroboration_outlets == 2
