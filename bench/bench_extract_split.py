"""Per-article CPU of extraction on a corpus, split into geoparse, timex and the rest.

    python bench/bench_extract_split.py DIR [--digest]

Loads DIR with the project's loader, pays the engine load on the first document (not
counted), then times ``geoparse`` + ``extract_timexes`` + ``claims_from`` over every
document (CPU seconds, ``time.process_time``). ``--digest`` also prints a SHA-1 of the
repr of every output, so two trees can be checked for identical results; it runs under a fixed
``PYTHONHASHSEED`` (re-executing itself), since a geoparse result's frozensets print in hash order.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time

from data.claims.extract import claims_from
from data.load.paths import load_path
from data.timex.extract import extract_timexes
from geo.geoparse import geoparse


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--digest", action="store_true")
    args = ap.parse_args()
    if args.digest and os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    docs = load_path(args.path).documents
    geoparse(docs[0].text, docs[0].id, unresolved=True)  # engine load, not counted
    geo_s = tx_s = cl_s = 0.0
    hashes = {k: hashlib.sha1() for k in ("geo", "timex", "claims")}
    for d in docs:
        c0 = time.process_time()
        res = geoparse(d.text, d.id, unresolved=True)
        c1 = time.process_time()
        tx = extract_timexes(d.text, d.published)
        c2 = time.process_time()
        claims = claims_from(d, res, tx)
        c3 = time.process_time()
        geo_s += c1 - c0
        tx_s += c2 - c1
        cl_s += c3 - c2
        if args.digest:
            hashes["geo"].update(repr(res).encode())
            hashes["timex"].update(repr(tx).encode())
            hashes["claims"].update(repr(claims).encode())
    n = len(docs)
    total = geo_s + tx_s + cl_s
    print(f"{n} docs: {total / n * 1000:.2f} ms/doc CPU (geoparse {geo_s / n * 1000:.2f}, "
          f"timex {tx_s / n * 1000:.2f}, claims_from {cl_s / n * 1000:.2f})")
    if args.digest:
        print(" ".join(f"{k}={h.hexdigest()[:16]}" for k, h in hashes.items()))


if __name__ == "__main__":
    main()
