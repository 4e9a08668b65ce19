"""The map: a base map that stays mounted, time-varying layers swapped in, clicks turned into a selection.

st_folium keys its component on a hash of the generated JS, so the base map is built once per data version
(cached, its large data in cacheable files: ``layers.datafiles``) and only the ``feature_group_to_add`` layer
changes with the slider: the view does not jump, and
panning or zooming does not rerun the app (``returned_objects`` is limited to clicks).
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from data.events import mapped_mask
from data.view import mapquery, storeq
from data.view.query import StoreView
from data.view.state import ViewState
from ui.mapfirst import map_only, note_map_sent
from ui.timebar import interaction

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
ASSET_URL = "/app/static/vendor"
CLICK_KEYS = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_popup", "last_clicked"]
MAP_POINT = "_map_point"  # same key as ui.corrections.MAP_POINT
MAP_KEY = "map"


@st.cache_resource(show_spinner=False)
def _install_assets() -> bool:
    from layers.assets import install_assets

    install_assets(STATIC)
    return True


def prepare_assets() -> None:
    """Copy Leaflet & co. next to the app (once per server process) and point folium at them (every run:
    it only sets class attributes, and a reloaded ``layers`` module would otherwise fall back to relative
    URLs that 404 inside the component, leaving a blank map)."""
    from layers.assets import use_local_assets

    _install_assets()
    use_local_assets(ASSET_URL)


@st.cache_resource(show_spinner=False, max_entries=8)
def _base_map(version: str, _sv: StoreView, color_by: str = "claimant", online_tiles: bool = False) -> object:
    from layers.datafiles import externalize
    from layers.legend import COLOR_COLUMN
    from layers.mapbuild import base_map

    # legend and layer switcher collapsed: expanded, they cover a third of the map and its popups
    m = base_map(None, legend_collapsed=True, layers_collapsed=True, color_by=color_by,
                 online_tiles=online_tiles, url_state=True, story=storeq.story_places(_sv),
                 legend_counts=storeq.group_counts(_sv, COLOR_COLUMN[color_by]))
    # outlines, borders and town names as cacheable files: Streamlit re-sends the map's script on every
    # rerun (each slider step), the browser runs it once
    externalize(m, STATIC / "vendor", ASSET_URL)
    return m


# Once the map and its markers are drawn (a task after streamlit-folium ran the map's script and the layer),
# report to the server: this rerun draws the rest of a session's first page (``ui.mapfirst``). streamlit-folium
# itself reports only changes from its default value, so a freshly drawn map would otherwise stay silent.
# Only the map a map-only run mounted asks (``DRAWN_KEY`` in the returned objects it was mounted with: that
# list is no part of the map's key, so the script, and the map, stay the same): a map remounted later (new data,
# colours) must not rerun the page, which would drop the messages of the run that remounted it. That same map
# keeps ``DRAWN_KEY`` on later runs (its script, which asks, ran once, when it was mounted): its arguments stay
# byte for byte the same, so Streamlit sends the browser a reference to the message it holds, not the map again.
DRAWN_KEY = "drawn"
DRAWN_SIGNAL = """setTimeout(function () {
    var g = window.__GLOBAL_DATA__;
    if (window.Streamlit && g && (g.returned_objects || []).indexOf("DRAWN_KEY") >= 0)
        window.Streamlit.setComponentValue(Object.assign({}, g.previous_data, {DRAWN_KEY: true}));
}, 0);""".replace("DRAWN_KEY", DRAWN_KEY)


DRAWN_MAP = "_drawn_map"  # the base map (its cache key) a map-only run mounted


def _asks_when_drawn(version: str, color_by: str, online_tiles: bool) -> bool:
    """Whether this run's map carries ``DRAWN_KEY``: the map a map-only run mounts, and that same map on every
    later run (identical arguments: no second copy sent), never a map mounted later by new data or colours."""
    ident = (version, color_by, bool(online_tiles))
    if map_only():
        st.session_state[DRAWN_MAP] = ident
    return st.session_state.get(DRAWN_MAP) == ident


def _drawn_signal() -> object:
    """A map element whose script is ``DRAWN_SIGNAL`` (the same text on every run: the map is not remounted)."""
    from branca.element import MacroElement
    from jinja2 import Template

    el = MacroElement()
    el._template = Template("{% macro script(this, kwargs) %}" + DRAWN_SIGNAL + "{% endmacro %}")
    return el


LAYER_KEYS = ("day", "window", "days", "basis", "outlets", "claimants", "countries", "place", "query",
              "min_confidence", "only_conflicts")


@st.cache_resource(show_spinner=False, max_entries=32)
def _layer_parts(version: str, key: tuple, color_by: str, _sv: StoreView, _state: ViewState,
                 _view: pd.DataFrame | None) -> tuple:
    """The time layer's elements as (class, payload JSON, options JSON), per data version and view: ten
    sessions opening the same view build it once; a slider step back to a day seen before costs nothing."""
    from layers.arcs import article_places
    from layers.datafiles import publish_json
    from layers.elements import SitmapElement
    from layers.mapbuild import aggregate_layers, time_layers

    # where each article places a movement that ends at a whole country: once per generation, not per step
    placed = _sv.memo(("article_places",), lambda: article_places(storeq.movement_context(_sv)))
    # popup claims are fetched when a popup opens, not sent with every step
    publish = functools.partial(publish_json, static_dir=STATIC / "vendor", base_url=ASSET_URL)
    if _view is None:  # more rows in view than the browser should get: per-place aggregates
        agg = mapquery.aggregate(_sv, _state, color_by)
        layer = aggregate_layers(agg, basis=_state.basis, color_by=color_by, placed=placed, publish_items=publish)
    else:
        layer = time_layers(_view, basis=_state.basis, color_by=color_by, placed=placed, publish_items=publish)
    return tuple((type(el), el.payload_json, el.options) for el in layer._children.values()
                 if isinstance(el, SitmapElement))


def time_layer(sv: StoreView, view: pd.DataFrame | None, state: ViewState, version: str,
               color_by: str = "claimant") -> object:
    """A fresh ``folium.FeatureGroup`` with the (cached) layers of the view: ``view`` holds its rows, or is
    None when there are too many (the layer is then built from aggregates)."""
    import folium

    key = tuple(getattr(state, k) for k in LAYER_KEYS)
    fg = folium.FeatureGroup(name="sitmap claims", control=False)
    for cls, payload, options in _layer_parts(version, key, color_by, sv, state, view):
        cls.from_json(payload, options).add_to(fg)
    return fg


def nearest_event(view: pd.DataFrame, lat: float, lon: float, place_name: str = "") -> str | None:
    """The event in view a click points at: among the events of the clicked place (its popup's first line,
    when known), the one nearest the click; markers sit exactly on their place's coordinates. Only rows
    drawn as markers count (not a claimant's place, nor an origin already shown as an arc's tail)."""
    pts = view.loc[mapped_mask(view)] if not view.empty else view
    named = pts.loc[pts["place_name"] == place_name] if place_name else pts.iloc[0:0]
    pts = named if not named.empty else pts
    if pts.empty:
        return None
    scale = math.cos(math.radians(lat))
    d2 = (pts["lat"].to_numpy() - lat) ** 2 + ((pts["lon"].to_numpy() - lon) * scale) ** 2
    best = pts.iloc[int(np.argmin(d2))]
    # several claims at one place: prefer the most recent one there
    same = pts.loc[(pts["lat"] == best["lat"]) & (pts["lon"] == best["lon"])]
    return str(same.sort_values("event_date", ascending=False, na_position="last")["event_id"].iloc[0])


def click_to_selection(returned: dict | None, nearest: Callable[[float, float, str], str | None]) -> str | None:
    """The event a new map click points at (``nearest(lat, lon, place name)``: ``nearest_event`` in SQL,
    ``data.view.storeq.nearest``), or None when there is no new click."""
    if not returned:
        return None
    point = returned.get("last_clicked")  # the map's background: where "pin here" puts a place
    if point and "lat" in point:
        st.session_state[MAP_POINT] = (round(float(point["lat"]), 5), round(float(point["lng"]), 5))
    click = returned.get("last_object_clicked")
    if not click or "lat" not in click:
        return None
    popup = str(returned.get("last_object_clicked_popup") or "")
    marker = (round(float(click["lat"]), 6), round(float(click["lng"]), 6), popup)
    if st.session_state.get("_last_click") == marker:
        return None
    st.session_state["_last_click"] = marker
    name = popup.strip().split("\n", 1)[0].strip()
    return nearest(float(click["lat"]), float(click["lng"]), name)


def show_map(sv: StoreView, view: pd.DataFrame | None, state: ViewState, version: str, height: int = 660,
             color_by: str = "claimant", online_tiles: bool = False) -> str | None:
    """Draw the map (markers coloured by claimant side or claim kind; OpenStreetMap tiles only when
    ``online_tiles``); returns the event id of a new click, if any."""
    try:
        prepare_assets()
        import layers.mapbuild  # noqa: F401 - the layers load here, or the map says why not
    except (ImportError, RuntimeError, OSError) as exc:  # layers missing or assets not installable
        st.error(f"The map cannot be drawn: {exc}")
        return None
    from streamlit_folium import st_folium

    # st_folium adds the feature group to the map object it is given: hand it a copy, so the cached base map
    # (shared by every session) never carries a previous run's layers into the JS it hashes.
    base = copy.deepcopy(_base_map(version, sv, color_by, online_tiles))
    _drawn_signal().add_to(base)
    layer = time_layer(sv, view, state, version, color_by)
    note_map_sent()
    returned = st_folium(base, key=MAP_KEY, height=height, use_container_width=True,
                         returned_objects=CLICK_KEYS + ([DRAWN_KEY] if _asks_when_drawn(version, color_by,
                                                                                          online_tiles) else []),
                         feature_group_to_add=layer, on_change=interaction())
    return click_to_selection(returned, lambda lat, lon, name: storeq.nearest(sv, state, lat, lon, name))
