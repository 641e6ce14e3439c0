"""Measure how many site markers can be clicked at their centre at national zoom (#11).

Starts ``streamlit run app.py`` of a project folder (this one by default, or ``--root``,
e.g. the main worktree for a before/after comparison) on a free port, opens the default
view in headless Chromium at 1600 × 1000, waits for the markers, and inside the map
iframe asks ``document.elementFromPoint`` at the centre of each drawn marker
(``path.kca-site``) whether the marker itself is found there. Marker-cluster badges
(Leaflet.markercluster, when the map uses it) are measured the same way, and the number
of complexes they hold is read from the cluster group. Prints one JSON object::

    KCA_OFFLINE=1 .venv/bin/python scripts/clickable_markers.py [--root ../main] [--shot x.png]

``drawn``: marker paths on screen; ``clickable``: of those, found at their centre;
``clusters`` / ``clusters_clickable``: badges and how many are clickable;
``in_clickable_clusters``: markers inside clickable badges; ``reachable``: clickable
markers plus markers in clickable badges; ``markers``: markers the map holds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MEASURE = """() => {
  const hit = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right < 0 || r.bottom < 0 ||
        r.left > innerWidth || r.top > innerHeight) return null;
    const found = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return found === el || el.contains(found);
  };
  const paths = [...document.querySelectorAll('path.kca-site')].map(hit).filter(v => v !== null);
  const badges = [...document.querySelectorAll('.marker-cluster')];
  const group = window.kcaSiteMarkers;
  let inClickable = 0, clickableBadges = 0;
  if (group && group._featureGroup) {
    group._featureGroup.eachLayer(l => {
      if (l.getChildCount && l._icon && hit(l._icon)) {
        clickableBadges += 1; inClickable += l.getChildCount();
      }
    });
  }
  const clickable = paths.filter(Boolean).length;
  return {
    drawn: paths.length, clickable: clickable,
    clusters: badges.length, clusters_clickable: clickableBadges,
    in_clickable_clusters: inClickable, reachable: clickable + inClickable,
    markers: group && group.getLayers ? group.getLayers().length : paths.length,
  };
}"""


def measure(url: str, shot: Path | None) -> dict[str, object]:
    """Open the default view and measure its markers."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(url)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.kca-site, .marker-cluster").first.wait_for(timeout=180_000)
        page.wait_for_load_state("networkidle")
        found = "() => !!document.querySelector('path.kca-site, .marker-cluster')"
        target = next(f for f in page.frames if f.evaluate(found))
        result: dict[str, object] = target.evaluate(MEASURE)
        result["zoom"] = target.evaluate("() => window.map ? window.map.getZoom() : null")
        if shot is not None:
            page.screenshot(path=str(shot))
        browser.close()
    return result


def main() -> None:
    """Run the app of ``--root`` and print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--shot", type=Path, help="also save a screenshot of the page")
    args = parser.parse_args()
    root = args.root.resolve()
    cache = os.environ.get("KCA_CACHE_DIR") or tempfile.mkdtemp(prefix="kca-click-")
    env = {"KCA_CACHE_DIR": cache, "KCA_OFFLINE": "1", "PYTHONPATH": str(root)}
    script = str(root / "app.py")
    with streamlit_server(script, env=env, cwd=root) as url:
        result = measure(url, args.shot)
    result["root"] = str(root)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
