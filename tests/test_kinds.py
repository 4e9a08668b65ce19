"""Claim kinds from the cue tables: general kinds, not only war; earthquakes are never combat."""

from __future__ import annotations

import pytest

from data.claims.cue_tables import table
from data.claims.kinds import KINDS, claim_kind
from layers.legend import KIND_COLORS


@pytest.mark.parametrize("text, kind", [
    ("A magnitude 7.8 earthquake struck southern Turkey before dawn.", "disaster"),
    ("The quake's death toll rose to 33,179, the disaster agency said.", "disaster"),
    ("The death toll from the strikes rose to 12.", "casualties"),
    ("Rescue teams pulled a girl from the rubble of a building in Hatay.", "disaster"),
    ("Rescue teams from Oman arrived in Adana.", "aid"),
    ("Troops were deployed to the border.", "movement"),
    ("North Korean units were seen in Kursk.", "movement"),
    ("Ukrainian forces launched an incursion into Kursk.", "combat"),
    ("Prosecutors opened a criminal case against him.", "legal"),
    ("The company earned 80 billion roubles on state contracts.", "economic"),
    ("The leaders signed a partnership treaty at the summit.", "political"),
])
def test_kinds_from_cues(text, kind):
    assert claim_kind(text) == kind


def test_no_cue_is_a_statement_when_attributed_else_other():
    assert claim_kind("The weather was fine, he said.", attributed=True) == "statement"
    assert claim_kind("The weather was fine.") == "other"


def test_every_kind_has_a_legend_colour_and_the_table_names_only_known_kinds():
    assert set(KINDS) <= set(KIND_COLORS)
    assert {k for k, _ in table("kind_cues")} <= set(KINDS)
