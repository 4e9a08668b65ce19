"""Benchmark: does linking a store batch by batch give what linking it whole gives, and at what cost?

Extracts synthetic articles (``bench/synth_corpus.py``) once, then commits their claims into fresh stores
in batches of each given size (``data.ingest.batches.commit_batch``: candidate query, linking, commit,
as ingest does) and prints, per size, the CPU ms per article of linking and committing, the peak RSS,
and how many claims' links (cluster, corroboration counts, conflicts) differ from the last size given.

    python bench/bench_link_batches.py -n 1000 --sizes 50,200,1000
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sizes", default="50,200,1000", help="batch sizes; the last is the reference")
    args = ap.parse_args(argv)
    from synth_corpus import generate

    from data.ingest.batches import commit_batch
    from data.ingest.work import extract_documents
    from data.link.corroborate import link_claims
    from data.load.paths import iter_files, load_path
    from data.store.store import CachedClaims, Store

    work = Path(tempfile.mkdtemp(prefix="bench-link-batches-"))
    generate(args.n, work / "corpus", seed=args.seed)
    docs = [d for f in iter_files([work / "corpus"]) for d in load_path(f).documents]
    items = [(d, r.claims.claims) for d, r in zip(docs, extract_documents([(d, "k") for d in docs]), strict=True)
             if r.claims is not None]
    sizes = [int(s) for s in args.sizes.split(",")]
    links = {}
    for size in reversed(sizes):
        store = Store(work / f"store-{size}")
        t = time.process_time()
        for k in range(0, len(items), size):
            batch = items[k:k + size]
            commit_batch(store, {d.id: d for d, _ in batch}, {d.id: CachedClaims("k", c) for d, c in batch},
                         set(), link_claims, "fp")
        cpu = time.process_time() - t
        links[size] = {c.claim_id: (c.cluster_id, c.corroboration_outlets, c.corroboration_claimants, c.conflicts)
                       for c in store.claims()}
        ref = links[sizes[-1]]
        differ = [k for k in ref if links[size].get(k) != ref[k]]
        conflicts = sum(links[size].get(k, ("",) * 4)[3] != ref[k][3] for k in ref)
        print(f"batch {size:>5}: link+commit {1000 * cpu / len(items):5.1f} CPU-ms/article, peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB; {len(differ)} of {len(ref)} "
              f"claims' links differ from batch {sizes[-1]} ({conflicts} in their conflicts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
