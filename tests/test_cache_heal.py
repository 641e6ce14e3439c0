"""Damaged cache files heal: the next load rebuilds them, warns once, raises nothing
(issue #17). Each test damages a private copy of the session's prepared cache."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path

import pytest

from geo.boundaries import cache_paths, checksum_path, load_boundaries, load_topojson
from geo.derived import derived_key, placed_sites_and_belts
from geo.records import load_records
from geo.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def own_cache(prepared: Settings, tmp_path: Path) -> Settings:
    target = tmp_path / "cache"
    shutil.copytree(prepared.cache_dir, target)
    return dataclasses.replace(prepared, cache_dir=target)


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_truncated_boundary_cache_is_rebuilt_on_the_next_load(
    own_cache: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    expected = load_boundaries("sgg", "display", own_cache)
    paths = cache_paths("sgg", own_cache)
    truncate(paths["display"])
    truncate(paths["topojson"])
    with caplog.at_level(logging.WARNING):
        healed = load_boundaries("sgg", "display", own_cache)
        topo = load_topojson("sgg", own_cache)
        again = load_boundaries("sgg", "display", own_cache)
    assert list(healed["code"]) == list(expected["code"]) == list(again["code"])
    assert healed.geometry.geom_equals_exact(expected.geometry, 0).all()
    assert topo.endswith("}") and '"regions"' in topo
    damaged = [m for m in warnings_of(caplog) if "damaged" in m]
    assert len(damaged) == 1  # the rebuild healed the topojson too: reported once
    assert str(own_cache.cache_dir) not in damaged[0]  # no server path in the report


def test_a_truncated_placed_sites_cache_is_rebuilt(
    own_cache: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    recs = load_records()
    sites, _belts = placed_sites_and_belts(recs, own_cache)
    cached = own_cache.cache_dir / "derived" / derived_key(own_cache) / "sites.parquet"
    assert cached.exists()
    truncate(cached)
    with caplog.at_level(logging.WARNING):
        healed, _ = placed_sites_and_belts(recs, own_cache)
        again, _ = placed_sites_and_belts(recs, own_cache)
    assert list(healed["id"]) == list(sites["id"]) == list(again["id"])
    assert [m for m in warnings_of(caplog) if "damaged" in m] == [
        "placed-sites cache was damaged (ArrowInvalid); rebuilding it"
    ]


def test_a_topojson_altered_in_place_heals_by_its_checksum(
    own_cache: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Every server start reads the TopoJSON; it is checked against the checksum written
    beside it when prepared (not parsed), so damage that keeps it valid JSON is caught."""
    expected = load_topojson("sido", own_cache)
    path = cache_paths("sido", own_cache)["topojson"]
    assert checksum_path(path).exists()
    text = path.read_text(encoding="utf-8")
    digit = next(i for i in range(len(text) // 2, len(text)) if text[i] in "123456789")
    path.write_text(text[:digit] + "0" + text[digit + 1 :], encoding="utf-8")  # still JSON
    with caplog.at_level(logging.WARNING):
        healed = load_topojson("sido", own_cache)
    assert healed == expected
    assert [m for m in warnings_of(caplog) if "damaged" in m] == [
        "prepared boundary cache sido-display.topo.json was damaged (ValueError); rebuilding it"
    ]
