"""Issue 13: the first view frames the story's claims, not every marker or a country's centroid."""

from __future__ import annotations

from layers.framing import frame_events
from layers.synthetic import SAMPLE_PLACES, event_row, events_from_rows, place_row

P = {p.name: p for p in SAMPLE_PLACES}


def _rows(name: str, n: int, start: int = 0) -> list[dict]:
    return [place_row(P[name], event_id=f"{name}{i}:0", claim_id=f"{name}{i}") for i in range(start, start + n)]


def test_a_stray_mention_far_away_is_trimmed_and_countries_do_not_stretch_the_frame() -> None:
    rows = _rows("Kursk", 20) + _rows("Kyiv", 6) + _rows("Pyongyang", 5) + _rows("Washington", 1)
    rows += _rows("North Korea", 10)  # a country: its centroid must not decide the view
    (s, w), (n, e) = frame_events(events_from_rows(rows))
    assert w <= 30.53 and e >= 125.75 and s <= 39.04 and n >= 51.73  # Kyiv, Pyongyang, Kursk
    assert w > -70  # Washington (1 claim in 42) left out


def test_only_countries_frame_by_their_places_and_claimants_never_count() -> None:
    rows = _rows("North Korea", 3)
    rows.append(event_row(event_id="k:0", claim_id="k", role="claimant", lat=38.9, lon=-77.0, place_id="w"))
    (s, w), (n, e) = frame_events(events_from_rows(rows))
    assert (s, w, n, e) == (40.0, 127.0, 40.0, 127.0)
    assert frame_events(events_from_rows(rows).iloc[0:0]) is None
