"""Loaders: every format, every encoding, and broken files that cost only themselves."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from fixtures import DOCS

from data.load.paths import iter_files, load_bytes, load_path, sniff_format

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _one(name: str):
    res = load_path(DOCS / name)
    assert res.ok, res.errors
    assert len(res.documents) == 1
    return res.documents[0]


def test_txt_headline_title_and_dateline() -> None:
    doc = _one("article.txt")
    assert doc.title == "Drone strike reported near Kharkiv"
    assert doc.published == date(2024, 10, 24) and doc.published_how == "inferred:dateline"
    assert "A drone struck an industrial site near Kharkiv" in doc.text
    assert doc.source_path.endswith("article.txt")


@pytest.mark.parametrize("name, needle", [
    ("article_utf16.txt", "Officials in Zaporizhzhia said on 5 March 2024"),
    ("article_cp1251.txt", "В Курской области 23 октября 2024 года"),
    ("article_latin1.txt", "Les électeurs géorgiens se sont rendus aux urnes à Tbilissi"),
])
def test_encodings(name: str, needle: str) -> None:
    assert needle in _one(name).text


def test_cyrillic_article_date_is_inferred() -> None:
    doc = _one("article_cp1251.txt")
    assert (doc.published, doc.published_how) == (date(2024, 10, 23), "inferred:latest-date")


def test_markdown_front_matter_and_markup_removed() -> None:
    doc = _one("article.md")
    assert (doc.title, doc.outlet, doc.url) == ("Troops sighted in Kursk", "Example Wire", "https://example.org/kursk")
    assert (doc.published, doc.published_how) == (date(2024, 10, 23), "metadata")
    assert "North Korean troops were seen in the Kursk region." in doc.text
    for junk in ("**", "](", "---", "title:", "# "):
        assert junk not in doc.text


def test_markdown_with_broken_front_matter_keeps_its_body() -> None:
    res = load_path(DOCS / "broken_frontmatter.md")
    assert res.ok and len(res.documents) == 1
    assert res.documents[0].text.startswith("The body of this note survives")
    assert any("front matter" in w.reason for w in res.warnings)


def test_html_article_without_scripts_or_boilerplate() -> None:
    doc = _one("article.html")
    assert doc.title == "Camps in the Far East"
    assert doc.outlet == "Example Daily"
    assert (doc.published, doc.published_how) == (date(2024, 10, 18), "metadata")
    assert "about 1,500 North Korean special forces had been moved to Vladivostok" in doc.text
    assert "Khabarovsk, Ussuriysk and Blagoveshchensk" in doc.text
    for junk in ("TRACKING-SCRIPT-TEXT", "SECOND-SCRIPT-TEXT", "STYLE-TEXT", "NAVIGATION-TEXT", "FOOTER-TEXT",
                 "window.tracker", "<p>"):
        assert junk not in doc.text


def test_short_html_fragment_falls_back_to_visible_text() -> None:
    res = load_bytes("snippet.html", b"<p>Shelling in <b>Kherson</b> on Monday.</p><script>evil()</script>")
    assert [d.text for d in res.documents] == ["Shelling in Kherson on Monday."]


def test_json_feed_records_with_nested_source() -> None:
    res = load_path(DOCS / "feed.json")
    assert res.ok
    a1, a2 = res.documents
    assert (a1.title, a1.outlet, a1.url, a1.published) == (
        "Kirby on troop numbers", "Wire A", "https://a.example/1", date(2024, 10, 23))
    assert (a2.outlet, a2.published, a2.published_how) == ("Wire B", date(2024, 10, 24), "metadata")
    assert a1.source_path.endswith("feed.json#a1")


def test_jsonl_bad_line_costs_only_that_line() -> None:
    res = load_path(DOCS / "feed.jsonl")
    assert [d.source_path.rsplit("#", 1)[1] for d in res.documents] == ["a1", "a2", "c4"]
    wheres = {e.where: e.reason for e in res.errors}
    assert "invalid JSON" in wheres["line 2"]
    assert "no text" in wheres["line 5"]
    assert any("someday" in w.reason for w in res.warnings)  # bad date: document kept, date inferred
    assert res.documents[2].published is None


def test_same_article_in_json_and_jsonl_has_the_same_id() -> None:
    ids_json = {d.id for d in load_path(DOCS / "feed.json").documents}
    ids_jsonl = {d.id for d in load_path(DOCS / "feed.jsonl").documents}
    assert ids_json <= ids_jsonl


def test_csv_quoted_multiline_fields_and_empty_text_row() -> None:
    res = load_path(DOCS / "feed.csv")
    assert [d.title for d in res.documents] == ["Kyiv claims", "Quoted, with comma"]
    assert res.documents[1].text == 'Japan expressed "serious concern" on Friday.\nA second line.'
    assert res.documents[1].published == date(2024, 10, 25)
    assert [e.where for e in res.errors] == ["line 5"]


def test_csv_without_text_column_is_reported_whole() -> None:
    res = load_path(DOCS / "notext.csv")
    assert not res.documents
    assert "no text column" in res.errors[0].reason and "found: id, title, outlet" in res.errors[0].reason


def test_semicolon_and_tab_separated_tables() -> None:
    semi = load_bytes("x.csv", b"title;text\nA;Odesa was hit on Monday.\n")
    tab = load_bytes("x.tsv", b"title\ttext\nB\tLviv was quiet.\n")
    assert [d.text for d in semi.documents + tab.documents] == ["Odesa was hit on Monday.", "Lviv was quiet."]


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("garbage.txt", "binary"),
    ("image.png", "PNG"),
])
def test_unreadable_files_give_a_reason(name: str, reason: str) -> None:
    res = load_path(DOCS / name)
    assert not res.documents
    assert reason in res.errors[0].reason
    assert res.errors[0].path.endswith(name)


def test_missing_file() -> None:
    res = load_path(DOCS / "does-not-exist.txt")
    assert res.errors[0].reason == "no such file"


def test_invalid_json_file_is_reported() -> None:
    res = load_bytes("bad.json", b'{"articles": [ {"text": "x"} ')
    assert not res.documents and "invalid JSON" in res.errors[0].reason


def test_json_that_is_really_jsonl() -> None:
    data = b'{"text": "First article about Kharkiv."}\n{"text": "Second article about Sumy."}\n'
    assert len(load_bytes("feed.json", data).documents) == 2


def test_hostile_json_shapes_do_not_crash() -> None:
    for data in (b"42", b'"text"', b"[1, null, []]", b'{"articles": "no"}', json.dumps([{"text": ["a"]}]).encode()):
        res = load_bytes("x.json", data)
        assert not res.documents and res.errors


def test_pasted_text_without_extension_is_plain_text() -> None:
    res = load_bytes("pasted", b"Kyiv says 12,000 troops are in Russia.")
    assert [d.text for d in res.documents] == ["Kyiv says 12,000 troops are in Russia."]


@pytest.mark.parametrize("name, text, fmt", [
    ("x", '[{"text": "a"}]', "json"),
    ("x", '{"text": "a"}\n{"text": "b"}', "jsonl"),
    ("x", "<!DOCTYPE html><html><p>a</p></html>", "html"),
    ("x", "---\ntitle: a\n---\nbody", "md"),
    ("x.csv", "anything", "csv"),
    ("x", "plain words", "txt"),
])
def test_sniff_format(name: str, text: str, fmt: str) -> None:
    assert sniff_format(name, text) == fmt


def test_seeds_use_their_manifest() -> None:
    res = load_path(SEEDS)
    assert res.ok and len(res.documents) == 5
    by_file = {Path(d.source_path).name: d for d in res.documents}
    ki = by_file["003_af7999c6789c98ee.txt"]
    assert (ki.outlet, ki.published, ki.published_how) == ("Kyiv Independent", date(2024, 10, 25), "manifest")
    assert ki.title == "Putin hints at possible presence of North Korean troops in Russia"
    assert all(d.published is not None for d in res.documents)


def test_txt_without_manifest_infers_or_leaves_undated(tmp_path: Path) -> None:
    for name in ("001_b9ead2550e7a27cc.txt", "003_af7999c6789c98ee.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    docs = {Path(d.source_path).name: d for d in load_path(tmp_path).documents}
    assert docs["001_b9ead2550e7a27cc.txt"].published is None
    assert docs["003_af7999c6789c98ee.txt"].published_how == "inferred:dateline"


def test_iter_files_walks_folders_skipping_hidden_and_manifest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for p in ("b.txt", "sub/a.md", ".hidden/x.txt", ".dot.txt", "manifest.csv"):
        (tmp_path / p).write_text("text", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path, tmp_path / "b.txt"])]
    assert names == ["b.txt", "sub/a.md"]


def test_html_without_a_date_in_markup_gets_an_inferred_date() -> None:
    html = (b"<html><head><title>Kherson</title></head><body><article><h1>Shelling in Kherson</h1>"
            b"<p>Officials said the shelling on October 23, 2024 damaged a hospital in Kherson.</p>"
            b"<p>On Thursday, the administration said repairs would take weeks.</p></article></body></html>")
    doc = load_bytes("k.html", html).documents[0]
    assert (doc.published, doc.published_how) == (date(2024, 10, 24), "inferred:latest-date")


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    res = load_bytes("deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert not res.documents and res.errors


def test_manifest_beside_text_files_and_its_updates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kyiv says 12,000 troops are in Russia.", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,title,outlet,url,published,published_how,evidence\n"
                        "a.txt,First title,Desk,,2024-10-24,stated:byline,byline\n", encoding="utf-8")
    doc = load_path(tmp_path / "a.txt").documents[0]
    assert (doc.title, doc.outlet, doc.published, doc.published_how) == (
        "First title", "Desk", date(2024, 10, 24), "manifest")
    manifest.write_text("file,title,published\na.txt,Second title,\n", encoding="utf-8")
    st = manifest.stat()
    os.utime(manifest, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    doc2 = load_path(tmp_path / "a.txt").documents[0]
    assert (doc2.title, doc2.published) == ("Second title", None)
    assert doc2.id != doc.id  # the stated date is part of the id (ingest replaces the old copy)


def test_feed_records_with_mistyped_fields_are_reported_and_the_rest_load() -> None:
    records = [
        {"text": 123},
        {"text": "Troops reached Kursk on Monday.", "title": ["a", "b"]},
        {"text": "Troops reached Sumy on Monday.", "outlet": {"name": 7}},
        {"text": "Troops reached Kyiv on Monday.", "url": 5},
        {"text": "Troops reached Kharkiv on Monday.", "title": "Fine", "source": {"id": None, "name": "BBC"},
         "id": 9, "published": 1729728000},
    ]
    res = load_bytes("feed.json", json.dumps(records).encode())
    assert [(d.title, d.outlet) for d in res.documents] == [("Fine", "BBC")]
    reasons = {e.where: e.reason for e in res.errors}
    assert len(reasons) == 4
    assert "text field 'text' is int" in " ".join(reasons.values())
    assert all(any(w in r for w in ("title", "outlet", "url", "text")) for r in reasons.values())


def test_manifest_columns_are_document_fields() -> None:
    import dataclasses
    import inspect

    from data.load.documents import make_document
    from data.load.text import MANIFEST_FIELDS, parse_manifest
    from data.model import Document

    names = {f.name for f in dataclasses.fields(Document)}
    params = set(inspect.signature(make_document).parameters)
    assert set(MANIFEST_FIELDS) <= names & params
    entry = parse_manifest("file,title,outlet,url,published,evidence\na.txt,T,,,2024-10-24,x\n")["a.txt"]
    assert dict(entry) == {"title": "T", "published": date(2024, 10, 24)}  # empty cells state nothing
