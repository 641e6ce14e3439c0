// Hold the map's first report to the page until its regions are drawn
// (Korea Cluster Atlas, issue #14: the first map of a visit).
//
// streamlit-folium reports the map's bounds 250 ms after the map is made, and that
// report reruns the page. The page draws the records table from its second run on
// (ui.page.table_now), so the browser loads and parses the table's 1.2 MB script then.
// When the report came before the region boundaries (fetched, decoded, drawn), that
// parse held the drawing back. Until the regions layer calls window.kcaRegionsDrawn
// (after its first paint), or at most HOLD_MS, the latest value is kept, then sent, and
// the component's own method is put back: nothing of this script stays in the way of
// later reports (a wrapper left in place kept the tab's heap 6-20 MB higher, now and
// then, across level and language changes: tests/test_e2e_soak.py).
// Outside streamlit-folium (exported HTML) there is no window.Streamlit: nothing to do.
window.kcaHoldFirstReport = window.kcaHoldFirstReport || function (map) {
  var HOLD_MS = 1500;
  var S = window.Streamlit;
  if (!map || !S || typeof S.setComponentValue !== "function" || S._kcaHeld) return;
  S._kcaHeld = true;
  var send = S.setComponentValue;
  var held = [];
  var open = false;
  S.setComponentValue = function () {
    if (open) return send.apply(S, arguments);
    held = Array.prototype.slice.call(arguments);  // only the latest value matters
  };
  function release() {
    if (open) return;
    open = true;
    S.setComponentValue = send;  // from now on, the component's own method
    window.kcaRegionsDrawn = function () {};
    var value = held;
    held = [];
    if (value.length) send.apply(S, value);
  }
  window.kcaRegionsDrawn = function () {
    // after the frame that shows them: the next task after the animation frame
    requestAnimationFrame(function () { setTimeout(release, 0); });
  };
  setTimeout(release, HOLD_MS);
};
