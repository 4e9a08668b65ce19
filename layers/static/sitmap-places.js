/* sitmap-places.js: the places layer of sitmap (written for this project; loaded after sitmap.js, whose
   helpers it uses; needs Leaflet 1.9, optionally Leaflet.markercluster): markers, outlines, tints, density
   and their popups. Untrusted strings only ever reach the page as text nodes or escaped HTML. */
(function () {
  "use strict";
  var S = window.sitmap, U = S.util;
  var el = U.el, esc = U.esc, color = U.color, state = U.state, listen = U.listen, safeUrl = U.safeUrl;
  var inWindow = U.inWindow, countIn = S.countIn;
  var PREC = { point: "town or city", admin: "region", vague: "vague region", country: "country" };

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
  /* Popup items sent on demand (the dashboard: ``itemsUrl``, a JSON file written per view, fetched when a
     popup first opens); an exported map has them inline (``items``). ``done`` runs once they are there. */
  function loadItems(ctx, done) {
    var url = ctx.itemsUrl;
    if (ctx.items || !url) { done(); return; }
    ctx.waiting = ctx.waiting || {};
    if (ctx.waiting[url]) { ctx.waiting[url].push(done); return; }
    ctx.waiting[url] = [done];
    var finish = function (items) {
      if (ctx.itemsUrl === url) ctx.items = items;
      var fns = ctx.waiting[url] || [];
      delete ctx.waiting[url];
      fns.forEach(function (fn) { fn(); });
    };
    fetch(url).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { finish(Array.isArray(items) ? items : []); }, function () { finish([]); });
  }
  function placePopup(rec, ctx, st, max, root) {
    var p = rec.p, items = ctx.items;
    while (root.firstChild) root.removeChild(root.firstChild);
    el("div", "sm-head", p.name || "Unnamed place", root);
    var sub = PREC[p.prec] || p.prec;
    if (p.approx) sub += ", approximate outline";
    if (p.region < 0 && (p.prec === "admin" || p.prec === "vague")) sub += ", outline unavailable";
    el("div", "sm-sub", sub + " \u00b7 " + rec.n + (rec.n === 1 ? " claim" : " claims") + " \u00b7 " + p.outlets +
       (p.outlets === 1 ? " outlet" : " outlets") + (p.conflict ? " \u00b7 conflicting figures" : ""), root);
    var shown = 0;
    if (!items) { /* fetched now, the popup filled when they arrive */
      el("div", "sm-more", "Loading the claims\u2026", root);
      loadItems(ctx, function () { if (ctx.items) rec.refillOpen(); });
      return root;
    }
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
  /* what a place's badge and its outline look like (besides the count): when these are unchanged between
     two reruns, the marker keeps its icon and the outline its shape */
  function iconSig(p) { return [p.name, p.prec, p.cc, p.color, p.outlets, !!p.conflict, !!p.approx].join("\u0001"); }
  function shapeSig(p) { return [p.name, p.prec, p.cc, p.color, !!p.conflict, !!p.approx, p.region >= 0].join("\u0001"); }
  function placeKey(p, c) { return p.id ? String(p.id) : String(p.name) + "@" + c[1] + "," + c[0]; }
  /* The places layer. On a rerun (streamlit-folium evaluates a new feature group with the same layer name
     and options) the existing layer takes the new data: its markers, keyed by place id, stay on the map and
     in the cluster; only those whose count, look or popup changed are updated, and those that come or go
     are added or removed, so a slider step's browser work scales with what changed. The layer sits on the
     map itself (not in streamlit-folium's feature group, which is removed before each rerun's script runs)
     and goes away when a rerun's feature group no longer has it. */
  function unregister(map, layer, name) {
    var st = state(map);
    if (!layer || st.overlays[name] !== layer) return;
    if (st.control) st.control.removeLayer(layer);
    if (map.hasLayer(layer)) map.removeLayer(layer);
    delete st.overlays[name];
    st.order = st.order.filter(function (x) { return x !== name; });
  }
  /* the packed rows Python sends (layers/wire.py) back into the GeoJSON features the layer reads */
  function unpack(d) {
    if (!d || !d.packed) return d;
    var keys = d.packed, colors = d.colors || [];
    var features = (d.rows || []).map(function (r) {
      var p = {};
      for (var i = 0; i < keys.length; i++) p[keys[i]] = r[i + 2];
      p.approx = !!p.approx; p.conflict = !!p.conflict; p.color = colors[p.color];
      return { type: "Feature", geometry: { type: "Point", coordinates: [r[0], r[1]] }, properties: p };
    });
    return { type: "FeatureCollection", features: features, items: d.items, itemsUrl: d.itemsUrl,
             outlines: (d.outlines || []).map(unpackGeometry), colorBy: d.colorBy };
  }
  /* a region outline as integer deltas (layers/wire.py pack_geometry) back into GeoJSON */
  function unpackGeometry(g) {
    if (!g || !g.d) return g;
    var scale = g.scale;
    var ring = function (d) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i + 1 < d.length; i += 2) { x += d[i]; y += d[i + 1]; out.push([x / scale, y / scale]); }
      return out;
    };
    var poly = function (p) { return p.map(ring); };
    return { type: g.type, coordinates: g.type === "MultiPolygon" ? g.d.map(poly) : poly(g.d) };
  }
  S.unpackPlaces = unpack;
  S.places = function (map, parent, data, opts) {
    data = unpack(data);
    var st = state(map), name = opts.name || "Places", heatName = opts.heatName || "Claim density";
    var sig = JSON.stringify(opts), old = st.overlays[name];
    if (old && old.sitmapUpdate && old.sitmapOpts === sig) {
      old.sitmapUpdate(data, parent);
      return old;
    }
    if (old && old.sitmapHeat) unregister(map, old.sitmapHeat, heatName);
    var ctx = { items: [], outlines: [] }, maxItems = opts.popupMax || 8;
    var clustered = opts.cluster !== false && typeof L.markerClusterGroup === "function";
    var unclusterZoom = opts.unclusterZoom || 8;
    var markers = clustered ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: opts.clusterRadius || 40,
      iconCreateFunction: clusterIcon, chunkedLoading: true, spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: unclusterZoom }) : L.featureGroup();
    var tints = L.featureGroup(), shapes = L.featureGroup();
    var group = L.featureGroup([tints, shapes, markers]);
    var heat = opts.heat ? L.featureGroup() : null;
    var recs = [], byKey = {}, gone = [];
    /* compact: at most 40% of a wide map (but readable on a phone), scrolling inside */
    function popOpts() {
      var popW = Math.round(Math.max(220, Math.min(320, 0.4 * map.getSize().x)));
      return { maxWidth: popW, minWidth: Math.min(200, popW), maxHeight: 260, className: "sitmap-popup",
               autoPanPadding: [12, 12] };
    }
    function makeRec(p, c, key) {
      var rec = { key: key, p: p, n: p.n, ll: L.latLng(c[1], c[0]), isig: iconSig(p), inCluster: false };
      /* Popups are DOM nodes filled with text nodes when they open (for the current time window).
         The marker's is an element and the outline's a function returning one: the two shapes
         streamlit-folium reads as ``last_object_clicked_popup`` (first line: the place name). */
      rec.mbox = el("div", "sm-popup"); rec.sbox = el("div", "sm-popup");
      el("div", "sm-head", p.name || "Unnamed place", rec.mbox);
      /* tooltips are strings (escaped), so streamlit-folium can report them on click */
      rec.tip = function () {
        var q = rec.p;
        return esc(q.name) + " \u00b7 " + rec.n + (rec.n === 1 ? " claim" : " claims") + (q.approx ? " (approximate)" : "");
      };
      /* a region's, area's or country's marker lies under the towns' (Leaflet stacks by latitude): its point
         can sit a few km from its chief town, and the town must stay clickable */
      rec.marker = L.marker(rec.ll, { icon: iconFor(p, p.n), sitmapN: p.n, riseOnHover: true, title: "",
                                      zIndexOffset: p.prec === "point" ? 0 : -100000 })
        .bindPopup(rec.mbox, popOpts()).bindTooltip(rec.tip())
        .on("popupopen", function (e) { placePopup(rec, ctx, st, maxItems, rec.mbox); e.popup.update(); })
        .on("popupopen popupclose", quietTip);
      rec.marker.sitmapPlace = p;
      rec.refillOpen = function () { /* an open popup shows the current data */
        if (rec.marker.isPopupOpen()) { placePopup(rec, ctx, st, maxItems, rec.mbox); rec.marker.getPopup().update(); }
        if (rec.shape && rec.shape.isPopupOpen()) { placePopup(rec, ctx, st, maxItems, rec.sbox); rec.shape.getPopup().update(); }
      };
      makeShape(rec);
      return rec;
    }
    function makeShape(rec) {
      var p = rec.p;
      rec.ssig = shapeSig(p); rec.areaOnly = false; rec.shape = null; rec.ring = null; rec.ringLayer = undefined;
      if (!(p.region >= 0 && ctx.outlines[p.region])) return;
      var country = p.prec === "country", wide = country || p.prec === "vague";
      /* a country or a vague area is drawn as what it is, a tinted area (no badge at its centroid,
         where nothing happened); a conflict rings the area itself */
      rec.areaOnly = wide;
      rec.shape = L.geoJSON(ctx.outlines[p.region], { style: {
        color: p.conflict ? "#d50000" : color(p.color), weight: p.conflict ? 2 : (wide ? 1 : 2), opacity: wide ? 0.7 : 0.9,
        dashArray: p.approx || p.prec === "vague" ? "6 5" : null,
        fillColor: color(p.color), fillOpacity: p.prec === "vague" ? 0.05 : (country ? 0.1 : 0.22),
        className: "sm-shape sm-shape-" + esc(p.prec) + (p.conflict ? " sm-shape-conflict" : "")
      } }).bindPopup(function () { return placePopup(rec, ctx, st, maxItems, rec.sbox); }, popOpts())
        .bindTooltip(rec.tip(), { sticky: true }).on("popupopen popupclose", quietTip);
      rec.shapeGroup = country ? tints : shapes;
      /* from the detailed zoom on the tint's rough edge is hidden (it strays from the detailed borders):
         a conflict about the whole country is drawn along the borders layers' lines of that country */
      if (country && p.conflict) rec.ring = function () {
        var ll = S.countryLines ? S.countryLines(map, rec.p.cc) : [];
        return ll.length ? L.polyline(ll, { color: "#d50000", weight: 2, opacity: 0.85, interactive: false,
                                           className: "sm-conflict-line" }) : null;
      };
    }
    function dropShape(rec) {
      if (!rec.shape) return;
      if (rec.ringLayer && rec.shapeGroup.hasLayer(rec.ringLayer)) rec.shapeGroup.removeLayer(rec.ringLayer);
      if (rec.shapeGroup.hasLayer(rec.shape)) rec.shapeGroup.removeLayer(rec.shape);
      rec.shape = null;
    }
    /* the new data: keep the markers of places still there (same id and position), update what changed */
    function update(d) {
      ctx.itemsUrl = d.itemsUrl || null; ctx.items = d.items || (ctx.itemsUrl ? null : []);
      ctx.outlines = d.outlines || [];
      var next = [], nextKey = {};
      (d.features || []).forEach(function (f, i) {
        var p = f.properties, c = f.geometry.coordinates, key = placeKey(p, c);
        if (nextKey[key]) key += "#" + i;
        var rec = byKey[key];
        if (rec && !nextKey[key] && rec.ll.lat === c[1] && rec.ll.lng === c[0]) {
          rec.p = p; rec.marker.sitmapPlace = p;
          var s = iconSig(p);
          if (s !== rec.isig) { rec.isig = s; rec.dirty = true; }
          if (p.n !== rec.n) rec.dirty = true;
          if (shapeSig(p) !== rec.ssig) { dropShape(rec); makeShape(rec); rec.dirty = true; }
          else if (rec.shape) rec.dirty = true; /* the outline's tooltip says the count */
          rec.refill = true; /* an open popup shows the new data (once the count is known) */
        } else {
          rec = makeRec(p, c, key);
          rec.dirty = true;
        }
        nextKey[key] = rec;
        next.push(rec);
      });
      recs.forEach(function (rec) {
        if (nextKey[rec.key] === rec) return;
        if (rec.inCluster) { gone.push(rec.marker); rec.inCluster = false; }
        dropShape(rec);
      });
      recs = next; byKey = nextKey;
    }
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
    /* the density circles, drawn only while the layer is shown (it is off by default) */
    var heatMax = 1, heatDirty = false;
    function drawHeat() {
      heatDirty = false;
      heat.clearLayers();
      recs.forEach(function (rec) {
        if (rec.n <= 0 || rec.areaOnly) return;
        var f = Math.sqrt(rec.n / heatMax);
        heat.addLayer(L.circleMarker(rec.ll, { radius: 10 + 30 * f, stroke: false, interactive: false, className: "sm-heat",
          fillColor: f > 0.66 ? "#b71c1c" : f > 0.33 ? "#f57c00" : "#fbc02d", fillOpacity: 0.18 + 0.3 * f }));
      });
    }
    if (heat) heat.on("add", function () { if (heatDirty) drawHeat(); });
    /* the counts for a time window: only markers whose count changed get a new icon; the cluster takes
       the markers that come and go and refreshes the clusters whose sums changed */
    function refresh(t0, t1) {
      var add = [], del = gone, changed = [], max = 1;
      gone = [];
      recs.forEach(function (rec) {
        var n = countIn(rec.p.t, t0, t1);
        if (n !== rec.n || rec.dirty) {
          rec.n = n;
          rec.dirty = false;
          rec.marker.setIcon(iconFor(rec.p, Math.max(n, 0)));
          rec.marker.setTooltipContent(rec.tip());
          if (rec.shape) rec.shape.setTooltipContent(rec.tip());
          if (rec.inCluster) changed.push(rec.marker);
        }
        rec.marker.options.sitmapN = n;
        if (rec.refill) {
          rec.refill = false;
          rec.refillOpen();
        }
        var want = n > 0 && !rec.areaOnly;
        if (want && !rec.inCluster) { add.push(rec.marker); rec.inCluster = true; }
        if (!want && rec.inCluster) { del.push(rec.marker); rec.inCluster = false; }
        if (rec.shape) {
          if (n > 0 && !rec.shapeGroup.hasLayer(rec.shape)) rec.shapeGroup.addLayer(rec.shape);
          if (n <= 0 && rec.shapeGroup.hasLayer(rec.shape)) rec.shapeGroup.removeLayer(rec.shape);
        }
        if (n > max) max = n;
      });
      if (clustered) {
        if (del.length) markers.removeLayers(del);
        if (add.length) markers.addLayers(add);
        if (changed.length) markers.refreshClusters(changed);
      } else {
        del.forEach(function (m) { markers.removeLayer(m); });
        add.forEach(function (m) { markers.addLayer(m); });
      }
      if (heat) { heatMax = max; heatDirty = true; if (map.hasLayer(heat)) drawHeat(); }
      rings();
      map.fire("sitmap:markers"); /* town names make room for them (sitmap-basemap.js) */
    }
    /* the layer lives as long as the latest feature group that drew it: when that group is removed and
       the rerun's script (run right after, synchronously) did not take the layer over, it goes too */
    function own(owner) {
      group.sitmapOwner = owner;
      if (!owner || owner === map || !owner.once) return;
      owner.once("remove", function () {
        setTimeout(function () {
          if (group.sitmapOwner !== owner || st.overlays[name] !== group) return;
          unregister(map, group, name);
          unregister(map, heat, heatName);
        }, 0);
      });
    }
    group.sitmapRefresh = refresh;
    group.sitmapOpts = sig;
    group.sitmapHeat = heat;
    group.sitmapUpdate = function (d, owner) { own(owner); update(unpack(d)); refresh(st.t0, st.t1); };
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
    own(parent);
    update(data);
    refresh(st.t0, st.t1);
    S.register(map, group, name, true, map);
    if (heat) S.register(map, heat, heatName, !!opts.heatOn, map);
    return group;
  };
})();
