"""Linking in batches against the store gives what linking everything at once gives.

Claims are built directly (no extraction): 40 articles from a handful of outlets about a few places
and figures over a few weeks, some sentences wire copies of others, so clusters, corroboration and
conflicts all occur. Committed as one batch, as 30 then 10, and as four batches of 10 (in another
order), the stored linked claims must be the same.

What makes the identity hold, and its limit: a batch is linked with every stored claim that shares
a block (place cell, figure subject, speaker, figure measure) at an overlapping window, and with
the rest of their clusters; a cluster's dated members share a day and a claim's counts depend on
its cluster alone, and a relinked claim keeps its conflicts with stored claims left alone. In a block
more crowded than the linker's neighbour bound (40 claims nearest in date, 60 for a measure) whole
linking and batches may compare different pairs, and greedy average linkage can move a claim outside
the neighbourhood (``data.link.candidates`` says how often, on synthetic articles); the stores here
stay below the bound, as a day of one place's news does.
"""

from __future__ import annotations

import functools
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from data.ingest.batches import commit_batch
from data.link.corroborate import link_claims
from data.load.documents import make_document
from data.model import Claim, ClaimPlace, Quantity
from data.store.store import CachedClaims, Store

PLACES = [
    ClaimPlace("Kursk", "538560", 51.73, 36.19, "RU", "PPLA", "point", 0, 5),
    ClaimPlace("Kursk Oblast", "538555", 51.5, 36.0, "RU", "ADM1", "admin", 0, 5),
    ClaimPlace("Belgorod", "578072", 50.6, 36.6, "RU", "PPLA", "point", 0, 5),
    ClaimPlace("Kharkiv", "706483", 50.0, 36.25, "UA", "PPLA", "point", 0, 5),
    ClaimPlace("Lviv", "702550", 49.84, 24.03, "UA", "PPLA", "point", 0, 5),
]
OUTLETS = ["Wire A", "Daily Herald", "Evening Post", "Courier", "Metro"]
CLAIMANTS = ["the governor", "the defence ministry", "police", "NATO", ""]
UNITS = ["troops", "drones", "people"]


def corpus(n: int = 40, seed: int = 3) -> list[tuple]:
    """(document, claims) of ``n`` synthetic articles."""
    rng = random.Random(seed)
    out, texts = [], []
    for i in range(n):
        pub = date(2024, 3, 1) + timedelta(days=rng.randrange(20))
        doc = make_document(f"Article {i}. " + "Filler words here. " * 5, title=f"Article {i}",
                            outlet=rng.choice(OUTLETS), published=pub, source_path=f"t#{i}")
        claims = []
        for j in range(4):
            place = rng.choice(PLACES)
            unit = rng.choice(UNITS)
            value = rng.choice([100, 120, 3000, 12000])
            day = pub - timedelta(days=rng.randrange(3))
            if texts and rng.random() < 0.3:  # a wire copy of an earlier sentence
                text = rng.choice(texts)
            else:
                text = f"{rng.choice(CLAIMANTS) or 'Witnesses'} said {value:,} {unit} were seen in {place.name}."
                texts.append(text)
            claims.append(Claim(
                claim_id=f"{doc.id}:{j}", doc_id=doc.id, start=j * 100, end=j * 100 + len(text), text=text,
                date=day.isoformat(), date_text=str(day), date_precision=rng.choice(["day", "published"]),
                published=pub, outlet=doc.outlet, claimant=rng.choice(CLAIMANTS) or None,
                kind=rng.choice(["statement", "count", "sighting"]), places=(place,),
                quantities=(Quantity(f"{value:,} {unit}", float(value), None, None, unit),)))
        out.append((doc, tuple(claims)))
    return out


def ingest_in(store: Store, batches: list[list[tuple]]) -> dict[str, tuple]:
    for batch in batches:
        docs = {d.id: d for d, _ in batch}
        fresh = {d.id: CachedClaims("k", claims) for d, claims in batch}
        commit_batch(store, docs, fresh, set(), link_claims, "fp")
    return {c.claim_id: (c.cluster_id, c.corroboration_outlets, c.corroboration_claimants, c.conflicts)
            for c in store.claims()}


