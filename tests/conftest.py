"""Shared fixtures: real boundaries prepared once per session in a private cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.settings import SHARED_BOUNDARIES, Settings


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
