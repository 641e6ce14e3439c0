"""The upload validator, the CLI commands and merging into data/, on small generated files."""

from __future__ import annotations

import io
import string
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from exports.safe_csv import safe_csv
from geo.records import load_records
from geo.settings import Settings
from ingest.merge import merge_report
from ingest.validate import Report, load_reference, validate_upload

HEADER = "단지명,사업,지정연도,시도,시군구,경도,위도,업종,지원금액,출처,발행기관,출처일자,담당자\n"
GOOD = (
    "새 단지,소부장,2024,부산,기장군,129.2,35.25,반도체,4.8억원,보도자료,부산시,2024.6.13,홍길동\n"
)
NO_SOURCE = "출처 없는 단지,sobujang,2024,부산광역시,사하구,,,mold,,,,,\n"
BAD_YEAR = "옛 단지,sobujang,1890,부산광역시,사하구,,,mold,12x억,보도,부산시,2024-01-01,\n"
SCRIPT = (
    "<script>alert(1)</script>단지,strategic,2023,경기도,평택시,,,,,내부 문서,경기도,2023-05,\n"
)

REFERENCE = load_reference()


def check(text: str, name: str = "up.csv", encoding: str = "utf-8") -> Report:
    return validate_upload(text.encode(encoding), name, reference=REFERENCE, year=2026)


def test_good_rows_load_and_bad_rows_are_reported_with_row_column_and_both_languages() -> None:
    report = check(HEADER + GOOD + NO_SOURCE + BAD_YEAR + SCRIPT)
    assert report.exit_code == 1
    assert sorted(report.bad_rows) == [3, 4]
    assert list(report.good["name_ko"]) == ["새 단지", "<script>alert(1)</script>단지"]
    by_row = {(p.row, p.column): p for p in report.errors}
    assert "no source" in by_row[(3, "source_title")].message
    assert "출처 없음" in by_row[(3, "source_title")].message_ko
    assert "2000 to" in by_row[(4, "year")].message
    assert "12x억" in by_row[(4, "support_public_krw")].message
    assert all(p.message_ko for p in report.errors + report.warnings + report.changes)
    assert len(report.table()) == len(report.errors + report.warnings + report.changes)


def test_nothing_given_is_lost_converted_values_keep_their_original() -> None:
    record = check(HEADER + GOOD).records.loc[2]
    assert record["id"] == "user-2026-1"
    assert record["program"] == "sobujang" and record["original:program"] == "소부장"
    assert record["industry"] == "semiconductor" and record["original:industry"] == "반도체"
    assert record["sido"] == "부산광역시" and record["original:sido"] == "부산"
    assert record["support_public_krw"] == "480000000"
    assert record["original:support_public_krw"] == "4.8억원"
    assert record["source_date"] == "2024-06-13"
    assert record["extra:담당자"] == "홍길동"


def test_a_clean_file_exits_zero_and_internal_documents_need_no_url() -> None:
    report = check(HEADER + GOOD.replace("129.2,35.25", ","))
    assert report.errors == [] and report.exit_code == 0


def test_ids_are_new_and_given_duplicates_are_errors() -> None:
    existing = min(REFERENCE.existing_ids)
    text = "id," + HEADER + f"{existing}," + GOOD + "x1," + GOOD + "x1," + GOOD
    report = check(text)
    assert list(report.records["id"]) == ["user-2026-1", "user-2026-2", "user-2026-3"]
    assert list(report.records["original:id"]) == [existing, "x1", "x1"]
    assert [p.row for p in report.errors] == [4]
    assert "duplicate id 'x1' (first on row 3)" in report.errors[0].message
    assert any("already in the atlas" in p.message for p in report.warnings)


def test_swapped_and_metric_coordinates_are_converted_and_said() -> None:
    swapped = GOOD.replace("129.2,35.25", "35.25,129.2")
    metric = GOOD.replace("129.2,35.25", "1144000,1685000")
    report = check(HEADER + swapped + metric)
    assert report.errors == []
    assert (report.records.at[2, "lon"], report.records.at[2, "lat"]) == ("129.2", "35.25")
    assert report.records.at[3, "original:lon"] == "1144000"
    notes = [p.message for p in report.warnings if p.column == "lon"]
    assert any("swapped" in m for m in notes) and any("EPSG:5179" in m for m in notes)


def test_points_outside_korea_and_half_coordinates_are_errors() -> None:
    report = check(HEADER + GOOD.replace("129.2,35.25", "2.35,48.85") + GOOD.replace("35.25", ""))
    messages = {(p.row, p.column): p.message for p in report.errors}
    assert "outside Korea" in messages[(2, "lon")] or "outside Korea" in messages[(2, "lat")]
    assert "both lon and lat" in messages[(3, "lat")]


