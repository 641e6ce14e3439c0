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
