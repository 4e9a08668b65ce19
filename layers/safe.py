"""Encoding untrusted text so that neither Jinja, JavaScript nor HTML sees syntax in it.

folium renders every element script through Jinja twice (once as a macro, once more as a
branca ``Element`` template) and puts popup HTML inside JavaScript template literals. Article
text is untrusted, so anything we hand to folium goes through one of these functions:

* ``js_json`` for data: JSON whose string contents cannot open a Jinja tag (``{{``, ``{%``,
  ``{#``), a JS template substitution (``${``) or close a ``<script>`` element;
* ``html_text`` for text shown as HTML (entities for ``< > & " '`` and for ``{ } $ ` \\``);
* ``safe_url`` to keep only http(s) links.
"""

from __future__ import annotations

import html
import json
import math
from typing import Any
from urllib.parse import urlsplit

# Characters that never occur in JSON's own syntax (outside strings), so they can be
# replaced by \u escapes wherever they appear: the result stays valid JSON and valid JS.
_JSON_TABLE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("'"): "\\u0027",
    ord("$"): "\\u0024",
    ord("%"): "\\u0025",
    ord("#"): "\\u0023",
    ord("`"): "\\u0060",
}

_JSON_REPLACE = tuple((chr(k), v) for k, v in _JSON_TABLE.items())  # str.replace is C-fast

_HTML_TABLE = {
    ord("{"): "&#123;",
    ord("}"): "&#125;",
    ord("$"): "&#36;",
    ord("`"): "&#96;",
    ord("\\"): "&#92;",
}


def _clean(obj: Any) -> Any:
    """Replace NaN/inf (not JSON) by None, recursively."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def js_json(obj: Any, *, clean: bool = True) -> str:
    """Serialise ``obj`` as JSON that is inert for Jinja, JS template literals and HTML.

    JSON's own syntax never produces ``{{`` (an object opens with ``{"`` or ``{}``), so a
    ``{{`` in the output lies inside one string and can be replaced by ``\\u007b`` escapes;
    ``%``, ``#`` and ``$`` are always escaped, so ``{%``, ``{#`` and ``${`` cannot occur.
    """
    try:
        text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    except ValueError:
        if not clean:
            raise
        text = json.dumps(_clean(obj), ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    for ch, rep in _JSON_REPLACE:
        if ch in text:
            text = text.replace(ch, rep)
    if "{{" in text:
        text = text.replace("{{", "\\u007b\\u007b")
    return text


def html_text(value: object) -> str:
    """HTML-escape ``value`` and turn braces, ``$``, backtick and backslash into entities."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_HTML_TABLE)


def safe_url(value: object) -> str:
    """``value`` if it is an absolute http(s) URL with a host, else ``""`` (never a link)."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if any(ch in url for ch in "\x00\r\n\t <>\"'`\\"):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url


def is_inert(text: str) -> bool:
    """True when ``text`` holds no Jinja opener, no ``${`` and no ``</script``."""
    low = text.lower()
    return not any(tok in text for tok in ("{{", "{%", "{#", "${")) and "</script" not in low
