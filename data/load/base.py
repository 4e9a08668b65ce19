"""What every loader returns, and the mapping from a feed record to a ``Document``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from data.load.documents import make_document
from data.load.pubdate import parse_date_string
from data.model import Document

TEXT_KEYS = ("text", "content", "body", "article", "full_text", "fulltext", "maintext", "article_text",
             "content_html", "html", "description", "summary")
"""Fields that may hold the article, best first (a summary only when nothing fuller exists)."""
TITLE_KEYS = ("title", "headline", "name")
OUTLET_KEYS = ("outlet", "source", "publisher", "sitename", "site", "source_name", "media")
URL_KEYS = ("url", "link", "href", "permalink")
DATE_KEYS = ("published", "published_at", "publishedat", "date", "pubdate", "pub_date", "datetime",
             "date_published", "datepublished", "created", "time", "timestamp")
ID_KEYS = ("id", "guid", "doc_id", "uid", "key")


@dataclass(frozen=True, slots=True)
class LoadError:
    """Something in one file that could not be read; ``where`` narrows it ("line 3")."""

    path: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.path}{': ' + self.where if self.where else ''}: {self.reason}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The documents one file gave, and every problem met on the way.

    A file can be partly readable: a .jsonl with one broken line still yields the other
    lines' documents, and the broken line is listed in ``errors``. ``warnings`` are
    problems that lost no text (an unparseable date field, invalid front matter).
    """

    path: str
    documents: tuple[Document, ...] = ()
    errors: tuple[LoadError, ...] = ()
    warnings: tuple[LoadError, ...] = ()
    encoding: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def pick(record: Mapping[str, object], keys: tuple[str, ...]) -> object:
    """First non-empty value among ``keys`` (case-insensitive); nested ``{"name": ...}``
    objects (NewsAPI's ``source``) give their name."""
    lowered = {str(k).lower().strip(): v for k, v in record.items()}
    for key in keys:
        v = lowered.get(key)
        if isinstance(v, Mapping):
            v = v.get("name") or v.get("title") or v.get("id")
        if v is None or (isinstance(v, str) and not v.strip()) or isinstance(v, list | tuple | Mapping):
            continue
        return v
    return None


def text_field(record: Mapping[str, object], keys: tuple[str, ...], what: str) -> str:
    """First non-empty string among ``keys`` ("" when none); a value of another type (a number,
    a list, ``{"name": 5}``) raises ``ValueError``: a feed with typed fields mixed up is
    reported, not read as an empty title or a text of "123"."""
    lowered = {str(k).lower().strip(): v for k, v in record.items()}
    for key in keys:
        v = lowered.get(key)
        if isinstance(v, Mapping):  # NewsAPI's {"source": {"id": null, "name": "BBC"}}
            v = next((x for x in (v.get("name"), v.get("title"), v.get("id")) if x is not None), None)
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if not isinstance(v, str):
            raise ValueError(f"{what} field {key!r} is {type(v).__name__} {str(v)[:30]!r}, not text")
        return v
    return ""


def record_to_document(
    record: Mapping[str, object], path: str, where: str, *, html_to_text=None
) -> tuple[Document, list[LoadError]]:
    """A ``Document`` from one feed record (json, jsonl or csv row); returns warnings too.

    Raises ``ValueError`` with a clear reason when the record has no usable text.
    ``html_to_text`` turns a text field that is really HTML into plain text.
    """
    warnings: list[LoadError] = []
    text = text_field(record, TEXT_KEYS, "text")
    if not text:
        raise ValueError(f"no text (expected a non-empty field: {', '.join(TEXT_KEYS[:4])} ...)")
    title, outlet, url = (text_field(record, TITLE_KEYS, "title"), text_field(record, OUTLET_KEYS, "outlet"),
                          text_field(record, URL_KEYS, "url"))
    if html_to_text is not None and _looks_like_html(text):
        text = html_to_text(text)
    raw_date = pick(record, DATE_KEYS)
    published = parse_date_string(raw_date) if raw_date is not None else None
    if raw_date is not None and published is None:
        key = next((str(k) for k in record if str(k).lower().strip() in DATE_KEYS and record[k] == raw_date), "date")
        warnings.append(LoadError(path, f"field {key!r}: unreadable date {str(raw_date)[:40]!r}; inferring it "
                                        "from the text", where))
    rec_id = pick(record, ID_KEYS)
    source = f"{path}#{rec_id}" if rec_id is not None else f"{path}#{where.replace(' ', '')}"
    doc = make_document(
        text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_how="metadata" if published else "",
        source_path=source,
    )
    return doc, warnings


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return any(tag in head for tag in ("<p>", "<p ", "<div", "<br", "</p>", "<html", "<body"))
