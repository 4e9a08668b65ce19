"""Plain text (.txt, with an optional ``manifest.csv`` beside it) and Markdown with YAML
front matter.

A plain text file carries no metadata, so a manifest in the same folder can give each
file its title, outlet, url and publication date (the seeds have one). Without a manifest
the title is the first line when it looks like a headline, and the date is inferred.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from data.load.base import DATE_KEYS, OUTLET_KEYS, TITLE_KEYS, URL_KEYS, LoadError, LoadResult, pick
from data.load.documents import make_document
from data.load.pubdate import parse_date_string

MANIFEST_NAME = "manifest.csv"
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MAX_FRONT = 64 * 1024


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text: YAML itself raises on "2024-13-45" and loses the whole
    front matter; as text, ``parse_date_string`` reads it or a warning names the field."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _field_name(meta: dict, keys: tuple[str, ...]) -> str:
    """The key of ``meta`` that ``pick(meta, keys)`` read, as written in the file."""
    lowered = {str(k).lower().strip(): k for k in meta}
    return next((str(lowered[k]) for k in keys if k in lowered and meta[lowered[k]] not in (None, "")), keys[0])


MANIFEST_FIELDS = ("title", "outlet", "url", "published")
"""Manifest columns that become the ``Document`` fields of the same name. The other columns
(``published_how``, ``evidence``) are notes for people on how the date was read off the article;
a document dated by its manifest has ``published_how == "manifest"``."""

ManifestEntry = Mapping[str, Any]
"""What a manifest row states about one file: ``Document`` field name -> value, non-empty ones only."""


def parse_manifest(text: str) -> dict[str, ManifestEntry]:
    """Rows of a manifest CSV (``file,title,outlet,url,published,published_how,evidence``)
    keyed by file name; rows without a file name are skipped."""
    out: dict[str, ManifestEntry] = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        row = {str(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = row.get("file", "")
        if not name:
            continue
        stated: dict[str, Any] = {k: row.get(k, "") for k in MANIFEST_FIELDS}
        stated["published"] = parse_date_string(stated["published"])
        out[name] = MappingProxyType({k: v for k, v in stated.items() if v})
    return out


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The manifest beside the files in ``folder`` ({} when there is none or it is unreadable).
    Parsed once per version of the file, not once per article."""
    path = folder / MANIFEST_NAME
    try:
        st = path.stat()
    except OSError:
        return {}
    return _read_manifest(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _read_manifest(path: str, mtime_ns: int, size: int) -> dict[str, ManifestEntry]:
    try:
        return parse_manifest(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def _headline(text: str) -> str:
    """The first line when it reads like a headline: short, followed by a blank line,
    not ending like a sentence."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return ""
    first = lines[0].strip()
    if 10 <= len(first) <= 200 and not first.endswith((".", ",", ";", ":")):
        return first
    return ""


def load_txt(text: str, path: str, encoding: str = "", manifest: ManifestEntry | None = None) -> LoadResult:
    """One text file -> one document; metadata from the manifest entry when given."""
    m = manifest or {}
    try:
        doc = make_document(text, **{"title": _headline(text), **m}, source_path=path,
                            published_how="manifest" if m.get("published") else "")
    except ValueError:
        return LoadResult(path, errors=(LoadError(path, "empty file (no text)"),), encoding=encoding)
    return LoadResult(path, documents=(doc,), encoding=encoding)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_QUOTE = re.compile(r"^>[ \t]?", re.MULTILINE)


def markdown_to_text(md: str) -> str:
    """Plain text of Markdown: headings, links, images, bold and quotes reduced to their words."""
    t = _MD_COMMENT.sub("", md)
    t = _MD_IMAGE.sub(r"\1", t)
    t = _MD_LINK.sub(r"\1", t)
    t = _MD_HEADING.sub(r"\1", t)
    t = _MD_EMPH.sub(r"\2", t)
    return _MD_QUOTE.sub("", t)


def load_md(text: str, path: str, encoding: str = "") -> LoadResult:
    """Markdown with optional YAML front matter (title, outlet/source, url, date/published)."""
    warnings: list[LoadError] = []
    meta: dict = {}
    body = text.lstrip("\ufeff")
    m = _FRONT.match(body)
    if m:
        body = body[m.end():]
        if len(m.group(1)) > _MAX_FRONT:
            warnings.append(LoadError(path, "front matter too large; ignored"))
        else:
            try:
                loaded = yaml.load(m.group(1), Loader=_FrontMatterLoader)  # a SafeLoader subclass
            except (yaml.YAMLError, ValueError, RecursionError) as exc:
                warnings.append(LoadError(path, f"front matter is not valid YAML ({type(exc).__name__}); ignored"))
                loaded = None
            if isinstance(loaded, dict):
                meta = loaded
            elif loaded is not None:
                warnings.append(LoadError(path, "front matter is not a mapping; ignored"))
    raw_date = pick(meta, DATE_KEYS)
    published = parse_date_string(raw_date) if raw_date is not None else None
    if raw_date is not None and published is None:
        warnings.append(LoadError(path, f"front matter field {_field_name(meta, DATE_KEYS)!r}: unreadable date "
                                        f"{str(raw_date)[:40]!r}; inferring it from the text"))
    title = str(pick(meta, TITLE_KEYS) or "")
    if not title:
        h1 = re.search(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", body, re.MULTILINE)
        title = markdown_to_text(h1.group(1)) if h1 else ""
    try:
        doc = make_document(
            markdown_to_text(body), title=title, outlet=str(pick(meta, OUTLET_KEYS) or ""),
            url=str(pick(meta, URL_KEYS) or ""), published=published,
            published_how="metadata" if published else "", source_path=path,
        )
    except ValueError:
        return LoadResult(path, errors=(LoadError(path, "no text after the front matter"),),
                          warnings=tuple(warnings), encoding=encoding)
    return LoadResult(path, documents=(doc,), warnings=tuple(warnings), encoding=encoding)
