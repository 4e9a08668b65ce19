"""Pass "region twins": one first-level region present under two ids is counted once.

Our tables give a few regions a conventional point ("Scotland" at 56.5N 4W, geo/tables/regions.csv)
beside the gazetteer's own record of the same region (GeoNames ADM1 "SCT"). Both came out as
candidates; the evidence pass took the table's record (the higher prior), which has no region code,
so "Scotland" never counted as evidence for the places in Scotland ("in Paisley" stayed the Ontario
village of an article that also names Ontario), and the two readings split the confidence. The table's record keeps its point and takes the region's code; the twin goes.
"""

from __future__ import annotations

from dataclasses import replace

from geo.model import Place
from geo.normalize import name_key
from geo.parse.state import Doc
from geo.places import is_admin

REGION_TWINS = "region twins"


def merge_twins(cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """``cands`` with each code-less region record given its same-name twin's code, and the twin dropped."""
    plain = [p for p in cands if is_admin(p) and not p.admin1]
    if not plain:
        return cands
    out = list(cands)
    for p in plain:
        key = name_key(p.name)
        twin = next((q for q in out if q is not p and is_admin(q) and q.admin1 and q.country_code == p.country_code
                     and name_key(q.name) == key), None)
        if twin is not None:
            out[out.index(p)] = replace(p, admin1=twin.admin1, population=max(p.population, twin.population))
            out.remove(twin)
    return tuple(out)


def region_twins(doc: Doc) -> Doc:
    """Every item's candidates with region twins merged."""
    items = list(doc.items)
    changed = False
    for i, it in enumerate(items):
        merged = merge_twins(it.cands)
        if merged is not it.cands:
            items[i] = replace(it, cands=merged)
            changed = True
    return doc.with_items(items) if changed else doc


__all__ = ["REGION_TWINS", "region_twins", "merge_twins"]
