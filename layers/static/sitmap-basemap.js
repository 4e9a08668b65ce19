/* sitmap-basemap.js: the offline basemap's detail around the story: town names by zoom and detailed
   borders (written for this project; loaded after sitmap.js, whose helpers it uses). */
(function () {
  "use strict";
  var S = window.sitmap, U = S.util;
  var esc = U.esc, listen = U.listen;

  /* ---------- detailed borders and coasts around the story (zoomed in) ---------- */
  S.borders = function (map, parent, data, opts) {
    if (!map.getPane("sitmapBase")) map.createPane("sitmapBase").style.zIndex = 150;
    var look = opts.style || { color: "#6d6d6d", weight: 1.3, opacity: 0.9, className: "sitmap-borders" };
    var lines = L.geoJSON(data, { pane: "sitmapBase", interactive: false,
      style: function (f) { /* the basemap's rough lines beyond the detailed boxes: its grey */
        return L.Util.extend({ fill: false }, look, f && f.properties && f.properties.rough
          ? { color: "#8d8d8d", weight: 0.7, opacity: 1, dashArray: null } : {}); } });
    var holder = L.layerGroup(), min = opts.minZoom || 6;
    function sync() {
      var on = map.getZoom() >= min;
      if (on && !holder.hasLayer(lines)) holder.addLayer(lines);
      if (!on && holder.hasLayer(lines)) holder.removeLayer(lines);
    }
    listen(map, holder, "zoomend", sync);
    map.whenReady(sync);
    return S.register(map, holder, opts.name || "Borders and coasts (detailed)", true, parent);
  };

  /* ---------- town labels (offline, from the gazetteer) ---------- */
  /* What labels must not go under, in container pixels: the markers and clusters (a town with a marker gets
     its name beside it) and the map's controls (zoom, layers, legend, scale). */
  function obstacles(map) {
    var c = map.getContainer(), r0 = c.getBoundingClientRect(), out = { marks: [], ctrls: [] };
    function boxes(sel, into) {
      var els = c.querySelectorAll(sel);
      for (var i = 0; i < els.length; i++) {
        var r = els[i].getBoundingClientRect();
        if (r.width > 0 && r.height > 0)
          into.push([r.left - r0.left - 2, r.top - r0.top - 2, r.right - r0.left + 2, r.bottom - r0.top + 2]);
      }
    }
    boxes(".leaflet-marker-pane .leaflet-marker-icon", out.marks);
    boxes(".leaflet-control-container .leaflet-control", out.ctrls);
    return out;
  }
  function hits(list, x0, y0, x1, y1) {
    for (var k = 0; k < list.length; k++) {
      var o = list[k];
      if (x0 < o[2] && x1 > o[0] && y0 < o[3] && y1 > o[1]) return o;
    }
    return null;
  }
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
        var pt = map.latLngToContainerPoint(ll), w = 7 * String(name[i]).length + 10, big = z[i] <= 4;
        var y0 = pt.y - 8, y1 = pt.y + 8, spots = [], x0, x1, k;
        /* the town's own marker (or a cluster) covers its dot: the name goes to the right of it, past any
           badge beside it, or else to its left; another name goes right of its dot, or left of it, or not at all */
        var under = hits(obs.marks, pt.x - 1, pt.y - 1, pt.x + 1, pt.y + 1);
        if (!under) spots.push(pt.x - 3, pt.x + 4 - w); /* name right of its dot, or left of it */
        else {
          x0 = under[2] + 2;
          for (var step = 0, o = under; o && step < 4; step++) { x0 = o[2] + 2; o = hits(obs.marks, x0, y0, x0 + w, y1); }
          spots.push(x0, under[0] - 4 - (w - 7));
        }
        for (k = 0; k < spots.length; k++) {
          x0 = spots[k]; x1 = x0 + (under ? w - 7 : w + 3);
          if (x0 < 0 || y0 < 0 || x1 > size.x || y1 > size.y || hits(obs.marks, x0, y0, x1, y1) ||
              hits(obs.ctrls, x0, y0, x1, y1) || !free(x0, y0, x1, y1, false)) continue;
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
