// The map fills the height left in the browser window (Korea Cluster Atlas, issue #14
// item 5).
//
// streamlit-folium sizes its iframe in fixed pixels. The page's style
// (ui/page.py, page_style) makes the iframe calc(100vh - var(--kca-map-top) - margin)
// tall; this script, run inside the iframe, measures where the iframe starts on the page
// and writes that into --kca-map-top on the page, again whenever the window or the page
// above it changes size. Inside the iframe the map div is 100vh tall (webmap.MAP_CSS), so
// Leaflet follows (it listens to its window's resize). Outside an iframe (exported HTML)
// it does nothing.
window.kcaFitHeight = window.kcaFitHeight || function () {
  var frame = null;
  try {
    frame = window.frameElement;
  } catch (err) {
    return; // another origin: leave the page alone
  }
  if (!frame || window.kcaFitsHeight) return;
  window.kcaFitsHeight = true;
  var page = window.parent;
  var observer = null;

  function measure() {
    if (!frame.isConnected) {
      page.removeEventListener("resize", measure);
      if (observer) observer.disconnect();
      return;
    }
    // the layout position (offsets), not the scrolled one: Streamlit scrolls its main
    // section, and a height measured while scrolled would overshoot the window
    var y = 0;
    for (var el = frame; el; el = el.offsetParent) y += el.offsetTop;
    var top = Math.round(y) + "px";
    var root = page.document.documentElement;
    if (root.style.getPropertyValue("--kca-map-top") !== top) {
      root.style.setProperty("--kca-map-top", top);
    }
  }

  measure();
  page.addEventListener("resize", measure);
  if (page.ResizeObserver) {
    observer = new page.ResizeObserver(measure);
    observer.observe(page.document.body);
  }
};
window.kcaFitHeight();
