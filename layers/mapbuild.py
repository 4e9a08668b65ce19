"""The whole map from the events table: base map (static) + time layers (what filters change).

``base_map`` holds what does not change with the time slider or filters (offline country
outlines, optional online tiles, the legend, the layer switcher, the initial view);
``time_layers`` returns one ``folium.FeatureGroup`` with the places, movement arcs, density
and (optionally) the in-map playback control: the dashboard hands it to ``st_folium`` as
``feature_group_to_add`` so the base map does not remount. ``build_map`` is both, for export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import folium
import pandas as pd

from data.events import empty_events, validate_events
from data.view.mapquery import MapAggregate
from layers import arcs, borders, elements, features, framing, legend, regions, timeline, towns
from layers.legend import ColorBy

OSM_TILES = {"name": "OpenStreetMap (online)", "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
             "attribution": "\u00a9 OpenStreetMap contributors"}


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    """The events table, checked (a clear ``SchemaError`` on a wrong table)."""
    if events is None:
        return empty_events()
    validate_events(events)
    return events


_BASE_OPTS = ("gazetteer", "outlines", "online_tiles", "color_by", "show_legend", "legend_collapsed", "layers_collapsed",
              "width", "height", "max_zoom", "basemap_tolerance", "url_state", "basemap_detail", "story",
              "legend_counts")
_TIME_OPTS = ("gazetteer", "outlines", "color_by", "basis", "cluster", "heat", "heat_on", "movements", "playback",
              "popup_max", "max_items", "name", "placed", "publish_items")


def _gazetteer(gazetteer: Any, outlines: bool) -> Any:
    return regions.resolve_gazetteer(gazetteer) if outlines else None


def base_map(events: pd.DataFrame | None, **opts: Any) -> folium.Map:
    """The base map: offline country outlines, legend, layer switcher, first view framing the story
    (``layers.framing``; with ``url_state`` the page's ``v=lat,lon,zoom`` query parameter holds pan and zoom).

    ``online_tiles=True`` adds OpenStreetMap tiles (the only thing that needs a network). Options and
    defaults: see ``_base_map``; an unknown option is a ``TypeError``.
    """
    return _base_map(_events(events), **opts)


def _base_map(ev: pd.DataFrame, *, gazetteer: Any = None, outlines: bool = True, online_tiles: bool = False,
              color_by: ColorBy = "claimant", show_legend: bool = True, legend_collapsed: bool = False,
              layers_collapsed: bool = False, width: str | int = "100%", height: str | int = "100%", max_zoom: int = 7,
              basemap_tolerance: float = regions.COUNTRY_TOLERANCE, url_state: bool = False,
              basemap_detail: bool = True, story: pd.DataFrame | None = None,
              legend_counts: dict[str, int] | None = None) -> folium.Map:
    """``story`` (drawn places with claim counts, ``framing.drawn_places``'s columns) and ``legend_counts`` (claims
    per colour group) stand in for the events table when the caller has summaries, not the table."""
    gaz = _gazetteer(gazetteer, outlines)
    m = folium.Map(location=[48.0, 40.0], zoom_start=3, tiles=None, width=width, height=height,
                   control_scale=True, world_copy_jump=True, min_zoom=1, max_zoom=18)
    places = framing.drawn_places(ev) if story is None else story
    bounds = framing.story_frame(places)  # where the story's claims are, not every marker
    fine = places.loc[places["precision"].isin(("point", "admin"))]
    near = [(float(r.lat), float(r.lon)) for r in fine.itertuples()]
    detail = gaz is not None and basemap_detail
    lines = borders.detailed_borders(gaz, near) if detail else {"features": []}
    if gaz is not None:  # one border line per zoom: the rough stroke gives way where the detailed lines show
        stroke = {"strokeBelow": borders.MIN_ZOOM, "detail": borders.detail_boxes(near)} if lines["features"] else {}
        elements.Basemap(regions.country_outlines(gaz, basemap_tolerance), stroke, name="Country outlines").add_to(m)
    if detail:
        if lines["features"]:
            elements.Borders(lines, {"minZoom": borders.MIN_ZOOM, "countries": True}, name="Borders and coasts (detailed)").add_to(m)
        inner = borders.admin1_borders(gaz, near)
        if inner["features"]:
            elements.Borders(inner, {"minZoom": borders.ADMIN1_MIN_ZOOM, "style": borders.ADMIN1_STYLE},
                             name=borders.ADMIN1_NAME).add_to(m)
        labels = towns.town_labels(gaz, bounds, near)
        if labels["name"]:
            elements.Towns(labels, name="Town names").add_to(m)
    if show_legend:
        values = (features.group_values(ev, color_by) if legend_counts is None
                  else [v for v, n in legend_counts.items() for _ in range(n)])
        spec = legend.legend_spec(values, color_by)
        elements.Legend(spec, {"collapsed": legend_collapsed}, name="Legend").add_to(m)
    tiles = [{**OSM_TILES, "on": True}] if online_tiles else []
    elements.Controls({"tiles": tiles, "bounds": bounds}, {"maxZoom": max_zoom, "collapsed": layers_collapsed,
                                                          "urlState": url_state},
                      name="Layers").add_to(m)
    return m


def time_layers(events: pd.DataFrame | None, **opts: Any) -> folium.FeatureGroup:
    """Places, arcs, density (and the playback control when ``playback``) for ``events``.

    Options and defaults: see ``_time_layers``; an unknown option is a ``TypeError``.
    """
    return _time_layers(_events(events), **opts)


def _time_layers(ev: pd.DataFrame, *, gazetteer: Any = None, outlines: bool = True,
                 color_by: ColorBy = "claimant", basis: str = "event", cluster: bool = True, heat: bool = True,
                 heat_on: bool = False, movements: bool = True, playback: bool = False, popup_max: int = 8,
                 max_items: int = features.MAX_ITEMS, name: str = "sitmap claims",
                 placed: pd.DataFrame | None = None,
                 publish_items: Callable[[str], str] | None = None) -> folium.FeatureGroup:
    """``placed``: ``arcs.article_places`` of the whole story (the dashboard's, once per store generation);
    ``publish_items``: popup claims on demand (``elements.PlacesLayer``)."""
    gaz = _gazetteer(gazetteer, outlines)
    fg = folium.FeatureGroup(name=name, control=False)
    data = features.place_features(ev, color_by=color_by, basis=basis, gazetteer=gaz, outlines=gaz is not None,
                                   max_items=max_items)
    elements.PlacesLayer(data.to_payload(), {"cluster": cluster, "heat": heat, "heatOn": heat_on,
                                             "popupMax": popup_max}, name="Places", publish_items=publish_items).add_to(fg)
    if movements:
        found = arcs.movement_arcs(ev, basis=basis, placed=placed)
        if found:
            elements.ArcsLayer(arcs.arcs_payload(found), name="Movements").add_to(fg)
    if playback:
        spec = timeline.timeline_spec(ev, basis=basis)
        if spec is not None:
            elements.Timeline(spec, name="Timeline").add_to(fg)
    return fg


def aggregate_layers(agg: MapAggregate, *, gazetteer: Any = None, outlines: bool = True,
                     color_by: ColorBy = "claimant", basis: str = "event", cluster: bool = True, heat: bool = True,
                     heat_on: bool = False, movements: bool = True, popup_max: int = 8,
                     name: str = "sitmap claims", placed: pd.DataFrame | None = None,
                     publish_items: Callable[[str], str] | None = None) -> folium.FeatureGroup:
    """``time_layers`` for a wide view from its aggregates (``data.view.mapquery``): one marker per place or
    grid cell, the popups' picked claims, arcs from the movement rows the aggregate read."""
    gaz = _gazetteer(gazetteer, outlines)
    fg = folium.FeatureGroup(name=name, control=False)
    data = features.aggregate_features(agg, color_by=color_by, basis=basis, gazetteer=gaz, outlines=gaz is not None)
    elements.PlacesLayer(data.to_payload(), {"cluster": cluster, "heat": heat, "heatOn": heat_on,
                                             "popupMax": popup_max}, name="Places", publish_items=publish_items).add_to(fg)
    if movements and len(agg.arc_rows):
        found = arcs.movement_arcs(agg.arc_rows, basis=basis, placed=placed)
        if found:
            elements.ArcsLayer(arcs.arcs_payload(found), name="Movements").add_to(fg)
    return fg


def build_map(events: pd.DataFrame | None, **opts: Any) -> folium.Map:
    """Base map and time layers together (playback on unless ``playback=False``)."""
    unknown = set(opts) - set(_BASE_OPTS) - set(_TIME_OPTS)
    if unknown:
        raise TypeError(f"build_map: unknown options {sorted(unknown)}")
    ev = _events(events)
    opts = {"playback": True, **opts}
    m = _base_map(ev, **{k: v for k, v in opts.items() if k in _BASE_OPTS})
    _time_layers(ev, **{k: v for k, v in opts.items() if k in _TIME_OPTS}).add_to(m)
    return m