class RecordingConnection:
    """A DuckDB connection that records every SQL text run through ``execute`` or ``sql`` in ``seen``:
    the tests below assert what a batch's queries read, not only what they return."""

    def __init__(self, con, seen: list[str]) -> None:
        self._con, self._seen = con, seen

    def execute(self, sql, *args):
        self._seen.append(sql)
        return self._con.execute(sql, *args)

    def sql(self, sql, *args):
        self._seen.append(sql)
        return self._con.sql(sql, *args)

    def cursor(self):
        return RecordingConnection(self._con.cursor(), self._seen)

    def __getattr__(self, name):
        return getattr(self._con, name)


def record_store_sql(monkeypatch, seen: list[str]) -> None:
    """Every ``Store.connect()`` from now on hands out a ``RecordingConnection`` feeding ``seen``."""
    connect = Store.connect
    monkeypatch.setattr(Store, "connect", lambda self: RecordingConnection(connect(self), seen))


@pytest.mark.parametrize("split", ["30+10", "4x10 shuffled"])
def test_batches_link_like_one_batch(tmp_path, split) -> None:
    items = corpus()
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert len(whole) == 160
    assert len({v[0] for v in whole.values()}) < 150 and any(v[3] for v in whole.values())  # clusters, conflicts
    if split == "30+10":
        batches = [items[:30], items[30:]]
    else:
        order = items[:]
        random.Random(1).shuffle(order)
        batches = [order[k:k + 10] for k in range(0, 40, 10)]
    assert ingest_in(Store(tmp_path / "parts"), batches) == whole


def _shelling_article(n: int, place: ClaimPlace, day: date) -> tuple:
    """Article ``n``: one attack claim at ``place`` on ``day``, from its own outlet."""
    doc = make_document(f"Article {n}.", title=f"A{n}", outlet=f"Outlet {n}", published=day, source_path=f"t#{n}")
    text = f"Shelling was reported in {place.name}."
    return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day, doc.outlet,
                       kind="attack", places=(place,)),)


def test_a_batch_relinks_only_the_stored_claims_it_can_change(tmp_path) -> None:
    kursk, belgorod = PLACES[0], PLACES[2]  # one 4-degree cell, 130 km apart: never one spot
    day = date(2024, 3, 5)

    article = functools.partial(_shelling_article, day=day)

    store = Store(tmp_path / "s")
    ingest_in(store, [[article(1, kursk), article(2, belgorod)]])
    seen: list[str] = []

    def spy(claims, documents):
        seen.extend(c.text for c in claims)
        return link_claims(claims, documents)

    doc, claims = article(3, kursk)
    commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), spy, "fp")
    assert sorted(seen) == ["Shelling was reported in Kursk."] * 2  # the new claim and its stored match
    linked = {c.text: c for c in store.claims() if c.doc_id != doc.id}
    assert store.claims_by_ids([claims[0].claim_id])[0].cluster_id == linked["Shelling was reported in Kursk."].cluster_id


def test_linking_is_handed_the_heads_of_the_stored_claims_that_name_no_outlet_alone(tmp_path) -> None:
    """The candidates the batch cannot change are not kept, and of the stored documents only those whose
    claims name no outlet are read (a claim's source falls back on its document's outlet)."""
    kursk, belgorod = PLACES[0], PLACES[2]
    day = date(2024, 3, 5)

    def article(n: int, place: ClaimPlace, text: str, outlet: str, named: bool = True) -> tuple:
        """Article ``n`` of ``outlet``: one attack claim, naming the outlet or not."""
        doc = make_document(f"Article {n}.", title=f"A{n}", outlet=outlet, published=day, source_path=f"t#{n}")
        return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text.format(place.name), day.isoformat(), "",
                           "day", day, outlet if named else "", kind="attack", places=(place,)),)

    unnamed = article(4, kursk, "Heavy shelling hit {} overnight, officials said.", "Outlet 1", named=False)
    store = Store(tmp_path / "s")
    ingest_in(store, [[article(1, kursk, "Shelling was reported in {}.", "Outlet 1"),
                       article(2, belgorod, "Shelling was reported in {}.", "Outlet 2"), unnamed,
                       article(5, belgorod, "Heavy shelling hit {} overnight.", "Outlet 5", named=False)]])
    handed: list[tuple[set[str], set[str]]] = []

    def spy(claims, documents):
        handed.append(({c.doc_id for c in claims}, set(documents)))
        return link_claims(claims, documents)

    doc, claims = article(3, kursk, "Artillery struck {} again on Tuesday morning.", "Outlet 3")
    commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), spy, "fp")
    (linked_docs, documents), = handed
    assert len(linked_docs) == 3 and unnamed[0].id in linked_docs  # not the Belgorod candidates
    assert documents == {doc.id, unnamed[0].id}
    # the head gave the unnamed claim its document's outlet: Outlet 1 twice counts once
    assert next(c for c in store.claims() if c.doc_id == doc.id).corroboration_outlets == 2


