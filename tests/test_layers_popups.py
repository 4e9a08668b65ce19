"""Popup payloads: excerpt with the mention, figures, links, dates."""

from __future__ import annotations

import pandas as pd

from layers.popups import excerpt, figures, popup_item
from layers.synthetic import event_row, quantities_json

SENTENCE = "Their presence was recorded in Kursk on October 23, according to HUR."


def test_excerpt_highlights_the_mention_by_offsets() -> None:
    start = 1000
    i = SENTENCE.index("Kursk")
    assert excerpt(SENTENCE, start, start + i, start + i + 5, "Kursk") == (
        SENTENCE[:i], "Kursk", SENTENCE[i + 5:])


def test_excerpt_falls_back_to_searching_and_to_no_highlight() -> None:
    assert excerpt(SENTENCE, 0, 3, 8, "Kursk")[1] == "Kursk"  # offsets wrong, name found
    assert excerpt(SENTENCE, 0, -1, -1, "Kiev") == (SENTENCE, "", "")


def test_long_excerpt_is_cut_around_the_mention() -> None:
    text = "x" * 1000 + " Kursk " + "y" * 1000
    before, mention, after = excerpt(text, 0, 1001, 1006, "Kursk", width=100)
    assert mention == "Kursk" and before.startswith("…") and after.endswith("…")
    assert len(before) + len(mention) + len(after) <= 102


def test_figures_from_json_or_text_and_bad_json() -> None:
    assert figures(quantities_json("about 12,000 troops", "3,000")) == ["about 12,000 troops", "3,000"]
    assert figures("not json", "thousands") == ["thousands"]
    assert figures("", "") == []


def test_popup_item_fields() -> None:
    row = event_row(outlet="Kyiv Independent", claimant="HUR", claimant_country="UA",
                    quantities=quantities_json("12,000 troops"), has_conflict=True, conflicts='["c9", "c8"]',
                    url="javascript:alert(1)", published=pd.Timestamp("2024-10-24"), corroboration_outlets=3,
                    text=SENTENCE, start=0, mention_start=31, mention_end=36, mention_text="Kursk")
    it = popup_item(row, 20019, 20019)
    assert (it["o"], it["c"], it["cc"], it["p"], it["d"], it["dp"]) == (
        "Kyiv Independent", "HUR", "UA", "2024-10-24", "2024-10-23", "day")
    assert it["f"] == ["12,000 troops"] and it["x"] == 2 and it["co"] == 3 and it["u"] == ""
    assert it["ex"][1] == "Kursk" and (it["s"], it["e"]) == (20019, 20019)


def test_popup_item_survives_missing_values() -> None:
    row = event_row(published=pd.NaT, outlet=float("nan"), url=None, corroboration_outlets=None)
    it = popup_item(row)
    assert it["p"] == "" and it["o"] == "" and it["u"] == "" and it["co"] == 1


def test_an_unnamed_outlet_is_shown_as_its_links_site() -> None:
    assert popup_item(event_row(outlet="", url="https://www.nknews.org/2024/10/troops"))["o"] == "nknews.org"
    assert popup_item(event_row(outlet="", url="javascript:alert(1)"))["o"] == ""  # no site, no made-up name
    assert popup_item(event_row(outlet="Yonhap", url="https://en.yna.co.kr/x"))["o"] == "Yonhap"
