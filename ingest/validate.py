"""Validate an uploaded file of program records: read, normalise, check, place.

:func:`validate_upload` turns bytes and a file name into a :class:`Report`: the records in
the atlas's column schema (text; values it converted keep their original under
``original:<column>``, columns it does not know are kept as ``extra:<name>``), every
problem with row number, column and a reason in English and Korean, and which rows can be
loaded. It never raises on bad content; the same report drives the app's upload and
``python cli.py validate``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd

from exports.safe_csv import formula_like
from geo.errors import BilingualError
from geo.fields import AMOUNT_COLUMNS, CLUSTER_COLUMNS, COUNT_COLUMNS, USER_REQUIRED
from geo.placement import check_points_in_declared_municipality, place_records
from geo.records import complex_columns, records_dir
from geo.rules import run_rules, unique, validate_clusters
from geo.schema import RECORD_FILES, UNDATED, USER_ID_PREFIX
from geo.tables import Problem, read_csv_table, values_of
from ingest.amounts import AmountError, parse_count, parse_won
from ingest.columns import ALIASES, GEOMETRY_TARGETS, extra_name, match_column, normalise, sido_name
from ingest.coords import CoordinateError, format_degrees, resolve_point
from ingest.read import RawTable, problem, read_upload

HEADER_SEARCH_ROWS = 10
"""A title block above the header is skipped when the header is within these rows."""
ORIGINAL = "original:"
SEVERITIES = ("error", "warning", "change")

_HTML = re.compile(r"<\s*[a-zA-Z!/?]")
_DATE_PARTS = re.compile(
    r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*(?:[-./월]\s*(\d{1,2})\s*일?\s*\.?)?\s*월?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+|\s*년)?$")
UNDATED_WORDS = frozenset({"undated", "날짜없음", "일자없음", "미상", "nodate"})


@dataclass(frozen=True)
class Reference:
    """What user records are checked against: known ids and their labels.

    Attributes
    ----------
    programs, industries : dict
        Normalised id or label (Korean or English) -> id.
    program_ids, industry_ids, belt_ids : set of str
    existing_ids : frozenset of str
        Ids already in ``data/designations.csv`` (new ids never repeat them).
    complexes : pandas.DataFrame
        ``complexes.csv`` under record names (``geo.records.complex_columns``), indexed by
        ``complex_id``: an uploaded row may name one by id or by name.
    complex_names : dict
        Normalised complex name (Korean or English) -> complex id (unambiguous ones).
    """

    programs: dict[str, str]
    industries: dict[str, str]
    program_ids: set[str]
    industry_ids: set[str]
    belt_ids: set[str]
    existing_ids: frozenset[str]
    complexes: pd.DataFrame = field(default_factory=pd.DataFrame)
    complex_names: dict[str, str] = field(default_factory=dict)


def _labels(frame: pd.DataFrame, columns: tuple[str, ...], inner: bool) -> dict[str, str]:
    """Normalised id/label -> id; a label naming two ids is left out (ambiguous)."""
    found: dict[str, set[str]] = {}
    if "id" not in frame.columns:
        return {}
    for _, rec in frame.iterrows():
        ident = str(rec["id"])
        names = [ident] + [str(rec[c]) for c in columns if c in frame and pd.notna(rec[c])]
        for name in names:
            keys = {normalise(name), normalise(re.sub(r"\([^)]*\)", "", name))}
            if inner:
                keys |= {normalise(m) for m in re.findall(r"\(([^)]*)\)", name)}
            for key in keys - {""}:
                found.setdefault(key, set()).add(ident)
    return {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}


PROGRAM_SHORT_NAMES = {
    "소부장": "sobujang",
    "소부장특화단지": "sobujang",
    "첨단전략산업특화단지": "strategic",
    "국가첨단전략산업": "strategic",
    "뿌리산업특화단지": "root_industry",
    "뿌리특화단지": "root_industry",
    "뿌리산업선도단지": "root_leading",
    "밀크런": "root_milkrun",
}
"""Short names officials use for programs -> program id (added to the labels)."""


def load_reference(data_dir: Path | None = None) -> Reference:
    """Known programs, industries, belts and ids from the data folder (by default the
    configured one, ``geo.records.records_dir``)."""
    folder = records_dir(data_dir)
    programs, _ = read_csv_table(folder / RECORD_FILES["programs"])
    industries, _ = read_csv_table(folder / RECORD_FILES["industries"])
    belts, _ = read_csv_table(folder / RECORD_FILES["belts"])
    designations, _ = read_csv_table(folder / RECORD_FILES["designations"])
    places, _ = read_csv_table(folder / RECORD_FILES["complexes"])
    program_ids = values_of(programs, "id")
    program_labels = _labels(programs, ("name_ko", "name_en"), inner=False)
    program_labels |= {k: v for k, v in PROGRAM_SHORT_NAMES.items() if v in program_ids}
    return Reference(
        programs=program_labels,
        industries=_labels(industries, ("label_ko", "label_en"), inner=True),
        program_ids=program_ids,
        industry_ids=values_of(industries, "id"),
        belt_ids=values_of(belts, "belt_id"),
        existing_ids=frozenset(values_of(designations, "id")),
        complexes=complex_columns(places).set_index("complex_id"),
        complex_names=_labels(
            places.rename(columns={"complex_id": "id"}), ("name_ko", "name_en"), inner=False
        ),
    )


# ------------------------------------------------------------------------------ report


@dataclass(frozen=True)
class Report:
    """Everything learnt from one uploaded file.

    Attributes
    ----------
    file : str
    kind : str
        "csv", "xlsx", "geojson" (empty for an unsupported type).
    encoding : str or None
    fatal : bool
        The file cannot be read at all (exit code 2).
    records : pandas.DataFrame
        One row per record (index: row number), text, atlas columns first, then
        ``original:<column>`` for converted values and ``extra:<name>`` columns.
    errors, warnings, changes : list of Problem
        Errors keep a row from loading (a file-level error keeps every row); warnings
        and changes (values converted, originals kept) do not.
    sites : geopandas.GeoDataFrame or None
        The loadable records placed on the map (``user_record`` True), when boundaries
        were given.
    """

    file: str
    kind: str = ""
    encoding: str | None = None
    fatal: bool = False
    records: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLUSTER_COLUMNS))
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[Problem] = field(default_factory=list)
    sites: gpd.GeoDataFrame | None = None

    @property
    def bad_rows(self) -> set[int]:
        """Row numbers that cannot be loaded."""
        if any(p.row is None for p in self.errors):
            return {int(r) for r in self.records.index}
        rows = {int(r) for r in self.records.index}
        return {p.row for p in self.errors if p.row is not None and p.row in rows}

    @property
    def good(self) -> pd.DataFrame:
        """The records that can be loaded."""
        return self.records.loc[~self.records.index.isin(sorted(self.bad_rows))]

    @property
    def exit_code(self) -> int:
        """2 unreadable, 1 errors (bad rows or a file-level problem), 0 clean."""
        return 2 if self.fatal else 1 if self.errors else 0

    def findings(self, with_changes: bool = True) -> list[tuple[str, Problem]]:
        """(severity, problem) sorted by row, errors first within a row."""
        items = [("error", p) for p in self.errors] + [("warning", p) for p in self.warnings]
        if with_changes:
            items += [("change", p) for p in self.changes]
        order = {s: i for i, s in enumerate(SEVERITIES)}
        return sorted(items, key=lambda sp: (sp[1].row or 0, order[sp[0]], sp[1].column or ""))

    def table(self) -> pd.DataFrame:
        """The problem report: severity, row, column, English and Korean message."""
        rows = [
            {
                "severity": severity,
                "row": p.row,
                "column": p.column,
                "message": p.message,
                "message_ko": p.message_ko,
            }
            for severity, p in self.findings()
        ]
        columns = ["severity", "row", "column", "message", "message_ko"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def lines(self, with_changes: bool = False) -> list[str]:
        """One line per problem: severity, where, English | Korean."""
        return [
            f"{severity.upper()} {p}  |  {p.message_ko}"
            for severity, p in self.findings(with_changes)
        ]

    def summary(self) -> str:
        """Counts of records, loadable rows and problems (English / Korean)."""
        total, bad = len(self.records), len(self.bad_rows)
        errors, warnings, changes = len(self.errors), len(self.warnings), len(self.changes)
        return (
            f"{self.file}: {_count(total, 'record')}, {total - bad} loadable, {bad} with "
            f"errors; {_count(errors, 'error')}, {_count(warnings, 'warning')}, "
            f"{_count(changes, 'value')} converted / 레코드 {total}건, 적재 가능 "
            f"{total - bad}건, 오류 행 {bad}건; 오류 {errors}건, 경고 {warnings}건, "
            f"변환 {changes}건"
        )


def _count(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless one.

    >>> _count(1, "error"), _count(2, "error")
    ('1 error', '2 errors')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# -------------------------------------------------------------------------- structure


def filled(series: pd.Series) -> list[tuple[int, str]]:
    """(row number, text) of a column's non-empty cells."""
    present = series.dropna()
    return [(int(r), str(v)) for r, v in zip(present.index.tolist(), present.tolist(), strict=True)]


