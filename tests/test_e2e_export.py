"""The offline HTML export opened from disk in headless Chromium with no network."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from exports.html import render_html
from geo.settings import Settings
from layers.atlas import load_atlas_data
from layers.symbology import markers_of
from layers.view import View, filter_sites
from tests.e2e_server import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


@pytest.mark.parametrize(
    ("view", "regions"), [(View(), 17), (View(level="sgg", programs=("sobujang",)), 250)]
)
def test_html_export_draws_regions_and_markers_offline(
    browser: Browser, prepared: Settings, tmp_path: Path, view: View, regions: int
) -> None:
    data = load_atlas_data(prepared)
    path = tmp_path / "atlas.html"
    path.write_bytes(render_html(data, view))
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    blocked: list[str] = []

    def refuse(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route("http*://**/*", refuse)
    page = context.new_page()
    page.goto(path.as_uri())
    page.locator("path.kca-region").first.wait_for(state="attached", timeout=60_000)
    assert page.locator("path.kca-region").count() == regions
    shown = filter_sites(data.sites, view)
    page.locator("path.kca-site, .marker-cluster").first.wait_for(timeout=60_000)
    held = page.evaluate("() => window.kcaSiteMarkers.getLayers().length")
    assert held == len(markers_of(shown))  # one per complex and municipality
    assert (page.locator(".kca-legend-body").text_content() or "").strip()  # open or collapsed
    assert page.locator(".kca-card-title").inner_text().strip()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "artifacts" / f"export-html-{view.level}.png"))
    context.close()
    assert blocked == []
