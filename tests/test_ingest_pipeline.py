"""Dask ingest as a pipeline: workers extract the next batches while the ingesting process links and
commits the current one, and results cross the wire cheaply (``data.ingest.wire``)."""

from __future__ import annotations

import dataclasses
import pickle
import time
from datetime import date

import pytest

from data.ingest.work import Extracted, Extractor
from data.load.documents import make_document
from data.model import Claim, ClaimPlace, Quantity
from data.store.common import CachedClaims


def _docs(n: int, tag: str = "") -> list:
    return [(make_document(f"Article {tag}{i}. Troops were seen near Kyiv.", title=f"t{tag}{i}",
                           published=date(2024, 1, 1), source_path=f"f{tag}#{i}"), f"k{i}") for i in range(n)]


def _claim(doc_id: str) -> Claim:
    place = ClaimPlace("Kyiv", "703448", 50.45, 30.52, "UA", "PPLC", "city", 20, 24, confidence=0.9)
    figure = Quantity("about 300 troops", 300.0, None, None, "troops", "about", 3, 19, subject="troops|Kyiv")
    return Claim(claim_id=f"{doc_id}:0", doc_id=doc_id, start=0, end=30, text="About 300 troops near Kyiv.",
                 date="2024-01-01", date_text="Monday", date_precision="day", published=date(2024, 1, 1),
                 outlet="Example", claimant="a spokesperson", places=(place,), quantities=(figure,),
                 conflicts=("x:1",))


def test_results_pickle_as_field_values_equal_and_without_dataclass_state(monkeypatch) -> None:
    """Frozen slots dataclasses pickled through ``dataclasses``' state functions call ``fields()`` per
    object (a tenth of the ingesting process's CPU on 2 workers); registered, they rebuild equal."""
    from data.ingest.wire import register_results

    register_results()
    out = [Extracted("d1", CachedClaims("k", (_claim("d1"),), '[{"x": 1}]'), prepared=(("p",),)),
           Extracted("d2", None, "d2: claim extraction failed")]
    calls = [0]
    real = dataclasses.fields

    def counting(x):
        calls[0] += 1
        return real(x)

    monkeypatch.setattr(dataclasses, "fields", counting)
    back = pickle.loads(pickle.dumps(out, protocol=5))
    assert calls[0] == 0
    assert back == out
    claim = back[0].claims.claims[0]
    assert type(claim.places[0]) is ClaimPlace and type(claim.quantities[0]) is Quantity
    assert claim.places[0].confidence == 0.9 and claim.published == date(2024, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.text = "changed"  # still frozen
    assert hash(claim.places[0]) == hash(out[0].claims.claims[0].places[0])


def _slow(doc, key):
    """A stand-in extraction that takes a while and says when it ran (wall clock, any process)."""
    start = time.time()
    time.sleep(0.2)
    return Extracted(doc.id, CachedClaims(key, ()), error=repr(start))


@pytest.mark.slow
def test_next_batches_are_extracted_while_the_current_one_is_committed() -> None:
    """While the caller links and commits batch k (here: sleeps), the workers already run batch k+1:
    extraction and commit overlap instead of alternating."""
    batches = [_docs(4, "a"), _docs(4, "b"), _docs(4, "c")]
    committed: list[tuple[float, float]] = []
    started: list[list[float]] = []
    with Extractor(2, fn=_slow) as ex:
        for batch, results in ex.run(batches):
            assert [r.doc_id for r in results] == [d.id for d, _ in batch]
            started.append([float(r.error) for r in results])
            t0 = time.time()
            time.sleep(2.0)  # linking and committing the batch
            committed.append((t0, time.time()))
    assert len(committed) == 3
    for k in (0, 1):  # batch k+1 was being extracted before batch k's commit ended
        assert min(started[k + 1]) < committed[k][1], (k, started, committed)


def _built() -> bool:
    """Whether this process (a worker) has built the geoparser's engine."""
    import geo.geoparse as gp

    return gp._ENGINE is not None


@pytest.mark.slow
def test_workers_build_the_engine_before_any_task() -> None:
    """A worker used to import the extraction path and build the geoparser inside its first task, while
    the ingest waited for the first batch; now it starts as the worker joins."""
    from functools import partial

    from data.claims.extract import extract_claims
    from data.ingest.work import extract_document

    with Extractor(2, fn=partial(extract_document, extract=extract_claims)) as ex:
        ex._client.wait_for_workers(2, timeout=120)  # a local cluster's workers join as they start
        deadline = time.time() + 120
        while True:
            states = list(ex._client.run(_built).values())
            if all(states) or time.time() > deadline:
                break
            time.sleep(0.5)
    assert states == [True, True]