def find_header(rows: list[tuple[int, list[str]]]) -> int:
    """Position of the header among the first rows: the first naming two atlas columns."""
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = {match_column(c).target for c in cells if c.strip()} - {None}
        if len(known) >= 2:
            return position
    return 0


@dataclass
class _Frame:
    """Work in progress: records as text plus the findings so far."""

    file: str
    records: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[Problem] = field(default_factory=list)
    units: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """atlas column -> header it was read from."""
    names: list[str] = field(default_factory=list)
    """Column name in ``records`` for each header position."""
    header_row: int = 1

    def error(self, row: int | None, column: str | None, en: str, ko: str) -> None:
        self.errors.append(problem(self.file, row, column, en, ko))

    def warn(self, row: int | None, column: str | None, en: str, ko: str) -> None:
        self.warnings.append(problem(self.file, row, column, en, ko))

    def change(self, row: int | None, column: str | None, en: str, ko: str) -> None:
        self.changes.append(problem(self.file, row, column, en, ko))


def _column_names(header: list[str], frame: _Frame, header_row: int) -> list[str]:
    """Atlas column or ``extra:`` name for each header cell (first claim wins)."""
    names: list[str] = []
    taken: set[str] = set()
    for position, raw in enumerate(header):
        text = raw.strip() or f"column {position + 1}"
        match = match_column(text)
        target = GEOMETRY_TARGETS.get(match.target or "", match.target)
        if target is not None and target not in taken:
            taken.add(target)
            frame.sources[target] = text
            if match.unit != 1:
                frame.units[target] = match.unit
            names.append(target)
            continue
        name = extra_name(text)
        while name in names:
            name += "'"
        if target is not None:
            frame.warn(
                header_row,
                text,
                f"column {text!r} is also read as {target!r}, already taken by column "
                f"{frame.sources[target]!r}; it is kept as {name!r}",
                f"{text!r} 열도 {target!r}(으)로 읽히지만 이미 {frame.sources[target]!r} 열이 "
                f"있어 {name!r}(으)로 보관합니다",
            )
        names.append(name)
    return names


