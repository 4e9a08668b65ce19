"""The per-document work on a Dask cluster (data.ingest.work): chunks of a batch per task, results
in input order, and workers that import only what extraction needs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from data.ingest.work import Extractor, chunks, extract_document
from data.load.documents import make_document
from data.model import Claim


def _docs(n: int) -> list:
    return [(make_document(f"Article {i}. Troops were seen near Kyiv.", title=f"t{i}", published=date(2024, 1, 1),
                           source_path=f"f#{i}"), f"k{i}") for i in range(n)]


def _claims(doc) -> list[Claim]:
    """A stand-in extractor (module level, so a worker can unpickle it)."""
    if "Article 3." in doc.text:
        raise ValueError("bad article")
    return [Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=5, text=doc.text[:5], date=None, date_text="",
                  date_precision="", published=doc.published, outlet=doc.outlet)]


def test_chunks_cover_the_batch_in_order_about_two_per_worker() -> None:
    batch = _docs(11)
    for workers in (1, 2, 3, 8):
        parts = chunks(batch, workers)
        assert [x for p in parts for x in p] == batch
        assert len(parts) <= 2 * workers and max(map(len, parts)) - min(map(len, parts)) <= len(parts)
    assert chunks(batch[:1], 2) == [batch[:1]]


@pytest.mark.slow
def test_cluster_results_match_serial_in_order() -> None:
    batches = [_docs(7)[:4], _docs(7)[4:], _docs(9)[7:]]
    fn = partial(extract_document, extract=_claims)
    with Extractor(0, fn=fn) as ex:
        serial = list(ex.run(batches))
    seen = []
    with Extractor(2, fn=fn) as ex:
        dask = list(ex.run(batches, lambda d, r: seen.append(d.id)))
    assert dask == serial and len(dask) == 3
    assert [r.doc_id for _, rs in dask for r in rs] == [d.id for b in batches for d, _ in b]
    assert sorted(seen) == sorted(d.id for b in batches for d, _ in b)
    assert [r.error is not None for _, rs in dask for r in rs] == [False, False, False, True, False, False, False,
                                                                   False, False]


def test_what_a_worker_imports_to_extract_needs_no_pandas_or_duckdb() -> None:
    """A fresh interpreter (as a worker starts) that unpickles the task function and extracts one document."""
    code = ("import pickle, sys; from functools import partial; from datetime import date; "
            "from data.ingest.work import extract_chunk, extract_document; "
            "from data.claims.extract import extract_claims; from data.load.documents import make_document; "
            "f = pickle.loads(pickle.dumps(partial(extract_document, extract=extract_claims))); "
            "d = make_document('Troops were seen near Kyiv on Monday.', published=date(2024, 1, 1)); "
            "r = extract_chunk(f, [(d, 'k')]); assert r[0].claims is not None, r; "
            "print(sorted(m for m in ('pandas', 'duckdb') if m in sys.modules))")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


class Counted:
    """Counts how often it is unpickled in this process (a result fetched from a worker)."""

    loads = 0

    def __setstate__(self, state) -> None:
        Counted.loads += 1

    def __getstate__(self) -> dict:
        return {"x": 1}


def _counted(doc, key):
    """A stand-in per-document function whose result carries a ``Counted``."""
    from data.ingest.work import Extracted
    from data.store.common import CachedClaims

    return Extracted(doc.id, CachedClaims(key, ()), prepared=(Counted(),))


@pytest.mark.slow
def test_each_result_is_fetched_from_the_cluster_once() -> None:
    """The progress loop and the batch's results share one fetch: a chunk's results (claims, link features,
    JSON) were unpickled twice in the process that links and commits."""
    batches = [_docs(6)[:3], _docs(6)[3:]]
    Counted.loads = 0
    with Extractor(2, fn=_counted) as ex:
        out = list(ex.run(batches))
    assert [r.doc_id for _, rs in out for r in rs] == [d.id for b in batches for d, _ in b]
    assert Counted.loads == 6
