"""Article text is untrusted: it must reach the page as inert data through the real folium."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layers import elements, export, mapbuild
from layers.safe import html_text, is_inert, js_json, safe_url
from layers.synthetic import FakeGazetteer, event_row, events_from_rows

HOSTILE = [
    "{{ 7*191 }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{# unclosed comment",
    "{% unbalanced",
    "${window.pwned = 1}",
    "`; window.pwned = 2; `",
    "</script><script>window.pwned = 3</script>",
    "<img src=x onerror='window.pwned=4'>",
    "\\u0060 \\x60 \\",
    "{{{{ nested }}}}",
    "\u2028line\u2029separators",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_js_json_is_inert_and_round_trips(text: str) -> None:
    out = js_json({"t": text, "list": [text, {"k": text}]})
    assert is_inert(out)
    assert json.loads(out) == {"t": text, "list": [text, {"k": text}]}


@settings(max_examples=120, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
                    max_leaves=12))
def test_js_json_is_inert_for_any_data(obj: object) -> None:
    out = js_json(obj)
    assert is_inert(out)
    assert "<" not in out and "`" not in out and "$" not in out
    assert json.loads(out) == json.loads(json.dumps(obj))


def test_js_json_turns_nan_into_null() -> None:
    assert json.loads(js_json({"x": float("nan"), "y": [float("inf"), 1.5]})) == {"x": None, "y": [None, 1.5]}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_text_leaves_no_syntax(text: str) -> None:
    out = html_text(text)
    assert not set(out) & set("<>{}$`\\\"'")


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/a?b=1", True),
    ("http://kyivindependent.com/x", True),
    ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False),
    ("data:text/html,<b>x</b>", False),
    ("//evil.example/x", False),
    ("https://", False),
    ("https://ex.org/\"onmouseover=alert(1)", False),
    ("ftp://ex.org/f", False),
    (None, False),
])
def test_safe_url_keeps_only_http_links(url: object, ok: bool) -> None:
    assert (safe_url(url) == url) is ok
    if not ok:
        assert safe_url(url) == ""


def _hostile_events():
    rows = []
    for i, text in enumerate(HOSTILE):
        rows.append(event_row(event_id=f"h{i}:0", claim_id=f"h{i}", text=f"Kursk {text}", outlet=text,
                              claimant=text, title=text, date_text=text, url="javascript:alert(1)",
                              mention_start=0, mention_end=5, place_name=f"Kursk {text}",
                              quantities=json.dumps([{"text": text}]), kind=text, claimant_country=text[:2]))
    return events_from_rows(rows)


def _payloads(html: str) -> list[object]:
    """Every JSON argument handed to sitmap.* in a rendered page."""
    found = []
    for m in re.finditer(r"= sitmap\.\w+\([\w]+, [\w]+,\s*(.*?), (\{.*?\})\);\n", html, flags=re.S):
        found.append(json.loads(m.group(1)))
    return found


def _evaluated(html: str) -> bool:
    """Whether "{{ 7*191 }}" ran: 1337 standing alone, not inside a random hex element id."""
    return re.search(r"(?<![0-9a-fA-F])1337(?![0-9a-fA-F])", html) is not None


def test_hostile_text_survives_folium_double_rendering_verbatim() -> None:
    """Through branca's Figure.render (Jinja twice) the text is neither evaluated nor lost."""
    m = mapbuild.build_map(_hostile_events(), gazetteer=FakeGazetteer())
    html = m.get_root().render()
    assert not _evaluated(html)
    assert "<class" not in html and "subclasses" in html  # present only as data, never evaluated
    assert "looploop" not in html  # the {% for %} did not run
    scripts = html.split("<script>", 1)[1]
    assert "${" not in scripts and "window.pwned = 3</script>" not in html
    payloads = _payloads(html)
    texts = json.dumps(payloads, ensure_ascii=False)
    for text in HOSTILE:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in texts, text


def test_export_path_matches_double_render_and_keeps_text() -> None:
    html = export.render_html(_hostile_events(), gazetteer=FakeGazetteer())
    assert "sitmap_data_" not in html
    payloads = _payloads(html)
    items = [p for p in payloads if isinstance(p, dict) and "items" in p][0]["items"]
    assert sorted(it["o"] for it in items) == sorted(" ".join(t.split()) for t in HOSTILE)
    assert all(it["u"] == "" for it in items)  # javascript: links dropped
    assert not _evaluated(html)


def test_streamlit_folium_single_render_is_inert() -> None:
    """streamlit-folium renders each script macro once, from the feature group it is given."""
    from streamlit_folium import _get_feature_group_string

    ev = _hostile_events()
    m = mapbuild.base_map(ev, gazetteer=FakeGazetteer())
    fg = mapbuild.time_layers(ev, gazetteer=FakeGazetteer(), playback=True)
    js = _get_feature_group_string(fg, m)
    assert "sitmap.places(map_div, feature_group_feature_group_0" in js
    assert is_inert(js) and not _evaluated(js)
    for el in elements.sitmap_elements(fg):
        assert is_inert(el.payload_json)