def build_frame(raw: RawTable, file: str) -> _Frame:
    """Header found, columns named, rows as text (index: row number)."""
    start = find_header(raw.rows)
    header_row, header = raw.rows[start]
    frame = _Frame(file, pd.DataFrame())
    for number, cells in raw.rows[:start]:
        shown = " | ".join(c for c in cells if c.strip())[:80]
        frame.warn(
            number,
            None,
            f"row above the header skipped (title or note): {shown!r}",
            f"머리글 위의 행을 건너뛰었습니다 (제목·메모): {shown!r}",
        )
    names = _column_names(header, frame, header_row)
    frame.names, frame.header_row = names, header_row
    records: list[list[str]] = []
    numbers: list[int] = []
    overflow: dict[int, list[str]] = {}
    for number, cells in raw.rows[start + 1 :]:
        if len(cells) > len(names):
            overflow[number] = cells[len(names) :]
            frame.error(
                number,
                None,
                f"row has {len(cells)} cells, the header has {len(names)} (a missing "
                "quote or delimiter?); the extra cells are kept",
                f"이 행의 칸 수는 {len(cells)}개, 머리글은 {len(names)}개입니다 (따옴표나 "
                "구분자 누락?); 남는 칸은 보관합니다",
            )
        records.append([c.strip() for c in (cells + [""] * len(names))[: len(names)]])
        numbers.append(number)
    table = pd.DataFrame(records, columns=names, dtype="string")
    table.index = pd.Index(numbers, name="row")
    width = max((len(v) for v in overflow.values()), default=0)
    for i in range(width):
        table[extra_name(f"(no header) {len(names) + i + 1}")] = pd.Series(
            {r: v[i] if i < len(v) else "" for r, v in overflow.items()}, dtype="string"
        )
    for column in CLUSTER_COLUMNS:
        if column not in table:
            table[column] = pd.Series(pd.NA, index=table.index, dtype="string")
    extras = [c for c in table.columns if c not in CLUSTER_COLUMNS]
    frame.records = table[[*CLUSTER_COLUMNS, *extras]].replace("", pd.NA)
    return frame


