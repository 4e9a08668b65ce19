"""Issue 13: approximate first-level areas partition their country (geo.admin1), stored with the index."""

from __future__ import annotations

import itertools

import shapely
from shapely.geometry import Point, box

from geo.admin1 import admin1_partition
from geo.gazetteer import default_gazetteer

SQUARE = box(0, 0, 10, 10)


def _towns() -> list[dict]:
    """West half code "01", east half "02", a few towns each; one town without a code takes no part."""
    west = [(1, 1), (2, 8), (4, 5), (3, 3)]
    east = [(6, 2), (9, 9), (7, 5), (8, 7)]
    rows = [{"cc": "XX", "admin1": "01", "lon": x, "lat": y} for x, y in west]
    rows += [{"cc": "XX", "admin1": "02", "lon": x, "lat": y} for x, y in east]
    return [*rows, {"cc": "XX", "admin1": "", "lon": 9.5, "lat": 0.5}]


def test_cells_cover_the_country_without_overlapping() -> None:
    cells, _ = admin1_partition(_towns(), {"XX": SQUARE})
    assert set(cells) == {("XX", "01"), ("XX", "02")}
    assert abs(sum(g.area for g in cells.values()) - SQUARE.area) < 1e-6
    assert shapely.union_all(list(cells.values())).symmetric_difference(SQUARE).area < 1e-6
    for a, b in itertools.combinations(cells.values(), 2):
        assert a.intersection(b).area < 1e-9


def test_each_town_lies_in_its_own_cell() -> None:
    cells, _ = admin1_partition(_towns(), {"XX": SQUARE})
    for t in _towns()[:-1]:
        assert cells[("XX", t["admin1"])].covers(Point(t["lon"], t["lat"]))


def test_shared_edges_come_once_and_stay_inside_the_country() -> None:
    _, lines = admin1_partition(_towns(), {"XX": SQUARE})
    line = lines["XX"]
    # one edge from the south side to the north side: about 10 long, not 20 (doubled) nor 50 (with the outline)
    assert 10 <= line.length < 14
    assert SQUARE.buffer(1e-9).contains(line)


def test_one_code_is_the_whole_country() -> None:
    cells, lines = admin1_partition([{"cc": "XX", "admin1": "01", "lon": 5, "lat": 5},
                                     {"cc": "XX", "admin1": "01", "lon": 2, "lat": 2}], {"XX": SQUARE})
    assert cells == {("XX", "01"): SQUARE} and lines == {}


def test_real_index_sudzha_is_in_kursk_oblast_and_russia_is_covered() -> None:
    g = default_gazetteer()
    sudzha = next(p for p in g.lookup("Sudzha") if p.country_code == "RU")
    oblast = next(p for p in g.lookup("Kursk Oblast") if p.feature_code == "ADM1")
    assert oblast.admin1 == sudzha.admin1
    assert g.geometry(oblast.id).covers(Point(sudzha.lon, sudzha.lat))
    kyiv = next(p for p in g.lookup("Kyiv") if p.country_code == "UA")
    assert not g.geometry(oblast.id).covers(Point(kyiv.lon, kyiv.lat))
    # Russia's first-level areas together are Russia, and they do not overlap
    t = g._table  # noqa: SLF001 - the index's rows: every RU ADM1
    ids = [i for i, cc, fc in zip(t.column("id").to_pylist(), t.column("country_code").to_pylist(),
                                  t.column("feature_code").to_pylist(), strict=True) if cc == "RU" and fc == "ADM1"]
    cells = [g.geometry(i) for i in ids]
    russia = next(c for c in g.countries() if c.country_code == "RU").geometry
    assert len(cells) > 80
    union = shapely.union_all(cells)
    assert abs(union.area - russia.area) < 0.01 * russia.area
    assert sum(c.area for c in cells) - union.area < 0.001 * russia.area
    assert russia.buffer(0.01).contains(g.admin1_lines()["RU"])
