"""Checks of the record files as tables of rules, shared by bundled data and uploads.

A rule looks at a text frame (as :func:`geo.tables.read_csv_table` gives it) and returns
one :class:`~geo.tables.Problem` per violation; it never raises on bad content. The cell
rules of ``clusters.csv`` come from the kinds in the field registry (:mod:`geo.fields`).
:func:`run_rules` runs a table of rules and keeps one problem per cell: the first rule
that fails a cell reports it, a missing column is reported once (not on every row), and
problems found before (an upload's reading and conversion errors) cover their cells.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.fields import (
    CLUSTER_COLUMNS,
    COMPLEX_COLUMNS,
    COMPLEX_FILE_COLUMNS,
    DESIGNATION_COLUMNS,
    FIELDS,
    OPTIONAL_CELLS,
    PRECISIONS,
    REQUIRED_CLUSTER_COLUMNS,
    REQUIRED_COMPLEX_COLUMNS,
    REQUIRED_DESIGNATION_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    USER_OPTIONAL_CELLS,
    stored_name,
)
from geo.schema import (
    BELT_LEVELS,
    FIRST_YEAR,
    INDUSTRY_GROUPS,
    LAT_RANGE,
    LON_RANGE,
    PROGRAM_KINDS,
    SIDO_NAMES,
    UNDATED,
    USER_ID_PREFIX,
)
from geo.tables import ROW_INDEX, Problem, problem, values_of

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_INT = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Known:
    """The ids records are checked against.

    Attributes
    ----------
    sets : dict
        What -> allowed values: "program", "industry", "sido", "belt", "group", "level",
        "region level"; a missing entry means that column is not checked.
    """

    sets: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, **sets: Iterable[str] | None) -> Known:
        """Known ids from keyword sets (None entries are left out); provinces always."""
        found = {k.replace("_", " "): frozenset(v) for k, v in sets.items() if v is not None}
        return cls({"sido": frozenset(SIDO_NAMES), **found})


Rule = Callable[[pd.DataFrame, str, Known], list[Problem]]
"""A check of a whole text frame: (frame, file name, known ids) -> problems."""


# ----------------------------------------------------------------------------- cells


def rows(df: pd.DataFrame) -> list[int]:
    """Spreadsheet row numbers of a frame (its index when read from a file)."""
    if df.index.name == ROW_INDEX:
        return [int(i) for i in df.index]
    return list(range(2, len(df) + 2))


def missing(value: object) -> bool:
    """True for an empty cell (None, NA, NaN or blank text)."""
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def cells(df: pd.DataFrame, column: str) -> Iterable[tuple[int, str | None]]:
    """(row number, text or None) for each cell of a column."""
    for row, value in zip(rows(df), df[column].tolist(), strict=True):
        yield row, None if missing(value) else str(value).strip()


def allowed(values: Iterable[str], limit: int = 40) -> str:
    """The allowed values, sorted, at most ``limit`` of them."""
    items = sorted(values)
    shown = ", ".join(items[:limit])
    return shown + (f" … ({len(items)} in all)" if len(items) > limit else "")


def user_record_rows(df: pd.DataFrame) -> frozenset[int]:
    """Row numbers of user records (id, or in complexes.csv complex_id, starting with
    :data:`USER_ID_PREFIX`)."""
    column = "id" if "id" in df.columns else "complex_id"
    if column not in df.columns:
        return frozenset()
    return frozenset(
        row for row, value in cells(df, column) if value and value.startswith(USER_ID_PREFIX)
    )


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


def is_source_date(text: str) -> bool:
    """A date, or the word "undated"."""
    return text == UNDATED or is_date(text)


def is_url(text: str) -> bool:
    """Starts with http(s):// and has no space."""
    return text.startswith(("http://", "https://")) and " " not in text


def is_year(text: str) -> bool:
    """An integer year from :data:`FIRST_YEAR` to this year."""
    return bool(_INT.match(text)) and FIRST_YEAR <= int(text) <= dt.date.today().year


def is_count(text: str) -> bool:
    """A non-negative integer without separators."""
    return bool(_INT.match(text))


# --------------------------------------------------------------------- rule factories


