"""Building ``Document`` values: text normalisation and content-hash ids (bytes to text: ``data.load.decode``).

Every loader funnels through ``make_document`` so that the same article text with the same
stated outlet, URL and date always gets the same id, whatever file format or encoding it
arrived in: re-ingesting changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date

from data.load.furniture import outlet_from_text, strip_furniture
from data.load.pubdate import infer_published
from data.model import Document

ID_HEX = 16
"""Hex digits of the SHA-256 kept as the document id (64 bits: collisions are negligible)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")

def normalize_text(text: str) -> str:
    """Canonical form of article text: NFC, ``\\n`` line ends, no control characters,
    no trailing spaces, at most one blank line in a row, no leading/trailing blank space.

    Offsets in later stages point into this form, and the id hashes it, so two copies of an
    article that differ only in line endings or a BOM are the same document.
    """
    t = text.replace("\r\n", "\n").replace("\r", "\n")
    t = unicodedata.normalize("NFC", t)
    t = _CONTROL.sub("", t)
    t = _TRAILING_WS.sub("\n", t)
    t = _MANY_BLANK_LINES.sub("\n\n", t)
    return t.strip()


def doc_id(normalized_text: str, outlet: str = "", url: str = "", published: date | None = None) -> str:
    """Stable id of a document: a prefix of the SHA-256 of its normalised text and of the
    outlet, URL and publication date its source stated, so one wire story carried by two
    outlets is two documents (corroboration counts such copies once). Without any of those
    it is the hash of the text alone."""
    if not (outlet or url or published):
        return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:ID_HEX]
    key = json.dumps([normalized_text, outlet, url, published.isoformat() if published else ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_HEX]


def make_document(
    text: str,
    *,
    title: str = "",
    outlet: str = "",
    url: str = "",
    published: date | None = None,
    published_how: str = "",
    source_path: str = "",
) -> Document:
    """A ``Document`` from raw text and whatever metadata the source gave.

    Page furniture (``data.load.furniture``) is cut first; an outlet the text names fills a missing one.
    When no publication date is given it is inferred from the text (and flagged as
    inferred in ``published_how``), or left None: such documents' claims stay undated.
    Raises ``ValueError`` when the text is empty after normalisation.
    """
    raw = normalize_text(text)
    body = strip_furniture(raw)  # related-article lists, "More from", newsletters: not the article's claims
    if not body:
        raise ValueError("no text")
    title, outlet, url = _one_line(title), _one_line(outlet), _one_line(url)
    ident = doc_id(body, outlet, url, published)  # stated metadata only: inference may improve
    outlet = outlet or outlet_from_text(raw)  # the page's own "More from X" / "(Reuters) -"
    if published is None:
        published, published_how = infer_published(body)
    elif not published_how:
        published_how = "metadata"
    return Document(
        id=ident,
        text=body,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_how=published_how if published else "",
        source_path=source_path,
    )


def _one_line(s: object) -> str:
    return " ".join(str(s or "").split())
