"""Unit tests of the value parsers: amounts, counts, coordinates, column aliases, dates."""

from __future__ import annotations

import pytest

from geo.records import CLUSTER_COLUMNS
from ingest.amounts import AmountError, parse_count, parse_won
from ingest.columns import ALIASES, LOOKUP, check_registry, match_column, normalise, sido_name
from ingest.coords import CoordinateError, parse_coordinate, resolve_point
from ingest.validate import ValueProblem, read_date, read_year


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("4.8억원", 480_000_000),
        ("48억", 4_800_000_000),
        ("4,800,000,000", 4_800_000_000),
        ("4800000000", 4_800_000_000),
        ("2.4조", 2_400_000_000_000),
        ("2.4 조 원", 2_400_000_000_000),
        ("1조 2,000억원", 1_200_000_000_000),
        ("3억 5천만원", 350_000_000),
        ("5천만원", 50_000_000),
        ("₩4,800,000,000", 4_800_000_000),
        ("KRW 4.8 bn", 4_800_000_000),
        ("0", 0),
    ],
)
def test_amounts_in_won(text: str, won: int) -> None:
    assert parse_won(text) == won


def test_amount_unit_from_the_header() -> None:
    assert parse_won("12.5", unit=10**8) == 1_250_000_000
    assert match_column("지원금액(억원)").unit == 10**8
    assert match_column("민간투자 (조원)").target == "investment_private_planned_krw"


@pytest.mark.parametrize("text", ["-5억", "12x억", "억", "0.5원", "1.2.3", "48억 2조", "abc", ""])
def test_bad_amounts_say_why_in_both_languages(text: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_won(text)
    assert info.value.en and info.value.ko


def test_counts() -> None:
    assert [parse_count(t) for t in ("1,234명", "35개사", "120000㎡", "7", "12.0")] == [
        1234,
        35,
        120000,
        7,
        12,
    ]
    for bad in ("1.5", "-3", "many", "12a"):
        with pytest.raises(AmountError):
            parse_count(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("35.1723", 35.1723),
        ("35°10'20.5\"N", 35 + 10 / 60 + 20.5 / 3600),
        ("35° 10′ 20.5″ N", 35 + 10 / 60 + 20.5 / 3600),
        ("N35°10'", 35 + 10 / 60),
        ("35도 10분 20.5초", 35 + 10 / 60 + 20.5 / 3600),
        ("북위 35도 30분", 35.5),
        ("129 30 0", 129.5),
        ("35°30'S", -35.5),
    ],
)
def test_coordinates_decimal_and_dms(text: str, value: float) -> None:
    assert parse_coordinate(text)[0] == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "35°70'", "N35°E", "35,5", ""])
def test_bad_coordinates(text: str) -> None:
    with pytest.raises(CoordinateError):
        parse_coordinate(text)


def test_swapped_degrees_are_detected() -> None:
    point = resolve_point("35.17", "129.07")
    assert (point.lon, point.lat, point.conversion) == (129.07, 35.17, "swapped")


@pytest.mark.parametrize(
    ("x", "y", "crs"),
    [
        ("1144000", "1685000", "EPSG:5179"),  # Busan in UTM-K
        ("1685000", "1144000", "EPSG:5179"),  # ... swapped
        ("387000", "283000", "EPSG:5186"),  # Busan in Korea 2000 central belt
    ],
)
def test_metres_are_detected_and_converted(x: str, y: str, crs: str) -> None:
    point = resolve_point(x, y)
    assert point.conversion.startswith(crs)
    assert point.conversion.endswith("+swapped") == (x == "1685000")
    assert 128.5 < point.lon < 129.5 and 34.9 < point.lat < 35.5


def test_points_outside_korea_stay_as_given() -> None:
    point = resolve_point("2.35", "48.85")  # Paris: the validator reports it
    assert (point.lon, point.lat, point.conversion) == (2.35, 48.85, "")


def test_column_aliases_cover_every_column_and_are_unambiguous() -> None:
    assert check_registry() == []
    assert len(LOOKUP) == sum(len({normalise(n) for n in names}) for names in ALIASES.values())
    for column in CLUSTER_COLUMNS:
        assert match_column(column).target == column


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("단지명", "name_ko"),
        ("시·도", "sido"),
        ("시군구", "sigungu"),
        ("경도", "lon"),
        ("위도", "lat"),
        ("지정연도", "year"),
        ("사업", "program"),
        ("업종", "industry"),
        ("출처", "source_title"),
        ("Source URL", "source_url"),
        ("Longitude", "lon"),
        ("담당자", None),
    ],
)
def test_korean_and_english_headers(header: str, target: str | None) -> None:
    assert match_column(header).target == target


def test_province_variants() -> None:
    assert sido_name("부산") == "부산광역시"
    assert sido_name("전라북도") == "전북특별자치도"
    assert sido_name(" 경상남도 ") == "경상남도"
    assert sido_name("Gyeonggi-do") == "경기도"
    assert sido_name("Atlantis") is None


def test_dates_and_years() -> None:
    assert read_date("2024/6/13", None) == "2024-06-13"  # type: ignore[arg-type]
    assert read_year("2024년", None) == "2024"  # type: ignore[arg-type]
    for bad in ("2024-02-30", "13/06/2024", "soon"):
        with pytest.raises(ValueProblem):
            read_date(bad, None)  # type: ignore[arg-type]
