"""After an upgrade: ingest adds new articles with the new code and leaves the stored ones (counted as
stale); ``sitmap reextract`` brings them up to date batch by batch, resumably, to the store a clean
ingest with the new code gives."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from fixtures import DOCS, SEEDS
from fixtures.stages import FakeClaims

import data.ingest.reextract as reextract_mod
import data.ingest.run as ingest_mod
from cli import main
from cli.ingest_cmd import format_report
from data.ingest.reextract import reextract
from data.ingest.run import ensure_current, ingest, is_current
from data.ingest.stale import stale_count, stale_ids
from data.link.corroborate import link_claims
from data.store.store import Store


class Versioned(FakeClaims):
    """One claim per document, marked with the extractor version that made it."""

    version = "A"

    def extract(self, doc):  # type: ignore[no-untyped-def]
        return [replace(c, text=f"[{self.version}] {c.text}") for c in super().extract(doc)]


@pytest.fixture
def versioned(monkeypatch: pytest.MonkeyPatch) -> Versioned:
    """The claims stage stood in for by ``Versioned`` (real linking), the fingerprint by its version."""
    f = Versioned()
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (f.extract, link_claims, []))
    monkeypatch.setattr(ingest_mod, "extractor_fingerprint", lambda: f"fp{f.version}")
    return f


def same_store(a: Store, b: Store) -> None:
    assert a.documents() == b.documents()
    assert a.claims() == b.claims() and len(a.claims()) > 0
    pd.testing.assert_frame_equal(a.events(), b.events())
    assert a.counts() == b.counts()


def seed_ids(store: Store) -> set[str]:
    return {k for k, d in store.documents().items() if "seeds" in d.source_path}


def test_upgrade_keeps_old_claims_until_reextract_which_matches_a_clean_ingest(tmp_path: Path,
                                                                               versioned: Versioned) -> None:
    store = Store(tmp_path / "s")
    ingest([SEEDS], store)
    olds = seed_ids(store)
    assert len(olds) == 5 and stale_count(store, "fpA") == 0
    versioned.version = "B"
    versioned.calls.clear()
    report = ingest([DOCS / "feed.json"], store)
    assert len(versioned.calls) == 2 and not set(versioned.calls) & olds  # only the new articles
    assert report.stale_documents == 5 and stale_count(store, "fpB") == 5 and set(stale_ids(store, "fpB")) == olds
    assert {c.doc_id: c.text[:3] for c in store.claims() if c.doc_id in olds} == {d: "[A]" for d in olds}
    line = format_report(report, store).split("\n")[-2]
    assert line == (f"5 of 7 stored articles were extracted by an older sitmap; run `sitmap reextract --store "
                    f"{store.path}` to update them")
    assert not is_current([SEEDS, DOCS / "feed.json"], store)
    versioned.calls.clear()
    again = ingest([SEEDS, DOCS / "feed.json"], store)  # the same files: nothing re-extracted, nothing written
    assert versioned.calls == [] and again.store_changed is False and again.stale_documents == 5

    done = reextract(store)
    assert sorted(versioned.calls) == sorted(olds)
    assert (done.stale_before, done.reextracted, done.stale_after, done.problems) == (5, 5, 0, ())
    assert stale_count(store, "fpB") == 0 and is_current([SEEDS, DOCS / "feed.json"], store)
    clean = Store(tmp_path / "clean")
    ingest([SEEDS, DOCS / "feed.json"], clean)
    same_store(store, clean)
    assert reextract(store).reextracted == 0


def test_a_killed_reextract_keeps_its_committed_batches_and_resumes(tmp_path: Path, versioned: Versioned,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    store = Store(tmp_path / "s")
    ingest([SEEDS, DOCS / "feed.json"], store)
    versioned.version = "B"
    real = reextract_mod._commit
    commits: list[int] = []

    def dies_after_the_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if commits:
            raise KeyboardInterrupt("killed")
        commits.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(reextract_mod, "_commit", dies_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        reextract(store)
    monkeypatch.setattr(reextract_mod, "_commit", real)
    reopened = Store(store.path)
    assert stale_count(reopened, "fpB") == 5  # one batch of two moved to the new fingerprint
    texts = {c.doc_id: c.text[:3] for c in reopened.claims()}
    assert sorted(texts.values()) == ["[A]"] * 5 + ["[B]"] * 2
    versioned.calls.clear()
    assert reextract(reopened, limit=2).stale_after == 3 and len(versioned.calls) == 2
    done = reextract(reopened)
    assert (done.stale_before, done.reextracted, done.stale_after) == (3, 3, 0) and len(versioned.calls) == 5
    clean = Store(tmp_path / "clean")
    ingest([SEEDS, DOCS / "feed.json"], clean)
    same_store(reopened, clean)


def test_claims_that_come_out_as_stored_only_move_to_the_new_fingerprint(tmp_path: Path, versioned: Versioned,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that changes nothing a document's claims: no relinking, no events, no document rewritten."""
    store = Store(tmp_path / "s")
    ingest([SEEDS, DOCS / "feed.json"], store)
    claims, events = store.claims(), store.events()
    monkeypatch.setattr(ingest_mod, "extractor_fingerprint", lambda: "fpA2")  # same claims, other code
    monkeypatch.setattr(reextract_mod, "commit_batch", lambda *a, **k: pytest.fail("relinked"))
    done = reextract(store)
    assert (done.stale_before, done.reextracted, done.stale_after, done.commits) == (7, 7, 0, 1)
    assert store.claims() == claims
    pd.testing.assert_frame_equal(store.events(), events)
    clean = Store(tmp_path / "clean")
    ingest([SEEDS, DOCS / "feed.json"], clean)
    same_store(store, clean)
    assert store.cached_claims() == clean.cached_claims()