def _mark_formulas(raw: RawTable, frame: _Frame) -> None:
    """Errors for .xlsx formula cells (not evaluated), warnings for '=' text in CSV."""
    for (row, position), formula in raw.formula_cells.items():
        if row <= frame.header_row or position >= len(frame.names):
            continue
        frame.error(
            row,
            frame.names[position],
            f"cell holds a formula ({formula[:60]!r}); formulas are not evaluated: copy the "
            "cells and paste them as values",
            f"수식이 든 칸입니다 ({formula[:60]!r}); 수식은 계산하지 않습니다: 값으로 붙여 "
            "넣으세요",
        )
    if raw.kind == "xlsx":
        return
    for column in frame.records.columns:
        for row, value in filled(frame.records[column]):
            if formula_like(str(value)):
                frame.warn(
                    row,
                    column,
                    f"{str(value)[:60]!r} looks like a spreadsheet formula; it is kept as "
                    "text and never evaluated",
                    f"{str(value)[:60]!r}은(는) 수식처럼 보입니다; 계산하지 않고 글자 그대로 "
                    "둡니다",
                )


def _mark_markup(frame: _Frame) -> None:
    for column in frame.records.columns:
        for row, value in filled(frame.records[column]):
            if _HTML.search(str(value)):
                frame.warn(
                    row,
                    column,
                    "contains HTML or script markup; it is shown as plain text, never run",
                    "HTML·스크립트 표기가 있습니다; 실행하지 않고 글자 그대로 보여 줍니다",
                )


# ------------------------------------------------------------------------- normalising

Normaliser = Callable[[str, "_Context"], str]


@dataclass(frozen=True)
class _Context:
    reference: Reference
    unit: int


class ValueProblem(BilingualError, ValueError):
    """A cell that cannot be read; ``en``/``ko`` say why."""


def _known(kind: str, table: dict[str, str], ids: set[str]) -> Normaliser:
    def read(value: str, context: _Context) -> str:
        del context
        found = table.get(normalise(value))
        if found is None:
            shown = ", ".join(sorted(ids))
            raise ValueProblem(
                f"unknown {kind} {value!r}; use an id or its Korean/English name: {shown}",
                f"알 수 없는 {kind} {value!r}; id나 한글·영문 이름을 쓰세요: {shown}",
            )
        return found

    return read


def read_sido(value: str, context: _Context) -> str:
    """Official province name (short, old and English names accepted)."""
    del context
    found = sido_name(value)
    if found is None:
        raise ValueProblem(
            f"unknown province {value!r}; write e.g. 부산광역시, 부산, 경기도, 강원특별자치도",
            f"알 수 없는 시도 {value!r}; 예: 부산광역시, 부산, 경기도, 강원특별자치도",
        )
    return found


