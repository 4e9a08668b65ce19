"""A hostile corpus through the real pipeline: one poisoned article of each kind, every other article stored.

The corpus (``bench/hostile_corpus.py``) holds dates pandas cannot hold, bad front matter, odd encodings,
broken feeds, nested JSON, empty and binary files, an article over the size limit, duplicates and file
names with line breaks. Articles with text must all reach the store; files without one must be reported,
each on one line of the CLI report.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from cli.ingest_cmd import format_report
from data.ingest.run import ingest
from data.store.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from hostile_corpus import write_hostile_corpus  # noqa: E402

pytestmark = pytest.mark.slow
_LINE = re.compile(r"^(UNREADABLE |PARTLY READ |warning |note: |    |\d+ file\(s\))")


def _markers(store: Store) -> set[str]:
    return {m for d in store.documents().values() for m in re.findall(r"KEEP\d\d", d.text)}


def test_every_article_with_text_is_stored_and_every_bad_file_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "0.5")
    corpus = write_hostile_corpus(tmp_path / "in", huge_bytes=600_000)
    store = Store(tmp_path / "store")
    report = ingest([corpus.folder], store)
    assert _markers(store) == set(corpus.keep), "an article with text was lost"
    failed = {Path(f.path).name for f in report.failed if not f.documents}
    assert failed == set(corpus.unreadable)
    events = store.events()
    assert len(events) > 0
    old = events.loc[events["text"].str.contains("1564")]
    assert len(old) and old["event_date"].isna().all() and (old["date_value"] == "1564").all()
    lines = format_report(report, store).split("\n")
    assert all(_LINE.match(line) for line in lines), [ln for ln in lines if not _LINE.match(ln)]
    assert any("empty\\nUNREADABLE forged.txt" in line for line in lines)
    again = ingest([corpus.folder], store)  # idempotent: nothing new, nothing lost
    assert not again.store_changed and _markers(store) == set(corpus.keep)


def test_failing_stages_cost_only_their_document(tmp_path: Path, monkeypatch) -> None:
    """The claim extractor raising on one article and the events table failing on another's claims:
    both are reported by file and stage, every other article keeps its rows."""
    import data.claims.extract as extract_mod
    import data.events as events_mod

    real_extract, real_build = extract_mod.extract_claims, events_mod.build_events

    def extract(doc):
        if "KEEP01" in doc.text:
            raise RuntimeError("extractor bug\nforged line")
        return real_extract(doc)

    def build(claims, docs):
        claims = list(claims)
        if any("KEEP02" in docs[c.doc_id].text for c in claims if c.doc_id in docs):
            raise OverflowError("table bug")
        return real_build(claims, docs)

    monkeypatch.setattr(extract_mod, "extract_claims", extract)
    monkeypatch.setattr(events_mod, "build_events", build)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(f"Title {i}\n\nRussian troops attacked Kharkiv on October {i + 1}, 2024, "
                                          f"officials said. Marker KEEP{i:02d}.")
    store = Store(tmp_path / "store")
    report = ingest([folder], store)
    warns = {Path(f.path).name: f.warnings for f in report.files}
    assert any("claim extraction failed (RuntimeError: extractor bug\\nforged line)" in w for w in warns["a1.txt"])
    assert any("events table failed (OverflowError: table bug)" in w for w in warns["a2.txt"])
    events, docs = store.events(), store.documents()
    assert len(docs) == 4
    texts = " ".join(events["text"])
    assert "October 1," in texts and "October 4," in texts
    assert "October 2," not in texts and "October 3," not in texts


def test_one_poisoned_article_in_a_batch_of_250(tmp_path: Path) -> None:
    records = [{"title": f"Item {i}", "date": "2024-10-03",
                "text": f"Russian troops attacked Kharkiv on Monday, officials said (item {i})."} for i in range(249)]
    records.insert(120, {"title": "Galileo", "date": "2024-10-03",
                         "text": "A fire broke out at 1517 Locust Street in Philadelphia; Galileo was born in 1564."})
    feed = tmp_path / "batch.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    store = Store(tmp_path / "store")
    report = ingest([feed], store)
    assert not report.failed
    assert len(store.documents()) == 250
    assert store.events()["doc_id"].nunique() == 250