def test_the_candidates_a_batch_cannot_change_are_read_a_chunk_at_a_time_and_let_go(tmp_path, monkeypatch) -> None:
    """Each chunk of stored candidates is decoded and featurised, and only the ones linking needs stay
    (their features in the memo, for linking): the others are neither held nor memoised."""
    from data.link.memo import MEMO
    from data.store import store as store_mod

    kursk, belgorod = PLACES[0], PLACES[2]
    article = functools.partial(_shelling_article, day=date(2024, 3, 5))
    store = Store(tmp_path / "s")
    ingest_in(store, [[article(1, kursk), article(2, belgorod), article(4, belgorod)]])
    monkeypatch.setattr(store_mod, "FETCH_ROWS", 1)
    chunks: list[int] = []
    texts_at = Store.claim_texts_at

    def counted(self, versions, size=None, by_cluster=False):
        for rows in texts_at(self, versions, size, by_cluster):
            chunks.append(len(rows))
            yield rows

    monkeypatch.setattr(Store, "claim_texts_at", counted)
    MEMO.clear()
    doc, claims = article(3, kursk)
    commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), link_claims, "fp")
    assert chunks == [1, 1, 1]
    assert len(MEMO) == 2  # the new claim and the Kursk one it joins, not the two in Belgorod


def test_a_neighbourhood_as_big_as_the_memo_is_not_kept_in_it_after_the_commit(tmp_path, monkeypatch) -> None:
    from data.link.memo import MEMO

    kursk, belgorod = PLACES[0], PLACES[2]
    article = functools.partial(_shelling_article, day=date(2024, 3, 5))
    store = Store(tmp_path / "s")
    ingest_in(store, [[article(1, kursk), article(2, belgorod), article(4, belgorod)]])
    for size, kept in ((MEMO.size, True), (3, False)):  # 3 candidates: the memo's size, or far below it
        monkeypatch.setattr(MEMO, "size", size)
        doc, claims = article(10 + size, kursk)
        commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), link_claims, "fp")
        assert (len(MEMO) > 0) == kept


def test_a_conflict_with_a_stored_claim_that_shares_no_place_block_is_found(tmp_path) -> None:
    # a toll for the whole country (no specific place: no place cell) and one at a city in it: one
    # quantity, clashing values. Linked together they conflict; committed in two batches they must too.
    ukraine = ClaimPlace("Ukraine", "690791", 49.0, 32.0, "UA", "PCLI", "country", 0, 7)
    day = date(2024, 3, 5)

    def article(n: int, text: str, place: ClaimPlace, value: float, kind: str) -> tuple:
        doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                            source_path=f"t#{n}")
        return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day, doc.outlet,
                           claimant=f"Speaker {n}", kind=kind, places=(place,),
                           quantities=(Quantity(f"{value:,.0f} people", value, None, None, "people"),)),)

    items = [article(1, "At least 3,000 people died in Ukraine on Tuesday.", ukraine, 3000, "casualties"),
             article(2, "12,000 people died in Kharkiv on Tuesday, officials said.", PLACES[3], 12000, "statement")]
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert all(v[3] for v in whole.values())  # they conflict when linked together
    assert ingest_in(Store(tmp_path / "parts"), [items[:1], items[1:]]) == whole


def _toll(n: int, text: str, place: ClaimPlace | None, value: float) -> tuple:
    day = date(2024, 3, 5)
    doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                        source_path=f"t#{n}")
    return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day, doc.outlet,
                       claimant=f"Speaker {n}", kind="casualties", places=(place,) if place else (),
                       quantities=(Quantity(f"{value:,.0f} people", value, None, None, "people"),)),)