def read_year(value: str, context: _Context) -> str:
    """ "2024", "2024년", "2024.0" -> "2024" (range checked by the validator)."""
    del context
    found = _YEAR.match(unicodedata.normalize("NFKC", value).strip())
    if not found:
        raise ValueProblem(
            f"year {value!r} is not a year; write e.g. 2024",
            f"연도 {value!r}을(를) 읽을 수 없습니다; 예: 2024",
        )
    return found[1]


def read_date(value: str, context: _Context, undated_ok: bool = False) -> str:
    """Dates as offices write them -> YYYY-MM-DD or YYYY-MM.

    >>> ctx = None
    >>> read_date("2024. 6. 13.", ctx), read_date("2024년 6월 13일", ctx)
    ('2024-06-13', '2024-06-13')
    >>> read_date("20240613", ctx)
    '2024-06-13'
    >>> read_date("2024.06", ctx), read_date("2024-06-13T00:00:00", ctx)
    ('2024-06', '2024-06-13')
    """
    del context
    text = unicodedata.normalize("NFKC", value).strip()
    if undated_ok and normalise(text) in UNDATED_WORDS:
        return UNDATED
    if re.match(r"^\d{4}-\d{2}-\d{2}T[\d:.]+$", text):
        text = text[:10]
    found = _DATE_PARTS.match(text) or _COMPACT_DATE.match(text)
    if found:
        year, month, day = found.group(1), found.group(2), found.group(3)
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat()
            return dt.date(int(year), int(month), 1).isoformat()[:7]
        except ValueError:
            pass
    allowed = " (or 'undated')" if undated_ok else ""
    raise ValueProblem(
        f"date {value!r} is not a calendar date; write 2024-06-13, 2024.6.13, "
        f"2024년 6월 13일 or 2024-06{allowed}",
        f"날짜 {value!r}을(를) 읽을 수 없습니다; 2024-06-13, 2024.6.13, 2024년 6월 13일, "
        "2024-06 형식으로 쓰세요",
    )


def read_source_date(value: str, context: _Context) -> str:
    """A source date, or "undated"."""
    return read_date(value, context, undated_ok=True)


def read_amount(value: str, context: _Context) -> str:
    """Won amount -> integer text."""
    try:
        return str(parse_won(value, context.unit))
    except AmountError as exc:
        raise ValueProblem(exc.en, exc.ko) from exc


def read_count(value: str, context: _Context) -> str:
    """Count or area -> integer text."""
    del context
    try:
        return str(parse_count(value))
    except AmountError as exc:
        raise ValueProblem(exc.en, exc.ko) from exc


def read_name(value: str, context: _Context) -> str:
    """Whitespace runs become one space (municipality names)."""
    del context
    return " ".join(value.split())


def normalisers(reference: Reference) -> dict[str, Normaliser]:
    """Atlas column -> how its cells are read (columns not listed are kept as written)."""
    table: dict[str, Normaliser] = {
        "program": _known("program", reference.programs, reference.program_ids),
        "industry": _known("industry", reference.industries, reference.industry_ids),
        "sido": read_sido,
        "sigungu": read_name,
        "year": read_year,
        "designation_date": read_date,
        "source_date": read_source_date,
        "source2_date": read_source_date,
    }
    table |= dict.fromkeys(AMOUNT_COLUMNS, read_amount)
    table |= dict.fromkeys(COUNT_COLUMNS, read_count)
    return table


def _keep_original(frame: _Frame, column: str, row: int, old: str, new: str) -> None:
    name = ORIGINAL + column
    if name not in frame.records:
        frame.records[name] = pd.Series(pd.NA, index=frame.records.index, dtype="string")
    frame.records.loc[row, name] = old
    frame.records.loc[row, column] = new
    frame.changes.append(
        problem(
            frame.file,
            row,
            column,
            f"read {old!r} as {new!r} (the original is kept in {name})",
            f"{old!r}을(를) {new!r}(으)로 읽었습니다 (원래 값은 {name}에 보관)",
        )
    )


