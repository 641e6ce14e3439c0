"""End to end: the real app in headless Chromium, offline, against `streamlit run`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import geopandas as gpd
import pytest

from bench.soak import MAP_STILL_JS, settle, wait_idle
from geo.aggregate import totals
from geo.boundaries import load_boundaries
from geo.records import load_records, place_records
from geo.settings import Settings
from layers.i18n import LABELS, count_text
from layers.symbology import markers_of
from layers.view import View, filter_sites, with_program_kinds
from tests.e2e_server import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Frame, FrameLocator, Page

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SNAPSHOT_BUTTON_EN = LABELS["snapshot_button"]["en"]


def _placed(settings: Settings) -> gpd.GeoDataFrame:
    records = load_records()
    placed, _ = place_records(
        records.clusters,
        load_boundaries("sgg", "full", settings),
        emd=load_boundaries("emd", "full", settings),
    )
    return with_program_kinds(placed, records.programs)  # the kinds filter sees them


def expected_markers(settings: Settings, **view: object) -> int:
    """Markers (a complex in one municipality) the records say the map should show."""
    shown = filter_sites(_placed(settings), View(**view))  # type: ignore[arg-type]
    return len(markers_of(shown))


def expected_sites(settings: Settings, **view: object) -> str:
    """ "N complexes · M designations" the legend should state for a view (Korean)."""
    shown = filter_sites(_placed(settings), View(**view))  # type: ignore[arg-type]
    return count_text(*totals(shown), "ko")


def open_map(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.kca-region").first.wait_for(state="attached", timeout=90_000)
    return frame


def settled(page: Page) -> float:
    """Wait until the page is at rest after it opened; the map's zoom.

    At rest: the map's first report has rerun the page (the URL holds the map's centre
    and zoom), that run has fitted the camera to the map's size on screen, the map has
    stopped moving and no run has followed for a second. The legend is judged again when
    the fit ends, and a key, click or word sent during that run can be lost.
    """
    page.wait_for_url("**zoom=**", timeout=60_000)
    frame = map_frame(page)
    settle(page, frame)
    frame.wait_for_function(MAP_STILL_JS, timeout=60_000)
    return float(frame.evaluate("() => window.map.getZoom()"))


COUNT_RUNS = """() => {
  if (window.kcaRuns !== undefined) return window.kcaRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  window.kcaRuns = 0;
  new MutationObserver(records => {
    const states = records.map(r => r.oldValue).concat([app.dataset.testScriptState]);
    for (let i = 1; i < states.length; i++) {
      if (states[i] === 'notRunning' && states[i - 1] !== 'notRunning') window.kcaRuns += 1;
    }
  }).observe(app, {attributes: true, attributeOldValue: true,
                   attributeFilter: ['data-test-script-state']});
  return window.kcaRuns;
}"""
"""Start counting finished script runs (once per page); the count so far."""


@contextmanager
def a_run_finishes(page: Page) -> Iterator[None]:
    """Wait, after the block, until a script run has finished that began after it started.

    Waiting for "not running" alone can pass before the run a click asks for has begun;
    counting the app's running -> not running changes cannot.
    """
    before = int(page.evaluate(COUNT_RUNS))
    yield
    page.wait_for_function(f"() => window.kcaRuns > {before}", timeout=60_000)


def marker_count(page: Page) -> int:
    """Markers the map holds (drawn, or gathered in a cluster badge)."""
    return int(map_frame(page).evaluate("() => window.kcaSiteMarkers.getLayers().length"))


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_map_draws_provinces_and_markers_with_no_outside_request(
    page: Page, app_url: str, prepared: Settings
) -> None:
    frame = open_map(page, app_url)
    assert frame.locator("path.kca-region").count() == 17
    frame.locator("path.kca-site").first.wait_for()
    assert marker_count(page) == expected_markers(prepared)
    assert (frame.locator(".kca-legend-body").text_content() or "").strip()  # open or collapsed
    shot(page, "default-view")
    assert page.outside == []  # type: ignore[attr-defined]


def test_filter_in_url_changes_the_markers(page: Page, app_url: str, prepared: Settings) -> None:
    frame = open_map(page, f"{app_url}/?program=sobujang&level=sgg&lang=en")
    assert frame.locator("path.kca-region").count() == 250
    frame.locator("path.kca-site").first.wait_for()
    want = expected_markers(prepared, programs=("sobujang",))
    assert 0 < want < expected_markers(prepared)
    assert marker_count(page) == want
    shot(page, "sobujang-sgg-en")
    assert page.outside == []  # type: ignore[attr-defined]


def test_clicking_a_site_shows_its_details(page: Page, app_url: str) -> None:
    frame = open_map(page, f"{app_url}/?program=strategic&lang=en")
    marker = frame.locator("path.kca-site").first
    marker.wait_for()
    marker.click(force=True)
    popup_title = frame.locator(".leaflet-popup-content b").first.inner_text()
    name_en = popup_title.split(" · ")[0]
    assert name_en
    page.get_by_role("heading", name=name_en).wait_for(timeout=30_000)
    shot(page, "clicked-site")
    assert page.outside == []  # type: ignore[attr-defined]


def test_belt_labels_hide_at_national_zoom_and_show_in_busan(page: Page, app_url: str) -> None:
    frame = open_map(page, app_url)
    labels = frame.locator(".kca-belt-label")
    labels.first.wait_for(state="attached")
    assert labels.count() == 5
    assert not any(labels.nth(i).is_visible() for i in range(5))
    frame = open_map(page, f"{app_url}/?focus=busan")
    labels = frame.locator(".kca-belt-label")
    labels.first.wait_for(state="visible")
    assert all(labels.nth(i).is_visible() for i in range(5))
    shot(page, "busan-belts")


def map_frame(page: Page) -> Frame:
    """The map iframe's document, for evaluating script in it."""
    handle = page.locator(MAP_FRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def mark_map_and_zoom_in(page: Page) -> float:
    """Tag the mounted Leaflet map, zoom in one step, and return the new zoom."""
    doc = map_frame(page)
    doc.evaluate(
        "() => { window.kcaMarker = 1;"
        " document.querySelector('.leaflet-container').dataset.kcaMark = 'kept'; }"
    )
    zoom = float(doc.evaluate("() => window.map.getZoom()"))
    page.frame_locator(MAP_FRAME).locator(".leaflet-control-zoom-in").click()
    doc.wait_for_function(
        f"() => window.map.getZoom() === {zoom + 1} && !window.map._animatingZoom"
    )
    return zoom + 1


def assert_same_map(page: Page, zoom: float) -> None:
    """The map is the instance marked before (not remounted) and kept its zoom."""
    doc = map_frame(page)
    assert doc.evaluate("() => window.kcaMarker") == 1
    container = page.frame_locator(MAP_FRAME).locator(".leaflet-container")
    assert container.get_attribute("data-kca-mark") == "kept"
    assert doc.evaluate("() => window.map.getZoom()") == zoom


def wait_fitted(page: Page) -> float:
    """Wait until every site marker lies inside the map's view (a filter change fits the
    map to the sites it shows, issue #14) and the map stands still; its zoom."""
    doc = map_frame(page)
    doc.wait_for_function(
        "() => !window.map._animatingZoom && window.kcaSiteMarkers.getLayers().every("
        "m => window.map.getBounds().contains(m.getLatLng()))",
        timeout=60_000,
    )
    return float(doc.evaluate("() => window.map.getZoom()"))


def test_filter_change_swaps_layers_in_the_mounted_map(
    page: Page, app_url: str, prepared: Settings
) -> None:
    frame = open_map(page, app_url)
    sites = frame.locator("path.kca-site")
    sites.first.wait_for()
    legend = frame.locator(".kca-legend")
    assert f"({expected_sites(prepared)})" in (legend.text_content() or "")  # open or collapsed
    zoom = mark_map_and_zoom_in(page)
    sidebar = page.get_by_test_id("stSidebar")
    # the program list is pills, "name (count)": one click adds the program
    sidebar.get_by_role("button", name="소재·부품·장비 특화단지 (", exact=False).click()
    want = expected_markers(prepared, programs=("sobujang",))
    assert 0 < want < expected_markers(prepared)
    map_frame(page).wait_for_function(
        f"() => window.kcaSiteMarkers && window.kcaSiteMarkers.getLayers().length === {want}",
        timeout=60_000,
    )
    zoom = wait_fitted(page)  # the filter change fitted the map to the shown sites
    assert_same_map(page, zoom)
    assert legend.count() == 1
    assert f"({expected_sites(prepared, programs=('sobujang',))})" in (legend.text_content() or "")
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert attribution.count("통계지리정보서비스") == 1
    shot(page, "filter-no-remount")
    # Swapped-in layers report clicks too: click a marker not hidden by the legend.
    uncovered = map_frame(page).evaluate(
        "() => [...document.querySelectorAll('path.kca-site')].findIndex(p => {"
        " const r = p.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === p; })"
    )
    assert uncovered >= 0
    sites.nth(uncovered).click(force=True)
    name_ko = frame.locator(".leaflet-popup-content b").first.inner_text().split(" · ")[0]
    page.get_by_role("heading", name=name_ko).wait_for(timeout=30_000)
    assert_same_map(page, zoom)
    assert page.outside == []  # type: ignore[attr-defined]


def test_level_change_replaces_regions_without_piling_up(page: Page, app_url: str) -> None:
    frame = open_map(page, app_url)
    frame.locator("path.kca-site").first.wait_for()
    zoom = mark_map_and_zoom_in(page)
    page.get_by_test_id("stSidebar").get_by_text("시군구", exact=True).click()
    map_frame(page).wait_for_function(
        "() => document.querySelectorAll('path.kca-region').length === 250", timeout=60_000
    )
    page.wait_for_timeout(500)  # a stale layer would show up as extra paths
    assert frame.locator("path.kca-region").count() == 250
    assert frame.locator("path.kca-outline").count() == 17
    assert frame.locator(".kca-legend").count() == 1
    assert_same_map(page, zoom)
    shot(page, "level-sgg-no-remount")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    frame.locator(".kca-legend", has_text="Designated complexes").wait_for(timeout=60_000)
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "Statistics Korea" in attribution and "통계청" not in attribution
    assert frame.locator(".kca-legend").count() == 1
    assert frame.locator("path.kca-region").count() == 250
    assert_same_map(page, zoom)


def test_switching_language_with_filters_keeps_the_view_and_the_page_working(
    page: Page, app_url: str, prepared: Settings
) -> None:
    open_map(page, f"{app_url}/?program=sobujang&sido=41")
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Province", exact=True).first.wait_for()
    page.get_by_text("Busan's five innovation belts", exact=True).click()  # used to crash
    page.wait_for_function("() => !location.search.includes('belts=1')")
    page.wait_for_function("() => location.search.includes('belts=0')")
    frame = page.frame_locator(MAP_FRAME)
    want = expected_markers(prepared, programs=("sobujang",), sido="41")
    frame.locator("path.kca-site").nth(want - 1).wait_for(state="attached")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Designated complexes", exact=True).count() >= 1
    assert frame.locator("path.kca-site").count() == want
    assert "program=sobujang" in page.url and "sido=41" in page.url and "lang=en" in page.url
    shot(page, "language-switch-with-filters")


def test_regions_fetched_once_stay_clickable_after_a_filter_change(
    page: Page, app_url: str
) -> None:
    topo: list[str] = []
    page.on("request", lambda r: topo.append(r.url) if "/app/static/topo/" in r.url else None)
    frame = open_map(page, f"{app_url}/?lang=en")
    frame.locator("path.kca-site").first.wait_for()
    legend = frame.locator(".kca-legend")
    before = legend.text_content()  # the legend may start collapsed
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Materials, parts and equipment", exact=False).click()
    map_frame(page).wait_for_function(
        "before => document.querySelector('.kca-legend').textContent !== before",
        arg=before,
        timeout=60_000,
    )
    wait_idle(page)  # the run that changed the legend also moved the camera (issue #14)
    wait_fitted(page)  # ... and the map stands still before a region is picked by position
    assert frame.locator("path.kca-region").count() == 17
    assert len(topo) == 1 and "/app/static/topo/sido-" in topo[0]  # the browser kept it
    # a region's middle not covered by a site, a belt or the legend takes the pointer
    index = map_frame(page).evaluate(
        "() => [...document.querySelectorAll('path.kca-region')].findIndex(p => {"
        " const r = p.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === p; })"
    )
    assert index >= 0
    region = frame.locator("path.kca-region").nth(index)
    region.hover()
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for(timeout=60_000)
    name_en = tip.inner_text().split(" · ")[0]
    assert name_en
    region.click()
    page.get_by_role("heading", name=name_en).wait_for(timeout=60_000)
    assert page.outside == []  # type: ignore[attr-defined]


def test_snapshot_panel_draws_its_pickers_when_opened(page: Page, app_url: str) -> None:
    """The panel is drawn only while open (issue #17): opening it in the browser reruns
    the page and shows the format picker, the download button and the command line."""
    open_map(page, f"{app_url}/?lang=en")
    assert page.get_by_text("python cli.py export").count() == 0  # closed: not drawn
    page.get_by_text(LABELS["snapshot"]["en"]).first.click()
    page.get_by_text("python cli.py export").first.wait_for(timeout=60_000)
    page.get_by_role("button", name=SNAPSHOT_BUTTON_EN).wait_for(timeout=30_000)
    assert page.outside == []  # type: ignore[attr-defined]
