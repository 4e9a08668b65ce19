"""File bytes to text: BOMs, strict UTF-8, UTF-16 without a BOM, then charset-normalizer's guess checked for
sanity, and a clear ``DecodeError`` for binary data, so one unreadable file is reported by name instead of
being stored as mojibake (the loaders in ``data.load.paths`` catch it per file).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "OLE document (.doc/.xls)"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3", "SQLite database"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept (binary, or hopelessly mixed)."""


def binary_kind(data: bytes) -> str | None:
    """Name of a known binary format whose magic number ``data`` starts with, else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; returns ``(text, encoding)``.

    Order: a BOM (UTF-8/16/32), strict UTF-8, UTF-16 without BOM (NUL-byte pattern), then
    charset-normalizer's best guess (cp1251, latin-1 ...). Raises ``DecodeError`` for binary
    data, so one unreadable file is reported instead of being stored as mojibake.
    """
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not text")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but does not decode: {exc.reason}") from exc
    if b"\x00" in data:
        enc16 = _utf16_without_bom(data)
        if enc16:
            try:
                return _check_text(data.decode(enc16)), enc16
            except UnicodeDecodeError:
                pass
        if data.count(0) > max(1, len(data) // 1000):
            raise DecodeError("binary data (NUL bytes), not text")
        data = data.replace(b"\x00", b"")  # a stray NUL in a text file costs that byte, not the file
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _check_text(mostly), "utf-8"
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("binary data or unknown encoding, not text")
    text, encoding = str(best), best.encoding
    if encoding not in _LATIN_FAMILY:
        text, encoding = _sane_guess(data, [(text, encoding)] + [(str(m), m.encoding) for m in matches if m.encoding])
    if encoding in _LATIN_FAMILY:
        text, encoding = _prefer_western(data, text, encoding)
    return _check_text(text), encoding


_LATIN_FAMILY = {"cp1250", "cp1252", "cp1257", "cp775", "cp850", "cp852", "latin_1", "iso8859_1", "iso8859_2",
                 "iso8859_4", "iso8859_10", "iso8859_13", "iso8859_15", "mac_latin2", "mac_roman"}
_COMMON_LETTERS = set("àâäçéèêëîïôöùûüÿñáíóúãõßøåæąęłśżźćńčšžřěůýťďňőűÀÂÄÇÉÈÊËÎÏÔÖÙÛÜÑÁÍÓÚÃÕØÅÆĄĘŁŚŻŹĆŃČŠŽŘĚŮÝ")
_TYPOGRAPHY = set("’‘“”„–—…€«»°•·\u00a0")


def _letter_score(text: str) -> int:
    """Common accented letters of European languages minus every other non-ASCII character:
    the right single-byte decoding turns accents into letters people write, a wrong one into
    rare letters and symbols ("à" read as cp1250 is "ŕ"; Polish "ż" read as cp1252 is "¿")."""
    score = 0
    for ch in text:
        if ch < "\x80" or ch in _TYPOGRAPHY:
            continue
        score += 1 if ch in _COMMON_LETTERS else -1
    return score


def _prefer_western(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """charset-normalizer often ties cp1250/cp1257 with cp1252 on short Western text and
    picks the wrong one ("à" -> "ŕ"); prefer cp1252 (or latin-1) unless the guess reads better."""
    for enc in ("cp1252", "latin-1"):
        try:
            alt = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _letter_score(alt) >= _letter_score(text):
            return alt, enc
        break
    return text, encoding


_EBCDIC = {"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"}
_CJK = {"big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp", "euc_kr",
        "gb2312", "gb18030", "gbk", "hz", "iso2022_jp", "iso2022_kr", "johab", "shift_jis", "shift_jis_2004"}
_SINGLE_BYTE = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1253")
_PLAIN_LETTERS = _COMMON_LETTERS | set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ" "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ") | set(
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐ" "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")


def _word_letter_ratio(text: str, plain: bool = True) -> float:
    """Share of the non-ASCII characters that are everyday letters inside well-formed words
    (one script, lower/UPPER/Title case): 1.0 for "Труппы" read as cp1251, low for mojibake
    ("Òðóïïû", "Grцяe") and for CJK bytes read one byte at a time. ``plain=False`` counts
    letters of any script (Hebrew, Arabic)."""
    non_ascii = sum(1 for ch in text if ch >= "\x80")
    if not non_ascii:
        return 0.0
    good = 0
    for word in re.findall(r"[^\W\d_]+", text):
        scripts = {unicodedata.name(ch, "?").split()[0] for ch in word}
        cased = word in (word.lower(), word.upper()) or (word[0].isupper() and word[1:] == word[1:].lower())
        if len(scripts) == 1 and cased:
            good += sum(1 for ch in word if ch >= "\x80" and (ch in _PLAIN_LETTERS or not plain))
    return good / non_ascii


def _suspicious(encoding: str) -> bool:
    return encoding.startswith(("utf_16", "utf_32")) or encoding in _EBCDIC or encoding in _CJK


def _sane_guess(data: bytes, guesses: list[tuple[str, str]]) -> tuple[str, str]:
    """charset-normalizer reads short Latin or Cyrillic text as UTF-16, EBCDIC or CJK ("Café"
    in latin-1 -> "䍡曩", "naïve" as Urdu cp1006): a single-byte reading giving clean words wins
    over those and over any guess reading worse; else the first guess
    that is not UTF-16/32 (no NUL bytes here) nor EBCDIC and, for CJK, decodes strictly."""
    best, best_enc, best_ratio = None, "", -1.0
    for enc in _SINGLE_BYTE:
        try:
            alt = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ratio = _word_letter_ratio(alt)
        if ratio > best_ratio:
            best, best_enc, best_ratio = alt, enc, ratio
    text, enc = guesses[0]
    if best is not None and best_ratio >= 0.8 and (_suspicious(enc) or _word_letter_ratio(text, plain=False) < 0.8):
        return best, best_enc
    if not _suspicious(enc):
        return text, enc
    for text, enc in guesses:
        if enc.startswith(("utf_16", "utf_32")) or enc in _EBCDIC:
            continue
        try:
            data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, enc
    if best is None:
        raise DecodeError("unknown encoding, not text")
    return best, best_enc


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few invalid bytes (a bad paste, a truncated copy) decoded with
    U+FFFD for those bytes; None when the bytes look like another encoding instead."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid_non_ascii = sum(1 for ch in text if ch > "\x7f") - bad
    if bad <= max(2, len(text) // 1000) and valid_non_ascii > 2 * bad:
        return text
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str) -> str:
    """Reject decoded "text" that is mostly control or private-use characters (binary)."""
    sample = text[:20000]
    if not sample:
        return text
    bad = sum(
        1 for ch in sample
        if (ch < " " and ch not in "\n\r\t\f") or unicodedata.category(ch) in {"Co", "Cs", "Cn"} or ch == "\ufffd"
    )
    if bad / len(sample) > 0.05:
        raise DecodeError("binary data (control characters), not text")
    return text
