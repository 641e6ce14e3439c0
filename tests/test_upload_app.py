"""Uploading records in the running page (streamlit.testing drives the real file uploader)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.settings import Settings
from layers.atlas import load_atlas_data
from layers.symbology import marker_ids
from tests.test_app import APP
from ui.upload import OPEN_KEY, with_user_sites

#: AppTest runs of the page on the real boundaries.
pytestmark = pytest.mark.integration

MIXED = (
    "단지명,영문명,사업,지정연도,시도,시군구,경도,위도,업종,민간투자,출처,발행기관,출처일자\n"
    "업로드 반도체 단지,Upload Chip Park,소부장,2024,부산,기장군,129.2,35.25,반도체,2.4조,"
    "보도자료,부산시,2024.6.13\n"
    "업로드 금형 단지,,뿌리산업 특화단지,2023,경상남도,김해시,,,금형,48억,내부 문서,경남,2023-05\n"
    "출처 없는 단지,,sobujang,2024,부산광역시,사하구,,,mold,,,,\n"
    "잘못된 연도,,sobujang,1890,부산광역시,사하구,,,mold,12x억,보도,부산시,2024-01-01\n"
)


def opened_page() -> AppTest:
    """The page run once with the "user records" expander opened (its uploader is drawn
    only then)."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state[OPEN_KEY] = True
    return at.run()


def test_uploaded_good_rows_join_every_layer_and_bad_rows_are_reported(app_env: None) -> None:
    at = opened_page()
    assert not at.exception
    before = len(at.dataframe[0].value)
    places = int(at.metric[0].value)
    at.file_uploader(key="user_upload").set_value(("new.csv", MIXED.encode("cp949"), "text/csv"))
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == before + 2
    assert at.metric[1].value == str(before + 2)  # designations
    assert at.metric[0].value == str(places + 2)  # each makes a new complex
    added = table[table["id"].str.startswith("user-")]
    assert set(added["name_ko"]) == {"업로드 반도체 단지", "업로드 금형 단지"}
    assert set(added["program"]) == {"소재·부품·장비 특화단지", "뿌리산업 특화단지 (지정)"}
    report = at.dataframe[-1].value  # Korean page: Korean headings, errors first
    assert list(report.columns) == ["구분", "행", "열", "설명", "설명(영문)"]
    errors = report[report["구분"] == "오류"]
    assert set(errors["행"]) == {4, 5}
    assert list(report["구분"][: len(errors)]) == ["오류"] * len(errors)
    assert errors["설명"].str.contains("출처 없음").any()
    assert "4 records, 2 loadable, 2 with errors" in at.warning[0].value
    assert "오류 행 2건; 오류" in at.warning[0].value
    # filters apply to user records like to the bundled ones
    at.pills(key="view_programs_ko").set_value(["sobujang"]).run()
    names = set(at.dataframe[0].value["name_ko"])
    assert "업로드 반도체 단지" in names and "업로드 금형 단지" not in names


def test_an_unreadable_upload_shows_an_error_and_the_atlas_stays(app_env: None) -> None:
    at = opened_page()
    before = len(at.dataframe[0].value)
    at.file_uploader(key="user_upload").set_value(
        ("photo.csv", b"\x89PNG\r\n" + bytes(64), "text/csv")
    )
    at.run()
    assert not at.exception
    report = at.dataframe[-1].value
    assert "PNG image" in report["설명(영문)"].iloc[0]
    assert "PNG 이미지" in report["설명"].iloc[0]
    assert len(at.dataframe[0].value) == before
    assert at.error and "0 records" in at.error[0].value


def test_an_uploaded_record_never_hides_under_a_bundled_marker(prepared: Settings) -> None:
    data = load_atlas_data(prepared)
    bundled = data.sites[data.sites["location"] == "municipality"].iloc[[0]]
    added = bundled.assign(id="user-2026-1", name_ko="업로드 단지", user_record=True)
    merged = with_user_sites(data, added).sites
    assert len(merged) == len(data.sites) + 1
    markers = merged.assign(marker=marker_ids(merged)).drop_duplicates("marker")
    assert len(markers) == len(data.sites.assign(m=marker_ids(data.sites)).drop_duplicates("m")) + 1
    points = markers.geometry.apply(lambda g: (round(g.x, 7), round(g.y, 7)))
    assert not points.duplicated().any()  # no two markers (complexes) share a point
    same_place = merged[merged["declared_sgg_codes"] == bundled["declared_sgg_codes"].iloc[0]]
    area = data.regions["sgg"].set_index("code").geometry
    codes = str(bundled["declared_sgg_codes"].iloc[0]).split(";")
    assert same_place.geometry.within(area.loc[codes].union_all()).all()
