"""Integration: the bundled records against the real boundaries."""

from __future__ import annotations

import pytest
import shapely

from geo.belts import build_belts
from geo.boundaries import load_boundaries
from geo.placement import check_emd_codes
from geo.records import (
    Records,
    check_points_in_declared_municipality,
    load_records,
    place_records,
)
from geo.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def records() -> Records:
    return load_records()


def test_bundled_data_validates_with_zero_problems(records: Records) -> None:
    assert [str(p) for p in records.problems] == []
    assert len(records.clusters) > 100
    assert str(records.clusters["year"].dtype) == "Int64"
    assert str(records.clusters["lat"].dtype) == "Float64"


def test_every_referenced_program_and_industry_exists(records: Records) -> None:
    programs = set(records.programs["id"])
    industries = set(records.industries["id"])
    assert set(records.clusters["program"]) <= programs
    assert set(records.clusters["industry"].dropna()) <= industries
    belt_industries = {i for cell in records.belts["industries"].dropna() for i in cell.split(";")}
    assert belt_industries <= industries
    assert programs == set(records.clusters["program"])  # no program without rows
    assert set(records.belt_areas["belt_id"]) == set(records.belts["belt_id"])


def test_every_site_lies_in_its_declared_municipality(prepared: Settings, records: Records) -> None:
    sgg = load_boundaries("sgg", "full", prepared)
    placed, problems = place_records(records.clusters, sgg)
    assert [str(p) for p in problems] == []
    # every designation placed; a complex in several municipalities once in each
    assert set(placed["id"]) == set(records.clusters["id"])
    spans = records.clusters["sigungu_all"].str.count(";") + 1
    assert len(placed) == int(spans.fillna(1).sum())  # a province-wide complex: one marker
    assert placed.geometry.notna().all() and not placed.geometry.is_empty.any()
    wide = placed["location"] == "province"
    assert (wide == (placed["precision"] == "sido")).all() and wide.sum() == 6
    assert placed.loc[~wide, "sgg_code"].notna().all()
    assert placed.loc[wide, "sgg_code"].isna().all()  # no municipality credited with it
    assert placed.loc[wide, "lon"].isna().all()  # its drawn point is not its coordinate
    wrong = check_points_in_declared_municipality(placed)
    assert wrong.empty, wrong.to_string()
    pairs = zip(placed.loc[~wide, "sgg_code"], placed.loc[~wide, "shown_sgg_codes"], strict=True)
    inside = [c in s.split(";") for c, s in pairs]
    assert all(inside)  # each marker in the municipality it is drawn for
    primary = placed[~placed["id"].duplicated()]
    declared_sido = primary["sido"].map(
        dict(zip(sgg["sido_name_ko"], sgg["parent_code_moi"], strict=True))
    )
    assert (declared_sido == primary["sido_code_moi"]).all()


def test_every_emd_complex_lies_in_its_dong_and_municipality(
    prepared: Settings, records: Records
) -> None:
    sgg = load_boundaries("sgg", "full", prepared)
    emd = load_boundaries("emd", "full", prepared)
    assert [str(p) for p in check_emd_codes(records.complexes, sgg, emd)] == []
    placed, problems = place_records(records.clusters, sgg, emd=emd)
    assert problems == []
    at_emd = placed[placed["precision"] == "emd"]
    assert set(at_emd["complex_key"]) == set(
        records.complexes.loc[records.complexes["precision"] == "emd", "complex_id"]
    )
    assert (at_emd["location"] == "emd").all()
    polygons = emd.set_index("code").geometry
    for _, row in at_emd.iterrows():
        codes = row["area"].split(";")
        assert set(codes) <= set(str(row["emd_codes"]).split(";"))
        dong = shapely.union_all(polygons.loc[codes].values)
        assert dong.contains(row.geometry), (row["id"], codes)
        assert row["sgg_code"] in row["shown_sgg_codes"].split(";")
        assert row["sgg_code"] in str(row["declared_sgg_codes"]).split(";")
    assert placed["lon"].isna().all()  # representative points never become coordinates


def test_busan_belts_build_five_polygons_inside_busan(prepared: Settings, records: Records) -> None:
    sgg = load_boundaries("sgg", "full", prepared)
    emd = load_boundaries("emd", "full", prepared)
    belts = build_belts(records.belts, records.belt_areas, sgg, emd)
    assert len(belts) == 5 and belts.crs == "EPSG:4326"
    assert belts.geometry.is_valid.all() and not belts.geometry.is_empty.any()
    assert set(belts.geom_type) <= {"Polygon", "MultiPolygon"}
    sido = load_boundaries("sido", "full", prepared).to_crs(5179).set_index("code_moi")
    busan = sido.geometry.loc["26"]
    metric = belts.to_crs(5179).geometry
    inside = shapely.area(shapely.intersection(metric.values, busan)) / metric.area.values
    assert inside.min() > 0.9999
    assert (belts["area_km2"] > 1).all()
