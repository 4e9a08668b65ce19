"""``data.load.limits``: the size limit and time budget come from the environment, with sane defaults."""

from __future__ import annotations

from data.load.limits import (
    DEFAULT_BUDGET_S,
    DEFAULT_MAX_DOC_MB,
    doc_budget_s,
    max_doc_bytes,
    oversize_reason,
)
from data.load.paths import load_bytes


def test_defaults_and_overrides(monkeypatch) -> None:
    monkeypatch.delenv("SITMAP_MAX_DOC_MB", raising=False)
    monkeypatch.delenv("SITMAP_DOC_BUDGET_S", raising=False)
    assert max_doc_bytes() == round(DEFAULT_MAX_DOC_MB * 2**20) and doc_budget_s() == DEFAULT_BUDGET_S
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "2")
    monkeypatch.setenv("SITMAP_DOC_BUDGET_S", "7.5")
    assert max_doc_bytes() == 2 * 2**20 and doc_budget_s() == 7.5
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "0")
    monkeypatch.setenv("SITMAP_DOC_BUDGET_S", "-1")
    assert max_doc_bytes() is None and doc_budget_s() is None
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "lots")
    assert max_doc_bytes() == round(DEFAULT_MAX_DOC_MB * 2**20)


def test_size_counts_utf8_bytes(monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "0.001")  # 1048 bytes
    assert oversize_reason("a" * 1000) is None
    assert oversize_reason("ж" * 1000) is not None  # 2000 bytes of UTF-8
    assert "limit is 0.001 MB" in oversize_reason("a" * 2000)


def test_an_oversized_text_file_is_refused_before_any_work(monkeypatch) -> None:
    """One-article formats are measured as soon as they are decoded (a 20 MB text took 9 s to refuse when
    the publication-date scan ran first); feeds are measured per article at ingest."""
    monkeypatch.setenv("SITMAP_MAX_DOC_MB", "0.001")
    res = load_bytes("a.txt", b"word " * 1000)
    assert not res.documents and "article too large" in res.errors[0].reason
    assert len(load_bytes("a.jsonl", b'{"text": "Troops moved to Kharkiv."}\n').documents) == 1
