"""Pasted articles with typed metadata, and per-file claim counts in the ingest report and the app's outcomes."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from data.ingest.report import FileReport, IngestReport
from data.ingest.run import ingest_pasted, ingest_texts
from data.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.loading import outcomes  # noqa: E402

TEXT = "Troops in Kursk\n\nNorth Korean troops were seen in Kursk on Tuesday, officials said."


@pytest.mark.usefixtures("fake")
def test_pasted_article_keeps_what_the_user_typed(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    report = ingest_pasted(TEXT, store, title="Typed title", outlet="Example Wire", url="https://example.org/x",
                           published=date(2024, 10, 23))
    (doc,) = store.documents().values()
    assert (doc.title, doc.outlet, doc.url, doc.published, doc.published_how) == (
        "Typed title", "Example Wire", "https://example.org/x", date(2024, 10, 23), "entered")
    assert doc.text.startswith("Troops in Kursk")  # nothing cut: offsets point into the text as pasted
    (f,) = report.files
    assert (f.claims, f.dated_claims, f.located_claims) == (1, 1, 1)


@pytest.mark.usefixtures("fake")
def test_pasted_article_without_a_title_takes_its_headline(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ingest_pasted(TEXT, store)
    (doc,) = store.documents().values()
    assert doc.title == "Troops in Kursk"
    ingest_pasted("A sentence that ends with a full stop.\nMore text about Kursk.", store)
    titles = {d.title for d in store.documents().values()}
    assert "" in titles  # a first line that reads as a sentence is not a title


@pytest.mark.usefixtures("fake")
def test_nothing_pasted_is_a_clear_error(tmp_path: Path) -> None:
    report = ingest_pasted("  \n ", Store(tmp_path / "s"))
    assert report.files[0].error and "no text" in report.files[0].error


@pytest.mark.usefixtures("fake")
def test_upload_counts_claims_per_file_and_warns_when_none_is_dated(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    report = ingest_texts([("a.txt", b"Nothing dated here about Kursk.\n"), ("b.txt", b"No place at all.\n")], store)
    a, b = report.files
    assert (a.claims, a.dated_claims, a.located_claims) == (1, 0, 1)
    assert (b.claims, b.located_claims) == (1, 0)
    out = {o.name: o for o in outcomes(report)}
    assert "1 claim (0 dated, 1 with a place)" in out["a.txt"].message
    assert any("none of its 1 claims has a date" in w for w in out["a.txt"].warnings)
    assert any("Unlocated" in w for w in out["b.txt"].warnings)


def test_outcomes_carry_file_warnings_and_ingest_notes() -> None:
    report = IngestReport(files=(FileReport("/x/a.txt", 1, 1, warnings=("a.txt: no claims found",)),),
                          documents_loaded=1, new_documents=1, documents_total=1, claims_extracted=0,
                          claims_total=0, events_total=0, undated_documents=0, store_changed=True,
                          duration_s=0.1, notes=("data.claims.extract.extract_claims unavailable",))
    a, note = outcomes(report)
    assert a.name == "a.txt" and a.ok and a.warnings == ("a.txt: no claims found",)
    assert note.name == "" and note.warnings == ("data.claims.extract.extract_claims unavailable",)
