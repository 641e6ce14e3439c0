"""Reading uploads: encodings, delimiters, Excel, GeoJSON and broken or hostile files."""

from __future__ import annotations

import csv
import io
import json
import string
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst

from cli import main
from geo.records import DATA_DIR
from ingest.read import MAX_BYTES, MAX_RECORDS, MAX_UPLOAD_MB, decode, read_upload

ROOT = Path(__file__).resolve().parent.parent

HEADER = "단지명,사업,지정연도,시도,시군구\n"
ROW = "반월 도금 단지,root_industry,2015,경기도,안산시 단원구\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp949", "euc-kr"), ("euc-kr", "euc-kr")],
)
def test_korean_office_encodings_are_detected(encoding: str, expected: str) -> None:
    raw = read_upload((HEADER + ROW * 3).encode(encoding), "a.csv")
    assert not raw.fatal, raw.problems
    assert raw.encoding == expected
    assert raw.rows[0][1][0] == "단지명"
    assert raw.rows[1] == (
        2,
        ["반월 도금 단지", "root_industry", "2015", "경기도", "안산시 단원구"],
    )


def test_cp949_only_characters_are_read_as_cp949() -> None:
    text = HEADER + "똠방각하 단지,root_industry,2015,경기도,안산시 단원구\n"  # 똠 is not in EUC-KR
    raw = read_upload(text.encode("cp949"), "a.csv")
    assert raw.encoding == "cp949"
    assert raw.rows[1][1][0] == "똠방각하 단지"


def test_an_encoding_can_be_asked_for_and_a_wrong_one_is_explained() -> None:
    data = (HEADER + ROW).encode("cp949")
    assert read_upload(data, "a.csv", encoding="cp949").rows[1][1][0] == "반월 도금 단지"
    wrong = read_upload(data, "a.csv", encoding="utf-8")
    assert wrong.fatal and "not valid utf-8" in wrong.problems[0].message
    assert "line 1" in wrong.problems[0].message
    assert read_upload(data, "a.csv", encoding="latin-1").fatal


def test_undecodable_text_asks_for_the_encoding() -> None:
    text, used, reason = decode(bytes(range(128, 256)) * 20)
    assert text is None and used is None and "not UTF-8, CP949 or EUC-KR" in reason


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters(delimiter: str) -> None:
    data = (HEADER + ROW).replace(",", delimiter).encode()
    assert read_upload(data, "a.tsv").rows[1][1][4] == "안산시 단원구"


def test_quoted_newlines_keep_spreadsheet_row_numbers() -> None:
    data = (HEADER + '"두 줄\n이름",root_industry,2015,경기도,안산시\n' + ROW).encode()
    raw = read_upload(data, "a.csv")
    assert [n for n, _ in raw.rows] == [1, 2, 3]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "a.csv", "empty"),
        (b"\n\n  \n", "a.csv", "empty"),
        (b"\xef\xbb\xbf", "a.csv", "empty"),
        (b"PK\x03\x04" + b"\x00" * 40, "a.csv", "zip archive"),
        (b"%PDF-1.7\n...", "a.csv", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "a.xlsx", ".xls"),
        (b"a,b\n\x00\x01\x02", "a.csv", "NUL"),
        (b'a,"b\n1,2', "a.csv", "not a valid CSV"),
        (b"a,b\n1,2\n", "a.xls", "unsupported file type '.xls'"),
        (b"a,b\n1,2\n", "a", "unsupported file type"),
        (b"a,b\n1,2\n", "a.xlsx", "not an Excel .xlsx file"),
        (b"PK\x03\x04broken", "a.xlsx", "cannot be opened"),
        (b"{not json", "a.geojson", "not valid JSON at line 1"),
        (b"[" * 100_000, "a.json", "nested too deeply"),
        (b'{"type": "Topology"}', "a.geojson", "expected a FeatureCollection"),
        (b"\xff\xfe\xfd" * 30, "a.geojson", "cannot read the text"),
    ],
)
def test_broken_files_give_one_clear_fatal_problem(data: bytes, name: str, words: str) -> None:
    raw = read_upload(data, name)
    assert raw.fatal and raw.rows == []
    assert len(raw.problems) == 1
    problem = raw.problems[0]
    assert words.casefold() in problem.message.casefold(), problem.message
    assert problem.message_ko


def test_a_file_over_50_mb_is_refused_before_parsing() -> None:
    raw = read_upload(b"a" * (MAX_BYTES + 1), "big.csv")
    assert raw.fatal and "limit is 50 MB" in raw.problems[0].message


def test_too_many_records_are_refused_with_a_message_to_split() -> None:
    data = (HEADER + ROW * (MAX_RECORDS + 5)).encode()
    raw = read_upload(data, "many.csv")
    assert raw.fatal and "split it" in raw.problems[0].message


def test_a_huge_field_is_a_csv_error_not_a_crash() -> None:
    raw = read_upload(b"a,b\n" + b"x" * 200_000 + b",1\n", "a.csv")
    assert raw.fatal and "field larger than field limit" in raw.problems[0].message


