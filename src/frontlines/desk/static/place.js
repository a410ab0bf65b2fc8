/* The place page's map: the gazetteer polygon when there is one, the place's events otherwise. */
(function () {
  "use strict";
  const D = window.FrontlinesDesk;
  const root = document.getElementById("place");
  const name = root.getAttribute("data-name");
  const map = L.map("place-map", {minZoom: 2, maxZoom: 18}).setView([35.5, 38.5], 6);
  D.baseMap(map).catch(function () { /* offline base map missing */ });
  D.getJSON("/api/place?name=" + encodeURIComponent(name)).then(function (d) {
    const group = L.featureGroup().addTo(map);
    for (const p of d.polygons) {
      L.geoJSON(p.geometry, {style: {color: "#2c3e50", weight: 2, fillOpacity: 0.15}})
        .bindTooltip(D.el("span", null, p.place_key)).addTo(group);
    }
    return D.getJSON("/api/events?limit=500&place=" + encodeURIComponent(name)).then(function (ev) {
      for (const e of ev.events) {
        if (e.lat === null || e.lon === null) continue;
        L.circleMarker([e.lat, e.lon], {radius: 6, color: "#222", weight: 1, fillColor: D.color(e.type),
          fillOpacity: 0.8}).bindTooltip(D.el("span", null, (e.sub || "") + " · " + (e.date || ""))).addTo(group);
      }
      if (group.getLayers().length) map.fitBounds(group.getBounds(), {maxZoom: 13, padding: [20, 20]});
    });
  }).catch(function () { /* the tables above carry the same data */ });
})();