def test_a_batch_relinks_no_stored_toll_of_another_country(tmp_path) -> None:
    # figures in two countries never conflict, so a Syrian toll is no neighbour of a Ukrainian one
    syria = ClaimPlace("Syria", "163843", 35.0, 38.0, "SY", "PCLI", "country", 0, 5)
    store = Store(tmp_path / "s")
    ingest_in(store, [[_toll(1, "3,500 people died in Syria.", syria, 3500),
                       _toll(2, "12,000 people died in Kharkiv.", PLACES[3], 12000)]])
    seen: list[str] = []

    def spy(claims, documents):
        seen.extend(c.text for c in claims)
        return link_claims(claims, documents)

    doc, claims = _toll(3, "3,000 people died in Lviv.", PLACES[4], 3000)
    commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k", claims)}, set(), spy, "fp")
    assert sorted(seen) == ["12,000 people died in Kharkiv.", "3,000 people died in Lviv."]


@pytest.mark.parametrize("first", [0, 1])
def test_a_toll_naming_no_country_meets_stored_tolls_of_every_country(tmp_path, first) -> None:
    items = [_toll(1, "3,000 people died on Tuesday.", None, 3000),
             _toll(2, "12,000 people died in Kharkiv on Tuesday.", PLACES[3], 12000)]
    items = items[first:] + items[:first]
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert all(v[3] for v in whole.values())
    assert ingest_in(Store(tmp_path / "parts"), [items[:1], items[1:]]) == whole


def test_a_batch_reads_no_stored_text_and_its_events_are_the_whole_ones(tmp_path, monkeypatch) -> None:
    # linking needs stored documents' outlets, not their text; the relinked stored claims' events rows
    # are their stored rows with new link columns, the same rows building them afresh gives
    items = corpus()
    whole = Store(tmp_path / "whole")
    ingest_in(whole, [items])
    parts = Store(tmp_path / "parts")
    ingest_in(parts, [items[:30]])

    def no_text(self, ids):
        raise AssertionError(f"stored documents read whole: {sorted(ids)[:3]}")

    monkeypatch.setattr(Store, "documents_by_ids", no_text)
    ingest_in(parts, [items[30:]])
    assert parts.events().equals(whole.events())


def test_a_batch_commit_looks_rows_up_without_a_whole_table_view(tmp_path, monkeypatch) -> None:
    # the views ``linked``/``_linked``/``documents``/... apply visibility to every stored row (a window
    # over a million claims); a batch's lookups must apply it to the rows they find (``current``)
    import re

    items = corpus(20)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    seen: list[str] = []
    record_store_sql(monkeypatch, seen)
    doc, claims = items[0]  # re-extracted: its stored claims' cluster mates are relinked
    for batch in (items[10:], [(doc, claims)]):
        commit_batch(store, {d.id: d for d, _ in batch}, {d.id: CachedClaims("k", c) for d, c in batch}, set(),
                     link_claims, "fp")
    whole_views = re.compile(r"\b(?:FROM|JOIN)\s+_?(?:linked|documents|cached|events|claim_index|sources)\b")
    assert seen and not [s for s in seen if whole_views.search(s)]


def test_reading_new_files_looks_up_their_ids_not_the_stores(tmp_path, monkeypatch) -> None:
    # which read documents are stored, and under which key, is a lookup of the file's ids: the store's
    # every id and key held in memory grew with the store (and took a second at 100k articles)
    from data.ingest.batches import RunState, read_batches
    from data.ingest.stale import make_key
    from data.load.paths import LoadResult

    items = corpus(12)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    monkeypatch.setattr(Store, "cached_keys", lambda self: pytest.fail("every stored key read"))
    docs = [d for d, _ in items[8:]]  # two stored (one of them retitled since), two new
    docs[0] = replace(docs[0], title="Retitled")
    loaders = [("f.jsonl", lambda: LoadResult("f.jsonl", documents=tuple(docs)))]
    state = RunState()
    batches = list(read_batches(loaders, store, state, lambda d: make_key(d, "fp"), False,
                                lambda res, new: type("R", (), {"error": "", "new": new})(), str,
                                lambda *a: None))
    assert [d.id for b in batches for d, _ in b] == [docs[0].id, docs[2].id, docs[3].id]
    assert state.new_ids == {docs[2].id, docs[3].id}


def test_the_candidate_query_reads_the_index_once(tmp_path) -> None:
    # at a million claims a new claim's blocks overlap thousands of index rows: one pass over them
    from data.link.candidates import candidate_ids

    items = corpus(12)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    seen: list[str] = []
    ids = candidate_ids(RecordingConnection(store.connect(), seen), [c for _, claims in items[10:] for c in claims])
    assert ids and sum(s.count("_raw_claim_index") for s in seen) == 1


