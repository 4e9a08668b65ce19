"""Pass "region twins": a region under two ids (our table's point, GeoNames' record) is one candidate."""

from __future__ import annotations

from geo.geoparse import geoparse
from geo.model import Place
from geo.parse.twins import merge_twins


def test_scotland_counts_as_evidence_for_a_town_in_scotland() -> None:
    text = ("A man from Toronto, Ontario was flown home. She was treated at a hospital in Paisley. "
            "Scotland has the highest rate.")
    got = {r.mention.surface: r for r in geoparse(text, "d") if r.place}
    assert got["Paisley"].place.country_code == "GB"  # was Paisley, Ontario: Scotland gave no region evidence
    assert got["Scotland"].place.admin1 == "SCT"


def test_the_tables_point_takes_the_twins_code_and_the_twin_goes() -> None:
    table = Place("rgn:scotland", "Scotland", 56.5, -4.0, "GB", "ADM1", "admin")
    geonames = Place("2638360", "Scotland", 56.79, -4.11, "GB", "ADM1", "admin", admin1="SCT", population=5_000_000)
    town = Place("4561120", "Scotland", 39.97, -77.59, "US", "PPL", "point", admin1="PA")
    got = merge_twins((table, geonames, town))
    assert [p.id for p in got] == ["rgn:scotland", "4561120"]
    assert got[0].admin1 == "SCT" and (got[0].lat, got[0].lon) == (56.5, -4.0)
    assert merge_twins((geonames, town)) == (geonames, town)
