/* sitmap.js: the map layers of sitmap and their shared helpers (written for this project; needs Leaflet 1.9;
   the places layer is in sitmap-places.js). Python hands every layer its data as inert JSON;
   untrusted strings only ever reach the page as text nodes or escaped HTML. */
(function () {
  "use strict";
  var S = (window.sitmap = window.sitmap || {});
  var DAY = 86400000;

  function iso(d) { return d === null || d === undefined ? "" : new Date(d * DAY).toISOString().slice(0, 10); }
  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"'`{}$]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s<>"'`\\]+$/i.test(u) ? u : ""; }
  function color(c) { return typeof c === "string" && /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#757575"; }
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== null && text !== undefined) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  S.iso = iso; S.esc = esc; S.safeUrl = safeUrl;

  function state(map) {
    /* without a tile layer Leaflet has no maxZoom, which markercluster needs */
    if (map.options.maxZoom === undefined) map.setMaxZoom(18);
    if (!map._sitmap) map._sitmap = { t0: null, t1: null, overlays: {}, order: [], control: null, singles: {} };
    return map._sitmap;
  }
  function inWindow(s, e, t0, t1) {
    if (s === null || s === undefined) return true; /* undated: always shown */
    if (t1 !== null && s > t1) return false;
    if (t0 !== null && (e === null || e === undefined ? s : e) < t0) return false;
    return true;
  }
  function countIn(t, t0, t1) {
    var n = 0;
    for (var i = 0; i < t.length; i++) if (inWindow(t[i][0], t[i][1], t0, t1)) n += t[i][2];
    return n;
  }
  S.countIn = countIn;

  S.setWindow = function (map, t0, t1) {
    var st = state(map);
    st.t0 = t0; st.t1 = t1;
    map.fire("sitmap:window", { t0: t0, t1: t1 });
  };

  /* Put a layer on the map (or its parent group) and in the layer switcher; a layer with
     the same name replaces the old one (streamlit-folium re-adds layers on every rerun). */
  S.register = function (map, layer, name, shown, parent) {
    var st = state(map);
    var old = st.overlays[name];
    if (old && old !== layer) {
      if (st.control) st.control.removeLayer(old);
      if (old._sitmapParent && old._sitmapParent.hasLayer(old)) old._sitmapParent.removeLayer(old);
      if (map.hasLayer(old)) map.removeLayer(old);
    }
    if (!st.overlays[name]) st.order.push(name);
    st.overlays[name] = layer;
    layer._sitmapParent = parent && parent !== map ? parent : null;
    if (shown) layer.addTo(parent || map);
    if (st.control) st.control.addOverlay(layer, name);
    return layer;
  };
  function single(map, key, control) { /* one legend / timeline per map */
    var st = state(map);
    if (st.singles[key]) map.removeControl(st.singles[key]);
    st.singles[key] = control;
    control.addTo(map);
    return control;
  }
  S.noop = function () { return null; };
  /* a map listener that lives only while ``layer`` is on the map (layers are replaced on reruns) */
  function listen(map, layer, type, fn) {
    map.on(type, fn);
    layer.on("remove", function () { map.off(type, fn); });
    layer.on("add", function () { map.off(type, fn); map.on(type, fn); });
  }

  /* ---------- movement arcs ---------- */
  /* an arrowhead of constant size on screen, at the end of a line, along its last segment */
  function headAt(map, line, px) {
    var n = line.length, tip = map.project(L.latLng(line[n - 1])), prev = map.project(L.latLng(line[n - 2]));
    var dx = tip.x - prev.x, dy = tip.y - prev.y, len = Math.sqrt(dx * dx + dy * dy);
    if (!len) return null;
    var ux = dx / len, uy = dy / len, bx = tip.x - ux * px, by = tip.y - uy * px, w = px * 0.55;
    return [L.latLng(line[n - 1]), map.unproject(L.point(bx - uy * w, by + ux * w)),
            map.unproject(L.point(bx + uy * w, by - ux * w))];
  }
  S.arcs = function (map, parent, data, opts) {
    var st = state(map), group = L.featureGroup(), col = color(opts.color || "#e65100");
    var recs = (data || []).map(function (a) {
      var w = Math.min(2 + Math.log2(1 + a.n), 7);
      var tip = esc(a.from) + " \u2192 " + esc(a.to) + " \u00b7 " + a.n + (a.n === 1 ? " claim" : " claims");
      var head = L.polygon(headAt(map, a.line, 10 + 2 * w) || a.head,
        { color: col, weight: 1, fillColor: col, fillOpacity: 0.95, className: "sm-arrow" });
      var g = L.featureGroup([L.polyline(a.line, { color: col, weight: w, opacity: 0.85, className: "sm-arc" }), head])
        .bindTooltip(tip, { sticky: true });
      return { a: a, g: g, head: head, px: 10 + 2 * w };
    });
    listen(map, group, "zoomend", function () {
      recs.forEach(function (r) { var h = headAt(map, r.a.line, r.px); if (h) r.head.setLatLngs(h); });
    });
    function refresh(t0, t1) {
      recs.forEach(function (r) {
        var on = countIn(r.a.t, t0, t1) > 0;
        if (on && !group.hasLayer(r.g)) group.addLayer(r.g);
        if (!on && group.hasLayer(r.g)) group.removeLayer(r.g);
      });
    }
    listen(map, group, "sitmap:window", function (e) { refresh(e.t0, e.t1); });
    group.on("add", function () { refresh(st.t0, st.t1); }); /* switched back on: catch up */
    refresh(st.t0, st.t1);
    return S.register(map, group, opts.name || "Movements", true, parent);
  };

  /* helpers the controls (sitmap-controls.js) share */
  S.util = { el: el, esc: esc, color: color, iso: iso, state: state, single: single, safeUrl: safeUrl, listen: listen,
             inWindow: inWindow };
})();
