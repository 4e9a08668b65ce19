"""Movement arcs: origin -> destination curves with arrowheads pointing the right way."""

from __future__ import annotations

import math

from layers.arcs import arcs_payload, arrowhead, curve, movement_arcs
from layers.synthetic import SAMPLE_PLACES, events_from_rows, place_row, renamed, with_movement

PYONGYANG, KURSK = (39.03, 125.75), (51.74, 36.19)


def test_curve_runs_from_origin_to_destination_and_bends() -> None:
    line = curve(PYONGYANG, KURSK)
    assert line[0] == PYONGYANG and line[-1] == KURSK
    mid = line[len(line) // 2]
    straight = ((PYONGYANG[0] + KURSK[0]) / 2, (PYONGYANG[1] + KURSK[1]) / 2)
    assert math.dist(mid, straight) > 1.0  # a visible bulge, not a straight segment


def test_arrowhead_tip_is_the_destination_and_points_along_travel() -> None:
    line = curve(PYONGYANG, KURSK)
    tip, left, right = arrowhead(line)
    assert tip == KURSK
    base = ((left[0] + right[0]) / 2, (left[1] + right[1]) / 2)
    # travelling west: the head's base lies east of (behind) the tip
    assert base[1] > tip[1]
    assert arrowhead([(1.0, 1.0), (1.0, 1.0)]) == []


def test_movement_arcs_from_claim_roles() -> None:
    rows = with_movement()
    ev = events_from_rows(rows + [{**r, "event_id": r["event_id"].replace("mv1", "mv2"), "claim_id": "mv2"}
                                  for r in rows])
    arcs = movement_arcs(ev)
    assert len(arcs) == 1
    a = arcs[0]
    assert (a.origin_name, a.destination_name, a.n) == ("North Korea", "Kursk", 2)
    assert sum(x[2] for x in a.t) == 2
    payload = arcs_payload(arcs)[0]
    assert payload["from"] == "North Korea" and len(payload["head"]) == 3


def test_no_arcs_without_an_origin_or_to_the_same_place() -> None:
    kursk = SAMPLE_PLACES[0]
    ev = events_from_rows([place_row(kursk, event_id="a:0", claim_id="a"),
                           place_row(kursk, event_id="a:1", claim_id="a", role="origin")])
    assert movement_arcs(ev) == []
    assert movement_arcs(events_from_rows([place_row(kursk, event_id="b:0", claim_id="b")])) == []


def test_a_country_named_with_a_place_inside_it_is_not_the_arrow_end() -> None:
    by = {p.name: p for p in SAMPLE_PLACES}
    russia = renamed(by["North Korea"], id="2017370", name="Russia", country_code="RU", lat=60.0, lon=100.0)
    common = {"claim_id": "mv3", "kind": "movement", "text": "Troops from Pyongyang reached Russia's Kursk region."}
    ev = events_from_rows([
        place_row(by["Pyongyang"], event_id="mv3:0", role="origin", **common),
        place_row(russia, event_id="mv3:1", **common),
        place_row(by["Kursk Oblast"], event_id="mv3:2", **common),
    ])
    assert [(a.origin_name, a.destination_name) for a in movement_arcs(ev)] == [("Pyongyang", "Kursk Oblast")]
    alone = ev[ev["event_id"] != "mv3:2"]  # the country alone is still the destination
    assert [(a.origin_name, a.destination_name) for a in movement_arcs(alone)] == [("Pyongyang", "Russia")]


def test_a_country_alone_goes_where_its_article_places_events_in_it_but_not_to_a_capital_said_for_its_state(
) -> None:
    by = {p.name: p for p in SAMPLE_PLACES}
    russia = renamed(by["North Korea"], id="2017370", name="Russia", country_code="RU", lat=60.0, lon=100.0)
    moscow = renamed(by["Kursk"], id="524901", name="Moscow", lat=55.75, lon=37.62, feature_code="PPLC")

    def move(doc: str, claim: str) -> list[dict]:
        common = {"doc_id": doc, "claim_id": claim, "kind": "movement",
                  "text": "3,000 soldiers have been sent by Pyongyang to the Russian Federation."}
        return [place_row(by["Pyongyang"], event_id=f"{claim}:0", role="origin", **common),
                place_row(russia, event_id=f"{claim}:1", **common)]

    rows = move("d1", "mv4") + move("d2", "mv5") + [
        place_row(by["Kursk Oblast"], doc_id="d1", claim_id="c1", event_id="c1:0", mention_start=400),
        place_row(moscow, doc_id="d1", claim_id="c2", event_id="c2:0", mention_start=100),  # "Moscow denied"
        place_row(moscow, doc_id="d1", claim_id="c3", event_id="c3:0", mention_start=200),
    ]
    ends = {(a.destination_name, a.n) for a in movement_arcs(events_from_rows(rows))}
    # d1 places the story in Kursk Oblast (Moscow only speaks); d2 names nowhere in Russia: the centroid stays
    assert ends == {("Kursk Oblast", 1), ("Russia", 1)}


def test_the_article_s_places_from_the_whole_story_hold_when_the_view_lacks_them() -> None:
    """The dashboard ranks the articles' places once per generation (``placed``), not per slider step: a view
    that holds only the movement claim still ends it where the article places things."""
    from layers.arcs import article_places

    by = {p.name: p for p in SAMPLE_PLACES}
    russia = renamed(by["North Korea"], id="2017370", name="Russia", country_code="RU", lat=60.0, lon=100.0)
    common = {"doc_id": "d1", "claim_id": "mv6", "kind": "movement"}
    story = events_from_rows([place_row(by["Pyongyang"], event_id="mv6:0", role="origin", **common),
                              place_row(russia, event_id="mv6:1", **common),
                              place_row(by["Kursk Oblast"], doc_id="d1", claim_id="c9", event_id="c9:0")])
    view = story[story["claim_id"] == "mv6"]  # the slider's window leaves the Kursk claim out
    assert [a.destination_name for a in movement_arcs(view)] == ["Russia"]
    assert [a.destination_name for a in movement_arcs(view, placed=article_places(story))] == ["Kursk Oblast"]
