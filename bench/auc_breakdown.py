"""Where the geoparser's AUC comes from: right place with another point, or the wrong place.

The AUC of Gritta et al. averages log(1 + error km) over matched toponyms, so a first-level region
pinned 50 km from the gold standard's GeoNames point costs as much as a town put 50 km off. This splits
the scorer's AUC into matched pairs within 161 km (the right place, drawn at another convention's
point: our regions' points come from countrystatecity, the gold's from GeoNames) and beyond (a wrong
reading), by feature class, so a target can be judged against what the coordinate sources allow.
Usage (after ``sitmap geoparse --jsonl GOLD > PRED``):

    python bench/auc_breakdown.py ../shared/eval/geowebnews_dev.jsonl PRED
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

MAX_KM = 20039.0


def _scorer(gold_path: Path):  # type: ignore[no-untyped-def]
    """The scorer next to the gold file (its matching and distance, so the figures agree)."""
    spec = importlib.util.spec_from_file_location("geoeval", gold_path.parent / "geoeval.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no geoeval.py beside {gold_path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {str(d["id"]): d for d in map(json.loads, filter(str.strip, fh))}


def breakdown(gold_path: Path, pred_path: Path) -> dict[str, dict[str, float]]:
    """{"near"|"far"|"all": {feature class: AUC share}} plus pair counts under "n"."""
    ev = _scorer(gold_path)
    gold, pred = _read(gold_path), _read(pred_path)
    terms: list[tuple[float, float, str]] = []
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {"toponyms": []})["toponyms"]
        for gi, pi in ev.match_spans(g["toponyms"], p):
            a, b = g["toponyms"][gi], p[pi]
            if a.get("lat") is None:
                continue
            km = MAX_KM if b.get("lat") is None else ev.haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
            fc = (b.get("feature_code") or "none")[:4]
            terms.append((km, math.log(1 + min(km, MAX_KM)) / math.log(MAX_KM), fc))
    n = len(terms) or 1
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for km, t, fc in terms:
        band = "near" if km <= 161 else "far"
        out[band][fc] += t / n
        out["all"][fc] += t / n
        out["n"][band] += 1
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    parts = breakdown(Path(argv[0]), Path(argv[1]))
    n = parts["n"]
    print(f"matched pairs with coordinates: {int(n['near'] + n['far'])} "
          f"({int(n['near'])} within 161 km, {int(n['far'])} beyond)")
    print(f"AUC (mean of the log error terms): {sum(parts['all'].values()):.4f}")
    for band, label in (("near", "right place, another point (<= 161 km)"), ("far", "wrong place (> 161 km)")):
        print(f"  {label}: {sum(parts[band].values()):.4f}")
        for fc, v in sorted(parts[band].items(), key=lambda kv: -kv[1])[:6]:
            print(f"    {fc:<5} {v:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
