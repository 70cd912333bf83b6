// The public incident map: folium's script (/map/folium.js) creates the Leaflet map
// `map_public`; this file asks the server for the clusters of the current view and zoom and
// draws them, one layer per violation group. Every text from the record is set with
// textContent (never as HTML), so a title such as "<script>" stays text.
// Under the clusters: the app's own basemap (land, coastline, borders), so the map reads as a
// map with no tile server; with imported governorate boundaries the area layer shades them.
(function () {
  "use strict";
  var app = document.getElementById("public-map-app");
  var map = window.map_public;
  if (!app || !map) { return; }
  var config = JSON.parse(app.getAttribute("data-config"));
  // The static export has no API: it reads one precomputed file per zoom level instead.
  var isStatic = !!config.static;
  var form = document.getElementById("map-filters");
  var totalOut = document.getElementById("map-total");
  var ar = config.lang === "ar";
  var sequence = 0;
  // Phones: the filters and the layer list start closed, so the map is what one sees first.
  var narrow = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
  var filterBox = document.getElementById("map-filters-box");
  if (filterBox && narrow) { filterBox.open = false; }

  var groupNames = config.order || Object.keys(config.groups);  // most serious first
  var OFFSET = 14;  // pixels
  var layers = {};
  var overlays = {};
  groupNames.forEach(function (group) {
    layers[group] = L.layerGroup().addTo(map);
    overlays[config.groups[group].label] = layers[group];
  });
  var areas = L.layerGroup();
  L.control.layers(null, overlays, { collapsed: narrow, position: ar ? "topleft" : "topright" }).addTo(map);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var numbers = new Intl.NumberFormat(ar ? "ar" : "en");  // one formatter: creating one is slow
  function formatNumber(n) {
    return numbers.format(Number(n));
  }

  // The scale bar in the page's language, numbers as the map's counts ("50 كم" / "50 km"):
  // Leaflet writes "50 km" itself, which an Arabic page shows as "km 50".
  var unitNames = config.units || {};
  var Scale = L.Control.Scale.extend({
    _updateScale: function (scale, text, ratio) {
      var parts = text.split(" ");
      scale.style.width = Math.round(this.options.maxWidth * ratio) + "px";
      scale.textContent = formatNumber(parts[0]) + "\u00a0" + (unitNames[parts[1]] || parts[1]);
    },
  });
  new Scale({ imperial: false, position: ar ? "bottomright" : "bottomleft" }).addTo(map);

  // The basemap: its own pane under the tiles (zIndex 150 < 200), drawn on one canvas. With a
  // tile server it is fetched only if tiles fail to load (a closed network), and shows through.
  var basePane = map.createPane("basemap");
  basePane.style.zIndex = 150;
  basePane.style.pointerEvents = "none";
  var baseRenderer = L.canvas({ pane: "basemap", padding: 0.5 });
  var baseRequested = false;
  function loadBasemap() {
    if (baseRequested || !config.basemap) { return; }
    baseRequested = true;
    fetch(config.basemap).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        pane: "basemap", renderer: baseRenderer, interactive: false, attribution: "Natural Earth",
        style: function (feature) {
          return feature.properties.kind === "land"
            ? { stroke: true, color: "#8fa9b8", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }
            : { color: "#b4a68e", weight: 0.8, dashArray: "3 2", fill: false };
        },
      }).addTo(map);
      app.setAttribute("data-basemap", "ready");
    });
  }
  var tiles = null;
  map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) { tiles = layer; } });
  // Without tiles the basemap is asked for once the first clusters are drawn: parsing and drawing
  // it takes the main thread for a while, which would otherwise delay the incidents' first paint.
  var basemapAfterFirstDraw = !tiles;
  if (tiles) { tiles.on("tileerror", loadBasemap); }

  function filterParams() {
    var params = new URLSearchParams();
    if (!form) { return params; }
    ["year_from", "year_to", "violation_type", "country", "perpetrator_type"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { params.set(name, field.value); }
    });
    return params;
  }

  function place(incident) {
    var parts = [];
    if (incident.locality) { parts.push(incident.locality); }
    var admin = ar ? (incident.admin1_ar || incident.admin1_en) : (incident.admin1_en || incident.admin1_ar);
    if (admin) { parts.push(admin); }
    parts.push(config.countries[incident.country] || incident.country);
    return parts.join(ar ? "، " : ", ");
  }

  function incidentBlock(incident) {
    var box = el("div", "map-popup");
    var title = ar ? (incident.title_ar || incident.title_en) : (incident.title_en || incident.title_ar);
    var link = el("a", "popup-title", title);
    link.href = config.incident.replace("REF", encodeURIComponent(incident.ref));
    link.setAttribute("dir", "auto");
    box.appendChild(link);
    var facts = el("div", "popup-facts");
    facts.appendChild(el("bdi", "popup-date", incident.date));
    facts.appendChild(document.createTextNode(" · "));
    facts.appendChild(el("span", "popup-type", config.types[incident.type] || incident.type));
    box.appendChild(facts);
    box.appendChild(el("div", "popup-place", place(incident)));
    return box;
  }

  function countIcon(feature) {
    var size = feature.count === 1 ? 14 : Math.min(56, 24 + 6 * Math.log10(feature.count) * 2);
    var node = el("div", "map-count", feature.count === 1 ? "" : formatNumber(feature.count));
    node.setAttribute("data-count", String(feature.count));
    // Groups at the same place would hide each other: each group sits a little off the point,
    // in its own direction.
    var turn = 2 * Math.PI * groupNames.indexOf(feature.group) / groupNames.length;
    return L.divIcon({
      html: node,
      className: "map-marker group-" + feature.group + (feature.count === 1 ? " single" : " cluster"),
      iconSize: [size, size],
      iconAnchor: [size / 2 - OFFSET * Math.cos(turn), size / 2 - OFFSET * Math.sin(turn)],
    });
  }

  // Popups belong to the map, not to a marker: opening one may pan the map, which redraws
  // (and so removes) the markers, but not the popup.
  function openPopup(latlng, content, options) {
    L.popup(options || {}).setLatLng(latlng).setContent(content).openOn(map);
  }

  function openStack(feature) {
    if (isStatic) {  // no API in the static copy: say how many incidents this place holds
      openPopup([feature.lat, feature.lon], el("p", "map-stack", formatNumber(feature.count)));
      return;
    }
    var params = filterParams();
    params.set("lat", feature.lat);
    params.set("lon", feature.lon);
    params.set("group", feature.group);
    fetch(config.stack + "?" + params.toString()).then(function (r) { return r.json(); }).then(function (data) {
      var box = el("div", "map-stack");
      data.incidents.forEach(function (incident) { box.appendChild(incidentBlock(incident)); });
      if (data.total > data.incidents.length) {
        box.appendChild(el("p", "muted", "+" + formatNumber(data.total - data.incidents.length)));
      }
      openPopup([feature.lat, feature.lon], box, { maxHeight: 320 });
    });
  }

  function draw(data) {
    Object.keys(layers).forEach(function (group) { layers[group].clearLayers(); });
    var shown = 0;
    data.features.forEach(function (feature) {
      var marker = L.marker([feature.lat, feature.lon], {
        icon: countIcon(feature),
        title: feature.count === 1 ? "" : formatNumber(feature.count),
        keyboard: true,
      });
      if (feature.count === 1) {
        marker.on("click", function () { openPopup([feature.lat, feature.lon], incidentBlock(feature.incident)); });
      } else {
        marker.on("click", function () {
          if (feature.zoom <= map.getMaxZoom()) {
            map.setView([feature.lat, feature.lon], feature.zoom);
          } else {
            openStack(feature);
          }
        });
      }
      shown += feature.count;
      (layers[feature.group] || layers[Object.keys(layers)[0]]).addLayer(marker);
    });
    totalOut.textContent = formatNumber(data.total);
    app.setAttribute("data-total", String(data.total));
    app.setAttribute("data-shown", String(shown));
    app.setAttribute("data-state", "ready");
    if (basemapAfterFirstDraw) {
      basemapAfterFirstDraw = false;
      requestAnimationFrame(function () { setTimeout(loadBasemap, 0); });  // after this frame is painted
    }
  }

  // Shades from few to many incidents (ColorBrewer "Reds", 5 classes).
  var SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  var boundaries = null;  // a promise of the imported governorate polygons, fetched once
  function shade(count, largest) {
    if (!count) { return null; }
    var step = Math.log(1 + count) / Math.log(1 + Math.max(largest, 1));
    return SHADES[Math.min(SHADES.length - 1, Math.floor(step * SHADES.length))];
  }

  function areaTip(name, count) {
    var tip = el("span", "area-tip");
    tip.appendChild(el("strong", null, name));
    tip.appendChild(document.createTextNode(" " + formatNumber(count)));
    return tip;
  }

  function drawAreas(data, polygons) {
    areas.clearLayers();
    var largest = 1;
    data.countries.concat(data.governorates).forEach(function (a) { largest = Math.max(largest, a.count); });
    var drawn = {};  // governorate codes drawn as polygons
    var covered = {};  // countries that have polygons: no country circle over them
    if (polygons) {
      var counts = {};
      var governorateLargest = 1;
      data.governorates.forEach(function (g) {
        counts[g.code] = g.count;
        governorateLargest = Math.max(governorateLargest, g.count);
      });
      areas.addLayer(L.geoJSON(polygons, {
        style: function (feature) {
          var colour = shade(counts[feature.properties.code], governorateLargest);
          return { color: "#7a5c52", weight: 0.8, fillColor: colour || "#ffffff", fillOpacity: colour ? 0.75 : 0 };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          drawn[p.code] = true;
          covered[p.country] = true;
          layer.bindTooltip(areaTip(ar ? (p.name_ar || p.name_en) : (p.name_en || p.name_ar), counts[p.code] || 0),
                            { sticky: true });
        },
      }));
      app.setAttribute("data-areas", "shaded");
    } else {
      app.setAttribute("data-areas", "circles");
    }
    var legend = document.getElementById("legend-shades");
    if (legend) { legend.hidden = !polygons; }
    function add(area, name, scale) {
      var share = area.count / largest;
      var circle = L.circleMarker([area.lat, area.lon], {
        radius: scale * (4 + 26 * Math.sqrt(share)), color: "#5a1e1e", weight: 1,
        fillColor: "#b2182b", fillOpacity: 0.15 + 0.6 * share,
      });
      circle.bindTooltip(areaTip(name, area.count));
      areas.addLayer(circle);
    }
    data.countries.forEach(function (c) {
      if (!covered[c.code]) { add(c, config.countries[c.code] || c.code, 1.4); }
    });
    data.governorates.forEach(function (g) {
      if (!drawn[g.code]) { add(g, ar ? (g.name_ar || g.name_en) : (g.name_en || g.name_ar), 0.8); }
    });
  }

  function bboxOf() {
    var b = map.getBounds();
    var clamp = function (v, low, high) { return Math.max(low, Math.min(high, v)); };
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
            clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
  }

  function refresh() {
    var mine = ++sequence;
    app.setAttribute("data-state", "loading");
    var params = filterParams();
    var request;
    if (isStatic) {
      request = fetch(config.data + "/z" + map.getZoom() + ".json").then(function (r) { return r.json(); });
    } else if (mine === 1 && config.initial) {
      // first view: the URL the page preloads (whole world, first zoom, filters of the address)
      request = fetch(config.initial).then(function (r) { return r.json(); });
    } else {
      params.set("bbox", bboxOf().map(function (v) { return v.toFixed(4); }).join(","));
      params.set("zoom", String(map.getZoom()));
      request = fetch(config.api + "?" + params.toString()).then(function (r) { return r.json(); });
    }
    request.then(function (data) {
      if (mine === sequence) { draw(data); }
    }).catch(function () {
      app.setAttribute("data-state", "error");
      if (basemapAfterFirstDraw) { basemapAfterFirstDraw = false; loadBasemap(); }
    });
    if (map.hasLayer(areas)) { refreshAreas(); }
  }

  function refreshAreas() {
    var url = isStatic ? config.data + "/areas.json" : config.areas + "?" + filterParams().toString();
    if (config.boundaries && !boundaries) {
      // unreadable boundaries: proportional circles, as without any
      boundaries = fetch(config.boundaries).then(function (r) { return r.json(); }).catch(function () { return null; });
    }
    var counts = fetch(url).then(function (r) { return r.json(); });
    Promise.all([counts, boundaries]).then(function (both) { drawAreas(both[0], both[1]); });
  }

  function updateLinks() {
    var query = filterParams().toString();
    // how many filters are set, on the toggle (seen while the filters are closed on a phone)
    var counter = document.getElementById("filter-count");
    if (counter) {
      var set = Array.from(filterParams().keys()).length;
      counter.hidden = !set;
      counter.textContent = "(" + formatNumber(set) + ")";
    }
    ["link-json", "link-csv", "link-geojson"].forEach(function (id) {
      var a = document.getElementById(id);
      if (a) { a.href = a.href.split("?")[0] + (query ? "?" + query : ""); }
    });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
  }

  if (form) {
    // Start from the filters in the address, if any (a shared link).
    var initial = new URLSearchParams(window.location.search);
    ["year_from", "year_to", "violation_type", "country", "perpetrator_type"].forEach(function (name) {
      if (initial.get(name) && form.elements[name]) { form.elements[name].value = initial.get(name); }
    });
    updateLinks();  // the downloads keep the filters of a shared link too
    form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
    form.addEventListener("change", function (event) {
      if (event.target.id === "show-areas") {
        if (event.target.checked) { areas.addTo(map); refreshAreas(); } else { map.removeLayer(areas); }
        return;
      }
      updateLinks();
      refresh();
    });
  }
  map.on("moveend", refresh);
  refresh();
})();
