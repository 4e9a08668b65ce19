"""Events -> place features: aggregation, time periods, popup budget, outlines."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from layers import features
from layers.synthetic import (
    SAMPLE_PLACES,
    FakeGazetteer,
    event_row,
    events_from_rows,
    place_row,
    synthetic_events,
)

KURSK, KURSK_OBL, FAR_EAST, NK = SAMPLE_PLACES[0], SAMPLE_PLACES[1], SAMPLE_PLACES[2], SAMPLE_PLACES[3]


def _by_id(data: features.PlaceLayerData) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in data.features}


def test_one_feature_per_place_with_counts_and_outlets() -> None:
    ev = events_from_rows([
        place_row(KURSK, event_id="a:0", claim_id="a", outlet="Reuters", claimant_country="UA"),
        place_row(KURSK, event_id="b:0", claim_id="b", outlet="CNN", claimant_country="UA"),
        place_row(KURSK, event_id="c:0", claim_id="c", outlet="CNN", claimant_country="RU", has_conflict=True,
                  conflicts='["a"]'),
        place_row(NK, event_id="d:0", claim_id="d"),
    ])
    data = features.place_features(ev, gazetteer=FakeGazetteer())
    by = _by_id(data)
    assert set(by) == {KURSK.id, NK.id}
    k = by[KURSK.id]["properties"]
    assert (k["n"], k["outlets"], k["conflict"], k["group"]) == (3, 2, True, "UA")
    assert by[KURSK.id]["geometry"]["coordinates"] == [round(KURSK.lon, 5), round(KURSK.lat, 5)]
    assert len(k["items"]) == 3 and len(data.items) == 4


def test_rows_that_cannot_be_placed_are_left_out() -> None:
    ev = events_from_rows([
        place_row(KURSK, event_id="a:0", claim_id="a"),
        event_row(event_id="u:0", claim_id="u", place_id="", lat=float("nan"), lon=float("nan")),
        place_row(SAMPLE_PLACES[5], event_id="k:0", claim_id="k", role="claimant"),  # "Kyiv says"
        place_row(KURSK, event_id="x:0", claim_id="x", lat=123.0),  # impossible latitude
    ])
    assert set(_by_id(features.place_features(ev, outlines=False))) == {KURSK.id}


def test_periods_in_days_with_published_fallback_and_undated() -> None:
    ev = events_from_rows([
        place_row(KURSK, event_id="a:0", claim_id="a", event_date="2024-10-21", event_date_end="2024-10-27"),
        place_row(KURSK, event_id="b:0", claim_id="b", event_date=None, event_date_end=None,
                  published="2024-10-25"),
        place_row(KURSK, event_id="c:0", claim_id="c", event_date=None, event_date_end=None, published=None),
    ])
    t = _by_id(features.place_features(ev, outlines=False))[KURSK.id]["properties"]["t"]
    day = lambda s: (pd.Timestamp(s) - pd.Timestamp("1970-01-01")).days  # noqa: E731
    assert sorted(t, key=lambda x: (x[0] is not None, x[0] or 0)) == [
        [None, None, 1], [day("2024-10-21"), day("2024-10-27"), 1], [day("2024-10-25"), day("2024-10-25"), 1]]


def test_outlines_for_regions_and_approximate_flag() -> None:
    ev = events_from_rows([
        place_row(KURSK_OBL, event_id="a:0", claim_id="a"),
        place_row(FAR_EAST, event_id="b:0", claim_id="b"),
        place_row(NK, event_id="c:0", claim_id="c"),
        place_row(KURSK, event_id="d:0", claim_id="d"),
    ])
    data = features.place_features(ev, gazetteer=FakeGazetteer())
    by = {k: v["properties"] for k, v in _by_id(data).items()}
    assert by[KURSK.id]["region"] == -1
    assert by[KURSK_OBL.id]["approx"] is False and by[FAR_EAST.id]["approx"] is True
    for pid in (KURSK_OBL.id, FAR_EAST.id, NK.id):
        geo = data.outlines[by[pid]["region"]]
        assert geo["type"] in ("Polygon", "MultiPolygon")
    ring = data.outlines[by[KURSK_OBL.id]["region"]]["coordinates"][0]
    assert min(p[0] for p in ring) == 34.1 and max(p[1] for p in ring) == 52.4


def test_no_gazetteer_means_no_outlines_but_all_places() -> None:
    ev = events_from_rows([place_row(KURSK_OBL, event_id="a:0", claim_id="a")])
    data = features.place_features(ev, outlines=False)
    assert data.outlines == () and data.features[0]["properties"]["region"] == -1


def test_popup_budget_is_shared_fairly_and_newest_first() -> None:
    rows = [place_row(KURSK, event_id=f"k{i}:0", claim_id=f"k{i}", event_date=f"2024-10-{i + 1:02d}",
                      date_value=f"2024-10-{i + 1:02d}",
                      event_date_end=f"2024-10-{i + 1:02d}") for i in range(20)]
    rows += [place_row(NK, event_id=f"n{i}:0", claim_id=f"n{i}") for i in range(2)]
    data = features.place_features(events_from_rows(rows), outlines=False, max_items=8)
    by = _by_id(data)
    assert len(data.items) <= 8
    assert len(by[NK.id]["properties"]["items"]) == 2  # small places keep all of theirs
    firsts = [data.items[i]["d"] for i in by[KURSK.id]["properties"]["items"]]
    assert firsts == sorted(firsts, reverse=True) and firsts[0] == "2024-10-20"
    assert by[KURSK.id]["properties"]["n"] == 20  # the count is still the whole truth


def test_quota_when_places_outnumber_the_budget() -> None:
    quota = features._per_place_quota(np.array([5, 1, 3, 1]), 2)
    assert quota.sum() == 2 and quota[0] == 1 and quota[2] == 1


def test_100k_events_aggregate_to_places_not_events() -> None:
    ev = synthetic_events(100_000, seed=1)
    data = features.place_features(ev, outlines=False)
    assert len(data.features) == len(SAMPLE_PLACES)
    assert sum(f["properties"]["n"] for f in data.features) == 100_000
    assert len(data.items) <= features.MAX_ITEMS
    assert all(sum(x[2] for x in f["properties"]["t"]) == f["properties"]["n"] for f in data.features)


def test_bounds_and_empty_table() -> None:
    ev = events_from_rows([place_row(KURSK, event_id="a:0", claim_id="a"),
                           place_row(SAMPLE_PLACES[6], event_id="b:0", claim_id="b")])
    (s, w), (n, e) = features.bounds(features.place_features(ev, outlines=False))
    assert math.isclose(s, 38.8951) and math.isclose(w, -77.0364) and math.isclose(n, 51.7373)
    assert features.bounds(features.place_features(ev.iloc[0:0], outlines=False)) is None


def test_color_by_kind() -> None:
    ev = events_from_rows([place_row(KURSK, event_id="a:0", claim_id="a", kind="movement")])
    p = features.place_features(ev, color_by="kind", outlines=False).features[0]["properties"]
    assert p["group"] == "movement" and p["color"] == "#e65100"


def test_records_are_what_pandas_gives_from_column_lists() -> None:
    """``features._records``: the rows of a step's places as pandas' ``to_dict("records")`` gives them."""
    frame = pd.DataFrame({"key": ["a", "b"], "n": [1, 2], "lat": [1.5, float("nan")], "conflict": [True, False]})
    fast, slow = features._records(frame), frame.to_dict("records")
    assert [k for r in fast for k in r] == [k for r in slow for k in r]
    for a, b in zip(fast, slow, strict=True):
        for k in a:
            assert type(a[k]) is type(b[k]) and (a[k] == b[k] or math.isnan(a[k]) and math.isnan(b[k]))
