"""Placed sites and belts come back from the cache exactly as built, and any change
to the record files makes a new cache entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.codes import DATA_DIR
from geo.derived import derived_key, placed_sites_and_belts
from geo.records import load_records
from geo.settings import Settings

pytestmark = pytest.mark.integration


def test_cached_sites_and_belts_equal_the_built_ones(prepared: Settings) -> None:
    recs = load_records()
    built_sites, built_belts = placed_sites_and_belts(recs, prepared)
    cached_sites, cached_belts = placed_sites_and_belts(recs, prepared)
    pd.testing.assert_frame_equal(
        pd.DataFrame(cached_sites.drop(columns="geometry")),
        pd.DataFrame(built_sites.drop(columns="geometry")),
    )
    # position by position: a complex in several municipalities repeats its row label
    cached, built = (f.geometry.reset_index(drop=True) for f in (cached_sites, built_sites))
    assert cached.geom_equals_exact(built, 0).all()
    assert cached_sites.crs == built_sites.crs
    assert list(cached_belts["belt_id"]) == list(built_belts["belt_id"])
    assert cached_belts.geometry.geom_equals_exact(built_belts.geometry, 0).all()


def test_a_changed_record_file_changes_the_key(prepared: Settings, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir, ignore=shutil.ignore_patterns("sources", "backups"))
    before = derived_key(prepared, data_dir)
    assert before == derived_key(prepared, DATA_DIR)
    with (data_dir / "designations.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert derived_key(prepared, data_dir) != before
