"""Shared fixtures: real boundaries prepared once per session in a private cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from geo.settings import SHARED_BOUNDARIES, Settings
from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings reading ../shared/boundaries with a fresh cache, offline."""
    if not SHARED_BOUNDARIES.is_dir():
        pytest.fail(f"integration tests need the real boundaries in {SHARED_BOUNDARIES}")
    cache = tmp_path_factory.mktemp("kca-cache")
    return Settings(boundaries_dir=None, cache_dir=Path(cache), offline=True)


@pytest.fixture(scope="session")
def prepared(real_settings: Settings) -> Settings:
    """The real boundaries, prepared into the session cache."""
    from geo.boundaries import prepare

    prepare(real_settings)
    return real_settings


@pytest.fixture
def app_env(prepared: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Environment for AppTest runs of the page: the prepared cache, offline."""
    monkeypatch.setenv("KCA_CACHE_DIR", str(prepared.cache_dir))
    monkeypatch.setenv("KCA_OFFLINE", "1")
    monkeypatch.delenv("KCA_BOUNDARIES_DIR", raising=False)
    yield


@pytest.fixture(scope="session")
def app_url(prepared: Settings) -> Iterator[str]:
    """One ``streamlit run app.py`` for every browser test (each page is its own session)."""
    env = {"KCA_CACHE_DIR": str(prepared.cache_dir), "KCA_OFFLINE": "1"}
    with streamlit_server(env=env) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: `make test` installs Debian's chromium")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser page; ``page.outside`` lists requests that left localhost."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]

    def note(request: Request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
            page.outside.append(request.url)  # type: ignore[attr-defined]

    page.on("request", note)
    yield page
    context.close()
