"""The segment store: batch commits, a kill mid-run, merges, migration from format 1, serial == Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import data.ingest.run as ingest_mod
from data.events import build_events
from data.ingest.run import ingest
from data.load.documents import make_document
from data.model import Claim, ClaimPlace
from data.store import policy as store_mod
from data.store.codec import claims_to_json, documents_to_table
from data.store.store import CachedClaims, Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FEED = ROOT / "tests" / "fixtures" / "docs" / "feed.json"

FAKE = """
from dataclasses import replace
from data.model import Claim, ClaimPlace

def extract(doc):
    i = doc.text.find("Kursk")
    places = (ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "ADM1", "admin", i, i + 5),) if i >= 0 else ()
    return [Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=min(len(doc.text), 80), text=doc.text[:80],
                  date=doc.published.isoformat() if doc.published else None, date_text="",
                  date_precision="published" if doc.published else "none", published=doc.published,
                  outlet=doc.outlet, places=places)]

def link(claims, documents):
    outlets = len({c.outlet or c.doc_id for c in claims})
    return [replace(c, cluster_id="all", corroboration_outlets=outlets) for c in claims]
"""


@pytest.fixture
def fake(monkeypatch, tmp_path):
    ns: dict = {}
    exec(FAKE, ns)  # noqa: S102 - the same fake the killed subprocess runs
    calls: list[str] = []

    def extract(doc):
        calls.append(doc.id)
        return ns["extract"](doc)

    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (extract, ns["link"], []))
    return calls


def test_each_batch_is_one_segment_and_a_rerun_writes_nothing(tmp_path, fake, monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    store = Store(tmp_path / "s")
    report = ingest([SEEDS, FEED], store)
    assert report.documents_total == 7 and len(fake) == 7
    assert len(store.segments()) == 5  # 4 batches (2+2+2+1) and the closing commit of sources
    gen = store.generation()
    fake.clear()
    assert ingest([SEEDS, FEED], store).store_changed is False
    assert store.generation() == gen and fake == []


def test_a_kill_loses_only_the_batch_in_flight(tmp_path, fake) -> None:
    script = tmp_path / "slow_ingest.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import data.ingest.run as run
        from data.store.store import Store
        {textwrap.indent(FAKE, '        ').strip()}
        def slow(doc):
            time.sleep(0.4)
            return extract(doc)
        run._claims_functions = lambda: (slow, link, [])
        run.ingest([{str(SEEDS)!r}, {str(FEED)!r}], Store({str(tmp_path / 's')!r}))
    """), encoding="utf-8")
    env = {**os.environ, "SITMAP_INGEST_BATCH": "2"}
    proc = subprocess.Popen([sys.executable, str(script)], env=env)
    store = Store(tmp_path / "s")
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if store.generation() and store.counts()["documents"] >= 2:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    fresh = Store(tmp_path / "s")
    kept = fresh.counts()
    assert 2 <= kept["documents"] < 7 and kept["documents"] % 2 == 0  # whole batches only
    assert kept["claims"] == kept["documents"] and len(fresh.events()) == kept["claims"]
    report = ingest([SEEDS, FEED], fresh)  # the rerun redoes only what was lost
    assert len(fake) == 7 - kept["documents"] and report.documents_total == 7
    assert {c.corroboration_outlets for c in fresh.claims()} == {len({c.outlet or c.doc_id for c in fresh.claims()})}


def _doc(i: int):
    return make_document(f"Report {i} on shelling in Kursk.", outlet=f"Outlet {i % 3}",
                         published=pd.Timestamp("2024-10-01").date() + pd.Timedelta(days=i % 20))


def _claim(doc, cluster: str = "") -> Claim:
    return Claim(claim_id=f"{doc.id}:0", doc_id=doc.id, start=0, end=10, text=doc.text, date="2024-10-23",
                 date_text="", date_precision="day", published=doc.published, outlet=doc.outlet,
                 places=(ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "ADM1", "admin", 0, 5),),
                 cluster_id=cluster)


