/* Runs before Leaflet is even fetched: starts the map page's first API requests, so the server answers them
   while the browser is still loading and parsing the scripts. common.js's getJSON takes each answer once
   (same URL only); the map layer is taken when its zoom and filters are the ones map.js asks for and its
   bounding box is the same view. Nothing here touches the page's DOM. */
(function () {
  "use strict";
  const FILTERS = ["type", "sub", "actor", "claimant", "certainty", "corroboration", "source_type", "outlet",
    "since", "until", "place"];
  const url = new URLSearchParams(window.location.search);
  const p = new URLSearchParams();
  for (const k of FILTERS) if (url.get(k)) p.set(k, url.get(k));
  const filters = p.toString();
  const pending = {};
  function start(u) {
    pending[u] = fetch(u, {headers: {"Accept": "application/json"}});
  }
  start("/api/facets");
  start("/api/histogram?" + filters);
  const list = new URLSearchParams(p); list.set("limit", "60");
  start("/api/events?" + list.toString());

  /* The view map.js will open (its defaults and Leaflet's zoom limits), and its bounds in Web Mercator. */
  const lat = parseFloat(url.get("lat")), lon = parseFloat(url.get("lon")), zz = parseInt(url.get("z"), 10);
  const zoom = Math.max(2, Math.min(18, isFinite(zz) ? zz : 6));
  const c = [isFinite(lat) ? lat : 35.5, isFinite(lon) ? lon : 38.5];
  const box = document.getElementById("map");
  let layer = null;
  if (box && box.clientWidth && box.clientHeight) {
    const scale = 256 * Math.pow(2, zoom), R = 6378137, d = Math.PI / 180, MAX = 85.0511287798;
    const s = Math.sin(Math.max(Math.min(MAX, c[0]), -MAX) * d);
    const cx = scale * (0.5 / (Math.PI * R) * (R * c[1] * d) + 0.5);
    const cy = scale * (-0.5 / (Math.PI * R) * (R * Math.log((1 + s) / (1 - s)) / 2) + 0.5);
    const left = Math.round(cx - box.clientWidth / 2), top = Math.round(cy - box.clientHeight / 2);
    const lonOf = function (px) { return (px / scale - 0.5) / (0.5 / (Math.PI * R)) / d / R; };
    const latOf = function (py) {
      return (2 * Math.atan(Math.exp(((py / scale - 0.5) / (-0.5 / (Math.PI * R))) / R)) - Math.PI / 2) / d;
    };
    const clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    const bbox = [clamp(lonOf(left), -180, 180), clamp(latOf(top + box.clientHeight), -90, 90),
      clamp(lonOf(left + box.clientWidth), -180, 180), clamp(latOf(top), -90, 90)];
    const m = new URLSearchParams(p);
    m.set("bbox", bbox.map(function (v) { return v.toFixed(5); }).join(","));
    m.set("zoom", String(zoom));
    layer = {zoom: zoom, filters: filters, bbox: bbox, url: "/api/map?" + m.toString()};
    start(layer.url);
  }

  window.FrontlinesBoot = {
    /* the response promise for exactly this URL, once; null if it was not started here */
    take: function (u) {
      const r = pending[u];
      delete pending[u];
      return r || null;
    },
    /* the first map layer's URL, if it covers this view (zoom, filters, bounds within 1e-3 degree) */
    layerFor: function (zoomNow, filtersNow, bboxNow) {
      if (!layer || layer.zoom !== zoomNow || layer.filters !== filtersNow || !(layer.url in pending)) return null;
      for (let i = 0; i < 4; i++) if (Math.abs(layer.bbox[i] - bboxNow[i]) > 1e-3) return null;
      return layer.url;
    }
  };
})();
