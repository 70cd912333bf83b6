// Case form improvements; the form works without them. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var form = document.querySelector("form.case-form");
  if (!form) return;
  document.documentElement.classList.add("js");

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .catch(function () { return []; });
  }
  function field(name) { return form.querySelector('[name="' + name + '"]'); }
  function showList(list, items, render, onPick) {
    list.textContent = "";
    if (!items.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = form.dataset.noResults;
      list.appendChild(empty);
    }
    items.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = render(item);  // textContent: names are never parsed as HTML
      button.addEventListener("click", function () { onPick(item); list.hidden = true; });
      li.appendChild(button);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  // --- victims: pick a recorded journalist instead of typing a duplicate ---------------------
  form.querySelectorAll("[data-journalist-search]").forEach(function (input) {
    var row = input.closest(".victim");
    var hidden = row.querySelector("[data-journalist-id]");
    var list = input.parentNode.querySelector(".suggestions");
    var newPerson = row.querySelector(".new-person");
    var search = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      getJSON(form.dataset.journalistsUrl + "?page_size=8&q=" + encodeURIComponent(q)).then(function (items) {
        showList(list, items, function (j) {
          return [j.name_ar, j.name_en].filter(Boolean).join(" / ");
        }, function (j) {
          hidden.value = j.id;
          input.value = [j.name_ar, j.name_en].filter(Boolean).join(" / ");
          newPerson.hidden = true;
        });
      });
    }, 250);
    input.addEventListener("input", function () {
      if (hidden.value) { hidden.value = ""; newPerson.hidden = false; }
      search();
    });
  });

  // --- place: suggestions from the gazetteer, and a small map --------------------------------
  var lat = field("latitude"), lon = field("longitude");
  var map = null, marker = null;
  function setPoint(latitude, longitude, fromMap) {
    lat.value = latitude.toFixed(5);
    lon.value = longitude.toFixed(5);
    if (fromMap) {
      field("geo_precision").value = "exact";
      field("geocode_source").value = "manual";
      field("geonames_id").value = "";
      reverse(latitude, longitude);
    }
    if (!map) return;
    var ll = [latitude, longitude];
    if (marker) marker.setLatLng(ll);
    else {
      marker = L.marker(ll, { draggable: true, keyboard: true }).addTo(map);
      marker.on("dragend", function () { var p = marker.getLatLng(); setPoint(p.lat, p.lng, true); });
    }
  }
  function reverse(latitude, longitude) {
    getJSON(form.dataset.reverseUrl + "?lat=" + latitude + "&lon=" + longitude).then(function (r) {
      if (!r || Array.isArray(r)) return;
      if (r.country && !field("country").value) field("country").value = r.country;
      var admin1 = r.admin1 && (document.documentElement.lang === "ar" ? r.admin1.name_ar || r.admin1.name_en : r.admin1.name_en || r.admin1.name_ar);
      // A governorate of another country than the one chosen would be refused on save.
      if (admin1 && !field("admin1").value && r.country === field("country").value) field("admin1").value = admin1;
    });
  }
  var mapBox = document.getElementById("place-map");
  if (mapBox && window.L) {
    map = L.map(mapBox, { maxZoom: 18, minZoom: 2 }).setView([20, 40], 4);
    if (mapBox.dataset.tiles) {
      L.tileLayer(mapBox.dataset.tiles, {
        maxZoom: 18, attribution: mapBox.dataset.attribution, referrerPolicy: "strict-origin-when-cross-origin"
      }).addTo(map);
    }
    map.on("click", function (e) { setPoint(e.latlng.lat, e.latlng.lng, true); });
    if (lat.value && lon.value && !isNaN(+lat.value) && !isNaN(+lon.value)) {
      setPoint(+lat.value, +lon.value, false);
      map.setView([+lat.value, +lon.value], 8);
    }
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        if (!isNaN(+lat.value) && !isNaN(+lon.value) && lat.value && lon.value) {
          setPoint(+lat.value, +lon.value, false);
          map.panTo([+lat.value, +lon.value]);
        }
      });
    });
  }
  // The country's name in the page's language, as the country list spells it (never a bare code).
  function countryName(code) {
    var option = code && field("country").querySelector('option[value="' + code + '"]');
    return option ? option.textContent : "";
  }
  var place = form.querySelector("[data-place-search]");
  var placeList = document.getElementById("place-suggestions");
  if (place && placeList) {
    place.addEventListener("input", debounce(function () {
      var q = place.value.trim();
      if (q.length < 2) { placeList.hidden = true; return; }
      var url = form.dataset.lookupUrl + "?q=" + encodeURIComponent(q) +
        "&country=" + encodeURIComponent(field("country").value || "");
      getJSON(url).then(function (data) {
        var items = Array.isArray(data) ? data : (data.candidates || []);
        showList(placeList, items.slice(0, 8), function (c) {
          var ar = document.documentElement.lang === "ar";
          var name = ar ? (c.name_ar || c.name_en) : (c.name_en || c.name_ar);
          var admin = c.admin1 && (typeof c.admin1 === "object" ? (ar ? c.admin1.name_ar || c.admin1.name_en : c.admin1.name_en || c.admin1.name_ar) : c.admin1);
          return [name, admin, countryName(c.country)].filter(Boolean).join(ar ? "، " : ", ");
        }, function (c) {
          var ar = document.documentElement.lang === "ar";
          if (c.country) field("country").value = c.country;
          var admin = c.admin1 && (typeof c.admin1 === "object" ? (ar ? c.admin1.name_ar || c.admin1.name_en : c.admin1.name_en || c.admin1.name_ar) : c.admin1);
          if (admin) field("admin1").value = admin;
          if (c.precision === "locality") place.value = ar ? (c.name_ar || c.name_en) : (c.name_en || c.name_ar);
          field("geo_precision").value = c.precision || "";
          field("geonames_id").value = c.geonames_id || "";
          field("geocode_source").value = c.source || "gazetteer";
          setPoint(+c.latitude, +c.longitude, false);
          if (map) map.setView([+c.latitude, +c.longitude], c.precision === "locality" ? 10 : 7);
        });
      });
    }, 300));
  }
  document.addEventListener("click", function (e) {
    form.querySelectorAll(".suggestions").forEach(function (list) {
      if (!list.contains(e.target)) list.hidden = true;
    });
  });
})();
