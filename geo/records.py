"""The program records in ``data/``: reading, validating, typing and placing on the map.

Every file is read as text (:func:`read_csv_table`), checked by a validator that returns
one :class:`Problem` per violation (never raising on bad content), then typed: years and
counts become nullable ``Int64``, coordinates ``Float64``. :func:`place_records` turns
clusters into points: the site's own coordinates where a source gives them, else a
representative point of the declared municipality (marked approximate).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import DATA_DIR, NAME_ALIASES
from geo.fields import (
    CLUSTER_COLUMNS,
    DATE_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_CELLS,
    REQUIRED_CLUSTER_COLUMNS,
    URL_COLUMNS,
    USER_OPTIONAL_CELLS,
)
from geo.repair import DISPLAY_CRS, METRIC_CRS

USER_ID_PREFIX = "user-"
"""Ids of records added by users (upload, ``python cli.py merge``) start with this."""
UNDATED = "undated"
"""The one non-date value ``source_date``/``source2_date`` accept: the page carries no date."""
LON_RANGE = (124.0, 132.0)
LAT_RANGE = (33.0, 39.0)
FIRST_YEAR = 2000

SIDO_NAMES = (
    "서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시",
    "울산광역시", "세종특별자치시", "경기도", "강원특별자치도", "충청북도", "충청남도",
    "전북특별자치도", "전라남도", "경상북도", "경상남도", "제주특별자치도",
)  # fmt: skip
"""Today's official names of the 17 provinces and metropolitan cities."""

INDUSTRY_GROUPS = ("root", "strategic", "other")
BELT_LEVELS = {"sgg": 5, "emd": 7}
"""Belt area levels and the length of their KOSTAT codes."""

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_INT = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CITY_OF_GU = re.compile(r"^(\S+시) \S+구$")