def xlsx(rows: list[list[object]], extra_sheet: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "지정현황"
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("메모").append(["note"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_values_formulas_and_sheets() -> None:
    import datetime as dt

    data = xlsx(
        [
            ["2024년 지정 현황"],
            ["단지명", "지정연도", "지원금액", "출처일자"],
            ["가 단지", 2024, 4800000000.0, dt.datetime(2024, 6, 13)],
            ["나 단지", 2023, "=B3*2", None],
        ],
        extra_sheet=True,
    )
    raw = read_upload(data, "list.xlsx")
    assert not raw.fatal
    assert raw.rows[2] == (3, ["가 단지", "2024", "4800000000", "2024-06-13"])
    assert raw.formula_cells == {(4, 2): "=B3*2"}
    assert "'메모'" in raw.problems[0].message


def test_a_zip_bomb_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"0" * (210 * 1024 * 1024))
    raw = read_upload(out.getvalue(), "bomb.xlsx")
    assert raw.fatal and "unpacks to" in raw.problems[0].message


def test_geojson_points_polygons_and_properties() -> None:
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [129.07, 35.17]},
                "properties": {"단지명": "가", "firms": 12, "tags": ["a"]},
            },
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[127, 37], [127.2, 37], [127.2, 37.2], [127, 37]]],
                },
                "properties": {"단지명": "나"},
            },
            {"type": "Feature", "geometry": None, "properties": {"단지명": "다"}},
            "not a feature",
        ],
    }
    raw = read_upload(json.dumps(doc, ensure_ascii=False).encode(), "a.geojson")
    assert raw.rows[0] == (1, ["geometry_lon", "geometry_lat", "단지명", "firms", "tags"])
    assert raw.rows[1] == (1, ["129.07", "35.17", "가", "12", '["a"]'])
    assert raw.rows[2][1][2] == "나" and raw.rows[2][1][0].startswith("127.1")
    assert raw.rows[3][1][:3] == ["", "", "다"]
    messages = {p.row: p.message for p in raw.problems}
    assert "Polygon" in messages[2] and "not a JSON object" in messages[4]


def test_every_binary_kind_is_named_in_korean_too() -> None:
    from ingest.read import KINDS_KO, MAGIC

    assert set(MAGIC.values()) <= set(KINDS_KO)


# ------------------------------------------------------------ issue #17: encodings, sizes

KS_X_1001_HANGUL = [
    chr(c) for c in range(0xAC00, 0xD7A4) if len(chr(c).encode("euc-kr", "ignore")) == 2
]
"""The 2,350 Hangul syllables of KS X 1001 (the ones EUC-KR can write)."""


def test_the_atlas_own_records_saved_as_cp949_are_read_back() -> None:
    lines = (DATA_DIR / "designations.csv").read_text(encoding="utf-8").splitlines()
    windows = 0
    for start in range(1, len(lines) - 5, 5):
        text = "\n".join([lines[0], *lines[start : start + 5]]) + "\n"
        try:
            data = text.encode("cp949")
        except UnicodeEncodeError:
            continue  # a character (e.g. an em dash) CP949 cannot write
        raw = read_upload(data, "atlas-cp949.csv")
        assert not raw.fatal, (start, raw.problems)
        assert raw.encoding in ("euc-kr", "cp949")
        assert [cells for _, cells in raw.rows] == list(csv.reader(io.StringIO(text)))
        windows += 1
    assert windows >= 10


@settings(max_examples=300, deadline=None)
@given(
    text=hst.text(
        alphabet=hst.sampled_from(KS_X_1001_HANGUL + list(string.ascii_letters + "0123 ,.-\n")),
        min_size=1,
        max_size=60,
    )
)
def test_cp949_and_euc_kr_files_of_korean_and_english_decode_to_their_text(text: str) -> None:
    for encoding in ("cp949", "euc-kr"):
        decoded, used, reason = decode(text.encode(encoding))
        assert decoded == text, (encoding, used, reason)


@settings(max_examples=200, deadline=None)
@given(
    text=hst.text(
        alphabet=hst.sampled_from(
            [chr(c) for c in range(0xAC00, 0xD7A4, 11)] + list(string.ascii_letters + " ,\n")
        ),
        min_size=1,
        max_size=60,
    )
)
def test_utf8_korean_stays_utf8(text: str) -> None:
    assert decode(text.encode("utf-8"))[:2] == (text, "utf-8")


def test_bytes_both_utf8_and_cp949_read_as_the_korean_text() -> None:
    data = "쨔".encode("cp949")  # C2 B9 is also UTF-8 for "¹"
    assert data.decode("utf-8") == "¹"
    assert decode(data)[:2] == ("쨔", "euc-kr")


def test_the_size_message_names_the_real_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:  # sparse: no disk used, nothing read
        handle.truncate(468_000_000)
    assert main(["validate", str(big), "--no-boundaries"]) == 2
    out = capsys.readouterr().out
    assert "the file is 468.0 MB; the limit is 50 MB" in out
    assert "파일 크기가 468.0 MB입니다" in out
    raw = read_upload(b"a" * 51_440_000, "big.csv")  # 49.06 MiB
    assert raw.problems[0].message == "the file is 51.4 MB; the limit is 50 MB"


def test_the_browser_limit_is_the_cli_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert MAX_BYTES == MAX_UPLOAD_MB * 1_000_000  # browsers on Linux/macOS count 10**6
    # the server counts MiB: it must never refuse a file the app accepts
    assert config["server"]["maxUploadSize"] * 1024 * 1024 >= MAX_BYTES
    source = (ROOT / "ui" / "upload.py").read_text(encoding="utf-8")
    assert "max_upload_size=MAX_UPLOAD_MB" in source
    at_limit = read_upload(b"x" * MAX_BYTES, "edge.xlsx")  # refused as no workbook, not size
    assert "not an Excel" in at_limit.problems[0].message
    assert "MB" in read_upload(b"x" * (MAX_BYTES + 1), "edge.xlsx").problems[0].message
