"""Benchmark: window + filter queries over a big events table with DuckDB (``data.view.query``).

Reads a store (``--store``, e.g. one ``bench_scale.py fill`` made) or builds ``--claims`` synthetic events
in memory, loads it into a ``StoreView`` once (timed), then times each query (median of ``--repeat``)
against pandas ``in_view`` on the same table, and prints what an aggregated wide view would send.
Target: a window + filters query over 1M claims <= 100 ms.

    python bench/bench_query.py --store /tmp/big
    python bench/bench_query.py --claims 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.view.query import StoreView  # noqa: E402
from data.view.select import in_view  # noqa: E402
from data.view.state import ViewState  # noqa: E402

TARGET_MS = 100


def timed(fn, repeat: int) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pandas", action="store_true", help="also time pandas in_view (slow on 1M rows)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.store:
        from data.store.store import Store

        view = StoreView.of_store(Store(args.store))
        events = None
    else:
        from data.view.synth import synthetic_events

        events = synthetic_events(args.claims, span_days=365)
        view = StoreView(events)
    load_s = time.perf_counter() - t0
    con = view._cursor()
    n_rows, n_claims, lo, hi = con.execute("SELECT count(*), count(DISTINCT claim_id), min(evt_s), max(evt_s) "
                                           "FROM ev").fetchall()[0]
    first, last = date(1970, 1, 1) + timedelta(days=int(lo)), date(1970, 1, 1) + timedelta(days=int(hi))
    mid = first + (last - first) / 2
    outlets = [r[0] for r in con.execute("SELECT outlet FROM ev GROUP BY 1 ORDER BY count(*) DESC LIMIT 2").fetchall()]
    claimants = [r[0] for r in con.execute("SELECT claimant FROM ev WHERE claimant <> '' GROUP BY 1 "
                                           "ORDER BY count(*) DESC LIMIT 2").fetchall()]
    print(f"{n_claims} claims, {n_rows} event rows, {first}..{last}; loaded into DuckDB in {load_s:.1f} s; "
          f"{os.cpu_count()} cores, load avg {os.getloadavg()[0]:.1f}")
    states = {
        "last 7 days (mid-year)": ViewState(day=mid, window="last", days=7),
        "last 30 days + outlet + claimant": ViewState(day=mid, window="last", days=30, outlets=tuple(outlets[:1]),
                                                      claimants=tuple(claimants)),
        "up to mid-year + country": ViewState(day=mid, countries=("UA", "RU", "US", "FR")),
        "last 7 days + text search": ViewState(day=mid, window="last", days=7, query="troops"),
    }
    for label, state in states.items():
        ms, (rows, claims) = timed(lambda s=state: view.count(s), args.repeat)
        ms_rows, df = timed(lambda s=state: view.rows(s, limit=2000), args.repeat)
        line = (f"{label:>34}: count {ms:6.1f} ms, first 2000 rows {ms_rows:6.1f} ms ({claims} claims in view)"
                f"  [target <= {TARGET_MS} ms]")
        if args.pandas and events is not None:
            pms, _ = timed(lambda s=state: in_view(events, s), 1)
            line += f"; pandas in_view {pms:.0f} ms"
        print(line)
    wide = ViewState(window="upto")
    for by, deg in (("place", 0.0), ("cell", 2.0)):
        ms, agg = timed(lambda b=by, d=deg: view.aggregate(wide, by=b, cell_deg=d or 1.0), args.repeat)
        per_key = agg.groupby("key").agg(name=("name", "first"), lat=("lat", "first"), lon=("lon", "first"),
                                         claims=("claims", "sum"))
        payload = json.dumps(per_key.reset_index().to_dict("records"), default=str).encode()
        print(f"{'whole year aggregated per ' + by:>34}: {ms:6.1f} ms, {len(agg)} {by}-day rows, "
              f"{len(per_key)} {by}s, {len(payload) / 1e6:.2f} MB as JSON per {by}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
