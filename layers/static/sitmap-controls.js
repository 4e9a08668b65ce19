/* sitmap-controls.js: the legend, the time playback control and the layer switcher of sitmap
   (written for this project; loaded after sitmap.js, whose helpers it uses). */
(function () {
  "use strict";
  var S = window.sitmap, U = S.util;
  var el = U.el, esc = U.esc, color = U.color, iso = U.iso, state = U.state, single = U.single, safeUrl = U.safeUrl;

  /* ---------- legend ---------- */
  S.legend = function (map, parent, spec, opts) {
    var ctl = L.control({ position: opts.position || "bottomright" });
    ctl.onAdd = function () {
      var root = el("div", "sitmap-legend leaflet-control" + (opts.collapsed ? " sm-collapsed" : ""));
      var head = el("button", "sm-lt sm-toggle", (spec.title || "Legend"), root);
      head.type = "button"; head.title = "Show or hide the legend";
      head.addEventListener("click", function () { root.classList.toggle("sm-collapsed"); });
      var div = el("div", "sm-lbody", null, root); /* the body: groups, precision styles, notes */
      (spec.groups || []).forEach(function (g) {
        var row = el("div", "sm-lr", null, div);
        el("span", "sm-sw", null, row).style.background = color(g.color);
        el("span", null, g.label + " (" + g.n + ")", row);
      });
      el("div", "sm-lt", "Place precision", div);
      (spec.precision || []).forEach(function (p) {
        var row = el("div", "sm-lr", null, div);
        el("span", "sm-ps sm-ps-" + esc(p.key), null, row);
        el("span", null, p.label, row);
      });
      (spec.notes || []).forEach(function (n) { el("div", "sm-ln", n, div); });
      L.DomEvent.disableClickPropagation(root); L.DomEvent.disableScrollPropagation(root);
      return root;
    };
    return single(map, "legend", ctl);
  };

  /* ---------- time playback ---------- */
  S.timeline = function (map, parent, spec, opts) {
    var ctl = L.control({ position: opts.position || "bottomleft" }), timer = null;
    var cur = spec.cur !== undefined && spec.cur !== null ? spec.cur : spec.end, mode = spec.window, last = spec.lastDays, speed = 1;
    function apply() {
      var t1 = cur, t0 = mode === "last" ? cur - last + 1 : null;
      label.textContent = (mode === "last" ? iso(t0) + " \u2013 " : "up to ") + iso(t1);
      slider.value = String(cur);
      S.setWindow(map, t0, t1);
      draw();
    }
    function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = "\u25b6"; play.title = "Play"; }
    function tick() { if (cur >= spec.end) { stop(); return; } cur = Math.min(cur + spec.step, spec.end); apply(); }
    var div = el("div", "sitmap-timeline leaflet-control");
    var row = el("div", "sm-tr", null, div);
    var play = el("button", "sm-play", "\u25b6", row); play.type = "button"; play.title = "Play";
    var slider = el("input", "sm-slider", null, row);
    slider.type = "range"; slider.min = String(spec.start); slider.max = String(spec.end); slider.step = "1";
    var label = el("span", "sm-date", "", row);
    var row2 = el("div", "sm-tr", null, div);
    var sp = el("select", "sm-speed", null, row2); sp.title = "Speed";
    [["0.5", "0.5\u00d7"], ["1", "1\u00d7"], ["2", "2\u00d7"], ["4", "4\u00d7"], ["8", "8\u00d7"]].forEach(function (o) {
      var op = el("option", null, o[1], sp); op.value = o[0]; if (o[0] === "1") op.selected = true;
    });
    var win = el("select", "sm-window", null, row2); win.title = "Window";
    [["upto", "everything up to the date"], ["last", "the last " + last + " days"]].forEach(function (o) {
      var op = el("option", null, o[1], win); op.value = o[0]; if (o[0] === mode) op.selected = true;
    });
    el("span", "sm-basis", spec.basis === "published" ? "publication dates" : "event dates", row2);
    var canvas = el("canvas", "sm-hist", null, div); canvas.width = 260; canvas.height = 28;
    function draw() {
      var ctx = canvas.getContext && canvas.getContext("2d"); if (!ctx) return;
      var h = spec.hist || [], m = Math.max.apply(null, h.concat([1])), w = canvas.width / Math.max(h.length, 1);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      for (var i = 0; i < h.length; i++) {
        var day = spec.start + i * spec.histStep;
        var on = day <= cur && (mode !== "last" || day + spec.histStep > cur - last);
        ctx.fillStyle = on ? "#1565c0" : "#b0bec5";
        var bh = Math.max(h[i] ? 2 : 0, Math.round((h[i] / m) * (canvas.height - 2)));
        ctx.fillRect(i * w, canvas.height - bh, Math.max(w - 1, 1), bh);
      }
    }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (cur >= spec.end) cur = spec.start;
      apply();
      play.textContent = "\u275a\u275a"; play.title = "Pause";
      timer = setInterval(tick, spec.speedMs / speed);
    });
    slider.addEventListener("input", function () { stop(); cur = parseInt(slider.value, 10); apply(); });
    sp.addEventListener("change", function () {
      speed = parseFloat(sp.value) || 1;
      if (timer) { clearInterval(timer); timer = setInterval(tick, spec.speedMs / speed); }
    });
    win.addEventListener("change", function () { mode = win.value; apply(); });
    ctl.onAdd = function () { L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div); return div; };
    ctl.onRemove = stop;
    single(map, "timeline", ctl);
    apply();
    ctl.sitmapState = function () { return { cur: cur, mode: mode, playing: !!timer, speed: speed }; };
    return ctl;
  };

  /* ---------- layer switcher, online tiles, initial view ---------- */
  S.controls = function (map, parent, data, opts) {
    var st = state(map);
    if (st.control) map.removeControl(st.control);
    var ctl = L.control.layers(null, null, { collapsed: !!opts.collapsed, position: "topright" });
    (data.tiles || []).forEach(function (t) {
      var url = safeUrl(t.url.replace(/\{([a-z])\}/g, "$1")) ? t.url : "";
      if (!url) return;
      var tl = L.tileLayer(url, { attribution: esc(t.attribution || ""), maxZoom: 18 });
      S.register(map, tl, t.name, !!t.on, map);
    });
    st.control = ctl.addTo(map);
    st.order.forEach(function (name) { ctl.addOverlay(st.overlays[name], name); });
    var saved = opts.urlState ? urlView() : null;
    if (saved) map.setView([saved[0], saved[1]], saved[2], { animate: false });
    else if (data.bounds) map.fitBounds(data.bounds, { padding: [30, 30], maxZoom: opts.maxZoom || 7, animate: false });
    if (opts.urlState && !st.urlListener) { st.urlListener = true; map.on("moveend", function () { saveView(map); }); }
    return ctl;
  };

  /* ---------- pan and zoom in the page's address (the dashboard's map lives in an iframe) ---------- */
  function hostWindow() {
    try { return window.parent && window.parent !== window && window.parent.location.href ? window.parent : null; }
    catch (e) { return null; } /* another origin: no URL state */
  }
  function urlView() {
    var P = hostWindow(); if (!P) return null;
    var v = new URLSearchParams(P.location.search).get("v"); if (!v) return null;
    var a = v.split(",").map(Number);
    if (a.length !== 3 || a.some(isNaN) || Math.abs(a[0]) > 90 || Math.abs(a[1]) > 360 || a[2] < 0 || a[2] > 18) return null;
    return a;
  }
  function saveView(map) {
    var P = hostWindow(); if (!P) return;
    var c = map.getCenter(), v = c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom();
    P.__sitmapView = v;
    if (!P.__sitmapPatched) {
      P.__sitmapPatched = true;
      /* Streamlit rewrites the query string after each run; keep the map's view in it. The patch is made
         in the host page's own realm so it outlives this iframe. */
      new P.Function("var H = history; ['pushState', 'replaceState'].forEach(function (k) { var o = H[k];" +
        " H[k] = function (s, t, u) { try { if (u !== undefined && u !== null && window.__sitmapView) {" +
        " var x = new URL(u, location.href); if (!x.searchParams.get('v')) { x.searchParams.set('v', window.__sitmapView);" +
        " u = x.pathname + x.search + x.hash; } } } catch (e) {} return o.call(H, s, t, u); }; });")();
    }
    try {
      var x = new URL(P.location.href); x.searchParams.set("v", v);
      P.history.replaceState(P.history.state, "", x.pathname + x.search + x.hash);
    } catch (e) { /* a sandboxed host: the view is just not kept */ }
  }
})();
