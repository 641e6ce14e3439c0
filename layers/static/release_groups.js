// Release the layer groups streamlit-folium swapped out of the mounted map
// (Korea Cluster Atlas, issue #16).
//
// st_folium(..., feature_group_to_add=...) removes the previous groups from the map on
// every change, then evaluates the new ones, each of which ends with
// `window.feature_group.push(group)`. Nothing ever takes the old groups out of that
// array, so every change kept four groups alive (TopoJSON, GeoJSON features, markers,
// tooltips, SVG paths): about 15 MB of heap per filter change until the tab crashed.
//
// After the map loses a layer, once the current script has finished (a microtask: the
// new groups are then on the map and pushed), keep in window.feature_group only the
// groups still on the map. The array is changed in place (never replaced), so the
// component's next removal pass still sees the groups it must remove.
window.kcaReleaseSwappedGroups = window.kcaReleaseSwappedGroups || function (map) {
  if (!map || map._kcaReleasesGroups) return;
  map._kcaReleasesGroups = true;
  var pending = false;
  function release() {
    pending = false;
    var groups = window.feature_group;
    if (!Array.isArray(groups)) return;
    var kept = groups.filter(function (group) { return map.hasLayer(group); });
    if (kept.length !== groups.length) {
      Array.prototype.splice.apply(groups, [0, groups.length].concat(kept));
    }
  }
  map.on("layerremove", function () {
    if (pending) return;
    pending = true;
    Promise.resolve().then(release);
  });
};