def test_missing_required_columns_are_named_with_their_aliases() -> None:
    report = check("단지명,지정연도\n가,2024\n")
    assert report.exit_code == 1 and report.bad_rows == {2}
    missing = {p.column: p.message for p in report.errors if p.row is None}
    assert set(missing) >= {"program", "sido", "sigungu", "source_title"}
    assert "사업" in missing["program"]


def test_header_only_and_title_rows() -> None:
    assert "no records" in check(HEADER).errors[0].message
    report = check("2024년 신규 지정 현황,,\n\n" + HEADER + GOOD)
    assert report.errors == [] and list(report.records.index) == [4]
    assert "row above the header skipped" in report.warnings[0].message


def test_html_and_formulas_are_kept_as_text_and_flagged() -> None:
    text = HEADER + GOOD.replace("홍길동", '=HYPERLINK("http://x")') + SCRIPT
    report = check(text)
    assert report.records.at[2, "extra:담당자"] == '=HYPERLINK("http://x")'
    assert any("formula" in p.message for p in report.warnings if p.row == 2)
    assert any("markup" in p.message for p in report.warnings if p.row == 3)
    download = safe_csv(report.records).decode("utf-8-sig")
    assert "'=HYPERLINK" in download


def test_excel_formulas_are_errors_not_evaluated() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [line.split(",") for line in (HEADER + GOOD).strip().split("\n")]:
        sheet.append(row)
    sheet.append([*GOOD.strip().split(",")[:8], "=2*24", *GOOD.strip().split(",")[9:]])
    out = io.BytesIO()
    book.save(out)
    report = validate_upload(out.getvalue(), "up.xlsx", reference=REFERENCE)
    assert report.bad_rows == {3}
    assert "formula" in report.errors[0].message and report.errors[0].column == "support_public_krw"


def test_cp949_upload_and_a_row_with_too_many_cells() -> None:
    report = check(HEADER + GOOD + GOOD.strip() + ",extra,more\n", encoding="cp949")
    assert report.encoding == "euc-kr"
    assert report.bad_rows == {3}
    assert report.records.at[3, "extra:(no header) 15"] == "more"


def test_duplicate_header_columns_are_kept_as_extra() -> None:
    report = check("단지명,name_ko," + HEADER.split(",", 1)[1] + "가,나," + GOOD.split(",", 1)[1])
    assert report.records.at[2, "name_ko"] == "가"
    assert report.records.at[2, "extra:name_ko"] == "나"
    assert "already taken" in report.warnings[0].message


NAMES = st.sampled_from(["a.csv", "b.xlsx", "c.geojson", "d.json", "e.tsv", "f.txt", "g.xls"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), name=NAMES)
def test_any_bytes_end_in_a_report_never_an_exception(data: bytes, name: str) -> None:
    report = validate_upload(data, name, reference=REFERENCE)
    assert report.exit_code in (0, 1, 2)
    assert report.fatal or report.errors or not report.records.empty or report.warnings


CSV_CHARS = st.text(alphabet=string.printable + "가나다,\"'°억조\n\r=<>", max_size=600)


@settings(max_examples=200, deadline=None)
@given(text=CSV_CHARS)
def test_any_text_after_a_real_header_ends_in_a_report(text: str) -> None:
    report = validate_upload((HEADER + text).encode(), "t.csv", reference=REFERENCE)
    assert report.exit_code in (0, 1, 2)
    assert set(report.bad_rows) <= {int(r) for r in report.records.index}


# ----------------------------------------------------------------------- CLI and merge