def normalise_values(frame: _Frame, reference: Reference) -> None:
    """Read every cell of the columns with a normaliser; errors name row and column."""
    for column, read in normalisers(reference).items():
        context = _Context(reference, frame.units.get(column, 1))
        for row, value in filled(frame.records[column]):
            text = str(value)
            try:
                new = read(text, context)
            except ValueProblem as exc:
                frame.error(row, column, exc.en, exc.ko)
                continue
            if new != text:
                _keep_original(frame, column, row, text, new)


def normalise_coordinates(frame: _Frame) -> None:
    """Convert lon/lat (DMS, swapped, EPSG:5179/5186 metres) and say what was done."""
    records = frame.records
    both = records["lon"].notna() & records["lat"].notna()
    for row in records.index[both]:
        lon_text, lat_text = str(records.at[row, "lon"]), str(records.at[row, "lat"])
        try:
            point = resolve_point(lon_text, lat_text)
        except CoordinateError as exc:
            column = "lat" if str(exc).startswith("lat") else "lon"
            frame.error(row, column, exc.en, exc.ko)
            continue
        lon, lat = format_degrees(point.lon), format_degrees(point.lat)
        if (lon, lat) == (lon_text, lat_text):
            continue
        for column, old, new in (("lon", lon_text, lon), ("lat", lat_text, lat)):
            _keep_original(frame, column, row, old, new)
        if point.conversion not in ("", "dms"):
            frame.warn(
                row,
                "lon",
                f"coordinates ({lon_text}, {lat_text}) read as {point.conversion}: now "
                f"lon {lon}, lat {lat}; check the marker",
                f"좌표 ({lon_text}, {lat_text})를 {point.conversion}(으)로 보고 경도 {lon}, "
                f"위도 {lat}로 바꿨습니다; 지도에서 확인하세요",
            )


def assign_ids(frame: _Frame, reference: Reference, year: int | None = None) -> None:
    """New ids ``user-<year>-<n>`` after those in use; a given id is kept as original:id."""
    year = year or dt.date.today().year
    prefix = f"{USER_ID_PREFIX}{year}-"
    used = [
        int(i.removeprefix(prefix))
        for i in reference.existing_ids
        if i.startswith(prefix) and i.removeprefix(prefix).isdigit()
    ]
    records = frame.records
    given = records["id"].copy()
    frame.errors += run_rules(records[["id"]], frame.file, [unique("id")])
    for row, value in filled(given):
        if str(value) in reference.existing_ids:
            frame.warn(
                row,
                "id",
                f"id {str(value)!r} is already in the atlas; this record is added beside it",
                f"id {str(value)!r}은(는) 이미 지도에 있습니다; 이 레코드는 별도로 추가됩니다",
            )
    first = max(used, default=0) + 1
    new = [f"{prefix}{first + i}" for i in range(len(records))]
    if given.notna().any():
        records[ORIGINAL + "id"] = given
    records["id"] = pd.Series(new, index=records.index, dtype="string")


PLACED_BY_COMPLEX = ("sido", "sigungu")
"""Columns a file may leave out when it names existing complexes (``complex_id`` or
``complex``): they come from the complex."""


def _check_required(frame: _Frame) -> None:
    """A file-level error for each required column the file does not have."""
    names_complex = bool({"complex_id", "complex"} & set(frame.sources))
    skip = PLACED_BY_COMPLEX if names_complex else ()
    for column in [c for c in USER_REQUIRED if c not in frame.sources and c not in skip]:
        names = ", ".join(ALIASES[column][:8])
        frame.error(
            None,
            column,
            f"no column for {column}; name one of the columns: {names}",
            f"{column}에 해당하는 열이 없습니다; 열 이름 예: {names}",
        )


