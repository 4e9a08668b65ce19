"""The toll over time: same subject, same country, by date; other countries and subjects left out."""

from __future__ import annotations

from datetime import date

from data.claims.extract import with_subjects
from data.claims.quantities import extract_quantities
from data.events import build_events
from data.link.series import figure_series
from data.model import Claim, ClaimPlace

TURKEY = ClaimPlace("Turkey", "298795", 39.0, 35.0, "TR", "PCLI", "country", 0, 0)
SYRIA = ClaimPlace("Syria", "163843", 35.0, 38.0, "SY", "PCLI", "country", 0, 0)


def claim(cid: str, text: str, day: str, place: ClaimPlace) -> Claim:
    c = Claim(cid, "d" + cid, 0, len(text), text, day, "", "day", date(2023, 2, 14), "Wire", places=(place,),
              quantities=tuple(extract_quantities(text)))
    return with_subjects(c)


def test_the_toll_over_time_is_one_series():
    claims = [
        claim("b", "The death toll in Turkey rose to 35,418.", "2023-02-13", TURKEY),
        claim("a", "The death toll in Turkey rose to 33,179.", "2023-02-12", TURKEY),
        claim("s", "The death toll in Syria rose to 3,500.", "2023-02-12", SYRIA),
        claim("t", "Some 5,000 buildings collapsed in Turkey.", "2023-02-12", TURKEY),
    ]
    ev = build_events(claims, {})
    series = figure_series(ev, "a")
    assert list(series["claim_id"]) == ["a", "b"] and list(series["value"]) == [33179, 35418]
    assert set(series["unit"]) == {"dead"}
    assert figure_series(ev, "nope").empty and list(figure_series(ev, "s")["claim_id"]) == ["s"]


def test_the_side_panel_lists_the_series_with_the_selected_claim_marked():
    from ui.panel import series_lines

    claims = [
        claim("b", "The death toll in Turkey rose to 35,418.", "2023-02-13", TURKEY),
        claim("a", "The death toll in Turkey rose to 33,179.", "2023-02-12", TURKEY),
        claim("t", "Some 5,000 buildings collapsed in Turkey.", "2023-02-12", TURKEY),
    ]
    ev = build_events(claims, {})
    lines = series_lines(ev, "b")
    assert len(lines) == 2 and lines[0].startswith("- 2023-02-12") and "33,179" in lines[0]
    assert "this claim" in lines[1] and "this claim" not in lines[0]
    assert series_lines(ev, "t") == []  # a figure nobody else gives is no series