def test_an_ingest_between_two_batches_is_neither_blocked_nor_undone(tmp_path: Path, versioned: Versioned,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer lock is held per batch: an ingest that changes a file while a batch is being extracted
    runs, and the batch does not write back the document that ingest replaced."""
    import shutil

    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = Store(tmp_path / "s")
    ingest([corpus], store)
    versioned.version = "B"
    first = stale_ids(store, "fpB")[0]
    path = Path(store.documents()[first].source_path)
    real = reextract_mod._commit

    def ingest_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        if path.read_text(encoding="utf-8").endswith("Updated."):
            return real(*args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8") + " Updated.", encoding="utf-8")
        ingest([corpus], Store(store.path))  # another writer, while this batch was extracted
        return real(*args, **kwargs)

    monkeypatch.setattr(reextract_mod, "_commit", ingest_meanwhile)
    done = reextract(store)
    assert done.stale_after == 0 and first not in Store(store.path).documents()
    clean = Store(tmp_path / "clean")
    ingest([corpus], clean)
    same_store(Store(store.path), clean)


def _legacy_key(doc, fingerprint: str) -> str:  # type: ignore[no-untyped-def]
    """The cache key before per-document fingerprints: one hash of the metadata and the fingerprint."""
    meta = [doc.id, doc.title, doc.outlet, doc.url, str(doc.published), doc.published_how, fingerprint]
    return hashlib.sha256(json.dumps(meta).encode()).hexdigest()[:16]


def test_a_store_keyed_before_per_document_fingerprints_is_stale_but_not_reingested(
        tmp_path: Path, versioned: Versioned, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(ingest_mod, "cache_key", _legacy_key)
        store = Store(tmp_path / "s")
        ingest([SEEDS], store)
    versioned.calls.clear()
    assert ingest([SEEDS], store).store_changed is False and versioned.calls == []
    assert stale_count(store, "fpA") == 5
    assert reextract(store).reextracted == 5 and stale_count(store, "fpA") == 0


def test_status_and_reextract_commands(tmp_path: Path, versioned: Versioned, capsys) -> None:
    store = tmp_path / "s"
    assert main(["ingest", str(SEEDS), "--store", str(store), "--quiet"]) == 0
    versioned.version = "B"
    assert main(["ingest", str(DOCS / "article.md"), "--store", str(store), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert f"5 of 6 stored articles were extracted by an older sitmap; run `sitmap reextract --store {store}`" in err
    assert main(["status", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "6 document(s)" in out and "fpA 5, fpB 1" in out and "5 of 6 stored articles" in out
    assert main(["reextract", "--store", str(store), "--limit", "3", "--quiet"]) == 0
    assert "re-extracted 3 of 5 stale document(s)" in capsys.readouterr().out
    assert main(["reextract", "--store", str(store), "--quiet"]) == 0
    assert "every stored document is current" in capsys.readouterr().out
    main(["status", "--store", str(store), "--json"])
    assert json.loads(capsys.readouterr().out)["stale_documents"] == 0


def test_a_failing_reextraction_leaves_that_document_stale_and_its_old_claims(tmp_path: Path, versioned: Versioned
                                                                               ) -> None:
    store = Store(tmp_path / "s")
    ingest([DOCS / "feed.json"], store)
    versioned.version = "B"
    versioned.fail_on = "Kazan"
    done = reextract(store)
    assert done.stale_after == 1 and len(done.problems) == 1 and "claim extraction failed" in done.problems[0]
    assert sorted(c.text[:3] for c in store.claims()) == ["[A]", "[B]"]


def test_the_dashboards_small_store_is_brought_up_to_date_when_it_opens(tmp_path: Path, versioned: Versioned,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "s")
    ingest([SEEDS], store)
    versioned.version = "B"
    versioned.calls.clear()
    report = ensure_current([SEEDS], store)
    assert report is not None and report.stale_documents == 0 and len(versioned.calls) == 5
    assert is_current([SEEDS], store) and ensure_current([SEEDS], store) is None
    versioned.version = "C"
    monkeypatch.setattr(ingest_mod, "AUTO_REEXTRACT", 4)  # a bigger store is left to `sitmap reextract`
    assert is_current([SEEDS], store) and ensure_current([SEEDS], store) is None  # the app opens on the old claims
    assert stale_count(store, "fpC") == 5


@pytest.mark.slow
def test_reextract_on_two_dask_workers_gives_the_serial_store(tmp_path: Path, monkeypatch) -> None:
    """The real extractor: seeds stored under another fingerprint, re-extracted serially and on Dask."""
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    fp = ingest_mod.extractor_fingerprint()
    stores = [Store(tmp_path / n) for n in ("serial", "dask", "clean")]
    ingest([SEEDS], stores[2])
    with monkeypatch.context() as m:
        m.setattr(ingest_mod, "extractor_fingerprint", lambda: "older")
        for s in stores[:2]:
            ingest([SEEDS], s)
    assert stale_count(stores[0], fp) == 5
    reextract(stores[0])
    assert reextract(stores[1], workers=2).reextracted == 5
    for s in stores[:2]:
        assert stale_count(s, fp) == 0
        same_store(s, stores[2])
        assert s.cached_claims() == stores[2].cached_claims()
