"""Events rows of a few claims: found on the key columns, then read whole by position."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from data.store.positions import rows_at
from data.store.store import Store
from tests.test_link_incremental import RecordingConnection, corpus, ingest_in


def test_rows_at_reads_the_rows_at_these_positions_of_each_row_group(tmp_path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"n": list(range(20)), "s": [f"r{i}" for i in range(20)]}), path, row_group_size=3)
    got = rows_at(duckdb.connect(), [(str(path), [19, 0, 4, 5, 11])])
    assert got.column("n").to_pylist() == [0, 4, 5, 11, 19] and got.column("s").to_pylist()[-1] == "r19"
    assert rows_at(duckdb.connect(), []) is None


def test_events_of_claims_are_the_current_rows_and_read_no_whole_table(tmp_path, monkeypatch) -> None:
    items = corpus(30)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10], items[10:20], items[20:]])  # three segments, stored claims relinked
    events = store.events()
    ids = sorted(set(events["claim_id"]))[::3]
    want = events[events["claim_id"].isin(ids)].reset_index(drop=True)
    versions = {c: int(s) for c, s in store.connect().execute(
        "SELECT claim_id, _seg FROM _linked").fetchall() if c in set(ids)}
    seen: list[str] = []
    connect = Store.connect
    monkeypatch.setattr(Store, "connect", lambda self: RecordingConnection(connect(self), seen))
    for got in (store.events_of_claims(ids), store.events_of_claims(ids, versions)):
        assert got.equals(want)
    # the lookup joins the key columns alone: no join reads every column of the events segments
    assert not [s for s in seen if "_raw_events" in s or ("_located_events" in s and "e.*" in s)]
    assert store.events_of_claims([]).empty
