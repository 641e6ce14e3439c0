"""End to end (issue #14 item 1): find a complex, select it from the table or a link, and the
map's camera, in headless Chromium against ``streamlit run``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from geo.settings import Settings
from layers.camera import fit_camera, sites_bounds
from layers.view import View, filter_sites
from tests.test_e2e import MAP_FRAME, _placed, map_frame, open_map, settled, shot

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

YONGIN = "yongin-pyeongtaek-semiconductor"
YONGIN_KO = "용인·평택 반도체 클러스터 (용인 원삼 반도체클러스터 포함)"


def map_view(page: Page) -> tuple[float, float, float]:
    """The mounted map's centre (lat, lon) and zoom."""
    lat, lon, zoom = map_frame(page).evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
    )
    return float(lat), float(lon), float(zoom)


def wait_zoom_above(page: Page, zoom: float) -> None:
    map_frame(page).wait_for_function(
        f"() => window.map.getZoom() > {zoom} && !window.map._animatingZoom", timeout=60_000
    )


def test_search_selects_the_complex_and_zooms_to_it(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    national = settled(page)
    doc = map_frame(page)
    doc.evaluate("() => { window.kcaMarker = 1; }")
    search = page.get_by_role("combobox", name="단지 찾기")
    search.click()
    page.keyboard.type("용인")
    option = page.get_by_role("option").filter(has_text=YONGIN_KO)
    option.click()
    wait_zoom_above(page, national + 3)
    page.get_by_role("heading", name=YONGIN_KO).wait_for(timeout=30_000)
    page.wait_for_url(f"**site={YONGIN}**", timeout=30_000)
    lat, lon, _ = map_view(page)
    assert 36.9 < lat < 37.3 and 126.9 < lon < 127.3  # between Pyeongtaek and Yongin
    assert doc.evaluate("() => window.kcaMarker") == 1  # moved, not remounted
    # the map shows which complex is selected: its municipalities (Yongin and Pyeongtaek:
    # the sources name no finer place) outlined, a ring round each of its markers
    doc.locator("path.kca-selected-area").first.wait_for(state="attached", timeout=30_000)
    rings = doc.locator("path.kca-selected-site")
    rings.first.wait_for(state="attached", timeout=30_000)
    assert rings.count() >= 2
    # the card is complete: program with its legal basis, the figure with its horizon
    card = page.get_by_test_id("stMain")
    card.get_by_text("국가첨단전략산업법", exact=False).first.wait_for()
    card.get_by_text("562조 원 · 2042년까지").wait_for()
    shot(page, "find-search-yongin")
    assert page.outside == []  # type: ignore[attr-defined]


def test_site_in_the_link_opens_the_card_and_the_map_there(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?site={YONGIN}&lang=en")
    page.locator(MAP_FRAME).wait_for()
    page.get_by_role("heading", name="Yongin-Pyeongtaek semiconductor cluster").first.wait_for(
        timeout=90_000
    )
    wait_zoom_above(page, 9)
    page.get_by_text("KRW 562 tn · to 2042").wait_for()
    lat, lon, _ = map_view(page)
    assert 36.9 < lat < 37.3 and 126.9 < lon < 127.3


def test_unknown_site_in_the_link_warns_in_both_languages(page: Page, app_url: str) -> None:
    open_map(page, f"{app_url}/?site=no-such-complex")
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="no-such-complex")
    warning.wait_for(timeout=30_000)
    text = warning.inner_text()
    assert "찾을 수 없습니다" in text and "No complex has the id" in text
    assert page.get_by_test_id("stException").count() == 0


def test_table_row_click_selects_the_site_on_the_map(page: Page, app_url: str) -> None:
    open_map(page, f"{app_url}/?lang=en")
    national = settled(page)
    table = page.locator(".st-key-find_table")
    table.scroll_into_view_if_needed()
    table.click(position={"x": 18, "y": 52})  # the first row's selection box
    page.wait_for_url("**site=**", timeout=30_000)
    wait_zoom_above(page, national + 3)
    site = page.url.split("site=")[1].split("&")[0]
    assert site
    heading = page.get_by_test_id("stHeading").filter(has_not_text="Korea Cluster Atlas")
    heading.first.wait_for()
    # the selected complex's marker is in the map's view
    inside = map_frame(page).evaluate(
        "() => window.kcaSiteMarkers.getLayers().some(m => m.getLatLng &&"
        " window.map.getBounds().contains(m.getLatLng()))"
    )
    assert inside
    shot(page, "find-table-row")


def test_link_centre_and_zoom_win_on_first_load(page: Page, app_url: str) -> None:
    open_map(page, f"{app_url}/?lat=35.1800&lon=129.0700&zoom=11.00&site={YONGIN}")
    map_frame(page).wait_for_function("() => window.map.getZoom() === 11", timeout=60_000)
    lat, lon, zoom = map_view(page)
    assert zoom == 11
    assert abs(lat - 35.18) < 0.01 and abs(lon - 129.07) < 0.01  # Busan, not Yongin
    page.get_by_role("heading", name=YONGIN_KO).wait_for(timeout=30_000)  # the card still shows


def test_filter_change_fits_the_mounted_map_to_the_shown_sites(
    page: Page, app_url: str, prepared: Settings
) -> None:
    open_map(page, app_url)
    national = settled(page)
    doc = map_frame(page)
    doc.evaluate("() => { window.kcaMarker = 1; }")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="소재·부품·장비 특화단지 (", exact=False).click()
    page.wait_for_url("**program=sobujang**", timeout=30_000)
    width, height = doc.evaluate("() => [window.map.getSize().x, window.map.getSize().y]")
    shown = filter_sites(_placed(prepared), View(programs=("sobujang",)))
    bounds = sites_bounds(shown)
    assert bounds is not None
    want = fit_camera(bounds, (width, height))
    assert want.zoom != national
    doc.wait_for_function(
        f"() => Math.abs(window.map.getZoom() - {want.zoom}) <= 0.25 && !window.map._animatingZoom",
        timeout=60_000,
    )
    lat, lon, _ = map_view(page)
    assert abs(lat - want.lat) < 0.2 and abs(lon - want.lon) < 0.2
    inside = doc.evaluate(
        "() => window.kcaSiteMarkers.getLayers().every("
        "m => window.map.getBounds().contains(m.getLatLng()))"
    )
    assert inside
    assert doc.evaluate("() => window.kcaMarker") == 1  # the same map, moved
