"""``data.ingest.isolate``: each per-document stage fails alone, on one escaped line."""

from __future__ import annotations

import threading
import time

import pandas as pd

from data.events import build_events
from data.ingest.isolate import events_isolated, extract_isolated, link_isolated, load_isolated, one_line
from data.load.base import LoadResult
from data.load.documents import make_document
from data.model import Claim


def _claim(doc_id: str, text: str = "Troops moved.") -> Claim:
    return Claim(claim_id=f"{doc_id}-c", doc_id=doc_id, start=0, end=len(text), text=text, date="2024-10-03",
                 date_text="October 3", date_precision="day", published=None, outlet="")


def test_one_line_escapes_everything_that_could_start_a_new_line() -> None:
    for sep in ("\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b"):
        got = one_line(f"a{sep}UNREADABLE b")
        assert got.isprintable() and "UNREADABLE" in got and len(got.splitlines()) == 1
    assert one_line("\u202eevil") == "\\u202eevil"
    assert one_line("Київ café") == "Київ café"
    assert len(one_line("x" * 5000)) <= 301


def test_a_loader_that_raises_costs_its_file_only() -> None:
    def boom() -> LoadResult:
        raise MemoryError("no room")

    res = load_isolated("bad\nname.txt", boom)
    assert not res.documents and "load failed (MemoryError: no room)" in res.errors[0].reason


def test_an_oversized_article_is_refused_and_the_rest_of_its_file_loads(monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "0.01")
    small = make_document("Troops moved to Kharkiv.", source_path="feed.jsonl#1")
    big = make_document("word " * 5000, source_path="feed.jsonl#2")
    res = load_isolated("feed.jsonl", lambda: LoadResult("feed.jsonl", (small, big)))
    assert res.documents == (small,)
    assert res.errors[0].where == "2" and "article too large" in res.errors[0].reason
    assert "SITMAP_MAX_DOC_MB" in res.errors[0].reason


def test_extraction_over_budget_is_reported_and_does_not_block() -> None:
    release = threading.Event()
    doc = make_document("Slow article.", source_path="slow.txt")

    def slow(_doc):
        release.wait(30)
        return []

    t0 = time.monotonic()
    claims, why = extract_isolated(doc, slow, budget_s=0.3)
    took = time.monotonic() - t0
    release.set()
    assert claims is None and "took longer than the 0.3 s budget" in why and why.startswith("slow.txt:")
    assert took < 5


def test_extraction_errors_and_success_with_a_budget() -> None:
    doc = make_document("An article.", source_path="a.txt")
    assert extract_isolated(doc, lambda d: [_claim(d.id)], budget_s=5)[0][0].doc_id == doc.id

    def bad(_doc):
        raise ValueError("bad\nthing")

    claims, why = extract_isolated(doc, bad, budget_s=5)
    assert claims is None and why == "a.txt: claim extraction failed (ValueError: bad\\nthing)"
    assert extract_isolated(doc, bad, budget_s=0)[1] == why  # no budget: same report, same thread


def test_linking_failure_keeps_the_claims_unlinked() -> None:
    claims = [_claim("d1")]

    def link(_c, _d):
        raise KeyError("x")

    got, note = link_isolated(link, claims, {})
    assert got == claims and "linking claims (stored unlinked) failed" in note


def test_events_failure_drops_only_that_documents_rows() -> None:
    claims = [_claim("d1"), _claim("d2", "Poison here."), _claim("d3")]

    def build(cs, docs):
        cs = list(cs)
        if any("Poison" in c.text for c in cs):
            raise ValueError("cannot")
        return build_events(cs, docs)

    events, bad = events_isolated(claims, {}, build)
    assert set(events["doc_id"]) == {"d1", "d3"} and set(bad) == {"d2"}
    assert "events table failed (ValueError: cannot)" in bad["d2"]
    ok, none = events_isolated(claims[:1], {})
    assert none == {} and isinstance(ok, pd.DataFrame) and len(ok) == 1


def test_a_batch_is_extracted_by_one_thread_not_one_per_document(monkeypatch) -> None:
    from functools import partial

    from data.ingest.work import Extractor, extract_document

    monkeypatch.setenv("SITMAP_DOC_BUDGET_S", "30")
    threads = []

    def claims(doc):
        threads.append(threading.current_thread())
        return [_claim(doc.id)]

    batch = [(make_document(f"Article {i}.", source_path=f"f#{i}"), f"k{i}") for i in range(5)]
    with Extractor(0, fn=partial(extract_document, extract=claims)) as ex:
        (_, results), = list(ex.run([batch]))
    assert [r.doc_id for r in results] == [d.id for d, _ in batch] and all(r.claims for r in results)
    assert len(set(threads)) == 1 and threads[0] is not threading.current_thread()


def test_one_document_over_budget_in_a_run_costs_only_itself() -> None:
    from data.ingest.isolate import extract_each

    release = threading.Event()
    docs = [make_document(f"Article {i}.", source_path=f"f{i}.txt") for i in range(4)]

    def claims(doc):
        if doc is docs[1]:
            release.wait(30)
        return [_claim(doc.id)]

    t0 = time.monotonic()
    out = list(extract_each(docs, claims, budget_s=0.5))
    release.set()
    assert time.monotonic() - t0 < 10
    assert [c is not None for c, _ in out] == [True, False, True, True]
    assert out[1][1].startswith("f1.txt: claim extraction failed (took longer than the 0.5 s budget")
    assert [c[0].doc_id for c, _ in out if c] == [docs[0].id, docs[2].id, docs[3].id]