def write(tmp_path: Path, text: str, name: str = "up.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_cli_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path, HEADER + GOOD, "clean.csv", "cp949")
    assert main(["validate", clean, "--no-boundaries"]) == 0
    mixed = write(tmp_path, HEADER + GOOD + NO_SOURCE, "mixed.csv")
    assert main(["validate", mixed, "--no-boundaries"]) == 1
    out = capsys.readouterr().out
    assert "ERROR mixed.csv row 3, column source_title: no source" in out
    assert "출처 없음" in out
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert main(["validate", str(binary), "--no-boundaries"]) == 2
    assert main(["validate", str(tmp_path / "missing.csv"), "--no-boundaries"]) == 2
    assert "looks like a PNG image" in capsys.readouterr().out


def test_merge_adds_records_with_new_ids_and_a_backup(data_dir: Path, tmp_path: Path) -> None:
    before = (data_dir / "designations.csv").read_text(encoding="utf-8")
    mixed = write(tmp_path, HEADER + GOOD + NO_SOURCE)
    assert main(["merge", mixed, "--no-boundaries", "--data-dir", str(data_dir)]) == 1
    assert (data_dir / "designations.csv").read_text(encoding="utf-8") == before
    args = ["merge", mixed, "--no-boundaries", "--data-dir", str(data_dir), "--skip-bad"]
    assert main(args) == 0
    backups = list((data_dir / "backups").glob("designations-*.csv"))  # not the lock file
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == before
    records = load_records(data_dir)
    assert records.problems == []
    added = records.clusters[records.clusters["id"].str.startswith("user-")]
    assert len(added) == 1
    row = added.iloc[0]
    assert row["program"] == "sobujang" and row["support_public_krw"] == 480_000_000
    assert "As given:" in row["notes"] and "4.8억원" in row["notes"]
    assert "담당자='홍길동'" in row["notes"]
    assert main(args) == 0  # a second merge gets the next id
    ids = load_records(data_dir).clusters["id"]
    assert sorted(i for i in ids if i.startswith("user-")) == [
        f"user-{row['id'].split('-')[1]}-1",
        f"user-{row['id'].split('-')[1]}-2",
    ]


def test_merge_refuses_an_unreadable_file(data_dir: Path) -> None:
    report = validate_upload(b"", "x.csv", reference=load_reference(data_dir))
    assert merge_report(report, data_dir).exit_code == 2
    assert not (data_dir / "backups").exists()


# ---------------------------------------------------------------- with real boundaries


@pytest.mark.integration
def test_placing_on_real_boundaries(prepared: Settings) -> None:
    from geo.boundaries import load_boundaries

    sgg = load_boundaries("sgg", "full", prepared)
    wrong_gu = GOOD.replace("129.2,35.25", "129.0,35.1")  # in Busan, not in 기장군
    unknown = NO_SOURCE.replace("사하구", "없는구").replace(",,,,\n", ",보도,부산시,2024-01,\n")
    at_sea = GOOD.replace("129.2,35.25", "130.5,35.0")
    municipal = GOOD.replace("129.2,35.25", ",")
    report = validate_upload(
        (HEADER + GOOD + wrong_gu + unknown + at_sea + municipal).encode(),
        "up.csv",
        reference=REFERENCE,
        sgg=sgg,
    )
    assert report.sites is not None
    assert sorted(report.sites.index) == [2, 3, 5, 6]
    assert report.bad_rows == {4}
    assert report.sites["user_record"].all()
    assert report.sites.at[2, "sgg_name_ko"] == "기장군"
    assert report.sites.at[6, "location"] == "municipality" and report.sites.at[6, "approximate"]
    warned = {p.row: p.message for p in report.warnings if p.column == "lon"}
    assert "not in the declared 부산광역시 기장군" in warned[3]
    assert "no Korean municipality" in warned[5]


COMPLEX_HEADER = "complex_id,단지명,사업,지정연도,출처,발행기관,출처일자\n"


def test_an_upload_names_an_existing_complex_by_id_or_by_name(data_dir: Path) -> None:
    by_id = "wanju-root,완주 2026 지원,root_support,2025,보도자료,전북도,2025-05-01\n"
    report = check(COMPLEX_HEADER + by_id)  # no sido/sigungu: they come from the complex
    assert report.errors == []
    record = report.good.iloc[0]
    assert record["complex_id"] == "wanju-root"
    assert (record["sido"], record["sigungu"]) == ("전북특별자치도", "완주군")
    named = "소속단지,단지명,사업,지정연도,출처,발행기관,출처일자\n"
    named += "완주 뿌리산업 특화단지,완주 지원 2,root_support,2025,보도자료,전북도,2025-05\n"
    report = check(named)
    assert report.errors == [], [p.both() for p in report.errors]
    assert report.good.iloc[0]["complex_id"] == "wanju-root"
    assert any(p.column == "complex_id" and "wanju-root" in p.message for p in report.changes)
    unknown = check(named.replace("완주 뿌리산업 특화단지", "없는 단지"))
    assert "complex" in [p.column for p in unknown.errors]  # (and then no municipality)
    wrong_id = check(COMPLEX_HEADER + by_id.replace("wanju-root", "no-such-place"))
    assert any(p.column == "complex_id" for p in wrong_id.errors)


def test_a_merged_row_is_a_designation_of_its_complex_or_makes_a_new_one(
    data_dir: Path, tmp_path: Path
) -> None:
    by_id = "wanju-root,완주 2026 지원,root_support,2025,보도자료,전북도,2025-05-01\n"
    assert main(["merge", write(tmp_path, COMPLEX_HEADER + by_id), "--no-boundaries",
                 "--data-dir", str(data_dir)]) == 0  # fmt: skip
    assert main(["merge", write(tmp_path, HEADER + GOOD), "--no-boundaries",
                 "--data-dir", str(data_dir)]) == 0  # fmt: skip
    records = load_records(data_dir)
    assert records.problems == []
    added = records.clusters[records.clusters["id"].str.startswith("user-")].set_index("id")
    first, second = sorted(added.index)
    assert added.loc[first, "complex_id"] == "wanju-root"
    assert added.loc[second, "complex_id"] == second  # a new complex with the record's id
    made = records.complexes.set_index("complex_id").loc[second]
    assert made["precision"] == "point" and made["sigungu_all"] == "부산광역시 기장군"
    assert len(records.complexes) == 92  # one new place, none for the designation of wanju
