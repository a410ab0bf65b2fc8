/* Shared helpers for the desk's pages. Data from the store is only ever put in the page with
   textContent / attributes set through the DOM API, never as HTML. */
(function () {
  "use strict";
  const COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const k of Object.keys(attrs)) {
        if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
      }
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const k of Object.keys(attrs || {})) node.setAttribute(k, attrs[k]);
    return node;
  }

  async function getJSON(url) {
    /* an answer boot.js already asked for, or a new request */
    const early = window.FrontlinesBoot ? window.FrontlinesBoot.take(url) : null;
    const r = await (early || fetch(url, {headers: {"Accept": "application/json"}}));
    if (!r.ok) {
      let msg = r.status + " " + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }

  function color(type) { return COLORS[type] || "#555"; }

  function baseMap(map) {
    /* The offline base map: country boundaries from world-atlas (vendored). The 1:110m outlines draw
       first (100 kB); the 1:50m ones replace them once the page is idle. Tiles only when configured. */
    const desk = document.getElementById("desk") || document.body;
    const tiles = desk.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, {maxZoom: 18, attribution: "tiles: configured server"}).addTo(map);
      return Promise.resolve();
    }
    const renderer = L.canvas({padding: 0.2});
    const style = {color: "#9a9a9a", weight: 0.7, fillColor: "#f3efe6", fillOpacity: 1};
    function draw(topo) {
      return L.geoJSON(topojson.feature(topo, topo.objects.countries),
        {interactive: false, renderer: renderer, style: style, className: "country"});
    }
    return getJSON("/static/vendor/world-atlas/countries-110m.json").then(function (topo) {
      const coarse = draw(topo).addTo(map);
      coarse.bringToBack();
      window.setTimeout(function () {
        getJSON("/static/vendor/world-atlas/countries-50m.json").then(function (fine) {
          draw(fine).addTo(map).bringToBack();
          map.removeLayer(coarse);
          document.body.setAttribute("data-basemap", "50m");
        }).catch(function () { /* keep the coarse outlines */ });
      }, 1500);
    });
  }

  function polygons(map, url) {
    return getJSON(url).then(function (fc) {
      if (!fc.features || !fc.features.length) return null;
      const layer = L.geoJSON(fc, {style: {color: "#34495e", weight: 1, fillOpacity: 0.08},
        onEachFeature: function (f, lyr) {
          const name = (f.properties && (f.properties.name || f.properties.place_key)) || "";
          lyr.bindTooltip(el("span", null, name));
        }}).addTo(map);
      return layer;
    });
  }

  window.FrontlinesDesk = {COLORS: COLORS, el: el, svg: svg, getJSON: getJSON, color: color, baseMap: baseMap,
    polygons: polygons};
})();
