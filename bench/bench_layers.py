"""Benchmark: build the map layers for 1k, 10k and 100k synthetic events.

Places are sampled from the real gazetteer (a fixed pool, seeded; the stand-in gazetteer
if the real one is unavailable). Prints, per size: build time (events table -> folium map),
render time (map -> HTML string), their total, HTML size, and the number of place features.
Targets: 10k events <= 1 s and <= 2 MB; 100k <= 3 s and <= 5 MB (warm caches).

    python bench/bench_layers.py [--places 1000] [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layers import elements, export, mapbuild  # noqa: E402
from layers.synthetic import SAMPLE_PLACES, FakeGazetteer, synthetic_events  # noqa: E402

TARGETS = {10_000: (1.0, 2_000_000), 100_000: (3.0, 5_000_000)}


def sample_places(n: int, seed: int = 0):
    """``n`` distinct places from the default gazetteer (and the gazetteer), or the stand-ins."""
    try:
        from geo.gazetteer import default_gazetteer

        gaz = default_gazetteer()
        names = sorted(set(gaz.iter_names()))
    except Exception as exc:  # noqa: BLE001 - a benchmark still runs on the stand-ins
        print(f"gazetteer unavailable ({exc}); using {len(SAMPLE_PLACES)} stand-in places", file=sys.stderr)
        return list(SAMPLE_PLACES), FakeGazetteer()
    rng = random.Random(seed)
    places: dict[str, object] = {}
    for name in rng.sample(names, min(len(names), n * 3)):
        for p in gaz.lookup(name)[:1]:
            places.setdefault(p.id, p)
        if len(places) >= n:
            break
    return list(places.values()), gaz


def render(events, gaz) -> tuple[float, float, int, int]:
    t0 = time.perf_counter()
    m = mapbuild.build_map(events, gazetteer=gaz)
    t1 = time.perf_counter()
    with export.local_assets("vendor"):
        data = {el.defer(): el.payload_json for el in elements.sitmap_elements(m)}
        html = m.get_root().render()
    for token, payload in data.items():
        html = html.replace(token, payload)
    t2 = time.perf_counter()
    n_features = html.count('"type":"Feature","geometry":{"type":"Point"')
    return t1 - t0, t2 - t1, len(html.encode("utf-8")), n_features


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", type=int, default=1000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = ap.parse_args()
    t = time.perf_counter()
    places, gaz = sample_places(args.places)
    print(f"{len(places)} places sampled in {time.perf_counter() - t:.2f} s "
          f"({sum(p.precision != 'point' for p in places)} areas)")
    t = time.perf_counter()
    cold = render(synthetic_events(1_000, places, seed=99), gaz)
    print(f"cold first map (outline caches empty): {time.perf_counter() - t:.2f} s")
    del cold
    ok = True
    print(f"{'events':>8} {'build s':>8} {'render s':>9} {'total s':>8} {'HTML MB':>8} {'features':>9}  target")
    for n in args.sizes:
        ev = synthetic_events(n, places, seed=n)
        build, rend, size, feats = render(ev, gaz)
        total = build + rend
        target = TARGETS.get(n)
        verdict = ""
        if target:
            met = total <= target[0] and size <= target[1]
            ok &= met
            verdict = f"{'ok' if met else 'MISSED'} (<= {target[0]:.0f} s, <= {target[1] / 1e6:.0f} MB)"
        print(f"{n:>8} {build:>8.2f} {rend:>9.2f} {total:>8.2f} {size / 1e6:>8.2f} {feats:>9}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