@dataclass(frozen=True)
class Problem:
    """One violation found in a data file.

    Attributes
    ----------
    file : str
        File name, e.g. "clusters.csv".
    row : int or None
        Spreadsheet row number (header = row 1, first record = row 2); None for the file.
    column : str or None
        Column concerned, None when the whole row or file is.
    message, message_ko : str
        What is wrong and how to fix it, in English and Korean.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    message_ko: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Records:
    """All program records, typed, with the problems found while loading them."""

    clusters: pd.DataFrame
    programs: pd.DataFrame
    industries: pd.DataFrame
    belts: pd.DataFrame
    belt_areas: pd.DataFrame
    region_indicators: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading


def read_csv_table(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a UTF-8 CSV file with every cell as text; empty cells become missing.

    Never raises on bad content: an unreadable file gives an empty frame and a Problem,
    a row with too many or too few cells is reported and padded or cut to the header.

    Parameters
    ----------
    path : Path
        The CSV file.

    Returns
    -------
    frame : pandas.DataFrame
        ``string`` columns, indexed by spreadsheet row number (index name "row").
    problems : list of Problem
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return _empty(), [
            _problem(name, None, None, f"file {path} is missing", f"파일 {path}이(가) 없습니다")
        ]
    except (OSError, UnicodeDecodeError) as exc:
        return _empty(), [
            _problem(
                name,
                None,
                None,
                f"file cannot be read as UTF-8 text: {exc}",
                f"UTF-8 텍스트로 읽을 수 없습니다: {exc}",
            )
        ]
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return _empty(), [
            _problem(
                name,
                None,
                None,
                f"not a valid CSV file: {exc}",
                f"올바른 CSV 파일이 아닙니다: {exc}",
            )
        ]
    if not lines or not any(cell.strip() for cell in lines[0]):
        return _empty(), [
            _problem(name, None, None, "the file has no header row", "머리글 행이 없습니다")
        ]
    header = [cell.strip() for cell in lines[0]]
    problems = [
        _problem(
            name,
            1,
            col,
            f"column {col!r} appears {header.count(col)} times in the header",
            f"머리글에 {col!r} 열이 {header.count(col)}번 있습니다",
        )
        for col in dict.fromkeys(header)
        if header.count(col) > 1
    ]
    records, numbers = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells or not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                _problem(
                    name,
                    number,
                    None,
                    f"row has {len(cells)} cells, the header has {len(header)}",
                    f"이 행의 칸 수는 {len(cells)}개, 머리글은 {len(header)}개입니다",
                )
            )
            cells = (cells + [""] * len(header))[: len(header)]
        records.append(cells)
        numbers.append(number)
    frame = pd.DataFrame(records, columns=header, dtype="string")
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = frame.replace("", pd.NA)
    frame.index = pd.Index(numbers, name="row")
    return frame, problems


def _empty() -> pd.DataFrame:
    return pd.DataFrame(index=pd.Index([], name="row"))


def _problem(file: str, row: int | None, column: str | None, en: str, ko: str) -> Problem:
    return Problem(file=file, row=row, column=column, message=en, message_ko=ko)


# --------------------------------------------------------------------------- checking


def _rows(df: pd.DataFrame) -> list[int]:
    """Spreadsheet row numbers of a frame (its index when read from a file)."""
    if df.index.name == "row":
        return [int(i) for i in df.index]
    return list(range(2, len(df) + 2))


def _cells(df: pd.DataFrame, column: str) -> Iterable[tuple[int, str | None]]:
    """(row number, text or None) for each cell of a column."""
    for row, value in zip(_rows(df), df[column].tolist(), strict=True):
        yield row, None if _missing(value) else str(value).strip()


def _missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _allowed(values: Iterable[str], limit: int = 40) -> str:
    items = sorted(values)
    shown = ", ".join(items[:limit])
    return shown + (f" … ({len(items)} in all)" if len(items) > limit else "")


def _check_columns(df: pd.DataFrame, file: str, required: Sequence[str]) -> list[Problem]:
    return [
        _problem(
            file,
            None,
            col,
            f"required column {col!r} is missing",
            f"필수 열 {col!r}이(가) 없습니다",
        )
        for col in required
        if col not in df.columns
    ]


def _check_filled(
    df: pd.DataFrame,
    file: str,
    columns: Iterable[str],
    optional: frozenset[str] = frozenset(),
    user_rows: frozenset[int] = frozenset(),
) -> list[Problem]:
    return [
        _problem(
            file, row, col, f"{col} is empty; it is required", f"{col} 값이 비어 있습니다 (필수)"
        )
        for col in columns
        if col in df.columns and col not in optional
        for row, value in _cells(df, col)
        if value is None and not (row in user_rows and col in USER_OPTIONAL_CELLS)
    ]


def user_record_rows(df: pd.DataFrame) -> frozenset[int]:
    """Row numbers of user records (id starting with :data:`USER_ID_PREFIX`)."""
    if "id" not in df.columns:
        return frozenset()
    return frozenset(
        row for row, value in _cells(df, "id") if value and value.startswith(USER_ID_PREFIX)
    )


def _check_known(
    df: pd.DataFrame, file: str, column: str, known: set[str], what: str, sep: str | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    if column not in df.columns:
        return problems
    for row, value in _cells(df, column):
        if value is None:
            continue
        for item in value.split(sep) if sep else [value]:
            if item.strip() not in known:
                problems.append(
                    _problem(
                        file,
                        row,
                        column,
                        f"unknown {what} {item.strip()!r}; allowed: {_allowed(known)}",
                        f"알 수 없는 {what} {item.strip()!r}; 허용값: {_allowed(known)}",
                    )
                )
    return problems


def _check_unique(df: pd.DataFrame, file: str, column: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    if column not in df.columns:
        return problems
    for row, value in _cells(df, column):
        if value is None:
            continue
        if value in seen:
            problems.append(
                _problem(
                    file,
                    row,
                    column,
                    f"duplicate {column} {value!r} (first on row {seen[value]})",
                    f"중복된 {column} {value!r} (처음 나온 행: {seen[value]})",
                )
            )
        else:
            seen[value] = row
    return problems


def _check_pattern(
    df: pd.DataFrame, file: str, column: str, ok: Callable[[str], bool], en: str, ko: str
) -> list[Problem]:
    if column not in df.columns:
        return []
    return [
        _problem(file, row, column, f"{en}; got {value!r}", f"{ko}; 입력값 {value!r}")
        for row, value in _cells(df, column)
        if value is not None and not ok(value)
    ]


def is_date(text: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD or YYYY-MM.

    >>> is_date("2024-06-13"), is_date("2024-06"), is_date("2024-02-30"), is_date("2024")
    (True, True, False, False)
    """
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7)):
        if len(text) == size:
            try:
                dt.datetime.strptime(text, fmt)
            except ValueError:
                return False
            return True
    return False


