"""The store: round trips, idempotent adds, atomic generations, concurrent writers."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from data.events import build_events, validate_events
from data.load.documents import make_document
from data.model import Claim, ClaimPlace, Quantity
from data.store.store import CachedClaims, Store, StoreError, default_store_path


def _doc(text: str, **kw):
    return make_document(text, **kw)


def _claim(doc, n: int = 0) -> Claim:
    return Claim(
        claim_id=f"{doc.id}:{n}", doc_id=doc.id, start=0, end=10, text=doc.text[:10], date="2024-10-23",
        date_text="on October 23", date_precision="day", published=doc.published, outlet=doc.outlet,
        claimant="HUR", places=(ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "ADM1", "admin", 0, 5),),
        quantities=(Quantity("about 12,000 troops", 12000.0, None, None, "troops", "about", 3, 20),),
        conflicts=("other:1",), corroboration_outlets=2,
    )


A = _doc("Kursk troops seen on Thursday.", title="A", outlet="Wire", published=date(2024, 10, 24))
B = _doc("Kyiv says 12,000 troops are in Russia.")


def test_empty_store_reads_as_empty(tmp_path: Path) -> None:
    s = Store(tmp_path / "none")
    assert s.documents() == {} and s.claims() == [] and s.cached_claims() == {}
    validate_events(s.events())
    assert len(s.events()) == 0 and s.generation() == ""


def test_documents_round_trip_in_a_fresh_instance(tmp_path: Path) -> None:
    assert Store(tmp_path).add([A, B]) is True
    docs = Store(tmp_path).documents()
    assert docs == {A.id: A, B.id: B}
    assert docs[B.id].published is None


def test_adding_the_same_again_writes_nothing(tmp_path: Path) -> None:
    s = Store(tmp_path)
    s.add([A], {A.id: CachedClaims("k", (_claim(A),))}, sources={"/x/a.txt": {"mtime_ns": 1, "size": 2}})
    gen = s.generation()
    assert s.add([A], {A.id: CachedClaims("k", (_claim(A),))}, sources={"/x/a.txt": {"mtime_ns": 1, "size": 2}}) is False
    assert s.generation() == gen


def test_claims_events_and_sources_round_trip(tmp_path: Path) -> None:
    claims = [_claim(A), _claim(A, 1)]
    events = build_events(claims, {A.id: A})
    Store(tmp_path).add([A], {A.id: CachedClaims("key1", tuple(claims))}, linked=claims, events=events,
                        sources={"/c/a.txt": {"mtime_ns": 5, "size": 9}}, fingerprint="fp")
    s = Store(tmp_path)
    assert s.claims() == claims
    assert s.cached_claims()[A.id] == CachedClaims("key1", tuple(claims))
    got = s.events()
    validate_events(got)
    assert list(got["event_id"]) == list(events["event_id"])
    assert got["event_date"].iloc[0].date() == date(2024, 10, 23)
    assert got["quantity_value"].iloc[0] == 12000.0
    assert s.sources() == {"/c/a.txt": {"mtime_ns": 5, "size": 9}}
    assert s.meta()["fingerprint"] == "fp"


def test_same_id_is_replaced_with_new_metadata(tmp_path: Path) -> None:
    s = Store(tmp_path)
    s.add([B])
    b2 = _doc(B.text, title="Now known")
    assert b2.id == B.id
    assert s.add([b2]) is True
    assert s.documents()[B.id].title == "Now known"


def test_dropped_documents_leave_with_their_cached_claims(tmp_path: Path) -> None:
    s = Store(tmp_path)
    s.add([A, B], {A.id: CachedClaims("k", (_claim(A),))})
    assert s.add(drop=[A.id]) is True
    assert set(s.documents()) == {B.id} and s.cached_claims() == {}
    assert s.add(drop=[A.id]) is False


def test_a_failed_write_leaves_the_old_store_intact(tmp_path: Path, monkeypatch) -> None:
    s = Store(tmp_path)
    s.add([A])
    gen = s.generation()
    real = pq.write_table

    def boom(table, where, *a, **kw):
        if str(where).endswith("linked.parquet"):
            raise OSError("disk full")
        return real(table, where, *a, **kw)

    monkeypatch.setattr(pq, "write_table", boom)
    with pytest.raises(OSError, match="disk full"):
        s.add([B])
    fresh = Store(tmp_path)
    assert fresh.generation() == gen
    assert set(fresh.documents()) == {A.id}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_leftovers_of_a_crash_are_ignored_then_cleaned(tmp_path: Path) -> None:
    s = Store(tmp_path)
    s.add([A])
    (tmp_path / ".tmp-gen-000002-dead").mkdir()
    (tmp_path / ".tmp-gen-000002-dead" / "documents.parquet").write_bytes(b"half")
    assert set(Store(tmp_path).documents()) == {A.id}
    s.add([B])
    assert not (tmp_path / ".tmp-gen-000002-dead").exists()
    assert set(Store(tmp_path).documents()) == {A.id, B.id}


def test_an_orphan_generation_from_a_crash_does_not_wedge_later_writes(tmp_path: Path) -> None:
    """A writer that died after renaming gen-N into place but before switching CURRENT."""
    s = Store(tmp_path)
    s.add([A])
    orphan = tmp_path / "gen-000002"
    orphan.mkdir()
    (orphan / "documents.parquet").write_bytes(b"half")
    assert s.add([B])
    assert s.add([_doc("A third article about Sumy.")])
    fresh = Store(tmp_path)
    assert len(fresh.documents()) == 3
    assert fresh.generation() > "gen-000002"


def test_old_generations_are_pruned(tmp_path: Path) -> None:
    s = Store(tmp_path)
    for i in range(5):
        s.add([_doc(f"Article number {i} about Sumy.")])
    gens = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("gen-"))
    assert gens == ["gen-000004", "gen-000005"]
    assert len(Store(tmp_path).documents()) == 5


def test_damaged_pointer_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("gen-000009\n", encoding="utf-8")
    with pytest.raises(StoreError, match="missing generation"):
        Store(tmp_path).documents()


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    docs = [_doc(f"Report {i} from Kharkiv on shelling.") for i in range(8)]

    def write(d):
        Store(tmp_path).add([d])

    threads = [threading.Thread(target=write, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(Store(tmp_path).documents()) == {d.id for d in docs}


def test_default_store_path_follows_sitmap_cache(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITMAP_CACHE", str(tmp_path / "c"))
    assert default_store_path() == tmp_path / "c" / "stores" / "default"
    monkeypatch.delenv("SITMAP_CACHE")
    assert default_store_path() == Path.home() / ".cache" / "sitmap" / "stores" / "default"


def test_a_lock_held_elsewhere_ends_in_a_clear_error_not_a_hang(tmp_path) -> None:
    import fcntl
    import os
    import time

    from data.store.store import StoreBusy

    store = Store(tmp_path / "s")
    store.path.mkdir()
    fd = os.open(store.path / ".lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process's ingest (flock locks are per open file)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreBusy, match=r"\.lock: another ingest"), store.lock(timeout=0.3):
            pass
        assert 0.25 < time.monotonic() - t0 < 3
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    with store.lock(timeout=0.3):  # released: taken at once
        pass


def test_claim_json_is_what_dataclasses_asdict_gives() -> None:
    """The hand-written codec must stay byte-compatible with stores written before it."""
    import json
    from dataclasses import asdict

    from data.store.codec import claim_to_dict

    c = Claim("c1", "d1", 0, 10, "Troops in Kursk.", "2024-10-24", "on Oct 24", "day", date(2024, 10, 25),
              "KI", claimant="HUR", claimant_country="UA",
              places=(ClaimPlace("Kursk", "538560", 51.7, 36.2, "RU", "PPLA", "point", 10, 15),),
              quantities=(Quantity("about 12,000 troops", 12000.0, 11000.0, 13000.0, "troops", "about", 0, 19),),
              conflicts=("c2",))
    want = asdict(c)
    want["published"] = "2024-10-25"
    assert json.dumps(claim_to_dict(c), sort_keys=True) == json.dumps(want, sort_keys=True)
