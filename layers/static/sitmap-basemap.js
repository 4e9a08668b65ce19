/* sitmap-basemap.js: the offline basemap's detail around the story: town names by zoom and detailed
   borders (written for this project; loaded after sitmap.js, whose helpers it uses). */
(function () {
  "use strict";
  var S = window.sitmap, U = S.util;
  var esc = U.esc, listen = U.listen;

  /* ---------- country outlines (the offline basemap) ---------- */
  /* Liang-Barsky: the part [t0, t1] of the segment a-b ([lon, lat]) inside box [w, s, e, n], or null */
  function clipT(a, b, box) {
    var dx = b[0] - a[0], dy = b[1] - a[1], t0 = 0, t1 = 1;
    var p = [-dx, dx, -dy, dy], q = [a[0] - box[0], box[2] - a[0], a[1] - box[1], box[3] - a[1]];
    for (var k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return null; continue; }
      var r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) return null; if (r > t0) t0 = r; }
      else { if (r < t0) return null; if (r < t1) t1 = r; }
    }
    return t1 > t0 ? [t0, t1] : null;
  }
  /* the parts of a ring ([lon, lat] points) outside every box, as lines of [lat, lng] (pushed to ``out``) */
  function outside(ring, boxes, out) {
    var cur = null;
    function at(a, b, t) { return [a[1] + t * (b[1] - a[1]), a[0] + t * (b[0] - a[0])]; }
    for (var i = 0; i + 1 < ring.length; i++) {
      var a = ring[i], b = ring[i + 1], cut = [], k;
      for (k = 0; k < boxes.length; k++) { var c = clipT(a, b, boxes[k]); if (c) cut.push(c); }
      cut.sort(function (x, y) { return x[0] - y[0]; });
      var t = 0, pieces = [];
      for (k = 0; k < cut.length; k++) { if (cut[k][0] > t) pieces.push([t, cut[k][0]]); if (cut[k][1] > t) t = cut[k][1]; }
      if (t < 1) pieces.push([t, 1]);
      for (k = 0; k < pieces.length; k++) {
        if (cur && pieces[k][0] === 0) cur.push(at(a, b, pieces[k][1]));
        else { if (cur) out.push(cur); cur = [at(a, b, pieces[k][0]), at(a, b, pieces[k][1])]; }
        if (pieces[k][1] < 1) { out.push(cur); cur = null; }
      }
      if (!pieces.length && cur) { out.push(cur); cur = null; }
    }
    if (cur) out.push(cur);
  }
  /* every country's outline as lines, less the parts inside ``boxes`` (where the detailed borders are):
     {cc: [[lat, lng]...]...} */
  function roughLines(data, boxes) {
    var by = {};
    (data.features || []).forEach(function (f) {
      var g = f.geometry, cc = (f.properties && f.properties.cc) || "", polys;
      if (!g) return;
      polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      var into = by[cc] || (by[cc] = []);
      polys.forEach(function (poly) { poly.forEach(function (ring) { outside(ring, boxes, into); }); });
    });
    return by;
  }
  S.roughLines = roughLines;
  /* the lines of country ``cc`` that the borders layers know ([lat, lng] lines): what a conflict on a whole
     country is drawn along from the detailed zoom on (sitmap.js) */
  S.countryLines = function (map, cc) {
    var st = U.state(map), d = (st.lines && st.lines.detail[cc]) || [], r = (st.lines && st.lines.rough[cc]) || [];
    return d.concat(r);
  };
  function lines(map) {
    var st = U.state(map);
    return st.lines || (st.lines = { detail: {}, rough: {} });
  }
  S.basemap = function (map, parent, data, opts) {
    if (!map.getPane("sitmapBase")) map.createPane("sitmapBase").style.zIndex = 150;
    map.getContainer().style.background = opts.sea || "#dbe7f0";
    var layer = L.geoJSON(data, {
      pane: "sitmapBase", interactive: false,
      style: function () { return { color: "#8d8d8d", weight: 0.7, fillColor: opts.land || "#f3f0e8", fillOpacity: 1 }; }
    });
    if (opts.strokeBelow) {
      /* from this zoom the detailed borders draw the edges inside their boxes; everywhere else (wherever the
         user pans) the outlines' own lines, cut out of those boxes: one border line per place and zoom */
      var st = U.state(map), by = roughLines(data, opts.detail || []), all = [];
      lines(map).rough = by;
      st.detailZoom = opts.strokeBelow;
      for (var cc in by) if (by[cc].length) all.push(L.polyline(by[cc], { pane: "sitmapBase", interactive: false,
        color: "#8d8d8d", weight: 0.7, opacity: 1, fill: false, className: "sm-rough" }));
      var rough = L.layerGroup(all), stroked = null, sync = function () {
        var on = map.getZoom() < opts.strokeBelow, show = !on && map.hasLayer(layer);
        if (show !== map.hasLayer(rough)) { if (show) rough.addTo(map); else map.removeLayer(rough); }
        if (on === stroked) return;
        stroked = on; layer.setStyle({ stroke: on });
        /* country tints' rough edges too (sitmap.css: .sm-detail-zoom); conflict lines (sitmap.js) */
        L.DomUtil[on ? "removeClass" : "addClass"](map.getContainer(), "sm-detail-zoom");
        map.fire("sitmap:detail", { on: !on });
      };
      listen(map, layer, "zoomend", sync);
      layer.on("add", function () { setTimeout(sync, 0); });
      layer.on("remove", function () { map.removeLayer(rough); });
      map.whenReady(sync);
    }
    return S.register(map, layer, opts.name || "Country outlines", true, parent);
  };

  /* ---------- detailed borders and coasts around the story (zoomed in) ---------- */
  S.borders = function (map, parent, data, opts) {
    if (!map.getPane("sitmapBase")) map.createPane("sitmapBase").style.zIndex = 150;
    var look = opts.style || { color: "#6d6d6d", weight: 1.3, opacity: 0.9, className: "sitmap-borders" };
    var lines_ = L.geoJSON(data, { pane: "sitmapBase", interactive: false,
      style: function () { return L.Util.extend({ fill: false }, look); } });
    if (opts.countries) { /* kept per country: a conflict about a whole country is drawn along them */
      var into = lines(map).detail;
      lines_.eachLayer(function (l) {
        var cc = l.feature && l.feature.properties && l.feature.properties.cc;
        if (!cc) return;
        var ll = l.getLatLngs(), list = into[cc] || (into[cc] = []);
        if (ll.length && !(ll[0] instanceof L.LatLng)) ll.forEach(function (x) { list.push(x); }); else list.push(ll);
      });
    }
    var holder = L.layerGroup(), min = opts.minZoom || 6;
    function sync() {
      var on = map.getZoom() >= min;
      if (on && !holder.hasLayer(lines_)) holder.addLayer(lines_);
      if (!on && holder.hasLayer(lines_)) holder.removeLayer(lines_);
    }
    listen(map, holder, "zoomend", sync);
    map.whenReady(sync);
    return S.register(map, holder, opts.name || "Borders and coasts (detailed)", true, parent);
  };

  /* ---------- town labels (offline, from the gazetteer) ---------- */
  /* What labels must not go under, in container pixels: the markers and clusters (their anchor point and
     whether they are a cluster: a town with its own marker gets its name beside it, a town under a cluster or
     under another place's marker gets none) and the map's controls (zoom, layers, legend, scale). */
  function obstacles(map) {
    var c = map.getContainer(), r0 = c.getBoundingClientRect(), out = { marks: [], ctrls: [] };
    function rect(e, pad) {
      var r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? [r.left - r0.left - pad, r.top - r0.top - pad, r.right - r0.left + pad,
                                           r.bottom - r0.top + pad] : null;
    }
    map.eachLayer(function (l) {
      if (!l._icon || !l.getLatLng || (l.options.pane && l.options.pane !== "markerPane")) return;
      var b = rect(l._icon, 2);
      if (!b) return;
      var a = map.latLngToContainerPoint(l.getLatLng());
      b.x = a.x; b.y = a.y; b.cluster = typeof l.getChildCount === "function";
      b.name = l.sitmapPlace ? String(l.sitmapPlace.name).toLowerCase() : "";
      out.marks.push(b);
    });
    var els = c.querySelectorAll(".leaflet-control-container .leaflet-control");
    for (var i = 0; i < els.length; i++) { var b = rect(els[i], 2); if (b) out.ctrls.push(b); }
    return out;
  }
  function hits(list, x0, y0, x1, y1, named) {
    var first = null;
    for (var k = 0; k < list.length; k++) {
      var o = list[k];
      if (x0 < o[2] && x1 > o[0] && y0 < o[3] && y1 > o[1]) {
        if (!named || o.name === named) return o; /* the town's own marker, when one of the hits is */
        if (!first) first = o;
      }
    }
    return first;
  }
  /* a label's text width in pixels, measured in the labels' own font (a guess per character let long names
     run into their neighbours) */
  var measure = null, widths = {};
  function textWidth(s, big) {
    var key = (big ? "b" : "n") + s;
    if (widths[key] === undefined) {
      if (!measure) measure = document.createElement("canvas").getContext("2d");
      if (measure) measure.font = big ? "600 12px system-ui, sans-serif" : "11px system-ui, sans-serif";
      widths[key] = measure ? Math.ceil(measure.measureText(s).width) + 1 : 7 * s.length;
    }
    return widths[key];
  }
  var GAP = 4; /* free pixels kept between two names */
  S.towns = function (map, parent, data, opts) {
    if (!map.getPane("sitmapLabels")) {
      var pane = map.createPane("sitmapLabels");
      pane.style.zIndex = 450; pane.style.pointerEvents = "none";
    }
    var layer = L.layerGroup(), lat = data.lat || [], lon = data.lon || [], name = data.name || [], z = data.z || [];
    var max = opts.max || 220;
    function draw() {
      layer.clearLayers();
      if (!map._loaded) return;
      var zoom = map.getZoom(), b = map.getBounds().pad(0.05), size = map.getSize(), grid = {}, placed = 0;
      var obs = obstacles(map);
      function free(x0, y0, x1, y1, mark) { /* 40 px cells: a label occupies the cells its box touches */
        for (var gx = Math.floor(x0 / 40); gx <= Math.floor(x1 / 40); gx++)
          for (var gy = Math.floor(y0 / 40); gy <= Math.floor(y1 / 40); gy++) {
            var boxes = grid[gx + ":" + gy] || (grid[gx + ":" + gy] = []);
            if (!mark) { for (var k = 0; k < boxes.length; k++) { var o = boxes[k];
              if (x0 < o[2] && x1 > o[0] && y0 < o[3] && y1 > o[1]) return false; } }
            else boxes.push([x0, y0, x1, y1]);
          }
        return true;
      }
      for (var i = 0; i < lat.length && placed < max; i++) {
        if (z[i] > zoom) continue;
        var ll = L.latLng(lat[i], lon[i]);
        if (!b.contains(ll)) continue;
        var pt = map.latLngToContainerPoint(ll), big = z[i] <= 4, tw = textWidth(String(name[i]), big);
        var y0 = pt.y - 8, y1 = pt.y + 8, spots = [], x0, x1, k;
        /* the town's own marker (its name, at its place) covers its dot: the name goes to the right of it, past any badge beside it, or
           else to its left; a cluster or another place's marker over the dot hides the town (a name beside a
           cluster reads as the cluster's); any other name goes right of its dot, or left of it, or not at all */
        var under = hits(obs.marks, pt.x - 1, pt.y - 1, pt.x + 1, pt.y + 1, String(name[i]).toLowerCase());
        if (under && (under.cluster || under.name !== String(name[i]).toLowerCase() ||
                      Math.abs(under.x - pt.x) > 12 || Math.abs(under.y - pt.y) > 12)) continue;
        if (!under) spots.push(pt.x - 3, pt.x - tw - 5); /* dot then name, or name then dot */
        else {
          x0 = under[2] + 2;
          for (var step = 0, o = under; o && step < 4; step++) { x0 = o[2] + 2; o = hits(obs.marks, x0, y0, x0 + tw, y1); }
          spots.push(x0, under[0] - 2 - tw);
        }
        for (k = 0; k < spots.length; k++) {
          x0 = spots[k]; x1 = x0 + (under ? tw : tw + 7);
          if (x0 < 0 || y0 < 0 || x1 > size.x || y1 > size.y || hits(obs.marks, x0, y0, x1, y1) ||
              hits(obs.ctrls, x0, y0, x1, y1) || !free(x0 - GAP, y0, x1 + GAP, y1, false)) continue;
          break;
        }
        if (k === spots.length) continue;
        free(x0, y0, x1, y1, true); placed++;
        var html = '<span class="sm-town-name">' + esc(name[i]) + "</span>";
        layer.addLayer(L.marker(ll, { pane: "sitmapLabels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "sm-town" + (big ? " sm-town-big" : "") + (under ? " sm-town-beside" : ""),
            iconSize: null, iconAnchor: [pt.x - x0, 8],
            html: under ? html : k ? html + '<span class="sm-town-dot sm-town-dot-r"></span>'
              : '<span class="sm-town-dot"></span>' + html }) }));
      }
    }
    /* markers come and go after moveend (chunked loading, a rerun's new places layer, the time window) and
       clusters slide into place (CSS transitions): place the names again when the marker pane settles */
    var pending = null, pane = map.getPane("markerPane");
    var seen = typeof MutationObserver === "function" ? new MutationObserver(soon) : null;
    function soon() { clearTimeout(pending); pending = setTimeout(draw, 50); }
    function later() { setTimeout(draw, 0); soon(); }
    listen(map, layer, "moveend", later);
    listen(map, layer, "sitmap:markers", soon);
    layer.on("add", function () {
      later(); pane.addEventListener("transitionend", soon);
      if (seen) seen.observe(pane, { childList: true });
    });
    layer.on("remove", function () { pane.removeEventListener("transitionend", soon); if (seen) seen.disconnect(); });
    map.whenReady(later);
    layer.sitmapDraw = draw;
    return S.register(map, layer, opts.name || "Town names", true, parent);
  };

})();