def _is_source_date(text: str) -> bool:
    return text == UNDATED or is_date(text)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text


def _is_year(text: str) -> bool:
    return bool(_INT.match(text)) and FIRST_YEAR <= int(text) <= dt.date.today().year


def _check_coordinates(
    df: pd.DataFrame, file: str, user_rows: frozenset[int] = frozenset()
) -> list[Problem]:
    if "lon" not in df.columns or "lat" not in df.columns:
        return []
    problems = []
    sources = df["coord_source"].tolist() if "coord_source" in df.columns else [None] * len(df)
    cells = zip(_cells(df, "lon"), _cells(df, "lat"), sources, strict=True)
    for (row, lon), (_, lat), source in cells:
        if (lon is None) != (lat is None):
            col = "lat" if lat is None else "lon"
            problems.append(
                _problem(
                    file,
                    row,
                    col,
                    "give both lon and lat, or neither",
                    "lon과 lat을 둘 다 쓰거나 둘 다 비워 두세요",
                )
            )
            continue
        for col, value, (low, high) in (("lon", lon, LON_RANGE), ("lat", lat, LAT_RANGE)):
            if value is None:
                continue
            if not _NUMBER.match(value):
                problems.append(
                    _problem(
                        file,
                        row,
                        col,
                        f"{col} must be a decimal number; got {value!r}",
                        f"{col}은(는) 십진수여야 합니다; 입력값 {value!r}",
                    )
                )
            elif not low <= float(value) <= high:
                problems.append(
                    _problem(
                        file,
                        row,
                        col,
                        f"{col} {value} lies outside Korea (allowed {low:g} to {high:g})",
                        f"{col} {value}이(가) 한국 범위 밖입니다 (허용 {low:g}~{high:g})",
                    )
                )
        if lon is not None and _missing(source) and row not in user_rows:
            problems.append(
                _problem(
                    file,
                    row,
                    "coord_source",
                    "coordinates need coord_source, the page giving them",
                    "좌표가 있으면 출처(coord_source)가 필요합니다",
                )
            )
    return problems


def _check_source2(df: pd.DataFrame, file: str) -> list[Problem]:
    parts = [c for c in ("source2_title", "source2_publisher", "source2_date") if c in df.columns]
    if "source2_url" not in df.columns or not parts:
        return []
    problems = []
    for i, (row, url) in enumerate(_cells(df, "source2_url")):
        if url is None and any(not _missing(df[c].iloc[i]) for c in parts):
            problems.append(
                _problem(
                    file,
                    row,
                    "source2_url",
                    "source2 fields are filled but source2_url is empty",
                    "source2 항목이 있는데 source2_url이 비어 있습니다",
                )
            )
    return problems