def _check_rules(frame: _Frame, reference: Reference) -> None:
    """The atlas's own rule table (``geo.rules.CLUSTER_RULES``), as for ``data/``; cells
    and missing columns already reported are not reported again."""
    frame.errors += validate_clusters(
        frame.records[list(CLUSTER_COLUMNS)],
        reference.program_ids,
        reference.industry_ids,
        frame.file,
        belts=reference.belt_ids,
        complexes=set(reference.complexes.index) if not reference.complexes.empty else None,
        covered=frame.errors,
    )


PLACE_OF_COMPLEX = (
    "complex_name_ko", "complex_name_en", "sigungu_all", "emd", "emd_codes", "precision",
    "place_wording",
)  # fmt: skip
"""Columns an uploaded row takes from the existing complex it names (for placing it)."""


def _complex_of(frame: _Frame, row: int, reference: Reference) -> str | None:
    """The existing complex a row names: ``complex_id``, else ``complex`` (its name),
    else its own ``name_ko`` equal to a complex's name; None for a new complex."""
    records = frame.records
    given = _value(records.at[row, "complex_id"])
    if given is not None:
        return str(given) if str(given) in reference.complexes.index else None
    named = _value(records.at[row, "complex"])
    if named is not None:
        found = reference.complex_names.get(normalise(str(named)))
        if found is None:
            frame.error(
                row,
                "complex",
                f"no complex is called {str(named)!r}; give its complex_id or a name as in "
                "data/complexes.csv (or leave the column empty to make a new complex)",
                f"{str(named)!r}이라는 단지가 없습니다; complex_id나 complexes.csv의 단지명을 "
                "쓰거나 비워 두면 새 단지가 됩니다",
            )
        return found
    own = _value(records.at[row, "name_ko"])
    return None if own is None else reference.complex_names.get(normalise(own))


def _value(cell: object) -> str | None:
    """A cell's text, None when empty."""
    return None if cell is None or cell is pd.NA or str(cell).strip() == "" else str(cell)


def attach_complexes(frame: _Frame, reference: Reference) -> None:
    """Link each row to the existing complex it names (``complex_id``, ``complex`` or its
    own name equal to a complex's), taking that complex's place (province, municipality,
    읍면동, precision); a row naming none makes a new complex when merged (precision
    ``point`` with coordinates, else ``sgg``). Each link is reported as a change."""
    records = frame.records
    for column in PLACE_OF_COMPLEX:
        records[column] = pd.Series(pd.NA, index=records.index, dtype="string")
    for row in records.index:
        found = _complex_of(frame, int(row), reference)
        if found is None:
            continue
        place = reference.complexes.loc[found]
        if _value(records.at[row, "complex_id"]) is None:
            frame.change(
                int(row),
                "complex_id",
                f"linked to the existing complex {found!r} ({place['complex_name_ko']})",
                f"기존 단지 {found!r}({place['complex_name_ko']})에 연결했습니다",
            )
        records.at[row, "complex_id"] = found
        for column in ("sido", "sigungu", *PLACE_OF_COMPLEX):
            text = _value(place[column]) if column in place.index else None
            if text is not None:
                records.at[row, column] = text


# ----------------------------------------------------------------------------- driver


def validate_upload(
    data: bytes,
    filename: str,
    *,
    encoding: str | None = None,
    reference: Reference | None = None,
    sgg: gpd.GeoDataFrame | None = None,
    aliases: dict[tuple[str, str], str] | None = None,
    year: int | None = None,
) -> Report:
    """Read, normalise and check an uploaded file; place its good rows when ``sgg`` is given.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name; the extension (.csv, .txt, .tsv, .xlsx, .geojson, .json) picks the reader.
    encoding : str, optional
        Text encoding (utf-8, utf-8-sig, cp949, euc-kr); detected when not given.
    reference : Reference, optional
        Known programs, industries and ids; read from ``data/`` when not given.
    sgg : geopandas.GeoDataFrame, optional
        Full municipality boundaries: rows are then placed (municipality names checked,
        points outside their declared municipality reported as warnings).
    aliases : dict, optional
        Municipality name aliases for placing (default: data/admin_name_aliases.csv).
    year : int, optional
        Year used in new ids (default: this year).

    Returns
    -------
    Report
        Never raises on bad content.
    """
    raw, file = _read(data, filename, encoding)
    if raw.fatal:
        return Report(
            file=file, kind=raw.kind, encoding=raw.encoding, fatal=True, errors=raw.problems
        )
    report = check_table(raw, file, reference or load_reference(), year)
    return place_report(report, sgg, aliases) if sgg is not None else report


