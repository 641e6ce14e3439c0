// The map as one keyboard stop (Korea Cluster Atlas, issue #14 item 6).
//
// Leaflet makes every marker, cluster badge and control link a tab stop (149 on the
// national view). Here the map container is the one stop (plus the legend's button):
// everything else inside it gets tabindex=-1, also what later filter changes bring.
// Inside the map, the arrow keys move between the shown complexes (the nearest one in
// that direction; Home and End: first and last from the north-west), a ring marks the
// current one and its name is announced through an aria-live region; Enter does what a
// click does (opens the popup and fires Leaflet's click, which streamlit-folium reports
// as last_object_clicked); + and - zoom; Shift+arrows pan; Escape closes the popup.
// The words come from window.kcaMapWords, set by the legend in the page's language.
window.kcaMapKeys = window.kcaMapKeys || function (map) {
  if (!map || map._kcaKeys) return;
  map._kcaKeys = true;
  var box = map.getContainer();
  var KEEP = "kca-legend-toggle";
  // SVG paths with focus listeners (Leaflet tooltips) are tab stops in Chromium too
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex], .leaflet-interactive";
  var STEP = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  var current = null;
  var ring = null;

  // popups open below the top row of buttons (zoom, legend), not under them
  L.Popup.prototype.options.autoPanPaddingTopLeft = L.point(10, 52);
  if (map.keyboard) map.keyboard.disable(); // the arrow keys are ours; panning is Shift+arrow
  box.setAttribute("tabindex", "0");
  box.setAttribute("role", "application");
  box.setAttribute("aria-roledescription", "map");
  var live = L.DomUtil.create("div", "kca-sr", box);
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");

  function words() {
    return window.kcaMapWords || {};
  }

  function describe() {
    var w = words();
    if (w.map) box.setAttribute("aria-label", w.map + ". " + (w.keys || ""));
  }

  function untab(node) {
    if (node.nodeType !== 1) return;
    var nodes = node !== box && node.matches(FOCUSABLE) ? [node] : [];
    nodes = nodes.concat(Array.prototype.slice.call(node.querySelectorAll(FOCUSABLE)));
    nodes.forEach(function (el) {
      if (el !== box && !el.classList.contains(KEEP) && el.getAttribute("tabindex") !== "-1") {
        el.setAttribute("tabindex", "-1");
      }
    });
  }

  untab(box);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") untab(change.target);
      else Array.prototype.forEach.call(change.addedNodes, untab);
    });
    describe();
  }).observe(box, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });

  function sites() {
    var found = [];
    var group = window.kcaSiteMarkers;
    function add(layer) {
      if (layer instanceof L.CircleMarker && layer.getPopup() && found.indexOf(layer) < 0) {
        found.push(layer);
      }
    }
    if (group && map.hasLayer(group) && group.getLayers) group.getLayers().forEach(add);
    map.eachLayer(add);
    return found.sort(function (a, b) {
      var p = a.getLatLng();
      var q = b.getLatLng();
      return q.lat - p.lat || p.lng - q.lng;
    });
  }

  function point(marker) {
    return map.latLngToContainerPoint(marker.getLatLng());
  }

  function nearestToCentre(list) {
    var centre = map.getSize().divideBy(2);
    var best = null;
    list.forEach(function (m) {
      if (!best || point(m).distanceTo(centre) < point(best).distanceTo(centre)) best = m;
    });
    return best;
  }

  function toward(list, from, dir) {
    var start = point(from);
    var order = list.indexOf(from);
    var best = null;
    var bestScore = Infinity;
    list.forEach(function (m, i) {
      if (m === from) return;
      var p = point(m);
      var dx = p.x - start.x;
      var dy = p.y - start.y;
      var along = dx * dir[0] + dy * dir[1];
      var across = Math.abs(dx * dir[1] - dy * dir[0]);
      var score = along + 2 * across;
      if (dx === 0 && dy === 0) {
        var forward = dir[0] + dir[1] > 0;
        if (forward ? i < order : i > order) return;
        score = forward ? i - order : order - i; // same place: list order
        score /= 1e6;
      } else if (along <= 0) {
        return;
      }
      if (score < bestScore) {
        bestScore = score;
        best = m;
      }
    });
    return best;
  }

  function text(marker) {
    var tip = marker.getTooltip && marker.getTooltip();
    var holder = document.createElement("div");
    holder.innerHTML = tip ? String(tip.getContent()) : "";
    return holder.textContent || "";
  }

  function mark(marker, list) {
    var ll = marker.getLatLng();
    var radius = (marker.options.radius || 6) + 5;
    if (!ring) {
      ring = L.circleMarker(ll, {
        radius: radius, interactive: false, className: "kca-focus-ring",
        color: "#000", weight: 3, fill: false, pane: "markerPane",
      });
    }
    ring.setLatLng(ll).setRadius(radius);
    if (!map.hasLayer(ring)) ring.addTo(map);
    if (!map.getBounds().pad(-0.05).contains(ll)) map.panTo(ll);
    if (marker._map) marker.openTooltip();
    var w = words();
    var position = (list.indexOf(marker) + 1) + " / " + list.length;
    live.textContent = text(marker) + " (" + position + ")" + (w.enter ? ". " + w.enter : "");
  }

  function move(key) {
    var list = sites();
    if (!list.length) {
      live.textContent = words().none || "";
      return;
    }
    if (current && current._map) current.closeTooltip(); // only the current one is named
    if (!current || list.indexOf(current) < 0) {
      current = key === "End" ? list[list.length - 1] : key === "Home" ? list[0] : nearestToCentre(list);
    } else if (key === "Home" || key === "End") {
      current = key === "Home" ? list[0] : list[list.length - 1];
    } else {
      current = toward(list, current, STEP[key]) || current;
    }
    mark(current, list);
  }

  function activate(marker) {
    var ll = marker.getLatLng();
    var click = {
      latlng: ll, layer: marker, sourceTarget: marker,
      layerPoint: map.latLngToLayerPoint(ll), containerPoint: map.latLngToContainerPoint(ll),
    };
    if (marker._map) {
      // the click Leaflet fires on a real click: it opens the popup and bubbles to the
      // groups, where streamlit-folium listens (and reports last_object_clicked)
      marker.fire("click", click, true);
      return;
    }
    // inside a cluster badge the marker is not on the map (and not in the groups' event
    // chain): open its popup on the map and fire the click on its cluster group
    var popup = marker.getPopup();
    if (popup) popup.setLatLng(ll).openOn(map);
    var group = window.kcaSiteMarkers;
    if (group && group.hasLayer(marker)) group.fire("click", click, true);
  }

  function hideRing() {
    if (ring && map.hasLayer(ring)) map.removeLayer(ring);
    if (current && current._map) current.closeTooltip();
  }

  L.DomEvent.on(box, "keydown", function (event) {
    if (event.target !== box || event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (STEP[key] && event.shiftKey) {
      map.panBy(L.point(STEP[key][0] * 80, STEP[key][1] * 80));
    } else if (STEP[key] || key === "Home" || key === "End") {
      move(key);
    } else if (key === "Enter" || key === " ") {
      if (!current) return;
      activate(current);
    } else if (key === "+" || key === "=") {
      map.zoomIn();
    } else if (key === "-" || key === "_") {
      map.zoomOut();
    } else if (key === "Escape") {
      map.closePopup();
    } else {
      return;
    }
    L.DomEvent.stop(event);
  });
  L.DomEvent.on(box, "focus", function () {
    describe();
    if (current && sites().indexOf(current) >= 0) mark(current, sites());
  });
  L.DomEvent.on(box, "blur", hideRing);
  describe();
};
