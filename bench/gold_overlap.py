"""Which curated points (geo/tables/regions.csv, country_points.csv) coincide with a development-corpus gold coordinate.

The conventional points for countries, macro-regions and physical features are meant to be GeoNames'
points, and several were read off the development corpora's gold. This lists them, so the dev scores
can be read with that in mind (the held-out sets are what count). Usage:

    python bench/gold_overlap.py [../shared/eval]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = {"tables/regions.csv": (1, 2, 3), "tables/country_points.csv": (0, 1, 2)}


def gold_points(eval_dir: Path) -> dict[tuple[float, float], set[str]]:
    points: dict[tuple[float, float], set[str]] = {}
    for corpus in ("geowebnews_dev", "geovirus"):
        with open(eval_dir / f"{corpus}.jsonl", encoding="utf-8") as f:
            for line in f:
                for t in json.loads(line)["toponyms"]:
                    if t.get("lat") is not None:
                        key = (round(float(t["lat"]), 2), round(float(t["lon"]), 2))
                        points.setdefault(key, set()).add(f"{corpus}:{t['name']}")
    return points


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[0]) if argv else ROOT.parent / "shared" / "eval"
    gold = gold_points(eval_dir)
    total = 0
    for table, (name_i, lat_i, lon_i) in TABLES.items():
        rows = [r.split(",") for r in (ROOT / "geo" / table).read_text(encoding="utf-8").splitlines()
                if r and not r.startswith("#") and not r.startswith("cc,")]
        hits = []
        for r in rows:
            key = (round(float(r[lat_i]), 2), round(float(r[lon_i]), 2))
            if key in gold:
                hits.append(f"  {r[name_i]:<28} {key}  gold: {', '.join(sorted(gold[key])[:3])}")
        total += len(hits)
        print(f"{table}: {len(hits)} of {len(rows)} rows sit on a dev gold coordinate")
        print("\n".join(hits))
    print(f"total: {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