def columns_present(required: Sequence[str]) -> Rule:
    """Each required column is in the frame (one file-level problem per missing one)."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        return [
            problem(
                file, None, c, f"required column {c!r} is missing", f"필수 열 {c!r}이(가) 없습니다"
            )
            for c in required
            if c not in df.columns
        ]

    return rule


def filled(columns: Sequence[str], optional: Iterable[str] = (), users: bool = False) -> Rule:
    """Cells of ``columns`` (except ``optional``) are not empty; with ``users``, user
    records may leave :data:`~geo.fields.USER_OPTIONAL_CELLS` empty."""
    skip = frozenset(optional)

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        user_rows = user_record_rows(df) if users else frozenset()
        return [
            problem(file, row, c, f"{c} is empty; it is required", f"{c} 값이 비어 있습니다 (필수)")
            for c in columns
            if c in df.columns and c not in skip
            for row, value in cells(df, c)
            if value is None and not (row in user_rows and c in USER_OPTIONAL_CELLS)
        ]

    return rule


def cell_rule(column: str, ok: Callable[[str], bool], en: str, ko: str) -> Rule:
    """Every filled cell of ``column`` passes ``ok``; the problem quotes the value."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        if column not in df.columns:
            return []
        return [
            problem(file, row, column, f"{en}; got {value!r}", f"{ko}; 입력값 {value!r}")
            for row, value in cells(df, column)
            if value is not None and not ok(value)
        ]

    return rule


def known_rule(column: str, what: str, sep: str | None = None) -> Rule:
    """Every filled cell of ``column`` (each ``sep``-separated item) is a known ``what``."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        ids = known.sets.get(what)
        if ids is None or column not in df.columns:
            return []
        found = []
        for row, value in cells(df, column):
            items = [i.strip() for i in (value.split(sep) if sep else [value])] if value else []
            bad = ", ".join(repr(i) for i in items if i not in ids)
            if bad:
                found.append(
                    problem(
                        file,
                        row,
                        column,
                        f"unknown {what} {bad}; allowed: {allowed(ids)}",
                        f"알 수 없는 {what} {bad}; 허용값: {allowed(ids)}",
                    )
                )
        return found

    return rule


def unique(column: str) -> Rule:
    """No value of ``column`` repeats (each repeat names the first row)."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        if column not in df.columns:
            return []
        seen: dict[str, int] = {}
        found = []
        for row, value in cells(df, column):
            if value is not None and value in seen:
                found.append(
                    problem(
                        file,
                        row,
                        column,
                        f"duplicate {column} {value!r} (first on row {seen[value]})",
                        f"중복된 {column} {value!r} (처음 나온 행: {seen[value]})",
                    )
                )
            elif value is not None:
                seen[value] = row
        return found

    return rule


def slug_rule(column: str, example: str = "") -> Rule:
    """Ids are lower-case ascii slugs."""
    like = f" like {example!r}" if example else ""
    return cell_rule(
        column,
        lambda v: bool(_SLUG.match(v)),
        f"{column} must be a lower-case ascii slug{like}",
        f"{column}는 소문자 영문 슬러그여야 합니다",
    )


def url_rule(column: str) -> Rule:
    """URLs start with http(s)://."""
    return cell_rule(
        column,
        is_url,
        "must be a URL starting with http(s)://",
        "http(s)://로 시작하는 URL이어야 합니다",
    )


def date_rule(column: str, undated_ok: bool) -> Rule:
    """Dates YYYY-MM-DD or YYYY-MM (source dates may be "undated")."""
    return cell_rule(
        column,
        is_source_date if undated_ok else is_date,
        "dates are written YYYY-MM-DD or YYYY-MM" + (" (or 'undated')" if undated_ok else ""),
        "날짜는 YYYY-MM-DD 또는 YYYY-MM 형식이어야 합니다",
    )


