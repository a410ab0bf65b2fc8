/* The map page: canonical events on an offline base map, a daily histogram with a time brush,
   filters whose state lives in the URL, and live updates from /api/status. */
(function () {
  "use strict";
  const D = window.FrontlinesDesk;
  const FILTERS = ["type", "sub", "actor", "claimant", "certainty", "corroboration", "source_type", "outlet",
    "since", "until", "place"];
  const POLL_MS = parseInt(document.getElementById("desk").getAttribute("data-poll"), 10) || 5000;

  const url = new URLSearchParams(window.location.search);
  const state = {};
  for (const k of FILTERS) if (url.get(k)) state[k] = url.get(k);
  const lat = parseFloat(url.get("lat")), lon = parseFloat(url.get("lon")), z = parseInt(url.get("z"), 10);

  const map = L.map("map", {worldCopyJump: true, minZoom: 2, maxZoom: 18})
    .setView([isFinite(lat) ? lat : 35.5, isFinite(lon) ? lon : 38.5], isFinite(z) ? z : 6);
  const layer = L.layerGroup().addTo(map);
  D.baseMap(map).catch(function (e) { status("base map unavailable: " + e.message); });
  D.polygons(map, "/api/polygons").catch(function () { /* no gazetteer polygons */ });

  function filterParams() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
    return p;
  }

  function writeURL() {
    const p = filterParams();
    const c = map.getCenter();
    p.set("lat", c.lat.toFixed(4));
    p.set("lon", c.lng.toFixed(4));
    p.set("z", String(map.getZoom()));
    window.history.replaceState(null, "", "?" + p.toString());
    for (const a of document.querySelectorAll("#downloads a")) {
      a.setAttribute("href", "/download/" + a.getAttribute("data-file") + "?" + filterParams().toString());
    }
  }

  function status(text) { document.getElementById("status").textContent = text; }

  function bboxParam() {
    const b = map.getBounds();
    const clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].map(function (v) { return v.toFixed(5); }).join(",");
  }

  function popup(ev) {
    const box = D.el("div", {"class": "pop"});
    const a = D.el("a", {href: "/event/" + encodeURIComponent(ev.id)}, ev.sub || ev.type || "event");
    box.appendChild(a);
    box.appendChild(D.el("div", null, (ev.place || "") + " · " + (ev.date || "undated")));
    box.appendChild(D.el("div", null, (ev.fatalities || 0) + " killed · " + ev.n_independent +
      " independent · " + ev.corroboration));
    return box;
  }

  let layerSeq = 0;
  async function loadLayer() {
    const seq = ++layerSeq;
    const p = filterParams();
    const filters = p.toString();
    p.set("bbox", bboxParam());
    p.set("zoom", String(map.getZoom()));
    const early = window.FrontlinesBoot && window.FrontlinesBoot.layerFor(map.getZoom(), filters,
      p.get("bbox").split(",").map(Number));
    let data;
    try { data = await D.getJSON(early || "/api/map?" + p.toString()); } catch (e) { status(e.message); return; }
    if (seq !== layerSeq) return;
    layer.clearLayers();
    const seen = {};
    if (data.mode === "points") {
      for (const ev of data.events) {
        const key = ev.lat + "," + ev.lon;
        const k = seen[key] = (seen[key] || 0) + 1;
        /* reports placed at one point (a city centre) are fanned out around it, for display only */
        const ang = k * 2.4, r = k > 1 ? 0.004 * Math.sqrt(k) : 0;
        const m = L.circleMarker([ev.lat + r * Math.sin(ang), ev.lon + r * Math.cos(ang)], {
          radius: 5 + Math.min(14, Math.sqrt(ev.fatalities || 0) * 2), color: "#222", weight: 1,
          fillColor: D.color(ev.type), fillOpacity: ev.corroboration === "disputed" ? 0.45 : 0.85,
          dashArray: ev.corroboration === "disputed" ? "3" : null, className: "ev-marker"});
        m.bindPopup(popup(ev));
        m.bindTooltip(D.el("span", null, (ev.sub || "") + " · " + (ev.place || "")));
        m.addTo(layer);
      }
      status(data.total + " events in view");
    } else {
      for (const c of data.cells) {
        const m = L.circleMarker([c.lat, c.lon], {radius: 6 + Math.min(26, Math.log2(c.n + 1) * 3),
          color: "#222", weight: 1, fillColor: D.color(c.type), fillOpacity: 0.6, className: "ev-cell"});
        m.bindTooltip(D.el("span", null, c.n + " events, " + c.fatalities + " killed (" + c.first + " to " +
          c.last + "); mostly " + c.type));
        m.on("click", function () { map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 18)); });
        m.addTo(layer);
      }
      status(data.total + " events in view, grouped into " + data.cells.length + " cells");
    }
  }

  async function loadList() {
    const p = filterParams();
    p.set("limit", "60");
    let data;
    try { data = await D.getJSON("/api/events?" + p.toString()); } catch (e) { status(e.message); return; }
    document.getElementById("count").textContent = String(data.total);
    const ol = document.getElementById("event-list");
    ol.replaceChildren();
    for (const ev of data.events) {
      const li = D.el("li", {"class": "ev", "data-id": ev.id, "data-corroboration": ev.corroboration});
      const sw = D.el("span", {"class": "swatch"});
      sw.style.backgroundColor = D.color(ev.type);
      li.appendChild(sw);
      li.appendChild(D.el("a", {href: "/event/" + encodeURIComponent(ev.id)}, (ev.sub || ev.type || "event")));
      li.appendChild(D.el("span", {"class": "where"}, " " + (ev.place || "unplaced") + " · " + (ev.date || "undated")));
      li.appendChild(D.el("span", {"class": "meta"}, " " + ev.n_independent + " indep. · " + ev.corroboration +
        (ev.claimants && ev.claimants.length ? " · claimed by " + ev.claimants.join(", ") : "")));
      ol.appendChild(li);
    }
  }

  /* -- histogram and brush ------------------------------------------------------------------- */
  let days = [];
  const svgEl = document.getElementById("histogram");
  const DAY = 86400000;
  function t(d) { return Date.parse(d + "T00:00:00Z"); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function extent() {
    if (!days.length) return null;
    return [t(days[0][0]), t(days[days.length - 1][0]) + DAY];
  }
  function xOf(ms, w) { const e = extent(); return (ms - e[0]) / (e[1] - e[0]) * w; }
  function msOf(x, w) { const e = extent(); return e[0] + Math.max(0, Math.min(1, x / w)) * (e[1] - e[0]); }

  function drawHistogram() {
    const w = svgEl.clientWidth || 600, h = svgEl.clientHeight || 80;
    svgEl.setAttribute("viewBox", "0 0 " + w + " " + h);
    svgEl.replaceChildren();
    const label = document.getElementById("brush-label");
    if (!days.length) { label.textContent = "no dated events"; return; }
    const max = Math.max.apply(null, days.map(function (d) { return d[1]; }));
    const e = extent();
    const bw = Math.max(1, w / ((e[1] - e[0]) / DAY));
    for (const [d, n] of days) {
      const bh = Math.max(1, n / max * (h - 14));
      svgEl.appendChild(D.svg("rect", {x: xOf(t(d), w), y: h - 12 - bh, width: Math.max(1, bw - 0.5), height: bh,
        "class": "bar"}));
    }
    const first = D.svg("text", {x: 2, y: h - 1, "class": "axis"}); first.textContent = days[0][0];
    const last = D.svg("text", {x: w - 2, y: h - 1, "class": "axis end"}); last.textContent = days[days.length - 1][0];
    svgEl.appendChild(first); svgEl.appendChild(last);
    if (state.since || state.until) {
      const a = state.since ? xOf(t(state.since), w) : 0, b = state.until ? xOf(t(state.until) + DAY, w) : w;
      svgEl.appendChild(D.svg("rect", {x: Math.min(a, b), y: 0, width: Math.abs(b - a), height: h - 12,
        "class": "brush-sel", id: "brush-sel"}));
    }
    label.textContent = (state.since || state.until)
      ? "period: " + (state.since || "start") + " to " + (state.until || "end") + " (double-click to clear)"
      : "drag across the histogram to choose a period";
  }

  async function loadHistogram() {
    try { days = (await D.getJSON("/api/histogram?" + filterParams().toString())).days; }
    catch (e) { status(e.message); return; }
    drawHistogram();
  }

  let dragFrom = null;
  svgEl.addEventListener("pointerdown", function (e) {
    if (!days.length) return;
    dragFrom = e.offsetX;
    svgEl.setPointerCapture(e.pointerId);
  });
  svgEl.addEventListener("pointermove", function (e) {
    if (dragFrom === null) return;
    const w = svgEl.clientWidth;
    state.since = iso(msOf(Math.min(dragFrom, e.offsetX), w));
    state.until = iso(msOf(Math.max(dragFrom, e.offsetX), w) - 1);
    drawHistogram();
  });
  svgEl.addEventListener("pointerup", function (e) {
    if (dragFrom === null) return;
    const moved = Math.abs(e.offsetX - dragFrom) > 3;
    dragFrom = null;
    if (!moved) { delete state.since; delete state.until; }
    syncForm(); drawHistogram(); refresh(false);
  });
  svgEl.addEventListener("dblclick", function () {
    delete state.since; delete state.until; syncForm(); drawHistogram(); refresh(false);
  });

  /* -- filters ---------------------------------------------------------------------------------- */
  const form = document.getElementById("filter-form");
  function syncForm() {
    for (const k of FILTERS) {
      const input = form.elements.namedItem(k);
      if (input) input.value = state[k] || "";
    }
  }
  async function loadFacets() {
    const facets = await D.getJSON("/api/facets");
    for (const [name, values] of Object.entries(facets)) {
      const sel = document.getElementById("f-" + name);
      if (!sel) continue;
      const keep = state[name];
      while (sel.options.length > 1) sel.remove(1);
      for (const v of values) {
        const o = D.el("option", {value: v.value}, v.value + " (" + v.n + ")");
        sel.appendChild(o);
      }
      if (keep && !values.some(function (v) { return v.value === keep; })) {
        sel.appendChild(D.el("option", {value: keep}, keep));
      }
    }
    syncForm();
  }
  form.addEventListener("change", function (e) {
    const k = e.target.name;
    if (!k) return;
    if (e.target.value) state[k] = e.target.value; else delete state[k];
    refresh(true);
  });
  document.getElementById("f-clear").addEventListener("click", function () {
    for (const k of FILTERS) delete state[k];
    syncForm(); refresh(true);
  });

  function refresh(withHistogram) {
    writeURL();
    loadLayer(); loadList();
    if (withHistogram) loadHistogram();
  }

  map.on("moveend", function () { writeURL(); loadLayer(); });

  /* -- live updates ----------------------------------------------------------------------------- */
  let generation = null, lastCheck = Date.now() / 1000;
  async function poll() {
    try {
      const since = lastCheck;
      const s = await D.getJSON("/api/status?since=" + since);
      if (generation !== null && s.generation !== generation) {
        lastCheck = s.built_at;
        const box = document.getElementById("live"), ul = document.getElementById("live-list");
        for (const ev of (s.new_events || [])) {
          const li = D.el("li", {"class": "new-event", "data-id": ev.id});
          li.appendChild(D.el("a", {href: "/event/" + encodeURIComponent(ev.id)}, (ev.sub || "event")));
          li.appendChild(D.el("span", null, " " + (ev.place || "") + " · " + (ev.date || "")));
          ul.prepend(li);
        }
        box.hidden = false;
        await loadFacets();
        refresh(true);
      }
      generation = s.generation;
      const bad = (s.feeds || []).filter(function (f) { return f.error; });
      document.body.setAttribute("data-generation", String(s.generation));
      const feeds = s.feeds || [];
      document.getElementById("feeds").textContent = !feeds.length ? "" : (bad.length
        ? bad.length + " of " + feeds.length + " feed(s) failing (retrying): " +
          bad.map(function (f) { return f.url + ": " + f.error; }).join("; ")
        : "watching " + feeds.length + " feed(s)");
    } catch (e) { /* the server may be restarting; try again */ }
    window.setTimeout(poll, POLL_MS);
  }

  loadFacets().catch(function (e) { status(e.message); });
  syncForm(); writeURL(); loadLayer(); loadList(); loadHistogram();
  window.addEventListener("resize", drawHistogram);
  window.setTimeout(poll, POLL_MS);
})();