def test_small_segments_merge_and_keep_the_newest_rows(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "MERGE_FAN", 3)
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(10)]
    for d in docs:
        c = _claim(d)
        store.commit({d.id: d}, {d.id: CachedClaims("k", (c,))}, linked=[c], events=build_events([c], {d.id: d}))
    first = docs[0]
    again = replace(_claim(first), cluster_id="again")  # a later batch rewrites one claim
    store.commit({}, {}, linked=[again], events=build_events([again], {first.id: first}))
    store.commit({}, {}, linked=[], events=None, reset=[docs[1].id])  # and drops a document
    assert len(store.segments()) < 12
    fresh = Store(tmp_path / "s")
    assert set(fresh.documents()) == {d.id for d in docs} - {docs[1].id}
    claims = {c.claim_id: c for c in fresh.claims()}
    assert claims[f"{first.id}:0"].cluster_id == "again" and f"{docs[1].id}:0" not in claims
    ev = fresh.events()
    assert len(ev) == 9 and ev.set_index("claim_id").loc[f"{first.id}:0", "cluster_id"] == "again"
    fresh.compact()
    assert len(fresh.segments()) == 1 and len(Store(tmp_path / "s").events()) == 9


def test_a_merge_streams_its_rows_in_bounded_chunks(tmp_path, monkeypatch) -> None:
    """A merge writes what DuckDB yields chunk by chunk (``MERGE_ROWS`` rows), never the merged tables whole:
    its memory stays flat however big the segments it merges; the rows it keeps are those a whole read keeps."""
    from data.store import merging as seg_mod

    monkeypatch.setattr(seg_mod, "MERGE_ROWS", 4)
    store = Store(tmp_path / "s")
    docs = [_doc(i) for i in range(12)]
    for d in docs:
        c = _claim(d)
        store.commit({d.id: d}, {d.id: CachedClaims("k", (c,))}, linked=[c], events=build_events([c], {d.id: d}))
    before_claims, before_events = store.claims(), store.events()
    store.compact()
    fresh = Store(tmp_path / "s")
    assert len(fresh.segments()) == 1
    folder = tmp_path / "s" / "segments" / fresh.segments()[0].name
    for table in ("documents", "linked", "events"):
        meta = pq.ParquetFile(folder / f"{table}.parquet").metadata
        assert meta.num_rows == 12 and meta.num_row_groups >= 3
        assert max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) <= 4
    assert fresh.claims() == before_claims
    pd.testing.assert_frame_equal(fresh.events(), before_events)


def _big_store(path: Path) -> Store:
    """A store of one segment of 1,000 one-claim documents."""
    store = Store(path)
    docs = [_doc(i) for i in range(1000)]
    claims = [_claim(d) for d in docs]
    store.commit({d.id: d for d in docs}, {d.id: CachedClaims("k", (c,)) for d, c in zip(docs, claims, strict=True)},
                 linked=claims, events=build_events(claims, {d.id: d for d in docs}))
    return store


def test_small_batches_never_rewrite_a_big_segment(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "MERGE_FAN", 3)
    monkeypatch.setattr(store_mod, "TIER_BYTES", 50_000)  # a one-document segment is ~40 kB, 1,000 ~300 kB
    store = _big_store(tmp_path / "s")
    big = store.segments()[0].name
    for i in range(1000, 1020):
        d = _doc(i)
        c = _claim(d)
        store.commit({d.id: d}, {d.id: CachedClaims("k", (c,))}, linked=[c], events=build_events([c], {d.id: d}))
        assert store.segments()[0].name == big
    assert len(store.segments()) < 8 and len(Store(tmp_path / "s").documents()) == 1020


