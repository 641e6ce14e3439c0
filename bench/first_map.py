"""Time to first map: from ``streamlit run`` until the map's polygons are drawn.

Measured in headless Chromium (Playwright) against the real app with a warm boundary
cache, next to a page that only calls ``st.title`` (until its text shows), in the
same run. The browser is started before the clock; the clock starts just before the
``streamlit run`` process is spawned.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable

from playwright.sync_api import Browser, Page, sync_playwright

from bench.common import RUNS, Row, median, num, prepared_settings, rounded
from layers.atlas_store import load_stored_atlas
from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_PATHS = "path.kca-region"
TIMEOUT_MS = 120_000
TARGET_S = 2.0
"""Issue #14: the first map within 2 s of the bare page's first paint."""
TRIVIAL_PAGE = textwrap.dedent(
    """
    import streamlit as st

    st.title("Korea Cluster Atlas")
    """
)


def wait_for_map(page: Page) -> None:
    """Until the atlas map has drawn at least one province polygon."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(REGION_PATHS).first.wait_for(state="attached", timeout=TIMEOUT_MS)


def wait_for_title(page: Page) -> None:
    """Until the trivial page's title text shows."""
    page.get_by_text("Korea Cluster Atlas").first.wait_for(timeout=TIMEOUT_MS)


def first_paint(
    browser: Browser, script: str, env: dict[str, str], ready: Callable[[Page], None]
) -> float:
    """Seconds from spawning ``streamlit run script`` until ``ready`` returns."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    try:
        start = time.perf_counter()
        with streamlit_server(script, env=env) as url:
            page.goto(url)
            ready(page)
            return time.perf_counter() - start
    finally:
        context.close()


def app_first_map() -> list[Row]:
    """Seconds to the first drawn map, next to a bare ``st.title`` page."""
    trivial_file = ROOT / "bench" / "_trivial_page.py"
    trivial_file.write_text(TRIVIAL_PAGE, encoding="utf-8")
    app_times: list[float] = []
    trivial_times: list[float] = []
    try:
        with prepared_settings() as settings, sync_playwright() as pw:
            # warm cache: prepared boundaries, placed sites and the stored atlas
            load_stored_atlas(settings)
            env = {"KCA_CACHE_DIR": str(settings.cache_dir), "KCA_OFFLINE": "1"}
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(RUNS):
                trivial_times.append(first_paint(browser, str(trivial_file), env, wait_for_title))
                app_times.append(first_paint(browser, "app.py", env, wait_for_map))
            browser.close()
    finally:
        trivial_file.unlink()
    app_med, trivial_med = median(app_times), median(trivial_times)
    return [
        {
            "name": "app_first_map",
            "seconds": num(app_med, 2),
            "trivial_seconds": num(trivial_med, 2),
            "difference_s": num(app_med - trivial_med, 2),
            "runs": rounded(app_times, 2),
            "trivial_runs": rounded(trivial_times, 2),
            "ok": app_med - trivial_med <= TARGET_S,
        }
    ]


__all__ = ["app_first_map"]
