"""The same quantity over time: a toll that rises day by day is a series, not a conflict.

The side panel lists, for a claim's figure, every figure in the events table with the same subject
(``data.claims.figure_subject``: what is counted, about which event, from where) in the same
countries, one row per claim and day, oldest first, so a reader sees "33,179 on 12 Feb, 35,418 on
13 Feb" next to the claim. Works on the events table alone (its ``quantities`` JSON carries each
figure's ``subject``), so the view needs no claims.
"""

from __future__ import annotations

import json

import pandas as pd

SERIES_COLUMNS = ["claim_id", "event_date", "outlet", "claimant", "value", "low", "high", "unit", "qualifier",
                  "text", "subject"]


def _figures(cell: object) -> list[dict]:
    if not isinstance(cell, str) or not cell:
        return []
    try:
        out = json.loads(cell)
    except ValueError:
        return []
    return [q for q in out if isinstance(q, dict)] if isinstance(out, list) else []


def figure_series(events: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """Figures with the subject of ``claim_id``'s figures, in the same countries, by date (``SERIES_COLUMNS``);
    empty when the claim has no figure with a subject."""
    rows = events[events["claim_id"] == claim_id]
    if rows.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    subjects = {q["subject"] for q in _figures(rows["quantities"].iloc[0]) if q.get("subject")}
    if not subjects:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    countries = set(rows.loc[rows["role"] == "event", "country_code"]) - {""}
    per_claim = events.drop_duplicates("claim_id")
    if countries:
        in_countries = events.loc[(events["role"] == "event") & events["country_code"].isin(countries), "claim_id"]
        placeless = events.groupby("claim_id")["country_code"].agg(lambda s: not (set(s) - {""}))
        ok = set(in_countries) | set(placeless[placeless].index)
        per_claim = per_claim[per_claim["claim_id"].isin(ok)]
    out = []
    for r in per_claim.itertuples(index=False):
        for q in _figures(r.quantities):
            if q.get("subject") in subjects and q.get("value") is not None:
                out.append({"claim_id": r.claim_id, "event_date": r.event_date, "outlet": r.outlet,
                            "claimant": r.claimant, "value": q["value"], "low": q.get("low"), "high": q.get("high"),
                            "unit": q.get("unit", ""), "qualifier": q.get("qualifier", ""), "text": q.get("text", ""),
                            "subject": q["subject"]})
    df = pd.DataFrame(out, columns=SERIES_COLUMNS)
    return df.sort_values(["event_date", "value"], kind="stable").reset_index(drop=True)