def year_rule(column: str = "year") -> Rule:
    """Years are integers from :data:`FIRST_YEAR` to this year (checked when run)."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        this_year = dt.date.today().year
        return cell_rule(
            column,
            is_year,
            f"year must be an integer from {FIRST_YEAR} to {this_year}",
            f"year는 {FIRST_YEAR}~{this_year} 사이 정수여야 합니다",
        )(df, file, known)

    return rule


def count_rule(column: str) -> Rule:
    """Counts and won amounts are non-negative integers."""
    return cell_rule(
        column,
        is_count,
        "must be a non-negative integer without separators",
        "구분기호 없는 0 이상의 정수여야 합니다",
    )


# -------------------------------------------------------------------- running a table


def run_rules(
    df: pd.DataFrame,
    file: str,
    rules: Sequence[Rule],
    known: Known | None = None,
    covered: Iterable[Problem] = (),
) -> list[Problem]:
    """Run a table of rules; one problem per cell, sorted by row and column.

    Parameters
    ----------
    df : pandas.DataFrame
        Records as text.
    file : str
        File name used in the problems.
    rules : sequence of Rule
        Checked in order: the first rule that fails a cell reports it.
    known : Known, optional
        Ids the reference columns are checked against.
    covered : iterable of Problem
        Problems found before: their cells (and, for a missing column, the whole
        column) are not reported again.
    """
    known = known or Known.of()
    taken = {(p.row, p.column) for p in covered}
    found: list[Problem] = []
    for rule in rules:
        for p in rule(df, file, known):
            where = (p.row, p.column)
            if where in taken or (p.column is not None and (None, p.column) in taken):
                continue
            taken.add(where)
            found.append(p)
    return sorted(found, key=lambda p: (p.row or 0, p.column or ""))


# ------------------------------------------------------------------ clusters.csv rules


def unknown_columns(columns: Sequence[str]) -> Rule:
    """Every column of the frame is one of ``columns``."""

    def rule(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
        return [
            problem(
                file,
                1,
                col,
                f"unknown column {col!r}; allowed: {', '.join(columns)}",
                f"알 수 없는 열 {col!r}",
            )
            for col in df.columns
            if col not in columns
        ]

    return rule


_unknown_columns = unknown_columns(CLUSTER_COLUMNS)


def _source_given(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """One problem per row without its source (title, publisher, date)."""
    present = [c for c in SOURCE_COLUMNS if c in df.columns]
    user_rows = user_record_rows(df)
    found = []
    for i, row in enumerate(rows(df)):
        empty = [c for c in present if missing(df[c].iloc[i])]
        if not empty:
            continue
        user = row in user_rows
        url = " (source_url may stay empty for an internal document)" if user else ""
        url_ko = " (내부 문서는 URL을 비워도 됩니다)" if user else ""
        found.append(
            problem(
                file,
                row,
                empty[0],
                f"no source: every record needs source_title, source_publisher and "
                f"source_date{url}; empty: {', '.join(empty)}",
                f"출처 없음: 모든 레코드에 출처 제목·발행기관·일자가 필요합니다{url_ko}; "
                f"빈 칸: {', '.join(empty)}",
            )
        )
    return found


def _both_or_neither(row: int, lon: str | None, lat: str | None, file: str) -> list[Problem]:
    if (lon is None) == (lat is None):
        return []
    col = "lat" if lat is None else "lon"
    return [
        problem(
            file,
            row,
            col,
            "give both lon and lat, or neither",
            "lon과 lat을 둘 다 쓰거나 둘 다 비워 두세요",
        )
    ]


def _in_korea(row: int, col: str, value: str | None, file: str) -> list[Problem]:
    low, high = LON_RANGE if col == "lon" else LAT_RANGE
    if value is None:
        return []
    if not _NUMBER.match(value):
        return [
            problem(
                file,
                row,
                col,
                f"{col} must be a decimal number; got {value!r}",
                f"{col}은(는) 십진수여야 합니다; 입력값 {value!r}",
            )
        ]
    if low <= float(value) <= high:
        return []
    return [
        problem(
            file,
            row,
            col,
            f"{col} {value} lies outside Korea (allowed {low:g} to {high:g})",
            f"{col} {value}이(가) 한국 범위 밖입니다 (허용 {low:g}~{high:g})",
        )
    ]


def _coordinates(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """lon and lat both or neither, decimal, inside Korea, with a coord_source (bundled)."""
    if "lon" not in df.columns or "lat" not in df.columns:
        return []
    user_rows = user_record_rows(df)
    sources = df["coord_source"].tolist() if "coord_source" in df.columns else [None] * len(df)
    found: list[Problem] = []
    for (row, lon), (_, lat), source in zip(
        cells(df, "lon"), cells(df, "lat"), sources, strict=True
    ):
        half = _both_or_neither(row, lon, lat, file)
        if half:
            found += half
            continue
        found += _in_korea(row, "lon", lon, file) + _in_korea(row, "lat", lat, file)
        if lon is not None and missing(source) and row not in user_rows:
            found.append(
                problem(
                    file,
                    row,
                    "coord_source",
                    "coordinates need coord_source, the page giving them",
                    "좌표가 있으면 출처(coord_source)가 필요합니다",
                )
            )
    return found


def _source2(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    parts = [c for c in ("source2_title", "source2_publisher", "source2_date") if c in df.columns]
    if "source2_url" not in df.columns or not parts:
        return []
    return [
        problem(
            file,
            row,
            "source2_url",
            "source2 fields are filled but source2_url is empty",
            "source2 항목이 있는데 source2_url이 비어 있습니다",
        )
        for i, (row, url) in enumerate(cells(df, "source2_url"))
        if url is None and any(not missing(df[c].iloc[i]) for c in parts)
    ]


KIND_RULES: dict[str, Callable[[str], Rule]] = {
    "id": lambda c: slug_rule(c, "root-2013-ansan-plating"),
    "ref": lambda c: known_rule(c, c.replace("_", " ")),
    "sido": lambda c: known_rule(c, "sido"),
    "year": year_rule,
    "date": lambda c: date_rule(c, undated_ok=False),
    "source_date": lambda c: date_rule(c, undated_ok=True),
    "won": count_rule,
    "count": count_rule,
    "area": count_rule,
    "url": url_rule,
    "source_kind": lambda c: known_rule(c, "source kind"),
    "precision": lambda c: known_rule(c, "precision"),
}
"""Kind of a column (``geo.fields``) -> the rule its cells are checked by."""

ALL_KINDS: tuple[str, ...] = (
    "ref", "sido", "year", "date", "source_date", "won", "count", "area", "url",
    "source_kind", "precision",
)  # fmt: skip


def _kind_rules(kinds: Sequence[str], columns: Sequence[str] = CLUSTER_COLUMNS) -> list[Rule]:
    """The kind rules of ``columns`` (record names; checked under their file names)."""
    return [
        KIND_RULES[FIELDS[c].kind](stored_name(c))
        for kind in kinds
        for c in columns
        if FIELDS[c].kind == kind
    ]


CLUSTER_RULES: tuple[Rule, ...] = (
    columns_present(REQUIRED_CLUSTER_COLUMNS),
    _unknown_columns,
    _source_given,
    filled([c for c in REQUIRED_CLUSTER_COLUMNS if c not in SOURCE_COLUMNS], OPTIONAL_CELLS, True),
    *_kind_rules(("id",)),
    unique("id"),
    *_kind_rules(ALL_KINDS),
    _coordinates,
    _source2,
)
"""The rules of flat records (uploaded rows, a designation with its place), in the order
they win."""

DESIGNATION_RULES: tuple[Rule, ...] = (
    columns_present(REQUIRED_DESIGNATION_COLUMNS),
    unknown_columns(DESIGNATION_COLUMNS),
    _source_given,
    filled(
        [c for c in REQUIRED_DESIGNATION_COLUMNS if c not in SOURCE_COLUMNS], OPTIONAL_CELLS, True
    ),
    *_kind_rules(("id",), DESIGNATION_COLUMNS),
    unique("id"),
    *_kind_rules(ALL_KINDS, DESIGNATION_COLUMNS),
    _source2,
)
"""The rules of ``designations.csv``: as a flat record's, without the place (on the
complex), and ``complex_id`` must name a complex of ``complexes.csv``."""


def record_ids(
    programs: set[str] | None,
    industries: set[str] | None,
    belts: set[str] | None,
    complexes: set[str] | None,
) -> Known:
    """The ids a record may refer to (None: that reference is not checked)."""
    return Known.of(
        program=programs,
        industry=industries,
        belt=belts,
        complex_id=complexes,
        source_kind=SOURCE_KINDS,
    )


def validate_clusters(
    df: pd.DataFrame,
    programs: set[str] | None,
    industries: set[str] | None,
    file: str = "clusters.csv",
    *,
    belts: set[str] | None = None,
    complexes: set[str] | None = None,
    covered: Iterable[Problem] = (),
) -> list[Problem]:
    """Check the cluster records with :data:`CLUSTER_RULES`; one Problem per violation.

    Rules: required columns present and (except ``industry``) filled; each row has its
    source; known program, industry, province and (when ``belts`` is given) belt ids; a
    slug id, unique; year an integer from 2000 to this year; dates YYYY-MM-DD or YYYY-MM
    (``source_date`` may be "undated"); lon and lat both or neither, inside Korea and with
    a ``coord_source``; counts and won amounts non-negative integers; URLs starting with
    http(s)://. User records (ids starting with ``user-``) may leave ``name_en``,
    ``source_url`` and ``coord_source`` empty.

    Parameters
    ----------
    df : pandas.DataFrame
        Records as text (see :func:`geo.tables.read_csv_table`).
    programs, industries : set of str or None
        Known program and industry ids (None: not checked).
    file : str
        File name used in the problems.
    belts : set of str, optional
        Known belt ids.
    covered : iterable of Problem
        Problems already found (see :func:`run_rules`).

    Returns
    -------
    list of Problem
    """
    known = record_ids(programs, industries, belts, complexes)
    return run_rules(df, file, CLUSTER_RULES, known, covered)


# -------------------------------------------------------------- the other data files

PROGRAM_COLUMNS = (
    "id", "name_ko", "name_en", "ministry_ko", "ministry_en", "kind", "description_en",
)  # fmt: skip
INDUSTRY_COLUMNS = ("id", "label_ko", "label_en", "group", "color")
BELT_COLUMNS = (
    "belt_id", "name_ko", "name_en", "source_title", "source_publisher", "source_date",
    "source_url",
)  # fmt: skip
BELT_AREA_COLUMNS = ("belt_id", "level", "code_kostat", "name_ko")
INDICATOR_COLUMNS = (
    "region_level", "region_code_moi", "region_name_ko", "year", "indicator", "value", "unit",
    "source_title", "source_publisher", "source_date", "source_url",
)  # fmt: skip


def _required(columns: Sequence[str]) -> list[Rule]:
    return [columns_present(columns), filled(columns)]


def _colours_unique_in_group(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    if not {"group", "color"} <= set(df.columns):
        return []
    seen: dict[tuple[str, str], int] = {}
    found = []
    for row, group, color in zip(rows(df), df["group"], df["color"], strict=True):
        if missing(group) or missing(color):
            continue
        key = (str(group), str(color).upper())
        if key in seen:
            found.append(
                problem(
                    file,
                    row,
                    "color",
                    f"colour {color} is already used in group {group} (row {seen[key]})",
                    f"색 {color}은(는) {group} 그룹에서 이미 쓰였습니다 (행 {seen[key]})",
                )
            )
        else:
            seen[key] = row
    return found


def _code_fits_level(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    if not {"level", "code_kostat"} <= set(df.columns):
        return []
    found = []
    for (row, level), (_, code) in zip(cells(df, "level"), cells(df, "code_kostat"), strict=True):
        size = BELT_LEVELS.get(level or "")
        if size and code and not (_INT.match(code) and len(code) == size):
            found.append(
                problem(
                    file,
                    row,
                    "code_kostat",
                    f"a {level} area needs a {size}-digit KOSTAT code; got {code!r}",
                    f"{level} 지역은 {size}자리 통계청 코드가 필요합니다; 입력값 {code!r}",
                )
            )
    return found


PROGRAM_RULES: tuple[Rule, ...] = (
    *_required(PROGRAM_COLUMNS),
    slug_rule("id"),
    unique("id"),
    known_rule("kind", "kind"),
)
INDUSTRY_RULES: tuple[Rule, ...] = (
    *_required(INDUSTRY_COLUMNS),
    unique("id"),
    known_rule("group", "group"),
    cell_rule(
        "color",
        lambda v: bool(_HEX.match(v)),
        "color must be a hex colour like '#0072B2'",
        "color는 '#0072B2' 같은 16진 색이어야 합니다",
    ),
    _colours_unique_in_group,
)
BELT_RULES: tuple[Rule, ...] = (
    *_required(BELT_COLUMNS),
    unique("belt_id"),
    known_rule("industries", "industry", sep=";"),
    url_rule("source_url"),
)
BELT_AREA_RULES: tuple[Rule, ...] = (
    *_required(BELT_AREA_COLUMNS),
    known_rule("belt_id", "belt"),
    known_rule("level", "level"),
    _code_fits_level,
    cell_rule(
        "code_moi",
        lambda v: bool(_INT.match(v)) and len(v) == 5,
        "code_moi is a 5-digit Ministry of the Interior code",
        "code_moi는 5자리 행정표준코드입니다",
    ),
)
INDICATOR_RULES: tuple[Rule, ...] = (
    *_required(INDICATOR_COLUMNS),
    known_rule("region_level", "region level"),
    cell_rule(
        "value",
        lambda v: bool(_NUMBER.match(v)),
        "value must be a number",
        "value는 숫자여야 합니다",
    ),
    cell_rule(
        "year", is_year, "year must be a plausible integer year", "year는 올바른 연도여야 합니다"
    ),
    date_rule("source_date", undated_ok=False),
    url_rule("source_url"),
)


def validate_programs(df: pd.DataFrame, file: str = "programs.csv") -> list[Problem]:
    """Check programs.csv: required columns and cells, slug ids, unique ids, a known kind
    (statutory, support, pilot, candidate, city_plan)."""
    return run_rules(df, file, PROGRAM_RULES, Known.of(kind=PROGRAM_KINDS))


def validate_industries(df: pd.DataFrame, file: str = "industries.csv") -> list[Problem]:
    """Check industries.csv: unique ids, known groups, hex colours unique within a group."""
    return run_rules(df, file, INDUSTRY_RULES, Known.of(group=INDUSTRY_GROUPS))


def validate_belts(
    belts: pd.DataFrame,
    areas: pd.DataFrame,
    industries: set[str],
    file: str = "busan_belts.csv",
    areas_file: str = "busan_belt_areas.csv",
) -> list[Problem]:
    """Check the Busan belts and their member areas (ids, levels, KOSTAT code lengths)."""
    known = values_of(belts, "belt_id")
    return run_rules(belts, file, BELT_RULES, Known.of(industry=industries)) + run_rules(
        areas, areas_file, BELT_AREA_RULES, Known.of(belt=known, level=BELT_LEVELS)
    )


def validate_region_indicators(
    df: pd.DataFrame, file: str = "region_indicators.csv"
) -> list[Problem]:
    """Check region_indicators.csv: required cells, numeric values, years, dates, URLs."""
    return run_rules(df, file, INDICATOR_RULES, Known.of(region_level=("sido", "sgg")))


# ----------------------------------------------------------------- complexes.csv rules

_EMD_CODE = re.compile(r"^[0-9]{7}$")


def _items(value: str | None) -> list[str]:
    return [i.strip() for i in (value or "").split(";") if i.strip()]


def _municipalities(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """``sigungu_all`` lists "province municipality" items, the primary one first."""
    if not {"sido", "sigungu", "sigungu_all"} <= set(df.columns):
        return []
    found = []
    for i, (row, value) in enumerate(cells(df, "sigungu_all")):
        items = _items(value)
        primary = f"{df['sido'].iloc[i]} {df['sigungu'].iloc[i]}"
        bad = [x for x in items if x.split(" ", 1)[0] not in SIDO_NAMES or " " not in x]
        if bad:
            en = f"each item is 'province municipality' (e.g. '광주광역시 광산구'); got {bad}"
            ko = f"각 항목은 '시도 시군구' 형식이어야 합니다; 입력값 {bad}"
        elif items and items[0] != primary:
            en = f"the first municipality must be the primary one {primary!r}; got {items[0]!r}"
            ko = f"첫 항목은 대표 시군구 {primary!r}이어야 합니다; 입력값 {items[0]!r}"
        else:
            continue
        found.append(problem(file, row, "sigungu_all", en, ko))
    return found


PROVINCE_WIDE_EMPTY = ("sigungu", "sigungu_all")
"""Cells a province-wide complex (precision ``sido``) leaves empty and every other fills."""


def _province_wide(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """``sigungu`` and ``sigungu_all`` are empty exactly for precision ``sido`` (a complex
    whose sources name only its province); user records may leave them empty."""
    if "precision" not in df.columns:
        return []
    user_rows = user_record_rows(df)
    found = []
    for column in (c for c in PROVINCE_WIDE_EMPTY if c in df.columns):
        pairs = zip(cells(df, "precision"), cells(df, column), strict=True)
        for (row, precision), (_, value) in pairs:
            wide = precision == "sido"
            if wide and value is not None:
                en = f"{column} is filled; precision sido (province-wide) leaves it empty"
                ko = f"{column} 값이 있습니다; 정밀도 sido(시·도 전역)에서는 비웁니다"
            elif not wide and value is None and row not in user_rows:
                en = f"{column} is empty; it is required (only precision sido leaves it empty)"
                ko = f"{column} 값이 비어 있습니다 (필수; 정밀도 sido만 비움)"
            else:
                continue
            found.append(problem(file, row, column, en, ko))
    return found


def _emd_problem(precision: str | None, emd: list[str], codes: list[str]) -> tuple[str, str]:
    if precision == "emd" and not emd:
        return "precision emd needs the 읍면동 names in emd", "정밀도 emd에는 emd 값이 필요합니다"
    if precision != "emd" and (emd or codes):
        return (
            f"emd and emd_codes are filled only for precision emd; precision is {precision!r}",
            f"emd·emd_codes는 정밀도 emd일 때만 씁니다; 정밀도 {precision!r}",
        )
    if len(emd) != len(codes):
        return (
            f"emd has {len(emd)} names but emd_codes {len(codes)} codes; give one code per name",
            f"emd 이름 {len(emd)}개, emd_codes 코드 {len(codes)}개: 이름마다 코드 하나",
        )
    bad = [c for c in codes if not _EMD_CODE.match(c)]
    if bad:
        return (
            f"emd_codes are 7-digit KOSTAT-2018 codes; got {bad}",
            f"emd_codes는 7자리 통계청 2018 코드입니다; 입력값 {bad}",
        )
    return "", ""


def _sub_municipalities(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """emd names and codes only for precision emd, one 7-digit code per name."""
    if "precision" not in df.columns:
        return []
    emd = df["emd"] if "emd" in df.columns else pd.Series(pd.NA, index=df.index)
    codes = df["emd_codes"] if "emd_codes" in df.columns else pd.Series(pd.NA, index=df.index)
    found = []
    for i, (row, precision) in enumerate(cells(df, "precision")):
        names, numbers = _items(_text(emd.iloc[i])), _items(_text(codes.iloc[i]))
        en, ko = _emd_problem(precision, names, numbers)
        if en:
            column = "emd_codes" if "code" in en and precision == "emd" and names else "emd"
            found.append(problem(file, row, column, en, ko))
    return found


def _text(value: object) -> str | None:
    return None if missing(value) else str(value)


def _point_precision(df: pd.DataFrame, file: str, known: Known) -> list[Problem]:
    """Coordinates exactly when the precision is ``point``."""
    if not {"precision", "lon"} <= set(df.columns):
        return []
    found = []
    for (row, precision), (_, lon) in zip(cells(df, "precision"), cells(df, "lon"), strict=True):
        if precision is None or (precision == "point") == (lon is not None):
            continue
        found.append(
            problem(
                file,
                row,
                "precision",
                f"precision point needs lon/lat (with coord_source), and lon/lat need precision "
                f"point; precision is {precision!r}, lon is {'filled' if lon else 'empty'}",
                f"정밀도 point에는 좌표가, 좌표에는 정밀도 point가 필요합니다; "
                f"정밀도 {precision!r}",
            )
        )
    return found


COMPLEX_RULES: tuple[Rule, ...] = (
    columns_present(REQUIRED_COMPLEX_COLUMNS),
    unknown_columns(COMPLEX_FILE_COLUMNS),
    filled(REQUIRED_COMPLEX_COLUMNS, optional=PROVINCE_WIDE_EMPTY, users=True),
    _province_wide,
    slug_rule("complex_id", "busan-jangnim-surface"),
    unique("complex_id"),
    *_kind_rules(tuple(k for k in ALL_KINDS if k != "ref"), COMPLEX_COLUMNS),
    _municipalities,
    _sub_municipalities,
    _coordinates,
    _point_precision,
)
"""The rules of ``complexes.csv`` (without boundaries; :func:`geo.placement.check_places`
checks the emd codes and municipalities on the real boundaries)."""


def validate_complexes(df: pd.DataFrame, file: str = "complexes.csv") -> list[Problem]:
    """Check ``complexes.csv`` with :data:`COMPLEX_RULES`: required columns and cells, slug
    ids, unique; known provinces; precision in point, emd, sgg, sido; ``sigungu_all``
    "province municipality" items with the primary first; emd names and 7-digit codes only
    and always for precision emd; lon/lat both or neither, inside Korea, with
    ``coord_source``, exactly for precision point."""
    return run_rules(df, file, COMPLEX_RULES, Known.of(precision=PRECISIONS))


def validate_designations(
    df: pd.DataFrame,
    programs: set[str] | None,
    industries: set[str] | None,
    complexes: set[str] | None,
    file: str = "designations.csv",
    *,
    belts: set[str] | None = None,
) -> list[Problem]:
    """Check ``designations.csv`` with :data:`DESIGNATION_RULES` (as flat records, and
    ``complex_id`` must be a complex of ``complexes.csv``)."""
    known = record_ids(programs, industries, belts, complexes)
    return run_rules(df, file, DESIGNATION_RULES, known)
