"""KOSTAT to Ministry of the Interior code mapping."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.codes import current_code, load_code_changes, match_by_overlap, spaced_name
from geo.repair import repair_coverage


def test_match_by_overlap_picks_largest_overlap_not_first_hit() -> None:
    regions = repair_coverage(
        gpd.GeoDataFrame({"code": ["k1"]}, geometry=[box(127.0, 37.5, 127.01, 37.51)])
    )
    reference = gpd.GeoDataFrame(
        {"code": ["small", "big"]},
        geometry=[box(126.99, 37.5, 127.001, 37.51), box(127.001, 37.5, 127.02, 37.51)],
        crs="EPSG:4326",
    )
    assert match_by_overlap(regions, reference, "code").tolist() == ["big"]


def test_match_by_overlap_leaves_unmatched_empty() -> None:
    regions = repair_coverage(
        gpd.GeoDataFrame({"code": ["k1"]}, geometry=[box(128.0, 36.0, 128.01, 36.01)])
    )
    reference = gpd.GeoDataFrame(
        {"code": ["far"]}, geometry=[box(127.0, 37.5, 127.01, 37.51)], crs="EPSG:4326"
    )
    assert match_by_overlap(regions, reference, "code").isna().all()


def test_code_changes_table_renames_special_provinces_and_moves_gunwi() -> None:
    changes = load_code_changes()
    assert current_code("42110", changes) == "51110"  # 강원 춘천시
    assert current_code("45111", changes) == "52111"  # 전북 전주시 완산구
    assert current_code("47720", changes) == "27720"  # 군위군 to 대구
    assert current_code("47730", changes) == "47730"  # 의성군 stays in 경북
    assert current_code(None, changes) is None
    assert changes["source_url"].notna().all()


def test_spaced_name_only_splits_city_and_gu() -> None:
    assert spaced_name("창원시의창구") == "창원시 의창구"
    assert spaced_name("기장군") == "기장군"
    assert spaced_name("시흥시") == "시흥시"
    assert pd.isna(current_code(float("nan"), load_code_changes()))  # type: ignore[arg-type]
