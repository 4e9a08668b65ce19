"""Claimant patterns: "according to X", "X said/stated/told", "X's intelligence reported", "..., said X"."""

from __future__ import annotations

import pytest

from data.claims.claimants import (
    claimant_country,
    claimant_key,
    continues_report,
    find_claimant,
    starts_with_pronoun,
)


@pytest.mark.parametrize(
    "sentence, claimant, country",
    [
        ("Soldiers sent by Pyongyang have moved into Kursk, according to Ukrainian intelligence.",
         "Ukrainian intelligence", "UA"),
        ("According to the Defense Intelligence of Ukraine’s official Telegram channel, there are 12,000 troops.",
         "Defense Intelligence of Ukraine’s official Telegram channel", "UA"),
        ("Kyiv says that roughly 12,000 North Korean troops are in Russia.", "Kyiv", "UA"),
        ("Ukraine's military intelligence (HUR) reported on Oct. 24 that the first soldiers had been deployed.",
         "Ukraine's military intelligence (HUR)", "UA"),
        ("On Wednesday, John Kirby, the spokesperson for the U.S. National Security Council, informed reporters "
         "that at least 3,000 soldiers had arrived.", "John Kirby", "US"),
        ("Kirby stated, “We do not yet know if these soldiers will fight.”", "Kirby", "US"),
        ("Putin told reporters, “It is not Russia’s actions that have escalated the conflict.”", "Putin", "RU"),
        ("“We believe that the leadership will take our agreement seriously,” Putin said.", "Putin", "RU"),
        ("\"That's not a problem,\" stated the Russian president at a press conference in Kazan.",
         "Russian president", "RU"),
        ("The soldiers arrived at the front, as confirmed by Ukrainian military intelligence on Thursday.",
         "Ukrainian military intelligence", "UA"),
        ("Ukraine cannot join NATO while at war, Scholz says.", "Scholz", "DE"),
        ("Russian President Vladimir Putin on Thursday didn’t deny their presence.",
         "Russian President Vladimir Putin", "RU"),
        ("However, President Yoon Suk-yeol, on the same day, indicated that Seoul may adopt a flexible approach.",
         "President Yoon Suk-yeol", "KR"),
        ("When questioned about reports of troops, Putin stated that his country is in contact with Pyongyang.",
         "Putin", "RU"),
    ],
)
def test_patterns(sentence, claimant, country):
    a = find_claimant(sentence, offset=10)
    assert a is not None and a.claimant == claimant and a.country == country
    assert (a.start - 10, a.end - 10) == (sentence.index(claimant), sentence.index(claimant) + len(claimant))


@pytest.mark.parametrize(
    "sentence",
    [
        "Reports indicate that on Wednesday, some North Korean soldiers were observed in the Kursk region.",
        "Ukrainian forces launched an incursion into Kursk on August 6.",
        "The White House has opted for an alternative solution, as reported by Efe.",
        "He added that South Korea would consider phased assistance to Ukraine.",
        "",
    ],
)
def test_no_claimant(sentence):
    assert find_claimant(sentence) is None


def test_two_attributions_take_the_one_before_the_figure():
    s = ("The Pentagon acknowledged for the first time the presence of North Korean troops in Russian "
         "territory, while the South Korean National Intelligence Service (NIS) estimated that around 3,000 "
         "soldiers have been sent by Pyongyang.")
    assert find_claimant(s).claimant == "The Pentagon".removeprefix("The ")
    a = find_claimant(s, figure_at=s.index("3,000"))
    assert a.claimant == "South Korean National Intelligence Service (NIS)" and a.country == "KR"


def test_sides_and_keys():
    assert claimant_country("South Korea's National Intelligence Service") == "KR"
    assert claimant_country("the Kremlin") == "RU" and claimant_country("Pentagon") == "US"
    assert claimant_country("Some agency", ["JP"]) == "JP" and claimant_country("Some agency") == ""
    assert claimant_key("Russian President Vladimir Putin") == claimant_key("Putin") == "putin"
    assert claimant_key("Ukrainian military intelligence", "UA") == claimant_key("Ukraine's military intelligence (HUR)", "UA")
    assert claimant_key("Kyiv", "UA") == claimant_key("Ukraine", "UA")
    assert starts_with_pronoun("He added that") and starts_with_pronoun("“But what we do”")
    assert not starts_with_pronoun("Heavy fighting")


@pytest.mark.parametrize("sentence, continues", [
    ("North Korea has sent around 12,000 troops, with initial sightings reported on Oct. 23.", True),
    ("Some 500 officers were reportedly among them.", True),
    ("It also said the units arrived on Wednesday.", True),
    ("The troops arrived in Kursk, they said.", True),
    ("These forces entered Russia between early and mid-October.", True),
    ("More units were observed near the border.", True),
    ("The region shares a border with Ukraine.", False),
    ("Reports indicate that on Wednesday, soldiers were observed in Kursk.", False),
    ("The Kremlin rejected the claims.", False),
    ("These figures exceed previous estimates.", False),
    ("The figure was reported by the BBC.", False),
])
def test_continued_reports(sentence, continues):
    assert continues_report(sentence) is continues


@pytest.mark.parametrize("headline, claimant", [
    ("Ukraine: North Korean soldiers have entered the Russia-Ukraine border conflict zone", "Ukraine"),
    ("Pentagon: 10,000 troops in Kursk", "Pentagon"),
    ("Author: Olena Goncharova", None),
    ("Photo: Troops in Kursk", None),
    ("Monthly Briefing , 25 Oct Hard choices: Ukraine’s 2025 budget", None),
])
def test_headline_source_prefix(headline, claimant):
    got = find_claimant(headline)
    assert (got.claimant if got else None) == claimant


def test_hedged_acknowledgement_names_its_subject():
    got = find_claimant("Russian President Vladimir Putin appeared to indirectly acknowledge reports of North "
                        "Korean troops in Russia when speaking to foreign journalists on Oct. 24.")
    assert got is not None and got.claimant == "Russian President Vladimir Putin" and got.country == "RU"
    assert find_claimant("The data confirm the trend.") is None