def validate_clusters(
    df: pd.DataFrame,
    programs: set[str],
    industries: set[str],
    file: str = "clusters.csv",
    *,
    belts: set[str] | None = None,
) -> list[Problem]:
    """Check the cluster records; one Problem per violation.

    Rules: required columns present and (except ``industry``) filled; known program,
    industry, province and (when ``belts`` is given) belt ids; a slug id, unique; year an
    integer from 2000 to this year; dates YYYY-MM-DD or YYYY-MM (``source_date`` may be
    "undated"); lon and lat both or neither, inside Korea and with a ``coord_source``;
    counts and won amounts non-negative integers; URLs starting with http(s)://. User
    records (ids starting with ``user-``) may leave ``name_en``, ``source_url`` and
    ``coord_source`` empty.

    Parameters
    ----------
    df : pandas.DataFrame
        Records as text (see :func:`read_csv_table`).
    programs, industries : set of str
        Known program and industry ids.
    file : str
        File name used in the problems.
    belts : set of str, optional
        Known belt ids.

    Returns
    -------
    list of Problem
    """
    problems = _check_columns(df, file, REQUIRED_CLUSTER_COLUMNS)
    problems += [
        _problem(
            file,
            1,
            col,
            f"unknown column {col!r}; allowed: {', '.join(CLUSTER_COLUMNS)}",
            f"알 수 없는 열 {col!r}",
        )
        for col in df.columns
        if col not in CLUSTER_COLUMNS
    ]
    user_rows = user_record_rows(df)
    problems += _check_filled(df, file, REQUIRED_CLUSTER_COLUMNS, OPTIONAL_CELLS, user_rows)
    problems += _check_pattern(
        df,
        file,
        "id",
        lambda v: bool(_SLUG.match(v)),
        "id must be a lower-case ascii slug like 'root-2013-ansan-plating'",
        "id는 소문자 영문 슬러그여야 합니다",
    )
    problems += _check_unique(df, file, "id")
    problems += _check_known(df, file, "program", programs, "program")
    problems += _check_known(df, file, "industry", industries, "industry")
    problems += _check_known(df, file, "sido", set(SIDO_NAMES), "sido")
    if belts is not None:
        problems += _check_known(df, file, "belt", belts, "belt")
    this_year = dt.date.today().year
    problems += _check_pattern(
        df,
        file,
        "year",
        _is_year,
        f"year must be an integer from {FIRST_YEAR} to {this_year}",
        f"year는 {FIRST_YEAR}~{this_year} 사이 정수여야 합니다",
    )
    for col in DATE_COLUMNS:
        undated_ok = col != "designation_date"
        problems += _check_pattern(
            df,
            file,
            col,
            _is_source_date if undated_ok else is_date,
            "dates are written YYYY-MM-DD or YYYY-MM" + (" (or 'undated')" if undated_ok else ""),
            "날짜는 YYYY-MM-DD 또는 YYYY-MM 형식이어야 합니다",
        )
    for col in INT_COLUMNS:
        problems += _check_pattern(
            df,
            file,
            col,
            lambda v: bool(_INT.match(v)),
            "must be a non-negative integer without separators",
            "구분기호 없는 0 이상의 정수여야 합니다",
        )
    for col in URL_COLUMNS:
        problems += _check_pattern(
            df,
            file,
            col,
            _is_url,
            "must be a URL starting with http(s)://",
            "http(s)://로 시작하는 URL이어야 합니다",
        )
    problems += _check_coordinates(df, file, user_rows)
    problems += _check_source2(df, file)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def validate_programs(df: pd.DataFrame, file: str = "programs.csv") -> list[Problem]:
    """Check programs.csv: required columns and cells, slug ids, unique ids."""
    required = ("id", "name_ko", "name_en", "ministry_ko", "ministry_en", "description_en")
    problems = _check_columns(df, file, required) + _check_filled(df, file, required)
    problems += _check_pattern(
        df,
        file,
        "id",
        lambda v: bool(_SLUG.match(v)),
        "id must be a lower-case ascii slug",
        "id는 소문자 영문 슬러그여야 합니다",
    )
    return problems + _check_unique(df, file, "id")


def validate_industries(df: pd.DataFrame, file: str = "industries.csv") -> list[Problem]:
    """Check industries.csv: unique ids, known groups, hex colours unique within a group."""
    required = ("id", "label_ko", "label_en", "group", "color")
    problems = _check_columns(df, file, required) + _check_filled(df, file, required)
    problems += _check_unique(df, file, "id")
    problems += _check_known(df, file, "group", set(INDUSTRY_GROUPS), "group")
    problems += _check_pattern(
        df,
        file,
        "color",
        lambda v: bool(_HEX.match(v)),
        "color must be a hex colour like '#0072B2'",
        "color는 '#0072B2' 같은 16진 색이어야 합니다",
    )
    if {"group", "color"} <= set(df.columns):
        seen: dict[tuple[str, str], int] = {}
        for row, group, color in zip(_rows(df), df["group"], df["color"], strict=True):
            if _missing(group) or _missing(color):
                continue
            key = (str(group), str(color).upper())
            if key in seen:
                problems.append(
                    _problem(
                        file,
                        row,
                        "color",
                        f"colour {color} is already used in group {group} (row {seen[key]})",
                        f"색 {color}은(는) {group} 그룹에서 이미 쓰였습니다 (행 {seen[key]})",
                    )
                )
            else:
                seen[key] = row
    return problems


