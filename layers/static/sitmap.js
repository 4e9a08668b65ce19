/* sitmap.js: the map layers of sitmap (written for this project; needs Leaflet 1.9,
   optionally Leaflet.markercluster). Python hands every layer its data as inert JSON;
   untrusted strings only ever reach the page as text nodes or escaped HTML. */
(function () {
  "use strict";
  var S = (window.sitmap = window.sitmap || {});
  var DAY = 86400000;
  var PREC = { point: "town or city", admin: "region", vague: "vague region", country: "country" };

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

  /* ---------- popups ---------- */
  function itemNode(it, parent) {
    var box = el("div", "sm-item", null, parent);
    var meta = el("div", "sm-meta", null, box);
    el("b", null, it.o || "Outlet not stated", meta);
    if (it.p) el("span", null, " \u00b7 published " + it.p, meta);
    var when = el("div", "sm-when", null, box);
    if (it.d) {
      when.textContent = "Event date: " + it.d + " (" + (it.dp || "?") + ")" + (it.dt ? " \u201c" + it.dt + "\u201d" : "");
    } else {
      when.textContent = "Event date: not stated";
    }
    el("div", "sm-who", "Claimant: " + (it.c ? it.c + (it.cc ? " (" + it.cc + ")" : "") : "the outlet itself"), box);
    if (it.f && it.f.length) el("div", "sm-figs", "Figures: " + it.f.join("; "), box);
    var badges = el("div", "sm-badges", null, box);
    el("span", "sm-b sm-b-corr", it.co + (it.co === 1 ? " outlet" : " outlets") + ", " + it.cl +
       (it.cl === 1 ? " claimant" : " claimants"), badges);
    if (it.x) el("span", "sm-b sm-b-conf", "conflicting figures (" + it.x + ")", badges);
    if (it.k) el("span", "sm-b sm-b-kind", it.k, badges);
    var ex = el("blockquote", "sm-ex", null, box);
    var parts = it.ex || ["", "", ""];
    ex.appendChild(document.createTextNode(parts[0] || ""));
    if (parts[1]) el("mark", null, parts[1], ex);
    ex.appendChild(document.createTextNode(parts[2] || ""));
    var url = safeUrl(it.u);
    if (url) {
      var a = el("a", "sm-link", it.ti || url, box);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
    } else if (it.ti) {
      el("div", "sm-title", it.ti, box);
    }
  }
  function placePopup(rec, items, st, max, root) {
    var p = rec.p;
    while (root.firstChild) root.removeChild(root.firstChild);
    el("div", "sm-head", p.name || "Unnamed place", root);
    var sub = PREC[p.prec] || p.prec;
    if (p.approx) sub += ", approximate outline";
    if (p.region < 0 && (p.prec === "admin" || p.prec === "vague")) sub += ", outline unavailable";
    el("div", "sm-sub", sub + " \u00b7 " + rec.n + (rec.n === 1 ? " claim" : " claims") + " \u00b7 " + p.outlets +
       (p.outlets === 1 ? " outlet" : " outlets") + (p.conflict ? " \u00b7 conflicting figures" : ""), root);
    var shown = 0;
    for (var i = 0; i < p.items.length; i++) {
      var it = items[p.items[i]];
      if (!it || !inWindow(it.s, it.e, st.t0, st.t1)) continue;
      if (shown < max) { itemNode(it, root); shown++; }
    }
    if (rec.n > shown) el("div", "sm-more", (rec.n - shown) + " more claim(s) here in this period", root);
    return root;
  }

  /* ---------- places ---------- */
  function iconFor(p, n) {
    var size = Math.min(18 + Math.round(5 * Math.log2(1 + n)), 46);
    var text = (p.prec === "vague" ? "\u2248" : "") + (p.prec === "country" ? p.cc + " " : "") + n;
    var width = Math.max(size, 10 + 7 * text.length);
    var aria = esc(p.name) + ": " + n + (n === 1 ? " claim" : " claims");
    var html = '<div class="sm-dot" role="button" aria-label="' + aria + '" style="background:' + color(p.color) +
      ";width:" + width + "px;height:" + size + "px;line-height:" + (size - 4) + 'px">' + esc(text) + "</div>";
    if (p.outlets > 1) html += '<span class="sm-ob" title="distinct outlets">' + p.outlets + "</span>";
    return L.divIcon({
      className: "sitmap-icon sm-" + esc(p.prec || "point") + (p.conflict ? " sm-conflict" : ""),
      /* area badges sit up and to the right of their anchor, so a town of the same name (same
         coordinates, e.g. Kursk and Kursk Oblast) stays visible and clickable beside it */
      html: html, iconSize: [width, size],
      iconAnchor: p.prec === "point" ? [width / 2, size / 2] : [-6, size + 6],
      popupAnchor: p.prec === "point" ? [0, -size / 2] : [width / 2 + 6, -size - 6]
    });
  }
  /* while its popup is open a layer's tooltip stays hidden: it said the same and covered the marker */
  function quietTip(e) {
    var t = e.target.getTooltip && e.target.getTooltip();
    if (!t) return;
    if (e.type === "popupopen") { e.target.closeTooltip(); t.setOpacity(0); } else t.setOpacity(0.9);
  }
  function clusterIcon(cluster) {
    var n = 0, kids = cluster.getAllChildMarkers();
    for (var i = 0; i < kids.length; i++) n += kids[i].options.sitmapN || 0;
    var size = Math.min(26 + Math.round(4 * Math.log2(1 + n)), 56);
    return L.divIcon({ className: "sitmap-cluster", iconSize: [size, size],
      html: '<div style="width:' + size + "px;height:" + size + "px;line-height:" + size + 'px">' + n + "</div>" });
  }
  S.places = function (map, parent, data, opts) {
    var st = state(map), items = data.items || [], outlines = data.outlines || [];
    var maxItems = opts.popupMax || 8;
    var clustered = opts.cluster !== false && typeof L.markerClusterGroup === "function";
    var unclusterZoom = opts.unclusterZoom || 8;
    var markers = clustered ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: opts.clusterRadius || 40,
      iconCreateFunction: clusterIcon, chunkedLoading: true, spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: unclusterZoom }) : L.featureGroup();
    var tints = L.featureGroup(), shapes = L.featureGroup();
    var group = L.featureGroup([tints, shapes, markers]);
    var heat = opts.heat ? L.featureGroup() : null;
    var recs = (data.features || []).map(function (f) {
      var p = f.properties, c = f.geometry.coordinates, rec = { p: p, n: p.n, ll: L.latLng(c[1], c[0]) };
      /* Popups are DOM nodes filled with text nodes when they open (for the current time window).
         The marker's is an element and the outline's a function returning one: the two shapes
         streamlit-folium reads as ``last_object_clicked_popup`` (first line: the place name). */
      var mbox = el("div", "sm-popup"), sbox = el("div", "sm-popup");
      el("div", "sm-head", p.name || "Unnamed place", mbox);
      /* compact: at most 40% of a wide map (but readable on a phone), scrolling inside */
      var popW = Math.round(Math.max(220, Math.min(320, 0.4 * map.getSize().x)));
      var popOpts = { maxWidth: popW, minWidth: Math.min(200, popW), maxHeight: 260, className: "sitmap-popup",
                      autoPanPadding: [12, 12] };
      /* tooltips are strings (escaped), so streamlit-folium can report them on click */
      rec.tip = function () {
        return esc(p.name) + " \u00b7 " + rec.n + (rec.n === 1 ? " claim" : " claims") + (p.approx ? " (approximate)" : "");
      };
      var tip = rec.tip();
      rec.marker = L.marker(rec.ll, { icon: iconFor(p, p.n), sitmapN: p.n, riseOnHover: true, title: "" })
        .bindPopup(mbox, popOpts).bindTooltip(tip)
        .on("popupopen", function (e) { placePopup(rec, items, st, maxItems, mbox); e.popup.update(); })
        .on("popupopen popupclose", quietTip);
      rec.marker.sitmapPlace = p;
      if (p.region >= 0 && outlines[p.region]) {
        var country = p.prec === "country", wide = country || p.prec === "vague";
        /* a country or a vague area is drawn as what it is, a tinted area (no badge at its centroid,
           where nothing happened); a conflict rings the area itself */
        rec.areaOnly = wide;
        rec.shape = L.geoJSON(outlines[p.region], { style: {
          color: p.conflict ? "#d50000" : color(p.color), weight: p.conflict ? 2 : (wide ? 1 : 2), opacity: wide ? 0.7 : 0.9,
          dashArray: p.approx || p.prec === "vague" ? "6 5" : null,
          fillColor: color(p.color), fillOpacity: p.prec === "vague" ? 0.05 : (country ? 0.1 : 0.22),
          className: "sm-shape sm-shape-" + esc(p.prec) + (p.conflict ? " sm-shape-conflict" : "")
        } }).bindPopup(function () { return placePopup(rec, items, st, maxItems, sbox); }, popOpts)
          .bindTooltip(tip, { sticky: true }).on("popupopen popupclose", quietTip);
        rec.shapeGroup = country ? tints : shapes;
        /* from the detailed zoom on the tint's rough edge is hidden (it strays from the detailed borders):
           a conflict about the whole country is drawn along the borders layers' lines of that country */
        if (country && p.conflict) rec.ring = function () {
          var ll = S.countryLines ? S.countryLines(map, p.cc) : [];
          return ll.length ? L.polyline(ll, { color: "#d50000", weight: 2, opacity: 0.85, interactive: false,
                                             className: "sm-conflict-line" }) : null;
        };
      }
      return rec;
    });
    /* each country's conflict line: shown with its tint, from the detailed zoom on */
    function rings() {
      var detail = st.detailZoom && map.getZoom() >= st.detailZoom;
      recs.forEach(function (rec) {
        if (!rec.ring) return;
        var on = detail && rec.n > 0 && rec.shapeGroup.hasLayer(rec.shape);
        if (on && rec.ringLayer === undefined) rec.ringLayer = rec.ring();
        if (!rec.ringLayer) return;
        if (on && !rec.shapeGroup.hasLayer(rec.ringLayer)) rec.shapeGroup.addLayer(rec.ringLayer);
        if (!on && rec.shapeGroup.hasLayer(rec.ringLayer)) rec.shapeGroup.removeLayer(rec.ringLayer);
      });
    }
    function refresh(t0, t1) {
      var add = [];
      markers.clearLayers();
      var max = 1;
      recs.forEach(function (rec) {
        var n = countIn(rec.p.t, t0, t1);
        if (n !== rec.n) {
          rec.n = n;
          rec.marker.setIcon(iconFor(rec.p, Math.max(n, 0)));
          rec.marker.setTooltipContent(rec.tip());
          if (rec.shape) rec.shape.setTooltipContent(rec.tip());
        }
        rec.marker.options.sitmapN = n;
        if (n > 0 && !rec.areaOnly) add.push(rec.marker);
        if (rec.shape) {
          if (n > 0 && !rec.shapeGroup.hasLayer(rec.shape)) rec.shapeGroup.addLayer(rec.shape);
          if (n === 0 && rec.shapeGroup.hasLayer(rec.shape)) rec.shapeGroup.removeLayer(rec.shape);
        }
        if (n > max) max = n;
      });
      if (clustered) markers.addLayers(add); else add.forEach(function (m) { markers.addLayer(m); });
      if (heat) {
        heat.clearLayers();
        recs.forEach(function (rec) {
          if (rec.n <= 0 || rec.areaOnly) return;
          var f = Math.sqrt(rec.n / max);
          heat.addLayer(L.circleMarker(rec.ll, { radius: 10 + 30 * f, stroke: false, interactive: false, className: "sm-heat",
            fillColor: f > 0.66 ? "#b71c1c" : f > 0.33 ? "#f57c00" : "#fbc02d", fillOpacity: 0.18 + 0.3 * f }));
        });
      }
      rings();
      map.fire("sitmap:markers"); /* town names make room for them (sitmap-basemap.js) */
    }
    group.sitmapRefresh = refresh;
    listen(map, group, "sitmap:window", function (e) { refresh(e.t0, e.t1); });
    listen(map, group, "zoomend", rings);
    group.on("add", function () { refresh(st.t0, st.t1); }); /* switched back on: catch up */
    /* show the marker of the first place whose name matches: centre on it at a zoom where nothing
       clusters. Leaflet ignores setView while a zoom animation runs (e.g. the initial fitBounds),
       and markercluster's zoomToShowLayer then never calls back, so wait for the animation first. */
    group.sitmapReveal = function (test, done) {
      var rec = null;
      for (var i = 0; i < recs.length && !rec; i++) if (recs[i].n > 0 && !recs[i].areaOnly && test(recs[i].p)) rec = recs[i];
      if (!rec) return false;
      var go = function () {
        map.setView(rec.ll, Math.max(map.getZoom(), clustered ? unclusterZoom : 0), { animate: false });
        setTimeout(function () { done(rec.marker); }, 0);
      };
      if (map._animatingZoom) map.once("zoomend", function () { setTimeout(go, 0); }); else go();
      return true;
    };
    refresh(st.t0, st.t1);
    S.register(map, group, opts.name || "Places", true, parent);
    if (heat) S.register(map, heat, opts.heatName || "Claim density", !!opts.heatOn, parent);
    return group;
  };

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
  S.util = { el: el, esc: esc, color: color, iso: iso, state: state, single: single, safeUrl: safeUrl, listen: listen };
})();
