"""Pure builders from the events table to Folium layers. No Streamlit here.

Public API (the dashboard, the HTML export and the tests share it)
------------------------------------------------------------------
Assets (nothing is fetched from off the machine):

- ``layers.assets.install_assets(static_dir)``: copy Leaflet, jQuery, Leaflet.markercluster (from the
  XStatic packages) and our own ``sitmap.js``/``sitmap.css`` into ``static_dir/vendor/``; idempotent
  and cheap when current. For Streamlit: ``install_assets(Path(app.py).parent / "static")``.
- ``layers.assets.use_local_assets(base_url)``: point every folium class we use (``folium.Map``,
  ``MarkerCluster``, ``FastMarkerCluster`` and our elements) at ``base_url``, e.g.
  ``"/app/static/vendor"`` under Streamlit. Process-wide; ``layers.assets.local_assets(base_url)`` is
  the same as a context manager that restores the previous links.

Maps (``events`` is a table following ``data/events.py``; ``None`` or empty gives an empty map):

- ``layers.mapbuild.base_map(events, **opts) -> folium.Map``: offline country outlines, legend, layer
  switcher, view fitted to the events. Options: ``gazetteer`` (default: the default gazetteer; outlines
  are skipped with a warning if it cannot be opened), ``outlines``, ``online_tiles`` (OpenStreetMap,
  off by default), ``color_by`` ("claimant" | "kind"), ``show_legend``, ``width``, ``height``, ``max_zoom``.
- ``layers.mapbuild.time_layers(events, **opts) -> folium.FeatureGroup``: what the time slider and the
  filters change: places (clustered markers, region outlines, country tints), movement arcs, the claim
  density layer (off until switched on) and, with ``playback=True``, the in-map playback control. Pass it
  as ``st_folium(m, feature_group_to_add=fg, ...)`` so the base map does not remount. Options:
  ``gazetteer``, ``outlines``, ``color_by``, ``basis`` ("event" | "published"), ``cluster``, ``heat``,
  ``heat_on``, ``movements``, ``playback``, ``popup_max``, ``max_items``, ``placed`` (``arcs.article_places``
  of the whole story, so a slider step does not rank the articles' places again).
- ``layers.mapbuild.build_map(events, **opts) -> folium.Map``: both, playback on (for the export).
- ``layers.export.export_map(events, path, **opts) -> Path``: standalone HTML plus ``vendor/`` beside it.
  ``layers.export.render_html(events, base_url="vendor", **opts)`` returns the page as a string.

Clicks under streamlit-folium: ``last_object_clicked`` is the place's lat/lon (rounded to 5 decimals)
and ``last_object_clicked_tooltip`` reads ``"<place name> · <n> claims"``.

Plain data underneath (testable without a browser): ``layers.features.place_features`` (events ->
GeoJSON-like place features aggregated per place and period, popup items within a budget, outlines),
``layers.arcs.movement_arcs``, ``layers.borders`` (detailed and approximate first-level borders near the
story), ``layers.timeline.timeline_spec``, ``layers.legend.legend_spec`` and
``layers.safe`` (how untrusted text is made inert for Jinja, JavaScript and HTML).
"""