def validate_belts(
    belts: pd.DataFrame,
    areas: pd.DataFrame,
    industries: set[str],
    file: str = "busan_belts.csv",
    areas_file: str = "busan_belt_areas.csv",
) -> list[Problem]:
    """Check the Busan belts and their member areas (ids, levels, KOSTAT code lengths)."""
    required = (
        "belt_id",
        "name_ko",
        "name_en",
        "source_title",
        "source_publisher",
        "source_date",
        "source_url",
    )
    problems = _check_columns(belts, file, required) + _check_filled(belts, file, required)
    problems += _check_unique(belts, file, "belt_id")
    problems += _check_known(belts, file, "industries", industries, "industry", sep=";")
    problems += _check_pattern(
        belts,
        file,
        "source_url",
        _is_url,
        "must be a URL starting with http(s)://",
        "http(s)://로 시작하는 URL이어야 합니다",
    )
    known = {str(v) for v in belts["belt_id"].dropna()} if "belt_id" in belts.columns else set()
    area_required = ("belt_id", "level", "code_kostat", "name_ko")
    problems += _check_columns(areas, areas_file, area_required)
    problems += _check_filled(areas, areas_file, area_required)
    problems += _check_known(areas, areas_file, "belt_id", known, "belt")
    problems += _check_known(areas, areas_file, "level", set(BELT_LEVELS), "level")
    if {"level", "code_kostat"} <= set(areas.columns):
        for (row, level), (_, code) in zip(
            _cells(areas, "level"), _cells(areas, "code_kostat"), strict=True
        ):
            size = BELT_LEVELS.get(level or "")
            if size and code and not (_INT.match(code) and len(code) == size):
                problems.append(
                    _problem(
                        areas_file,
                        row,
                        "code_kostat",
                        f"a {level} area needs a {size}-digit KOSTAT code; got {code!r}",
                        f"{level} 지역은 {size}자리 통계청 코드가 필요합니다; 입력값 {code!r}",
                    )
                )
    problems += _check_pattern(
        areas,
        areas_file,
        "code_moi",
        lambda v: bool(_INT.match(v)) and len(v) == 5,
        "code_moi is a 5-digit Ministry of the Interior code",
        "code_moi는 5자리 행정표준코드입니다",
    )
    return problems


def validate_region_indicators(
    df: pd.DataFrame, file: str = "region_indicators.csv"
) -> list[Problem]:
    """Check region_indicators.csv: required cells, numeric values, years, dates, URLs."""
    required = (
        "region_level",
        "region_code_moi",
        "region_name_ko",
        "year",
        "indicator",
        "value",
        "unit",
        "source_title",
        "source_publisher",
        "source_date",
        "source_url",
    )
    problems = _check_columns(df, file, required) + _check_filled(df, file, required)
    problems += _check_known(df, file, "region_level", {"sido", "sgg"}, "region level")
    problems += _check_pattern(
        df,
        file,
        "value",
        lambda v: bool(_NUMBER.match(v)),
        "value must be a number",
        "value는 숫자여야 합니다",
    )
    problems += _check_pattern(
        df,
        file,
        "year",
        _is_year,
        "year must be a plausible integer year",
        "year는 올바른 연도여야 합니다",
    )
    problems += _check_pattern(
        df,
        file,
        "source_date",
        is_date,
        "dates are written YYYY-MM-DD or YYYY-MM",
        "날짜는 YYYY-MM-DD 또는 YYYY-MM 형식이어야 합니다",
    )
    problems += _check_pattern(
        df,
        file,
        "source_url",
        _is_url,
        "must be a URL starting with http(s)://",
        "http(s)://로 시작하는 URL이어야 합니다",
    )
    return problems


# ----------------------------------------------------------------------------- typing


def _to_int(series: pd.Series) -> pd.Series:
    text = series.astype("string").str.strip()
    clean = text.where(text.str.fullmatch(r"[0-9]+").fillna(False))
    return pd.to_numeric(clean, errors="coerce").astype("Int64")