def _read(data: bytes, filename: str, encoding: str | None) -> tuple[RawTable, str]:
    """The file's rows and its name; a file without rows is fatal."""
    raw = read_upload(data, filename, encoding)
    file = raw.problems[0].file if raw.problems else Path(filename).name or "upload"
    if not raw.rows and not raw.fatal:
        raw = replace(
            raw,
            fatal=True,
            problems=[*raw.problems, problem(file, None, None, "no rows", "행이 없습니다")],
        )
    return raw, file


def check_table(raw: RawTable, file: str, reference: Reference, year: int | None) -> Report:
    """Name the columns, flag formulas and markup, convert values, assign ids and run the
    atlas's rule table: the report of a readable file (not yet placed)."""
    frame = build_frame(raw, file)
    frame.warnings += [p for p in raw.problems if p.row is None]
    frame.errors += [p for p in raw.problems if p.row is not None]
    _mark_formulas(raw, frame)
    if frame.records.empty:
        frame.error(
            None,
            None,
            "the file has a header but no records below it",
            "머리글만 있고 레코드가 없습니다",
        )
    _check_required(frame)
    _mark_markup(frame)
    normalise_values(frame, reference)
    normalise_coordinates(frame)
    attach_complexes(frame, reference)
    assign_ids(frame, reference, year)
    _check_rules(frame, reference)
    return Report(
        file=file,
        kind=raw.kind,
        encoding=raw.encoding,
        records=frame.records,
        errors=frame.errors,
        warnings=frame.warnings,
        changes=frame.changes,
    )


def place_report(
    report: Report,
    sgg: gpd.GeoDataFrame,
    aliases: dict[tuple[str, str], str] | None = None,
) -> Report:
    """Place the report's good rows on the municipalities; unplaceable rows become errors.

    A municipality name the boundaries do not know is an error when the row has no
    coordinates (it cannot be shown) and a warning otherwise; a point outside the
    municipality it declares is a warning.
    """
    good = report.good
    if good.empty:
        return replace(report, sites=None)
    placed, problems = place_records(good, sgg, aliases, report.file)
    errors, warnings = list(report.errors), list(report.warnings)
    for p in problems:
        row = p.row
        located = row in placed.index and placed.at[row, "location"] == "site"
        (warnings if located else errors).append(p)
    outside = check_points_in_declared_municipality(placed)
    for row, rec in zip(outside.index.tolist(), outside.to_dict("records"), strict=True):
        if pd.isna(rec.get("sgg_code")):
            warnings.append(
                problem(
                    report.file,
                    row,
                    "lon",
                    "the point lies in no Korean municipality (at sea or abroad?)",
                    "좌표가 어느 시군구에도 속하지 않습니다 (바다 또는 국외?)",
                )
            )
            continue
        if not str(rec.get("declared_sgg_codes") or ""):
            continue
        warnings.append(
            problem(
                report.file,
                row,
                "lon",
                f"the point lies in {rec['sgg_name_ko']}, not in the declared "
                f"{rec['sido']} {rec['sigungu']}; check the coordinates or the municipality",
                f"좌표가 {rec['sgg_name_ko']}에 있어 입력한 {rec['sido']} {rec['sigungu']}와(과) "
                "다릅니다; 좌표나 시군구를 확인하세요",
            )
        )
    bad = {p.row for p in errors if p.row is not None}
    sites = placed.loc[~placed.index.isin(sorted(bad))].copy()
    sites["user_record"] = True
    return replace(report, errors=errors, warnings=warnings, sites=sites)
