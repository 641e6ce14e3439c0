"""Unit tests of the record loader, validator, placement and belts on tiny fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.belts import build_belts, display_belts
from geo.records import (
    CLUSTER_COLUMNS,
    DATA_DIR,
    Problem,
    check_points_in_declared_municipality,
    load_records,
    place_records,
    read_csv_table,
    validate_clusters,
    validate_industries,
)

PROGRAMS = {"root_industry", "sobujang"}
INDUSTRIES = {"mold", "semiconductor"}


def good_row(**changes: str) -> dict[str, str]:
    row = dict.fromkeys(CLUSTER_COLUMNS, "")
    row.update(
        id="root-2015-test-mold",
        program="root_industry",
        round="2015",
        name_ko="시험 금형 특화단지",
        name_en="Test Mold Complex",
        year="2015",
        designation_date="2015-06-10",
        sido="경기도",
        sigungu="가상시 갑구",
        industry="mold",
        firms="66",
        source_title="시험 기사",
        source_publisher="시험신문",
        source_date="2015-06-10",
        source_url="https://example.org/a",
    )
    row.update(changes)
    return row


def frame(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), dtype="string").replace("", pd.NA)


def problems_for(**changes: str) -> list[Problem]:
    rows = frame(good_row(id="root-2015-first"), good_row(**changes))
    return validate_clusters(rows, PROGRAMS, INDUSTRIES, belts={"startup"})


def test_a_good_row_has_no_problems() -> None:
    assert problems_for() == []


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("id", ""),
        ("id", "Root 2015"),
        ("id", "root-2015-first"),  # duplicate of row 2
        ("program", "root_special"),
        ("name_ko", ""),
        ("sido", "경기"),
        ("sigungu", ""),
        ("industry", "forging"),
        ("year", "1999"),
        ("year", "2015.0"),
        ("year", "2999"),
        ("designation_date", "2015-13-01"),
        ("designation_date", "10.06.2015"),
        ("designation_date", "undated"),
        ("source_date", "2015/06/10"),
        ("source_date", ""),
        ("source2_date", "June 2015"),
        ("firms", "66.0"),
        ("firms", "-3"),
        ("support_public_krw", "4,800,000,000"),
        ("investment_private_planned_krw", "8e11"),
        ("jobs", "약 100"),
        ("area_m2", "12.5"),
        ("source_url", "www.example.org"),
        ("source_title", ""),
        ("coord_source", "example.org/map"),
        ("belt", "east"),
    ],
)
def test_each_rule_names_file_row_and_column(column: str, value: str) -> None:
    found = problems_for(**{column: value})
    assert any(p.file == "clusters.csv" and p.row == 3 and p.column == column for p in found), found


def test_empty_industry_is_allowed() -> None:
    assert problems_for(industry="") == []


def test_undated_source_is_allowed_but_not_other_words() -> None:
    assert problems_for(source_date="undated") == []
    assert problems_for(source_date="unknown")


def test_unknown_program_message_names_allowed_and_received() -> None:
    (problem,) = problems_for(program="root_special")
    assert "root_special" in problem.message
    assert "root_industry, sobujang" in problem.message
    assert problem.message_ko


@pytest.mark.parametrize(
    ("lon", "lat", "column"),
    [("127.0", "", "lat"), ("", "37.0", "lon"), ("140.1", "37.0", "lon"), ("127.0", "40.5", "lat")],
)
def test_coordinates_both_or_neither_and_inside_korea(lon: str, lat: str, column: str) -> None:
    found = problems_for(lon=lon, lat=lat, coord_source="https://example.org/map")
    assert [(p.row, p.column) for p in found] == [(3, column)]


def test_coordinates_need_their_source() -> None:
    found = problems_for(lon="127.05", lat="37.05")
    assert [(p.row, p.column) for p in found] == [(3, "coord_source")]


def test_source2_url_needed_when_source2_is_filled() -> None:
    found = problems_for(source2_title="둘째 기사")
    assert [(p.row, p.column) for p in found] == [(3, "source2_url")]


def test_missing_required_column_and_unknown_column() -> None:
    rows = frame(good_row()).drop(columns="year").assign(colour="red")
    found = validate_clusters(rows, PROGRAMS, INDUSTRIES)
    assert ("year", None) in [(p.column, p.row) for p in found]
    assert ("colour", 1) in [(p.column, p.row) for p in found]


def test_problem_text_says_where() -> None:
    problem = Problem("clusters.csv", 5, "year", "year must be an integer", "정수")
    assert str(problem) == "clusters.csv row 5, column year: year must be an integer"
    assert str(Problem("x.csv", None, None, "missing", "없음")) == "x.csv: missing"


def test_industry_colours_unique_within_a_group() -> None:
    industries = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "label_ko": ["가", "나", "다"],
            "label_en": ["A", "B", "C"],
            "group": ["root", "root", "other"],
            "color": ["#0072B2", "#0072b2", "#0072B2"],
        },
        dtype="string",
    )
    found = validate_industries(industries)
    assert [(p.row, p.column) for p in found] == [(3, "color")]


# ---------------------------------------------------------------------------- reading


def test_read_csv_table_keeps_text_and_numbers_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('\ufeffid,year,note\na,2015,NA\n\nb,,"x, y"\nc,2016\n', encoding="utf-8")
    table, found = read_csv_table(path)
    assert list(table.index) == [2, 4, 5]
    assert table.loc[2, "note"] == "NA"  # "NA" is text, not missing
    assert table["year"].isna()[4] and table.loc[4, "note"] == "x, y"
    assert table.loc[2, "year"] == "2015"
    assert [(p.row, p.column) for p in found] == [(5, None)]  # too few cells


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "missing"), (b"id\n\xff\xfe\n", "UTF-8"), (b"", "header"), (b'id\n"a\n', "CSV")],
)
def test_unreadable_file_is_a_problem_not_an_error(
    tmp_path: Path, content: bytes | None, words: str
) -> None:
    path = tmp_path / "bad.csv"
    if content is not None:
        path.write_bytes(content)
    table, found = read_csv_table(path)
    assert table.empty
    assert len(found) == 1 and found[0].file == "bad.csv" and words in found[0].message


def test_load_records_reports_a_broken_cell_at_its_row(tmp_path: Path) -> None:
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    clusters = (tmp_path / "designations.csv").read_text(encoding="utf-8").split("\n")
    clusters[4] = clusters[4].replace(",2023,", ",20x3,", 1)
    (tmp_path / "designations.csv").write_text("\n".join(clusters), encoding="utf-8")
    records = load_records(tmp_path)
    assert [(p.file, p.row, p.column) for p in records.problems] == [
        ("designations.csv", 5, "year")
    ]
    assert records.clusters["year"].isna()[5]
    assert str(records.clusters["year"].dtype) == "Int64"


# ---------------------------------------------------------------------------- placing


def square(x: float, y: float, size: float = 0.1) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


@pytest.fixture
def sgg() -> gpd.GeoDataFrame:
    """Three municipalities: a city with two gu and a city without gu."""
    return gpd.GeoDataFrame(
        {
            "code": ["31011", "31012", "31050"],
            "code_moi": ["41111", "41113", "41190"],
            "name_ko": ["가상시 갑구", "가상시 을구", "부천시"],
            "sido_name_ko": ["경기도"] * 3,
            "parent_code_moi": ["41"] * 3,
        },
        geometry=[square(127.0, 37.0), square(127.1, 37.0), square(127.0, 37.2)],
        crs="EPSG:4326",
    )


def test_row_without_coordinates_lands_inside_its_municipality(sgg: gpd.GeoDataFrame) -> None:
    placed, found = place_records(frame(good_row(sigungu="가상시 을구")), sgg, aliases={})
    assert found == []
    point = placed.geometry.iloc[0]
    assert point.within(sgg.geometry.iloc[1])
    assert placed["location"].iloc[0] == "municipality" and bool(placed["approximate"].iloc[0])
    joined = placed[["sgg_code", "sgg_code_moi", "sido_code_moi", "sgg_name_ko"]].iloc[0]
    assert joined.tolist() == ["31012", "41113", "41", "가상시 을구"]
    assert placed.crs == "EPSG:4326"


def test_site_coordinates_are_kept(sgg: gpd.GeoDataFrame) -> None:
    row = good_row(lon="127.05", lat="37.05", coord_source="https://example.org/map")
    placed, _ = place_records(frame(row), sgg, aliases={})
    assert placed.geometry.iloc[0].equals(shapely.Point(127.05, 37.05))
    assert placed["location"].iloc[0] == "site" and not bool(placed["approximate"].iloc[0])


def test_city_name_stands_for_all_its_gu(sgg: gpd.GeoDataFrame) -> None:
    placed, found = place_records(frame(good_row(sigungu="가상시")), sgg, aliases={})
    assert found == []
    assert placed["declared_sgg_codes"].iloc[0] == "31011;31012"
    assert placed.geometry.iloc[0].within(shapely.union_all(sgg.geometry.iloc[:2].values))
    assert check_points_in_declared_municipality(placed).empty


def test_alias_maps_todays_name_to_the_2018_area(sgg: gpd.GeoDataFrame) -> None:
    aliases = {("경기도", "부천시 오정구"): "부천시"}
    placed, found = place_records(frame(good_row(sigungu="부천시 오정구")), sgg, aliases=aliases)
    assert found == []
    assert placed["sgg_code"].iloc[0] == "31050"
    assert placed.geometry.iloc[0].within(sgg.geometry.iloc[2])


def test_default_aliases_come_from_the_data_folder(sgg: gpd.GeoDataFrame) -> None:
    placed, found = place_records(frame(good_row(sigungu="부천시 오정구")), sgg)
    assert found == [] and placed["sgg_code"].iloc[0] == "31050"


def test_unmatched_municipality_is_reported_not_dropped(sgg: gpd.GeoDataFrame) -> None:
    rows = frame(good_row(id="a-1"), good_row(id="a-2", sigungu="없는구"))
    placed, found = place_records(rows, sgg, aliases={})
    assert len(placed) == 2
    assert placed["location"].tolist() == ["municipality", "unplaced"]
    assert placed.geometry.iloc[1] is None or placed.geometry.iloc[1].is_empty
    assert [(p.file, p.row, p.column) for p in found] == [("clusters.csv", 3, "sigungu")]
    assert "없는구" in found[0].message


def test_point_outside_declared_municipality_is_flagged(sgg: gpd.GeoDataFrame) -> None:
    row = good_row(lon="127.15", lat="37.05", coord_source="https://example.org/map")
    placed, _ = place_records(frame(row), sgg, aliases={})  # declared 갑구, lies in 을구
    wrong = check_points_in_declared_municipality(placed)
    assert wrong["id"].tolist() == ["root-2015-test-mold"]
    assert wrong["sgg_name_ko"].tolist() == ["가상시 을구"]


# ------------------------------------------------------------------------------ belts


def test_belts_dissolve_their_member_areas() -> None:
    sgg = gpd.GeoDataFrame({"code": ["21010"]}, geometry=[square(129.0, 35.0)], crs=4326)
    emd = gpd.GeoDataFrame(
        {"code": ["2102051", "2102052"]},
        geometry=[square(129.1, 35.0), square(129.1, 35.1)],
        crs=4326,
    )
    belts = pd.DataFrame({"belt_id": ["one", "two"], "name_en": ["One", "Two"]})
    areas = pd.DataFrame(
        {
            "belt_id": ["one", "one", "one"],
            "level": ["sgg", "emd", "emd"],
            "code_kostat": ["21010", "2102051", "2102052"],
        }
    )
    out = build_belts(belts, areas, sgg, emd)
    assert out.crs == "EPSG:4326"
    assert out["name_en"].tolist() == ["One", "Two"]
    one = out.geometry.iloc[0]
    assert one.geom_type == "Polygon"  # the three squares touch: one polygon, no seams
    assert one.area == pytest.approx(0.03, rel=1e-6)
    assert out["n_areas"].tolist() == [3, 0] and out.geometry.iloc[1].is_empty
    assert out["area_km2"].iloc[0] > 0


def test_belt_with_an_unknown_code_raises_naming_it() -> None:
    sgg = gpd.GeoDataFrame({"code": ["21010"]}, geometry=[square(129.0, 35.0)], crs=4326)
    areas = pd.DataFrame({"belt_id": ["one"], "level": ["sgg"], "code_kostat": ["21999"]})
    with pytest.raises(ValueError, match="21999"):
        build_belts(pd.DataFrame({"belt_id": ["one"]}), areas, sgg, sgg.iloc[:0])


def test_sites_sharing_a_municipality_are_spread_inside_it() -> None:
    import geopandas as gpd
    from shapely.geometry import Point, box

    from geo.records import spread_stacked

    square = (
        gpd.GeoDataFrame(
            {"code": ["k1"]}, geometry=[box(127.0, 37.0, 127.2, 37.2)], crs="EPSG:4326"
        )
        .to_crs(5179)
        .set_index("code")
    )
    placed = gpd.GeoDataFrame(
        {"location": ["municipality"] * 4 + ["site"], "declared_sgg_codes": ["k1"] * 5},
        geometry=[Point(127.1, 37.1)] * 5,
        crs="EPSG:4326",
    )
    spread = spread_stacked(placed, square)
    approx = spread.geometry.iloc[:4]
    assert approx.nunique() == 4  # no two markers on the same spot
    assert approx.within(square.to_crs(4326).geometry.iloc[0]).all()
    assert spread.geometry.iloc[4] == Point(127.1, 37.1)  # exact sites never move


def test_display_belts_are_lighter_valid_and_within_tolerance() -> None:
    # a 2 km square belt with a 1 m zig-zag along one edge, near Busan
    edge = [(129.0 + i * 0.0002, 35.1 + (0.00001 if i % 2 else 0.0)) for i in range(111)]
    ring = [*edge, (129.022, 35.12), (129.0, 35.12)]
    belts = gpd.GeoDataFrame({"belt_id": ["b"]}, geometry=[shapely.Polygon(ring)], crs="EPSG:4326")
    shown = display_belts(belts, tolerance=20.0)
    assert shown.is_valid.all() and shown.crs == belts.crs
    assert shapely.get_num_coordinates(shown.geometry.values).sum() < 10
    metric = gpd.GeoSeries([belts.geometry[0], shown.geometry[0]], crs=4326).to_crs(5179)
    assert metric[0].hausdorff_distance(metric[1]) < 25.0