def _to_float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.astype("string").str.strip(), errors="coerce").astype("Float64")


def type_clusters(df: pd.DataFrame) -> pd.DataFrame:
    """Year and integer columns to ``Int64``, lon/lat to ``Float64``; bad cells become NA."""
    out = df.copy()
    for col in ("year", *INT_COLUMNS):
        if col in out.columns:
            out[col] = _to_int(out[col])
    for col in ("lon", "lat"):
        if col in out.columns:
            out[col] = _to_float(out[col])
    return out


def load_records(data_dir: Path = DATA_DIR) -> Records:
    """Read, validate and type every program record file in ``data_dir``.

    Parameters
    ----------
    data_dir : Path
        Folder holding clusters.csv, programs.csv, industries.csv, busan_belts.csv,
        busan_belt_areas.csv and region_indicators.csv.

    Returns
    -------
    Records
        Typed frames (indexed by spreadsheet row) and every problem found; never raises
        on bad content.
    """
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for key, name in (
        ("clusters", "clusters.csv"),
        ("programs", "programs.csv"),
        ("industries", "industries.csv"),
        ("belts", "busan_belts.csv"),
        ("belt_areas", "busan_belt_areas.csv"),
        ("region_indicators", "region_indicators.csv"),
    ):
        frames[key], found = read_csv_table(data_dir / name)
        problems += found
    programs, industries = frames["programs"], frames["industries"]
    problems += validate_programs(programs) + validate_industries(industries)
    program_ids = _ids(programs, "id")
    industry_ids = _ids(industries, "id")
    problems += validate_belts(frames["belts"], frames["belt_areas"], industry_ids)
    problems += validate_clusters(
        frames["clusters"], program_ids, industry_ids, belts=_ids(frames["belts"], "belt_id")
    )
    problems += validate_region_indicators(frames["region_indicators"])
    indicators = frames["region_indicators"].copy()
    if "year" in indicators.columns:
        indicators["year"] = _to_int(indicators["year"])
    if "value" in indicators.columns:
        indicators["value"] = _to_float(indicators["value"])
    return Records(
        clusters=type_clusters(frames["clusters"]),
        programs=programs,
        industries=industries,
        belts=frames["belts"],
        belt_areas=frames["belt_areas"],
        region_indicators=indicators,
        problems=problems,
    )


def _ids(df: pd.DataFrame, column: str) -> set[str]:
    return {str(v) for v in df[column].dropna()} if column in df.columns else set()


# ---------------------------------------------------------------------------- placing


def load_name_aliases(path: Path = NAME_ALIASES) -> dict[tuple[str, str], str]:
    """Today's municipality names that the 2018 boundaries know under another name.

    Returns
    -------
    dict
        ``(sido, sigungu) -> maps_to_sigungu`` from data/admin_name_aliases.csv.
    """
    frame, _ = read_csv_table(path)
    if frame.empty:
        return {}
    return {
        (str(r.sido), str(r.sigungu)): str(r.maps_to_sigungu)
        for r in frame.itertuples()
        if not (_missing(r.sido) or _missing(r.sigungu) or _missing(r.maps_to_sigungu))
    }


def municipality_index(sgg: gpd.GeoDataFrame) -> dict[tuple[str, str], list[str]]:
    """Map (province name, municipality name) to KOSTAT codes.

    A name is found as the boundaries spell it ("수원시 장안구") and, for cities with gu,
    under the city name alone ("수원시"), which then stands for all of its gu.
    """
    index: dict[tuple[str, str], list[str]] = {}
    for code, sido, name in zip(sgg["code"], sgg["sido_name_ko"], sgg["name_ko"], strict=True):
        index.setdefault((str(sido), str(name)), []).append(str(code))
        match = _CITY_OF_GU.match(str(name))
        if match:
            index.setdefault((str(sido), match[1]), []).append(str(code))
    return index


def match_municipality(
    sido: str | None,
    sigungu: str | None,
    index: dict[tuple[str, str], list[str]],
    aliases: dict[tuple[str, str], str],
) -> list[str]:
    """KOSTAT codes of the declared municipality, empty when it cannot be matched.

    Exact name first, then the alias table (today's names the 2018 files lack).
    """
    if not sido or not sigungu:
        return []
    key = (sido.strip(), " ".join(sigungu.split()))
    if key in index:
        return index[key]
    alias = aliases.get(key)
    return index.get((key[0], alias), []) if alias else []