def test_the_candidate_windows_partition_by_one_integer_per_probe_row(tmp_path) -> None:
    # the nearest-neighbour windows take in every (index row, probe row) pair of a crowded block: a
    # partition on (claim id, key) strings cost 18 MB more at a million claims than a probe row number
    import re

    from data.link.candidates import candidate_ids

    items = corpus(12)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    new = [c for _, claims in items[10:] for c in claims]
    seen: list[str] = []
    ids = candidate_ids(RecordingConnection(store.connect(), seen), new)
    partitions = [m.group(1) for s in seen for m in re.finditer(r"PARTITION BY ([\w.]+(?:,\s*[\w.]+)*) ORDER", s)]
    assert partitions and all(p in ("rid", "k.rid") for p in partitions)
    assert len(ids) >= 10  # the same candidates as before: test_batches_link_like_one_batch


def test_the_candidate_window_ranks_the_join_rows_a_part_of_the_probe_at_a_time(tmp_path, monkeypatch) -> None:
    # one window over every join row of a 50-article batch held 528k rows sorted at a million claims
    # (+101 MB); a part of the probe rows at a time, +65 MB, and the same candidates however many parts
    import data.link.candidates as candidates

    items = corpus(12)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    new = [c for _, claims in items[10:] for c in claims]
    got = []
    for parts in (1, 3):
        monkeypatch.setattr(candidates, "WINDOW_PARTS", parts)
        seen: list[str] = []
        got.append(candidates.candidate_versions(RecordingConnection(store.connect(), seen), new))
        ranked = [s for s in seen if "dense_rank()" in s]
        assert len(ranked) == parts and all("FROM _join WHERE rid %" in s for s in ranked)
    assert got[0] == got[1] and len(got[0]) >= 10


def test_a_batch_reads_its_candidates_at_the_versions_the_candidate_query_found(tmp_path, monkeypatch) -> None:
    # the candidate query resolves each claim's current version (a scan of the claim column, at a
    # million claims); reading the claims must not resolve it again
    items = corpus(14)
    store = Store(tmp_path / "s")
    ingest_in(store, [items[:10]])
    seen: list[str] = []
    record_store_sql(monkeypatch, seen)
    commit_batch(store, {d.id: d for d, _ in items[10:]}, {d.id: CachedClaims("k", c) for d, c in items[10:]},
                 set(), link_claims, "fp")
    reads = [s for s in seen if "claim_json" in s]
    assert reads and not [s for s in reads if "max(_seg)" in s]
    monkeypatch.undo()
    assert ingest_in(store, []) == ingest_in(Store(tmp_path / "whole"), [items])


def test_index_rows_are_the_scoring_keys_without_the_text_features(tmp_path, monkeypatch) -> None:
    # every claim a batch writes is indexed: its keys need its window, places, subjects and voice, not
    # the sides, words and word trigrams scoring reads (most of what ``_info`` costs)
    import data.link.corroborate as corroborate
    from data.link.candidates import index_rows
    from data.link.conflicts import keyed
    from data.link.features import _keys

    claims = [c for _, cs in corpus(12) for c in cs]
    whole = [(c.claim_id, k) for c, row in zip(claims, keyed(claims), strict=True)
             for k in _keys(c, corroborate._info(c, {}), row)[2]]
    monkeypatch.setattr(corroborate, "_shingles", lambda text: pytest.fail("trigrams hashed to index a claim"))
    monkeypatch.setattr(corroborate, "sides", lambda c: pytest.fail("sides read to index a claim"))
    rows = index_rows(claims)
    assert list(zip(rows["claim_id"], rows["key"], strict=True)) == whole


def test_a_commit_of_sources_alone_looks_nothing_up(tmp_path, monkeypatch) -> None:
    # an ingest ends with a commit recording its files: it adds no row the counts could depend on
    items = corpus(4)
    store = Store(tmp_path / "s")
    ingest_in(store, [items])
    before = store.counts()
    seen: list[str] = []
    record_store_sql(monkeypatch, seen)
    store.commit({}, {}, linked=[], events=None, sources={"/x/feed.json": {"mtime_ns": 1, "size": 2}})
    assert seen == [] and store.counts() == before
    monkeypatch.undo()
    assert Store(tmp_path / "s").sources() == {"/x/feed.json": {"mtime_ns": 1, "size": 2}}


