"""Issue 13: the lists beside the map (countries and areas, places not found) and names people read."""

from __future__ import annotations

import pandas as pd

from data.view.lists import area_claims, not_found
from data.view.names import claimant_names
from layers.synthetic import SAMPLE_PLACES, event_row, events_from_rows, place_row


def test_country_and_vague_claims_are_listed_and_unplaced_names_counted() -> None:
    rows = [place_row(p, event_id=f"e{i}:0", claim_id=f"e{i}") for i, p in enumerate(SAMPLE_PLACES)]
    rows += [event_row(event_id="u:0", claim_id="u", doc_id="d1", place_id="", place_name="", lat=float("nan"),
                       lon=float("nan"), mention_text="Zzyzxville"),
             event_row(event_id="v:0", claim_id="v", doc_id="d2", place_id="", place_name="", lat=float("nan"),
                       lon=float("nan"), mention_text="Zzyzxville"),
             event_row(event_id="w:0", claim_id="w", place_id="", place_name="", lat=float("nan"),
                       lon=float("nan"), mention_text="EU")]
    ev = events_from_rows(rows)
    assert set(area_claims(ev)["place_name"]) == {"North Korea", "Russian Far East"}
    missing = not_found(ev, blocked=["eu"])
    assert missing[["name", "claims", "articles"]].to_dict("records") == [{"name": "Zzyzxville", "claims": 2, "articles": 2}]
    assert not_found(ev.iloc[0:0]).empty


def test_claimant_spellings_of_one_referent_are_one_name() -> None:
    class Gaz:
        def lookup(self, name: str) -> list:
            from geo.model import Place

            return [Place("703448", "Kyiv", 50.45, 30.52, "UA", "PPLC", "point")] if name in ("Kiev", "Kyiv") else []

    names = claimant_names(pd.Series(["Kiev", "Kyiv", "Kyiv", "Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon Suk-yeol", ""]),
                           Gaz())
    assert names == {"Kiev": "Kyiv", "Kyiv": "Kyiv", "Yoon Suk Yeol": "Yoon Suk-yeol", "Yoon Suk-yeol": "Yoon Suk-yeol"}