def place_records(
    clusters: pd.DataFrame,
    sgg: gpd.GeoDataFrame,
    aliases: dict[tuple[str, str], str] | None = None,
    file: str = "clusters.csv",
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Put every cluster record on the map as a point, EPSG:4326.

    The site's own lon/lat where given (``location`` = "site"), else a representative
    point of the declared municipality (``location`` = "municipality", approximate).
    Municipalities are matched by province and name: exactly, a city name covering all
    its gu, or via data/admin_name_aliases.csv. A spatial join then adds the municipality
    each point lies in: ``sgg_code`` (KOSTAT), ``sgg_code_moi``, ``sido_code_moi``,
    ``sgg_name_ko``. Rows that cannot be placed keep an empty geometry (``location`` =
    "unplaced") and are reported; no row is dropped.

    Parameters
    ----------
    clusters : pandas.DataFrame
        Cluster records, typed or as text (needs sido, sigungu, lon, lat).
    sgg : geopandas.GeoDataFrame
        Municipalities from ``load_boundaries("sgg", detail)``.
    aliases : dict, optional
        ``(sido, sigungu) -> 2018 name``; defaults to data/admin_name_aliases.csv.
    file : str
        File name used in the problems.

    Returns
    -------
    placed : geopandas.GeoDataFrame
        The records plus ``location``, ``approximate``, ``declared_sgg_codes`` (KOSTAT
        codes the declared name stands for, ";"-joined) and the join columns.
    problems : list of Problem
        One per row whose municipality cannot be matched.
    """
    aliases = load_name_aliases() if aliases is None else aliases
    index = municipality_index(sgg)
    metric = sgg.to_crs(METRIC_CRS).set_index("code")
    records = type_clusters(clusters)
    problems: list[Problem] = []
    points: list[shapely.Geometry | None] = []
    locations: list[str] = []
    declared: list[str] = []
    for row, rec in zip(_rows(records), records.itertuples(index=False), strict=True):
        sido = _text(getattr(rec, "sido", None))
        sigungu = _text(getattr(rec, "sigungu", None))
        codes = match_municipality(sido, sigungu, index, aliases)
        declared.append(";".join(codes))
        if not codes:
            problems.append(
                _problem(
                    file,
                    row,
                    "sigungu",
                    f"municipality {sido or ''} {sigungu or ''} matches no boundary name; use a "
                    "name as in the boundaries (e.g. '안산시 단원구') or add an alias to "
                    "admin_name_aliases.csv",
                    f"시군구 {sido or ''} {sigungu or ''}을(를) 경계 자료에서 찾을 수 없습니다",
                )
            )
        lon, lat = getattr(rec, "lon", pd.NA), getattr(rec, "lat", pd.NA)
        if not (_missing(lon) or _missing(lat)):
            points.append(shapely.Point(float(str(lon)), float(str(lat))))
            locations.append("site")
        else:
            points.append(None)
            locations.append("municipality" if codes else "unplaced")
    placed = gpd.GeoDataFrame(
        records.assign(location=locations, declared_sgg_codes=declared),
        geometry=gpd.GeoSeries(points, index=records.index, crs=DISPLAY_CRS),
    )
    placed["approximate"] = placed["location"] != "site"
    placed = _place_approximate(placed, metric)
    return _join_municipalities(placed, sgg), problems


def _place_approximate(placed: gpd.GeoDataFrame, metric: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Points for rows placed at their municipality: a representative point of the
    declared area (one union per distinct area), spread when several share it."""
    approx = placed["location"] == "municipality"
    keys = placed.loc[approx, "declared_sgg_codes"].astype(str)
    areas = {
        key: shapely.union_all(metric.geometry.loc[key.split(";")].values) for key in keys.unique()
    }
    spots = gpd.GeoSeries(
        [areas[key].representative_point() for key in keys], index=keys.index, crs=METRIC_CRS
    )
    for key, group in keys.groupby(keys):
        if len(group) > 1:
            spots.loc[group.index] = _spread(areas[str(key)], spots.loc[group.index])
    out = placed.copy()
    if not spots.empty:
        out.loc[spots.index, "geometry"] = spots.to_crs(DISPLAY_CRS)
    return out


GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))