def test_small_segments_of_alternating_tiers_still_merge(tmp_path, monkeypatch) -> None:
    """An ingest commits a batch segment, then a tiny one of its sources: successive adds leave small
    segments of alternating tiers, which must still merge (they piled up, two more per add, and every
    add to a big store was slower than the one before), without rewriting the big segment."""
    from data.store.policy import _mergeable_tail

    assert _mergeable_tail([4] + [1, 0] * 9) == 0
    assert _mergeable_tail([4] + [1, 0] * 10) == 20 and _mergeable_tail([4] + [1, 0] * 9 + [1]) == 19
    assert _mergeable_tail([4, 2, 2, 0, 0, 0]) == 0 and _mergeable_tail([1] * 3 + [0] * 10) == 10
    monkeypatch.setattr(store_mod, "MERGE_FAN", 3)
    monkeypatch.setattr(store_mod, "TIER_BYTES", 7_000)  # one document's segment (~38 kB) is tier 1, a sources-only one (~12 kB) 0
    store = _big_store(tmp_path / "s")
    big = store.segments()[0].name
    for i in range(1000, 1012):
        d = _doc(i)
        c = _claim(d)
        store.commit({d.id: d}, {d.id: CachedClaims("k", (c,))}, linked=[c], events=build_events([c], {d.id: d}))
        store.commit({}, {}, linked=[], events=None, sources={f"/src/{i}.txt": {"mtime_ns": i, "size": 1}})
        assert store.segments()[0].name == big
    assert len(store.segments()) <= 7, [store_mod.tier(tmp_path / "s" / "segments" / s.name) for s in store.segments()]
    fresh = Store(tmp_path / "s")
    assert len(fresh.documents()) == 1012 and len(fresh.sources()) == 12 and len(fresh.events()) == 1012


def test_a_format_1_store_is_migrated_on_first_open(tmp_path) -> None:
    root = tmp_path / "old"
    gen = root / "gen-000003"
    gen.mkdir(parents=True)
    docs = [_doc(i) for i in range(3)]
    claims = [_claim(d, cluster="c1") for d in docs]
    events = build_events(claims, {d.id: d for d in docs})
    pq.write_table(documents_to_table(docs), gen / "documents.parquet")
    pq.write_table(pa.table({"doc_id": [d.id for d in docs], "key": ["k"] * 3,
                             "claims_json": [claims_to_json([c]) for c in claims]}), gen / "claims.parquet")
    pq.write_table(pa.table({"claim_id": [c.claim_id for c in claims], "doc_id": [c.doc_id for c in claims],
                             "claim_json": [claims_to_json([c]) for c in claims]}), gen / "linked.parquet")
    events.to_parquet(gen / "events.parquet", index=False)
    (gen / "meta.json").write_text(json.dumps({"format": 1, "fingerprint": "fp",
                                               "sources": {"/x/a.txt": {"mtime_ns": 1, "size": 2}}}))
    (root / "CURRENT").write_text("gen-000003\n")
    store = Store(root)
    assert store.documents() == {d.id: d for d in docs}
    assert store.meta()["format"] == 2 and store.generation() == "gen-000004"
    assert sorted(store.claims(), key=lambda c: c.claim_id) == sorted(claims, key=lambda c: c.claim_id)
    assert store.cached_claims()[docs[0].id] == CachedClaims("k", (claims[0],))
    assert store.sources() == {"/x/a.txt": {"mtime_ns": 1, "size": 2}} and store.meta()["fingerprint"] == "fp"
    pd.testing.assert_frame_equal(store.events().sort_values("event_id").reset_index(drop=True),
                                  events.sort_values("event_id").reset_index(drop=True), check_dtype=False)


@pytest.mark.slow
def test_dask_two_workers_give_the_same_store_as_serial(tmp_path, monkeypatch) -> None:
    """The real extractor on the seeds, on a 2-worker LocalCluster and serially."""
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    serial, dask = Store(tmp_path / "serial"), Store(tmp_path / "dask")
    ingest([SEEDS], serial)
    ingest([SEEDS], dask, workers=2)
    assert serial.documents() == dask.documents() and serial.cached_claims() == dask.cached_claims()
    assert serial.claims() == dask.claims() and len(serial.claims()) > 10
    pd.testing.assert_frame_equal(serial.events(), dask.events())
    assert len(serial.segments()) == len(dask.segments()) == 4