def test_a_relinked_stored_claim_keeps_its_conflicts_with_stored_claims_the_batch_leaves_alone(tmp_path) -> None:
    # a country's toll and a city's clash but are never compared for similarity (no shared place block): two
    # clusters. A later report at the city relinks the city's toll alone; its conflict must survive
    ukraine = ClaimPlace("Ukraine", "690791", 49.0, 32.0, "UA", "PCLI", "country", 0, 7)
    day = date(2024, 3, 5)

    def article(n: int, text: str, place: ClaimPlace, value: float | None) -> tuple:
        doc = make_document(f"Article {n}. {text}", title=f"A{n}", outlet=f"Outlet {n}", published=day,
                            source_path=f"t#{n}")
        figures = (Quantity(f"{value:,.0f} people", value, None, None, "people"),) if value else ()
        return doc, (Claim(f"{doc.id}:0", doc.id, 0, len(text), text, day.isoformat(), "", "day", day, doc.outlet,
                           claimant=f"Speaker {n}", kind="attack", places=(place,), quantities=figures),)

    items = [article(1, "At least 3,000 people died in Ukraine on Tuesday.", ukraine, 3000),
             article(2, "12,000 people died in a strike on Kharkiv on Tuesday.", PLACES[3], 12000),
             article(3, "A strike on Kharkiv was reported on Tuesday.", PLACES[3], None)]
    whole = ingest_in(Store(tmp_path / "whole"), [items])
    assert whole[items[1][1][0].claim_id][3] == (items[0][1][0].claim_id,)
    assert ingest_in(Store(tmp_path / "parts"), [items[:2], items[2:]]) == whole


def test_a_dropped_documents_claims_leave_the_conflicts_of_claims_relinked_without_them(tmp_path) -> None:
    # two clashing tolls at one city on one day: one cluster, in conflict. Dropping one document relinks
    # the other claim; it must not keep a conflict with a claim that is gone
    items = [_toll(1, "3,000 people died in Kharkiv.", PLACES[3], 3000),
             _toll(2, "12,000 people died in Kharkiv.", PLACES[3], 12000)]
    store = Store(tmp_path / "s")
    linked = ingest_in(store, [items])
    first, second = (claims[0].claim_id for _, claims in items)
    assert linked[first][0] == linked[second][0] and linked[first][3] == (second,)
    commit_batch(store, {}, {}, {items[1][0].id}, link_claims, "fp")
    assert [(c.claim_id, c.conflicts) for c in store.claims()] == [(first, ())]


@pytest.mark.parametrize("how", ["dropped", "re-extracted"])
def test_a_removed_claim_leaves_the_conflicts_of_stored_claims_outside_its_cluster(tmp_path, how) -> None:
    # a country's toll and a city's clash but are two clusters (no shared place block). When the country's
    # document is dropped, or re-extracted without its figure, the city's toll is not relinked (nothing
    # of its cluster changes) but must not keep a conflict with a claim that is gone or no longer clashes
    ukraine = ClaimPlace("Ukraine", "690791", 49.0, 32.0, "UA", "PCLI", "country", 0, 7)
    items = [_toll(1, "At least 3,000 people died in Ukraine.", ukraine, 3000),
             _toll(2, "12,000 people died in Kharkiv.", PLACES[3], 12000)]
    store = Store(tmp_path / "s")
    linked = ingest_in(store, [items])
    country, city = (claims[0].claim_id for _, claims in items)
    assert linked[city][3] == (country,) and linked[country][3] == (city,) and linked[city][0] != linked[country][0]
    doc = items[0][0]
    if how == "dropped":
        commit_batch(store, {}, {}, {doc.id}, link_claims, "fp")
    else:
        plain = replace(items[0][1][0], text="People died in Ukraine.", quantities=())
        commit_batch(store, {doc.id: doc}, {doc.id: CachedClaims("k2", (plain,))}, set(), link_claims, "fp")
    assert {c.claim_id: c.conflicts for c in store.claims()}[city] == ()
    events = store.events()
    assert list(events.loc[events["claim_id"] == city, "conflicts"]) == ["[]"]
    assert not events.loc[events["claim_id"] == city, "has_conflict"].any()