def sunflower(center: shapely.Point, n: int, radius: float) -> list[shapely.Point]:
    """``n`` points spread evenly in a disc (Vogel's sunflower), first one nearest the centre."""
    steps = np.arange(n)
    r = radius * np.sqrt((steps + 0.5) / n)
    theta = steps * GOLDEN_ANGLE
    return [
        shapely.Point(center.x + ri * np.cos(ti), center.y + ri * np.sin(ti))
        for ri, ti in zip(r, theta, strict=True)
    ]


def _spread(area: shapely.Geometry, points: gpd.GeoSeries, step: float = 700.0) -> gpd.GeoSeries:
    """Spread points that share an area on a sunflower around the first, inside the area.

    The disc shrinks until every point fits; if none fits the points stay stacked.
    Work is in EPSG:5179; ``step`` is metres per point.
    """
    center = points.iloc[0]
    radius = min(step * np.sqrt(len(points)), 5000.0)
    for _ in range(5):
        spots = sunflower(center, len(points), radius)
        if shapely.contains(area, spots).all():
            return gpd.GeoSeries(spots, index=points.index, crs=points.crs)
        radius /= 2
    return points


def spread_stacked(
    placed: gpd.GeoDataFrame, metric: gpd.GeoDataFrame, step: float = 700.0
) -> gpd.GeoDataFrame:
    """Spread approximate points that share a municipality so each marker can be seen.

    Points stay inside their municipality (the disc shrinks until all fit, else the
    points stay stacked). Work is in EPSG:5179; ``step`` is metres per point.
    """
    out = placed.copy()
    approx = out[out["location"] == "municipality"]
    for codes, group in approx.groupby("declared_sgg_codes"):
        if len(group) < 2:
            continue
        area = shapely.union_all(metric.geometry.loc[str(codes).split(";")].values)
        moved = _spread(area, group.geometry.to_crs(METRIC_CRS), step)
        out.loc[group.index, "geometry"] = moved.to_crs(DISPLAY_CRS)
    return out


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _join_municipalities(placed: gpd.GeoDataFrame, sgg: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = (
        sgg[["code", "code_moi", "parent_code_moi", "name_ko", "geometry"]]
        .rename(
            columns={
                "code": "sgg_code",
                "code_moi": "sgg_code_moi",
                "parent_code_moi": "sido_code_moi",
                "name_ko": "sgg_name_ko",
            }
        )
        .to_crs(DISPLAY_CRS)
    )
    has_point = placed.geometry.notna() & ~placed.geometry.is_empty
    joined = gpd.sjoin(placed.loc[has_point, ["geometry"]], regions, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    columns = ["sgg_code", "sgg_code_moi", "sido_code_moi", "sgg_name_ko"]
    out = placed.copy()
    for col in columns:
        out[col] = joined[col].reindex(out.index).astype("string")
    return out


def check_points_in_declared_municipality(placed: gpd.GeoDataFrame) -> pd.DataFrame:
    """Placed rows whose point lies outside the municipality they declare.

    Parameters
    ----------
    placed : geopandas.GeoDataFrame
        Output of :func:`place_records`.

    Returns
    -------
    pandas.DataFrame
        id, sido, sigungu, location, the joined sgg_name_ko/sgg_code and the declared
        codes, for rows with a point whose joined municipality is not a declared one
        (including points in no municipality at all).
    """
    has_point = placed.geometry.notna() & ~placed.geometry.is_empty
    declared = placed["declared_sgg_codes"].fillna("").astype(str).str.split(";")
    inside = [
        not _missing(code) and str(code) in codes
        for code, codes in zip(placed["sgg_code"], declared, strict=True)
    ]
    wrong = has_point & ~pd.Series(inside, index=placed.index)
    columns = ["id", "sido", "sigungu", "location", "sgg_name_ko", "sgg_code", "declared_sgg_codes"]
    return pd.DataFrame(placed.loc[wrong, [c for c in columns if c in placed.columns]])