def test_counts_kept_in_the_manifest_match_the_views(tmp_path) -> None:
    store = Store(tmp_path / "s")

    def by_views() -> dict[str, int]:
        row = Store(store.path).connect().execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM linked), (SELECT count(*) FROM events)"
        ).fetchall()[0]
        return dict(zip(("documents", "claims", "events"), row, strict=True))

    docs = [_doc(i) for i in range(6)]
    claims = [_claim(d) for d in docs]
    ctx = {d.id: d for d in docs}
    store.commit(ctx, {d.id: CachedClaims("k", (c,)) for d, c in zip(docs, claims, strict=True)}, linked=claims[:4],
                 events=build_events(claims[:4], ctx))
    steps = [
        dict(documents={}, claims={}, linked=[replace(claims[0], cluster_id="x"), claims[4]],
             events=build_events([claims[0], claims[4]], ctx)),  # a relinked claim and one more
        dict(documents={docs[1].id: docs[1]}, claims={}, linked=[claims[1]], events=None, reset=[docs[1].id]),
        dict(documents={}, claims={}, linked=[], events=None, reset=[docs[2].id, "no-such-doc"]),
        dict(documents={docs[2].id: docs[2]}, claims={}, linked=[claims[2], claims[5]],
             events=build_events([claims[2], claims[5]], ctx)),
        dict(documents={}, claims={}, linked=claims[:2], events=build_events(claims[:2], ctx), full=True),
    ]
    for step in steps:
        store.commit(**step)
        assert store.meta()["counts"] == by_views()
    assert store.counts() == by_views() == {"documents": 6, "claims": 2, "events": 2}


def test_compact_merges_wide_tables_in_bounded_memory(tmp_path, monkeypatch) -> None:
    """Merging decides which rows survive on the key columns and streams the rows: a window over whole
    rows (text included) held every table whole, and ran out of DuckDB's memory on a 1M-claim store.
    Here: 600 documents of ~21 kB text in three segments, merged under a 24 MB limit (it failed at 32 MB)."""
    from data.store import merging

    monkeypatch.setattr(merging, "MERGE_MEMORY", "24MB")
    monkeypatch.setattr(merging, "MERGE_BYTES", 1 << 20)  # and chunks of ~1 MB: ~50 documents
    store = Store(tmp_path / "s")
    words = "lorem ipsum dolor sit amet " * 800
    for b in range(3):
        docs = [make_document(f"Article {i}. {words}", title=f"A{i}", outlet="O", source_path=f"t#{i}")
                for i in range(b * 200, b * 200 + 200)]
        claims = [_claim(d) for d in docs]
        store.commit({d.id: d for d in docs}, {d.id: CachedClaims("k", (c,)) for d, c in zip(docs, claims, strict=True)},
                     linked=claims, events=build_events(claims, {d.id: d for d in docs}))
    again = replace(claims[0], cluster_id="again")  # a later batch rewrites one claim: its older row is dropped
    store.commit({}, {}, linked=[again], events=build_events([again], {docs[0].id: docs[0]}))
    before_docs, before_claims, before_events = store.documents(), store.claims(), store.events()
    store.compact()
    fresh = Store(tmp_path / "s")
    assert len(fresh.segments()) == 1
    assert fresh.documents() == before_docs and fresh.claims() == before_claims
    pd.testing.assert_frame_equal(fresh.events(), before_events)
    meta = pq.ParquetFile(tmp_path / "s" / "segments" / fresh.segments()[0].name / "documents.parquet").metadata
    assert meta.num_rows == 600 and max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) < 100
    assert pq.ParquetFile(tmp_path / "s" / "segments" / fresh.segments()[0].name / "linked.parquet").metadata.num_rows == 600
