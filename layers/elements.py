"""folium elements that hand our (already inert, ``safe.js_json``) data to ``sitmap.js``.

Each element renders one line of script and nothing in the page header or body, so it
works the same in a standalone HTML file and in streamlit-folium (which renders only the
``script`` macro of the elements inside ``feature_group_to_add``). Their ``default_js`` /
``default_css`` are set by ``layers.assets.use_local_assets``; the defaults below point at a
relative ``vendor/`` folder, never at a CDN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from layers.safe import js_json

_SCRIPT = """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = sitmap.{{ this.js_factory }}({{ this.map_name() }}, {{ this._parent.get_name() }},
    {{ this.payload }}, {{ this.options }});
{% endmacro %}
"""


def _map_of(element: Any) -> folium.Map | None:
    node = element
    while node is not None:
        if isinstance(node, folium.Map):
            return node
        node = getattr(node, "_parent", None)
    return None


class _Raw(Element):
    """A rendered script kept as it is: branca would wrap it in ``Element(text)``, which compiles the text
    (megabytes of data) as a Jinja template on every render, and would read any ``{{`` in it as Jinja."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SitmapElement(JSCSSMixin, MacroElement):
    """Base: calls ``sitmap.<js_factory>(map, parent, payload, options)`` in the page."""

    _template = Template(_SCRIPT)
    js_factory = "noop"
    asset_js_keys: tuple[str, ...] = ("sitmap_js",)
    asset_css_keys: tuple[str, ...] = ("sitmap_css",)
    default_js = [("sitmap_js", "vendor/sitmap/sitmap.js"), ("sitmap_places_js", "vendor/sitmap/sitmap-places.js"),
                  ("sitmap_controls_js", "vendor/sitmap/sitmap-controls.js"),
                  ("sitmap_basemap_js", "vendor/sitmap/sitmap-basemap.js")]
    default_css = [("sitmap_css", "vendor/sitmap/sitmap.css")]

    def __init__(self, payload: Any, options: dict | None = None, name: str = "") -> None:
        super().__init__()
        self._name = "Sitmap" + type(self).__name__
        self.payload_json = js_json(payload)
        self.options = js_json({"name": name, **(options or {})})
        self._deferred = False
        self.external = ""  # a JS expression that holds the payload (``layers.datafiles``), or ""

    def render(self, **kwargs: Any) -> None:
        """``JSCSSMixin.render`` + ``MacroElement.render`` for an element with only a script macro, adding
        the rendered script as it is (``_Raw``)."""
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_Raw(script(self, kwargs)), name=self.get_name())

    @classmethod
    def from_json(cls, payload_json: str, options_json: str) -> SitmapElement:
        """An element whose data was serialised before (by another element's ``payload_json`` and
        ``options``): a cached layer is rebuilt without serialising megabytes again."""
        el = cls(None)
        el.payload_json, el.options = payload_json, options_json
        return el

    @property
    def payload(self) -> str:
        """The data as inert JSON, a placeholder while ``defer()`` is in effect, or the reference to the file
        that holds it once ``externalize``d."""
        if self._deferred:
            return self.placeholder()
        return self.external or self.payload_json

    def externalize(self, ref: str, script: tuple[str, str]) -> None:
        """Render ``ref`` (a JS expression) instead of the data, and load ``script`` (name, URL), the file
        that defines it, with this element's scripts (``layers.datafiles.externalize``)."""
        self.external = ref
        self.default_js = [*self.default_js, script]

    def placeholder(self) -> str:
        return f"sitmap_data_{self._id}"

    def defer(self, on: bool = True) -> str:
        """Render a placeholder instead of the data (an HTML export substitutes it afterwards,
        sparing Jinja a second pass over megabytes of data); returns the placeholder."""
        self._deferred = on
        return self.placeholder()

    def map_name(self) -> str:
        m = _map_of(self)
        if m is None:
            raise ValueError(f"{type(self).__name__} must be added to a folium.Map or one of its layers")
        return m.get_name()


class Basemap(SitmapElement):
    """Offline country outlines, drawn under everything else."""

    js_factory = "basemap"


class Borders(SitmapElement):
    """Lines of the basemap from a zoom on (``layers.borders``): detailed country borders and coasts, or the
    approximate first-level borders (``opts.style`` says how they look)."""

    js_factory = "borders"


class Towns(SitmapElement):
    """Town names from the gazetteer, shown by zoom (``layers.towns``), under the markers."""

    js_factory = "towns"


class PlacesLayer(SitmapElement):
    """Markers, region outlines, country tints and the optional density layer."""

    js_factory = "places"
    asset_js_keys = ("cluster_js", "sitmap_js")
    asset_css_keys = ("cluster_css", "sitmap_css")
    default_js = [("markerclusterjs", "vendor/markercluster/leaflet.markercluster.js"),
                  *SitmapElement.default_js]
    default_css = [("markerclustercss", "vendor/markercluster/MarkerCluster.css"),
                   ("markerclusterdefaultcss", "vendor/markercluster/MarkerCluster.Default.css"),
                   ("sitmap_css", "vendor/sitmap/sitmap.css")]

    def __init__(self, payload: Any, options: dict | None = None, name: str = "",
                 publish_items: Callable[[str], str] | None = None) -> None:
        """``payload``: a places FeatureCollection, sent packed (``layers.wire``: a third of its size).
        ``publish_items(json)``, when given, stores the popup claims and returns the URL the browser fetches
        when a popup first opens (the dashboard: a slider step then carries places, not excerpts); without it
        (an HTML export) they stay inline."""
        from layers.wire import pack_places

        if isinstance(payload, dict):
            payload = pack_places(payload)
            if publish_items is not None and payload.get("items"):
                payload = {**payload, "items": None, "itemsUrl": publish_items(js_json(payload["items"]))}
        super().__init__(payload, options, name)


class ArcsLayer(SitmapElement):
    """Movement arcs with arrowheads."""

    js_factory = "arcs"


class Legend(SitmapElement):
    """The legend control (colours, precision styles)."""

    js_factory = "legend"


class Timeline(SitmapElement):
    """The playback control (slider, play/pause, speed, window)."""

    js_factory = "timeline"


class Controls(SitmapElement):
    """The layer switcher for our layers (and optional online tiles), plus fitting the view."""

    js_factory = "controls"


def sitmap_elements(root: Any) -> list[SitmapElement]:
    """Every ``SitmapElement`` under ``root`` (a map, a feature group...)."""
    found: list[SitmapElement] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, SitmapElement):
            found.append(node)
        stack.extend(getattr(node, "_children", {}).values())
    return found


SITMAP_ELEMENTS: tuple[type[SitmapElement], ...] = (SitmapElement, Basemap, Borders, Towns, PlacesLayer, ArcsLayer, Legend,
                                                    Timeline, Controls)
