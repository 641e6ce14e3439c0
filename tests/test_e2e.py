"""End to end: the real app in headless Chromium, offline, against `streamlit run`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, sync_playwright

from geo.boundaries import load_boundaries
from geo.records import load_records, place_records
from geo.settings import Settings
from layers.view import View, filter_sites
from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def app_url(prepared: Settings) -> Iterator[str]:
    env = {"KCA_CACHE_DIR": str(prepared.cache_dir), "KCA_OFFLINE": "1"}
    with streamlit_server(env=env) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: `make test` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]

    def note(request: object) -> None:
        url = urlparse(request.url)  # type: ignore[attr-defined]
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
            page.outside.append(request.url)  # type: ignore[attr-defined]

    page.on("request", note)
    yield page
    context.close()


def expected_markers(settings: Settings, **view: object) -> int:
    """Markers the records say the map should show for a view."""
    placed, _ = place_records(load_records().clusters, load_boundaries("sgg", "full", settings))
    shown = filter_sites(placed, View(**view))  # type: ignore[arg-type]
    return int((shown.geometry.notna() & ~shown.geometry.is_empty).sum())


def open_map(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.kca-region").first.wait_for(state="attached", timeout=90_000)
    return frame


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_map_draws_provinces_and_markers_with_no_outside_request(
    page: Page, app_url: str, prepared: Settings
) -> None:
    frame = open_map(page, app_url)
    assert frame.locator("path.kca-region").count() == 17
    frame.locator("path.kca-site").first.wait_for()
    assert frame.locator("path.kca-site").count() == expected_markers(prepared)
    assert frame.locator(".kca-legend").inner_text().strip()
    shot(page, "default-view")
    assert page.outside == []  # type: ignore[attr-defined]


def test_filter_in_url_changes_the_markers(page: Page, app_url: str, prepared: Settings) -> None:
    frame = open_map(page, f"{app_url}/?program=sobujang&level=sgg&lang=en")
    assert frame.locator("path.kca-region").count() == 250
    frame.locator("path.kca-site").first.wait_for()
    want = expected_markers(prepared, programs=("sobujang",))
    assert 0 < want < expected_markers(prepared)
    assert frame.locator("path.kca-site").count() == want
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
