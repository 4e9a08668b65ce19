"""HTML articles: the article text (no navigation, scripts or boilerplate) and its metadata.

trafilatura does the extraction; pages too short for its boilerplate model fall back to a
plain tag stripper that still drops scripts, styles and navigation, so no article is lost.
Dates come only from the page's markup (meta tags, <time>), never from guessing in the body:
the body is handled by ``data.load.pubdate`` like any other text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from data.load.base import LoadError, LoadResult
from data.load.documents import make_document
from data.load.pubdate import parse_date_string

_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
              "iframe", "button", "select", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
               "blockquote", "pre", "figcaption", "dd", "dt", "table", "ul", "ol"}
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
_TITLE_META = ("og:title", "twitter:title")
_SITE_META = ("og:site_name", "application-name", "publisher")


class _Stripper(HTMLParser):
    """Collects visible text blocks and a few meta tags; ignores script/style/nav content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.time_datetime = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "time" and a.get("datetime") and not self.time_datetime:
            self.time_datetime = a["datetime"]
        elif tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS and self.skip:
            self.skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = (" ".join(line.split()) for line in joined.split("\n"))
        return "\n\n".join(line for line in lines if line)


def _strip(html: str) -> _Stripper:
    parser = _Stripper()
    parser.feed(html)
    parser.close()
    return parser


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment or page, paragraphs separated by blank lines."""
    return _strip(html).text()


def _trafilatura(html: str) -> tuple[str, str, str, str, str]:
    """(text, title, site name, url, date) from trafilatura; empty strings when it finds none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", "", "", "", ""
    text = re.sub(r"\n+", "\n\n", doc.text or "")
    return text, doc.title or "", doc.sitename or "", doc.url or "", doc.date or ""


def load_html(html: str, path: str, encoding: str = "") -> LoadResult:
    """One HTML page -> one document (article text, title, outlet, url, date from markup)."""
    warnings: list[LoadError] = []
    try:
        text, title, site, url, when = _trafilatura(html)
    except Exception as exc:  # noqa: BLE001 - a library failure on hostile markup must not lose the file
        warnings.append(LoadError(path, f"article extractor failed ({type(exc).__name__}); used plain text"))
        text = title = site = url = when = ""
    stripped = _strip(html)
    plain = stripped.text()
    if len(text.strip()) < min(200, 0.5 * len(plain)):
        text = plain  # page too short for trafilatura's boilerplate model: keep every visible block
    meta = stripped.meta
    title = title or next((meta[k] for k in _TITLE_META if meta.get(k)), "") or stripped.title
    site = site or next((meta[k] for k in _SITE_META if meta.get(k)), "")
    url = url or meta.get("og:url", "")
    raw_date = when or next((meta[k] for k in _DATE_META if meta.get(k)), "") or stripped.time_datetime
    published = parse_date_string(raw_date) if raw_date else None
    if raw_date and published is None:
        warnings.append(LoadError(path, f"unreadable date {raw_date[:40]!r}; inferring it from the text"))
    try:
        doc = make_document(text, title=title, outlet=site, url=url, published=published,
                            published_how="metadata" if published else "", source_path=path)
    except ValueError:
        return LoadResult(path, errors=(LoadError(path, "no article text in the HTML"),),
                          warnings=tuple(warnings), encoding=encoding)
    return LoadResult(path, documents=(doc,), warnings=tuple(warnings), encoding=encoding)
