// The map legend's collapse button (Korea Cluster Atlas, issue #14 item 5).
//
// The legend is rebuilt on every filter change (it lives in a swapped feature group),
// so its open/closed state is kept in the tab's sessionStorage (a window variable when
// storage is refused): a user's choice survives filter changes and reloads of the page.
// Until the user chooses, the legend starts collapsed on narrow screens (< 700 px) and
// wherever, open, it would cover a site marker (Busan, Ulsan and the east coast on a
// laptop); it is re-judged once the sites are drawn and when the map resizes or moves.
//
// Returns the function that takes the legend's handlers off the map; the legend layer calls
// it when it is removed (issue #16: a filter change that does not move the map, such as the
// belts box, otherwise left every old legend's handler, and through it that legend's whole
// DOM, on the map).
window.kcaLegendToggle = window.kcaLegendToggle || function (map, div) {
  var KEY = "kcaLegendOpen";
  var NARROW_PX = 700;
  var button = div.querySelector(".kca-legend-toggle");
  var body = div.querySelector(".kca-legend-body");
  if (!button || !body) return function () {};

  function chosen() {
    try {
      var value = window.sessionStorage.getItem(KEY);
      return value === null ? null : value === "1";
    } catch (err) {
      return typeof window.kcaLegendChoice === "boolean" ? window.kcaLegendChoice : null;
    }
  }

  function remember(open) {
    window.kcaLegendChoice = open;
    try {
      window.sessionStorage.setItem(KEY, open ? "1" : "0");
    } catch (err) {
      // storage refused (private mode): the window variable keeps the choice
    }
  }

  function screenWidth() {
    try {
      return window.top.innerWidth;
    } catch (err) {
      return window.innerWidth;
    }
  }

  function siteMarkers() {
    var found = [];
    var group = window.kcaSiteMarkers;
    if (group && map.hasLayer(group) && group.getLayers) found = group.getLayers();
    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker && found.indexOf(layer) < 0) found.push(layer);
    });
    return found;
  }

  function coversSites() {
    var box = body.getBoundingClientRect();
    var origin = map.getContainer().getBoundingClientRect();
    if (!box.width || !box.height) return false;
    return siteMarkers().some(function (marker) {
      var p = map.latLngToContainerPoint(marker.getLatLng());
      var x = p.x + origin.left;
      var y = p.y + origin.top;
      return x > box.left - 6 && x < box.right + 6 && y > box.top - 6 && y < box.bottom + 6;
    });
  }

  function show(open) {
    body.hidden = !open;
    div.classList.toggle("kca-legend-closed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function byDefault() {
    if (screenWidth() < NARROW_PX) return false;
    show(true);
    return !coversSites();
  }

  function settle() {
    var choice = chosen();
    show(choice === null ? byDefault() : choice);
  }

  L.DomEvent.on(button, "click", function (event) {
    L.DomEvent.stop(event);
    var open = body.hidden;
    remember(open);
    show(open);
  });
  settle();
  // Re-judged while the user has not chosen: when the map resizes and when it moves (a
  // link, a search or a filter change fits the map to its sites after the legend is drawn).
  function onChange() {
    if (!div.isConnected) {
      map.off("resize moveend", onChange);
      if (boxes) boxes.disconnect();
      return;
    }
    if (chosen() === null) settle();
  }
  map.on("resize moveend", onChange);
  // The legend is added before the sites of the same swapped groups: judge again once the
  // script that adds them has run (a map drawn at its final size neither resizes nor
  // moves after that, and the legend stayed open over Busan and Ulsan on a laptop).
  var later = window.setTimeout(onChange, 0);
  // ... and whenever the legend's or the map's box changes size without the map firing
  // "resize" (the page laid out or its fonts drawn after the first judgement: the project's
  // CI saw the legend left open over five east-coast sites of a settled laptop map).
  var boxes = window.ResizeObserver ? new window.ResizeObserver(onChange) : null;
  if (boxes) {
    boxes.observe(div);
    boxes.observe(map.getContainer());
  }
  return function () {
    window.clearTimeout(later);
    if (boxes) boxes.disconnect();
    map.off("resize moveend", onChange);
  };
};
