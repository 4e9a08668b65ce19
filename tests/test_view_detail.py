"""The side panel's content and the exports of the current view."""

from __future__ import annotations

import csv
import io
import json

from data.view.detail import (
    claim_detail,
    claims_table,
    geojson_bytes,
    paragraph,
    pick_event,
    to_csv,
    to_geojson,
)
from data.view.select import in_view
from data.view.state import ViewState
from data.view.synth import sample_events, sample_events_with_offsets


def test_paragraph_splits_around_the_sentence() -> None:
    text = "Title\nFirst. The claim here. Last.\nNext paragraph."
    start = text.index("The claim")
    assert paragraph(text, start, start + len("The claim here.")) == ("First. ", "The claim here.", " Last.")
    assert paragraph(text, -1, 3) == ("", "", "")
    assert paragraph(text, 500, 510) == ("", "", "")


def test_detail_shows_sentence_in_paragraph_with_sources() -> None:
    ev, docs = sample_events_with_offsets()
    d = claim_detail(ev, "c4:0", docs)
    assert d is not None
    assert d.sentence == "About 12,000 North Korean troops are in Russia, HUR says."
    assert d.before.startswith("Lead-in for d4") and d.after == " Follow-up sentence."
    assert (d.outlet, d.claimant, d.date, d.published) == ("Kyiv Independent", "HUR", "2024-10-18", "2024-10-25")
    assert d.figures == ("about 12,000 troops",)
    assert d.places == ("Kursk",)
    assert [c.claim_id for c in d.conflicting] == ["c5"]
    assert d.conflicting[0].figure == "at least 3,000 soldiers" and d.conflicting[0].outlet == "AP"
    # same cluster, not in conflict: corroborating
    assert [c.claim_id for c in d.corroborating] == ["c6"]


def test_conflicts_are_symmetric_and_claim_ids_work() -> None:
    ev, docs = sample_events_with_offsets()
    d = claim_detail(ev, "c5", docs)
    assert d is not None and [c.claim_id for c in d.conflicting] == ["c4"]
    assert "c4" not in [c.claim_id for c in d.corroborating]


def test_detail_without_document_falls_back_to_claim_text() -> None:
    d = claim_detail(sample_events(), "c2:0", {})
    assert d is not None and d.sentence == "Ukrainian forces entered Kursk on August 6." and d.before == ""


def test_unknown_selection_gives_nothing() -> None:
    assert claim_detail(sample_events(), "nope", {}) is None
    assert pick_event(sample_events(), "") is None


def test_table_is_newest_first_with_readable_columns() -> None:
    table = claims_table(in_view(sample_events(), ViewState()))
    assert table["date"].iloc[0] == "2024-10-23"
    assert {"place", "outlet", "claimant", "figure", "claim"} <= set(table.columns)


def test_csv_export_has_every_row_and_iso_dates() -> None:
    view = in_view(sample_events(), ViewState(place="Kursk"))
    rows = list(csv.DictReader(io.StringIO(to_csv(view).decode("utf-8"))))
    assert len(rows) == 4
    assert {r["event_date"] for r in rows} == {"2024-08-06", "2024-10-18", "2024-10-23"}


def test_geojson_export_is_valid_points() -> None:
    view = in_view(sample_events(), ViewState(outlets=("Reuters",)))
    gj = json.loads(geojson_bytes(view))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    f = next(f for f in gj["features"] if f["properties"]["claim_id"] == "c1")
    assert f["geometry"] == {"type": "Point", "coordinates": [125.75, 39.03]}
    assert f["properties"]["event_date"] == "2024-06-19"
    json.dumps(gj, allow_nan=False)  # no NaN sneaks into the file


def test_geojson_skips_unlocated_rows() -> None:
    ev = sample_events()
    features = to_geojson(ev)["features"]
    assert len(features) == len(ev) - 1
    unlocated = set(ev.loc[ev["lat"].isna() | ev["lon"].isna(), "event_id"])
    assert len(unlocated) == 1 and not unlocated & {f["properties"]["event_id"] for f in features}
    # timestamps leave as ISO text (or null), never as pandas objects json cannot write
    assert all(isinstance(f["properties"]["event_date"], str | None) for f in features)
    json.dumps(features, allow_nan=False)
