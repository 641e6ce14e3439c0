"""Shared fixtures: real boundaries prepared once per session in a private cache.

Tiers: a test that asks for the real boundaries (``real_settings``, ``prepared``, ``app_env``)
is an ``integration`` test, one that asks for a browser (``browser``, ``page``, ``app_url``) is
an ``e2e`` test; :func:`pytest_collection_modifyitems` adds the marker from the fixtures, so
``pytest -m "not integration and not e2e"`` needs neither ``../shared`` nor Playwright.
Playwright is imported only inside the browser fixtures.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from geo.settings import SHARED_BOUNDARIES, Settings
from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

LOCAL_HOSTS = {"127.0.0.1", "localhost"}

#: Fixture name -> the tier a test using it belongs to.
TIER_OF_FIXTURE = {
    "real_settings": "integration",
    "prepared": "integration",
    "app_env": "integration",
    "app_url": "e2e",
    "browser": "e2e",
    "page": "e2e",
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m "... not e2e"``, leave out browser test modules when Playwright is absent.

    Browser modules (``test_e2e*.py``) may import Playwright at the top; a unit-tier run on
    a machine without it must not fail on their imports. Any other selection collects them
    (and fails loudly if Playwright is missing).
    """
    if not collection_path.name.startswith("test_e2e"):
        return None
    if "not e2e" not in (config.option.markexpr or ""):
        return None
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError:
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with the tiers its fixtures imply (see the module docstring)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for tier in sorted({TIER_OF_FIXTURE[f] for f in fixtures & TIER_OF_FIXTURE.keys()}):
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of ``data/`` (without the research notes and backups) to write into."""
    from geo.records import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("sources", "backups"))
    return target


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
    from playwright.sync_api import sync_playwright

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
