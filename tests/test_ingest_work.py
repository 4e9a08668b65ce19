"""The per-document work on a Dask cluster (data.ingest.work): chunks of a batch per task, results
in input order, and workers that import only what extraction needs."""

from __future__ import annotations

import sys
from datetime import date
from functools import partial

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


def _loaded() -> list[str]:
    return [m for m in ("pandas", "duckdb") if m in sys.modules]


def test_chunks_cover_the_batch_in_order_about_two_per_worker() -> None:
    batch = _docs(11)
    for workers in (1, 2, 3, 8):
        parts = chunks(batch, workers)
        assert [x for p in parts for x in p] == batch
        assert len(parts) <= 2 * workers and max(map(len, parts)) - min(map(len, parts)) <= len(parts)
    assert chunks(batch[:1], 2) == [batch[:1]]


@pytest.mark.slow
def test_cluster_results_match_serial_and_workers_import_no_pandas() -> None:
    batches = [_docs(7)[:4], _docs(7)[4:], _docs(9)[7:]]
    fn = partial(extract_document, extract=_claims)
    with Extractor(0, fn=fn) as ex:
        serial = list(ex.run(batches))
    seen = []
    with Extractor(2, fn=fn) as ex:
        dask = list(ex.run(batches, lambda d, r: seen.append(d.id)))
        loaded = ex._client.run(_loaded)
    assert dask == serial and len(dask) == 3
    assert [r.doc_id for _, rs in dask for r in rs] == [d.id for b in batches for d, _ in b]
    assert sorted(seen) == sorted(d.id for b in batches for d, _ in b)
    assert [r.error is not None for _, rs in dask for r in rs] == [False, False, False, True, False, False, False,
                                                                   False, False]
    assert loaded and all(v == [] for v in loaded.values())
