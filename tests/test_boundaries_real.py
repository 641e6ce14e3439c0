"""Integration: the real files in ../shared/boundaries, repaired and prepared."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.boundaries import COLUMNS, cache_paths, load_boundaries, load_topojson
from geo.settings import Settings

pytestmark = pytest.mark.integration

BUSAN_MOI = {
    "중구": "26110",
    "서구": "26140",
    "동구": "26170",
    "영도구": "26200",
    "부산진구": "26230",
    "동래구": "26260",
    "남구": "26290",
    "북구": "26320",
    "해운대구": "26350",
    "사하구": "26380",
    "금정구": "26410",
    "강서구": "26440",
    "연제구": "26470",
    "수영구": "26500",
    "사상구": "26530",
    "기장군": "26710",
}


def test_counts_and_schema(prepared: Settings) -> None:
    sizes = {lvl: len(load_boundaries(lvl, settings=prepared)) for lvl in ("sido", "sgg", "emd")}
    assert sizes == {"sido": 17, "sgg": 250, "emd": 3504}
    for level in sizes:
        frame = load_boundaries(level, settings=prepared)
        assert list(frame.columns) == COLUMNS
        assert frame.crs == "EPSG:4326"
        assert frame["code"].is_unique and frame["name_ko"].notna().all()


def test_busan_has_its_16_districts_with_ministry_codes(prepared: Settings) -> None:
    sgg = load_boundaries("sgg", settings=prepared)
    busan = sgg[sgg["parent_code_moi"] == "26"]
    assert dict(zip(busan["name_ko"], busan["code_moi"], strict=True)) == BUSAN_MOI
    sido = load_boundaries("sido", settings=prepared).set_index("code_moi")
    assert sido.loc["26", "name_ko"] == "부산광역시" and sido.loc["26", "code"] == "21"


def test_renamed_provinces_and_gunwi_use_todays_codes(prepared: Settings) -> None:
    sido = load_boundaries("sido", settings=prepared).set_index("code_moi")
    assert sido.loc["51", "name_ko"] == "강원특별자치도"
    assert sido.loc["52", "name_ko"] == "전북특별자치도"
    assert not {"42", "45"} & set(sido.index)
    sgg = load_boundaries("sgg", settings=prepared).set_index("code_moi")
    assert sgg.loc["27720", "name_ko"] == "군위군"
    assert sgg.loc["27720", "sido_name_ko"] == "대구광역시"
    assert sgg.loc["51110", "sido_name_ko"] == "강원특별자치도"
    assert sgg.loc["28177", "name_ko"] == "미추홀구"  # 2018 file still says 남구


def test_every_municipality_lies_in_its_province(prepared: Settings) -> None:
    sgg = load_boundaries("sgg", "full", prepared).to_crs(5179)
    sido = load_boundaries("sido", "full", prepared).to_crs(5179).set_index("code_moi")
    parent = sido.geometry.loc[sgg["parent_code_moi"]].values
    inside = shapely.area(shapely.intersection(sgg.geometry.values, parent)) / sgg.area.values
    assert inside.min() > 0.9999


def test_every_submunicipality_has_a_parent_municipality(prepared: Settings) -> None:
    emd = load_boundaries("emd", settings=prepared)
    sgg = load_boundaries("sgg", settings=prepared)
    assert set(emd["parent_code"]) == set(sgg["code"])
    assert emd["parent_code_moi"].notna().all()


@pytest.mark.parametrize("level", ["sido", "sgg", "emd"])
def test_display_and_full_are_valid_coverages(prepared: Settings, level: str) -> None:
    for detail in ("display", "full"):
        frame = load_boundaries(level, detail, prepared)
        assert shapely.coverage_is_valid(frame.geometry.values), (level, detail)
        assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()


def test_second_load_reads_the_disk_cache(prepared: Settings) -> None:
    path = cache_paths("sgg", prepared)["display"]
    before = path.stat().st_mtime_ns
    load_boundaries("sgg", settings=prepared)
    assert path.stat().st_mtime_ns == before
    assert str(prepared.cache_dir) in str(path)


def test_topojson_holds_every_region_with_names(prepared: Settings) -> None:
    topo = load_topojson("sgg", prepared)
    decoded = gpd.read_file(topo)
    assert len(decoded) == 250
    assert "해운대구" in set(decoded["name_ko"])


def test_english_municipality_names_are_hyphenated_with_their_city(prepared: Settings) -> None:
    sgg = load_boundaries("sgg", settings=prepared).set_index("name_ko")["name_en"]
    assert sgg.str.fullmatch(r"([A-Z][a-z]+-si )?[A-Z][a-z]+-(si|gun|gu)").all()
    assert sgg["수원시 장안구"] == "Suwon-si Jangan-gu"
    assert sgg["창원시 의창구"] == "Changwon-si Uichang-gu"
    assert sgg["광주시"] == "Gwangju-si"  # Gyeonggi's, not the metropolitan city
