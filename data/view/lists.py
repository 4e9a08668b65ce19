"""Lists beside the map: country-level and vague claims (shown as tinted areas, listed here), expected events,
and the place names the geoparser could not find.

A country-level claim ("Russia deployed...") has no point: the map tints the country and this list says what
was claimed. A name the geoparser saw but could not resolve would otherwise vanish; listing it tells the
reader what is missing and where to add a correction (a "pin here" or "another place").
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.events import mapped_mask
from geo.normalize import name_key

AREA_PRECISIONS = ("country", "vague")


def area_claims(view: pd.DataFrame) -> pd.DataFrame:
    """Drawn rows whose place is a country or a vague area, newest first."""
    rows = view.loc[mapped_mask(view)] if len(view) else view
    rows = rows.loc[rows["precision"].isin(AREA_PRECISIONS)]
    return rows.sort_values("event_date", ascending=False, na_position="last", kind="stable")


def not_found(events: pd.DataFrame, blocked: Sequence[str] = ()) -> pd.DataFrame:
    """Place names mentioned but not placed (no gazetteer match, or an "unresolved" mention), with how many
    claims and articles mention them and the first sentence that does; names a reader marked "not a place" (``blocked``) are left out."""
    cols = {"name": pd.Series([], dtype=object), "claims": pd.Series([], dtype="int64"),
            "articles": pd.Series([], dtype="int64"), "sentence": pd.Series([], dtype=object)}
    if events.empty:
        return pd.DataFrame(cols)
    rows = events.loc[(events["place_id"].astype(str) == "") & (events["mention_text"].astype(str).str.strip() != "")]
    if len(blocked):
        keys = {name_key(b) for b in blocked}
        rows = rows.loc[~rows["mention_text"].astype(str).map(name_key).isin(keys)]
    if rows.empty:
        return pd.DataFrame(cols)
    out = rows.groupby("mention_text").agg(claims=("claim_id", "nunique"), articles=("doc_id", "nunique"),
                                          sentence=("text", "first"))
    out = out.reset_index().rename(columns={"mention_text": "name"})
    return out.sort_values(["claims", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
