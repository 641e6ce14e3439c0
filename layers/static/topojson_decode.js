// Decode a TopoJSON topology into GeoJSON features (Korea Cluster Atlas).
// Handles quantized, delta-encoded arcs and Polygon / MultiPolygon objects,
// which is all the atlas's boundary layers contain.
window.kcaTopoFeatures = window.kcaTopoFeatures || function (topo, name) {
  var tf = topo.transform, arcs = topo.arcs;
  var decoded = arcs.map(function (arc) {
    var x = 0, y = 0;
    return arc.map(function (p) {
      if (!tf) return [p[0], p[1]];
      x += p[0]; y += p[1];
      return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
    });
  });
  function ring(ids) {
    var out = [];
    ids.forEach(function (i, k) {
      var a = i < 0 ? decoded[~i].slice().reverse() : decoded[i];
      out = out.concat(k ? a.slice(1) : a);
    });
    return out;
  }
  function geometry(g) {
    if (g.type === "Polygon") return {type: "Polygon", coordinates: g.arcs.map(ring)};
    if (g.type === "MultiPolygon")
      return {type: "MultiPolygon", coordinates: g.arcs.map(function (p) { return p.map(ring); })};
    return null;
  }
  var obj = topo.objects[name];
  var geoms = obj.type === "GeometryCollection" ? obj.geometries : [obj];
  return geoms.map(function (g) {
    return {type: "Feature", id: g.id, properties: g.properties || {}, geometry: geometry(g)};
  });
};

// Fetch a topology served as a static file once per page and decode it once; every
// region layer of every later filter change reuses the features (a Promise of them).
window.kcaTopoFetch = window.kcaTopoFetch || function (url, name) {
  var cache = window.kcaTopoCache = window.kcaTopoCache || {};
  var key = url + "#" + name;
  if (!cache[key]) {
    cache[key] = fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    }).then(function (topo) { return window.kcaTopoFeatures(topo, name); });
    cache[key].catch(function () { delete cache[key]; });  // a later layer tries again
  }
  return cache[key];
};

// A GeoJSON layer drawn in its own map pane (options.pane, stacked at options.paneZ),
// so regions stay under the sites and belts however late their features arrive.
window.kcaTopoLayer = window.kcaTopoLayer || function (options) {
  if (!window.kcaTopoLayerClass) {
    window.kcaTopoLayerClass = L.GeoJSON.extend({
      onAdd: function (map) {
        var pane = this.options.pane;
        if (pane && !map.getPane(pane)) map.createPane(pane).style.zIndex = this.options.paneZ;
        return L.GeoJSON.prototype.onAdd.call(this, map);
      }
    });
  }
  return new window.kcaTopoLayerClass(null, options);
};
