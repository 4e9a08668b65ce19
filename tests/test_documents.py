"""Documents: normalisation, stable content-hash ids, encoding detection, binary rejection."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from data.load.decode import DecodeError, decode_bytes
from data.load.documents import doc_id, make_document, normalize_text

ARTICLE = "Troops in Kursk\n\nUkraine said on Thursday that troops were seen in Kursk on October 23, 2024."


def test_same_text_same_id_whatever_the_line_endings_or_bom() -> None:
    a = make_document(ARTICLE)
    b = make_document("\ufeff" + ARTICLE.replace("\n", "\r\n") + "  \r\n\r\n\r\n")
    assert a.id == b.id
    assert a.text == b.text == ARTICLE


def test_different_text_different_id() -> None:
    assert make_document(ARTICLE).id != make_document(ARTICLE + " More.").id


def test_id_is_hex_prefix_of_sha256() -> None:
    i = doc_id("x")
    assert len(i) == 16 and int(i, 16) >= 0


def test_normalize_keeps_paragraphs_drops_controls_and_nfc() -> None:
    raw = "Cafe\u0301 in\x00 Kyiv  \n\n\n\nSecond\tparagraph\x07."
    assert normalize_text(raw) == "Café in Kyiv\n\nSecond\tparagraph."


def test_empty_text_is_refused() -> None:
    with pytest.raises(ValueError):
        make_document(" \n\t\n")


def test_metadata_date_wins_over_text_and_is_flagged() -> None:
    doc = make_document(ARTICLE, published=date(2024, 10, 25))
    assert (doc.published, doc.published_how) == (date(2024, 10, 25), "metadata")


def test_inferred_date_is_flagged_as_inferred() -> None:
    doc = make_document(ARTICLE)
    assert doc.published == date(2024, 10, 24)  # Oct 23 (Wed) + "on Thursday"
    assert doc.published_how == "inferred:latest-date"


def test_no_date_anywhere_stays_none() -> None:
    doc = make_document("Kyiv says 12,000 troops are in Russia.")
    assert doc.published is None and doc.published_how == ""


def test_metadata_fields_are_single_lines() -> None:
    doc = make_document(ARTICLE, title="  A\ntitle  ", outlet="Wire\tOne")
    assert (doc.title, doc.outlet) == ("A title", "Wire One")


@pytest.mark.parametrize("text, encoding", [
    ("Kyiv and Kursk — “quoted”", "utf-8"),
    ("Élections à Tbilissi, même à Kutaïssi: les électeurs géorgiens.", "latin-1"),
    ("Die Wähler in Köln und München müssen früh aufstehen.", "cp1252"),
    ("В Курской области были замечены северокорейские военные.", "cp1251"),
    ("Zażółć gęślą jaźń, powiedział minister w Krakowie.", "cp1250"),
])
def test_decode_single_byte_and_utf8(text: str, encoding: str) -> None:
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize("bom, enc", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_decode_with_bom(bom: bytes, enc: str) -> None:
    text = "Запорожье: power restored to 3,000 homes"
    decoded, _ = decode_bytes(bom + text.encode(enc))
    assert decoded == text


def test_decode_utf16_without_bom() -> None:
    text = "Officials in Zaporizhzhia said power was restored."
    assert decode_bytes(text.encode("utf-16-le"))[0] == text


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary",
    b"\x89PNG\r\n\x1a\n\x00\x00",
    bytes(range(256)) * 4,
])
def test_binary_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


def test_a_stray_nul_or_bad_byte_costs_only_that_byte() -> None:
    text = "Kyiv — “quoted” and Kursk. " * 20
    assert decode_bytes(text.encode("utf-8").replace(b"Kursk", b"Ku\x00rsk", 1))[0] == text
    damaged, enc = decode_bytes(text.encode("utf-8") + b"\xff tail")
    assert enc == "utf-8" and damaged.startswith(text) and damaged.endswith("\ufffd tail")


def test_latin1_with_few_accents_is_not_read_as_damaged_utf8() -> None:
    text = "The mayor of Málaga said the port was closed on Monday."
    assert decode_bytes(text.encode("latin-1"))[0] == text


def test_one_text_from_two_outlets_is_two_documents_and_each_id_is_stable() -> None:
    a = make_document(ARTICLE, outlet="Wire A", url="https://a.example/1", published=date(2024, 10, 24))
    b = make_document(ARTICLE, outlet="Paper B", url="https://b.example/x", published=date(2024, 10, 24))
    assert a.id != b.id
    again = make_document(ARTICLE.replace("\n", "\r\n"), outlet=" Wire  A ", url="https://a.example/1",
                          published=date(2024, 10, 24))
    assert again.id == a.id
    assert make_document(ARTICLE).id == doc_id(ARTICLE)  # bare text: the text's hash, as before


@pytest.mark.parametrize(("text", "encoding"), [
    ("Café", "latin-1"),  # was read as UTF-16-BE "䍡曩"
    ("Труппы", "cp1251"),  # was read as Big5
    ("Größe", "cp1252"),  # was read as EBCDIC
    ("naïve café", "latin-1"),  # was read as Urdu cp1006
    ("Войска", "koi8-r"),
    ("Ελληνικά", "cp1253"),
])
def test_short_single_byte_text_is_not_read_as_utf16_ebcdic_or_cjk(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


@pytest.mark.parametrize(("text", "encoding"), [
    ("日本語のテキストです", "shift_jis"), ("中文新闻报道", "gb18030"), ("한국어 뉴스 기사입니다", "cp949"),
    ("مرحبا بالعالم أخبار", "cp1256"),
])
def test_real_cjk_and_arabic_text_still_decodes(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


def test_page_furniture_is_cut_and_names_the_outlet() -> None:
    """Issue 13: "More from", related lists and newsletter prompts are not the article; the page's own
    outlet line fills a missing outlet."""
    from data.load.documents import make_document

    text = ("Troops crossed into Kursk on Monday, officials said.\n\nRead more: Kyiv says troops moved\n\n"
            "Sign up for our daily newsletter here\n\nThe second paragraph of the story is here.\n\n"
            "Related articles\n\nTrudeau speaks in Calgary, Alberta.\n")
    doc = make_document(text)
    assert "Calgary" not in doc.text and "Read more" not in doc.text and "newsletter" not in doc.text
    assert "second paragraph" in doc.text
    assert make_document("KYIV (Reuters) - Troops moved.").outlet == "Reuters"
    assert make_document("KYIV (Reuters) - Troops moved.", outlet="AP").outlet == "AP"
    # a heading-like line at the very top is the page's top, not a tail
    assert "Kursk" in make_document("Latest\nTroops crossed into Kursk on Monday, officials said today.").text
