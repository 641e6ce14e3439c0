// Keep one Streamlit theme style in the map's iframe (Korea Cluster Atlas, issue #16).
//
// streamlit-folium 0.27.4 bundles a streamlit-component-lib that, on every render event
// (every change of the map's arguments, so every filter change), appends a new <style>
// with the theme's CSS variables (":root { --primary-color: ...") to the iframe's <head>
// and never removes the older ones: one more style sheet per change for as long as the
// tab lives (310 after 300 filter changes). Streamlit fixed this in the library
// (streamlit/streamlit#7914: one style element, reused); until streamlit-folium ships
// that version, keep only the newest theme style after each addition. It is the last one
// in the <head>, so its rules already won: the page looks the same. Outside an iframe
// (exported HTML) there is no theme style and this does nothing.
window.kcaReleaseThemeStyles = window.kcaReleaseThemeStyles || function (map) {
  var head = document.head;
  if (!map || !head || window.parent === window || window.kcaReleasesThemeStyles) return;
  if (!window.MutationObserver) return;
  window.kcaReleasesThemeStyles = true;
  var theme = /^\s*:root\s*\{\s*--primary-color:/;
  function release() {
    var styles = Array.prototype.filter.call(head.children, function (el) {
      return el.tagName === "STYLE" && theme.test(el.textContent);
    });
    for (var i = 0; i < styles.length - 1; i++) head.removeChild(styles[i]);
  }
  // the library appends the element, then sets its text in the same task: the observer
  // runs after both
  new MutationObserver(release).observe(head, { childList: true });
  release();
};
