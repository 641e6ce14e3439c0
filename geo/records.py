"""The program records in ``data/``: loading them, checked, typed, ready to place.

:func:`load_records` reads every record file (:mod:`geo.tables`), checks it with the rule
tables (:mod:`geo.rules`) and types it; it returns every problem found and never raises
on bad content. :func:`load_checked_records` is what the app and the command line call:
the same, but a damaged file stops the load with one :class:`DataFileError` naming the
file, row and problem in Korean and English. Placing records on the map is in
:mod:`geo.placement`; the columns are in :mod:`geo.fields`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.codes import DATA_DIR
from geo.errors import BilingualError
from geo.fields import (
    CLUSTER_COLUMNS,
    COMPLEX_COLUMNS,
    DATE_COLUMNS,
    FIELDS,
    INT_COLUMNS,
    OPTIONAL_CELLS,
    REQUIRED_CLUSTER_COLUMNS,
    URL_COLUMNS,
    USER_OPTIONAL_CELLS,
)
from geo.placement import (
    GOLDEN_ANGLE,
    check_points_in_declared_municipality,
    load_name_aliases,
    match_municipality,
    municipality_index,
    place_records,
    spread_stacked,
    sunflower,
)
from geo.rules import (
    is_date,
    user_record_rows,
    validate_belts,
    validate_clusters,
    validate_complexes,
    validate_designations,
    validate_industries,
    validate_programs,
    validate_region_indicators,
)
from geo.schema import (
    BELT_LEVELS,
    FIRST_YEAR,
    INDUSTRY_GROUPS,
    LAT_RANGE,
    LON_RANGE,
    RECORD_FILES,
    SIDO_NAMES,
    UNDATED,
    USER_ID_PREFIX,
)
from geo.tables import Problem, read_csv_table, to_float, to_int, type_clusters, values_of

__all__ = [
    "BELT_LEVELS",
    "CLUSTER_COLUMNS",
    "DATA_DIR",
    "DATE_COLUMNS",
    "FIRST_YEAR",
    "GOLDEN_ANGLE",
    "INDUSTRY_GROUPS",
    "INT_COLUMNS",
    "LAT_RANGE",
    "LON_RANGE",
    "OPTIONAL_CELLS",
    "REQUIRED_CLUSTER_COLUMNS",
    "SIDO_NAMES",
    "UNDATED",
    "URL_COLUMNS",
    "USER_ID_PREFIX",
    "USER_OPTIONAL_CELLS",
    "DataFileError",
    "Problem",
    "Records",
    "check_points_in_declared_municipality",
    "complex_columns",
    "is_date",
    "join_records",
    "load_checked_records",
    "load_name_aliases",
    "load_records",
    "match_municipality",
    "municipality_index",
    "place_records",
    "read_csv_table",
    "records_dir",
    "spread_stacked",
    "sunflower",
    "type_clusters",
    "user_record_rows",
    "validate_belts",
    "validate_clusters",
    "validate_complexes",
    "validate_designations",
    "validate_industries",
    "validate_programs",
    "validate_region_indicators",
]

SHOWN_PROBLEMS = 5
"""Problems a :class:`DataFileError` lists before saying how many more there are."""


@dataclass(frozen=True)
class Records:
    """All program records, typed, with the problems found while loading them.

    Attributes
    ----------
    clusters : pandas.DataFrame
        One flat record per designation: ``designations.csv`` joined to its complex
        (place columns under their record names, e.g. ``complex_name_ko``), indexed by the
        designation's spreadsheet row.
    complexes, designations : pandas.DataFrame
        The two files as read (text), indexed by spreadsheet row.
    """

    clusters: pd.DataFrame
    programs: pd.DataFrame
    industries: pd.DataFrame
    belts: pd.DataFrame
    belt_areas: pd.DataFrame
    region_indicators: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    complexes: pd.DataFrame = field(default_factory=pd.DataFrame)
    designations: pd.DataFrame = field(default_factory=pd.DataFrame)


def records_dir(data_dir: Path | None = None) -> Path:
    """``data_dir``, else the configured one (``KCA_DATA_DIR``), else the bundled ``data/``."""
    if data_dir is not None:
        return data_dir
    from geo.settings import load_settings

    return load_settings().data_dir


def _ids(df: pd.DataFrame, column: str, readable: bool = True) -> set[str] | None:
    """Ids of a reference file; None when the file could not be read (not checked)."""
    return values_of(df, column) if readable else None


def _check_all(frames: dict[str, pd.DataFrame], unread: set[str]) -> list[Problem]:
    """Run the checks of every file that could be read (a file that cannot be read is one
    problem, not one per missing column; its ids are then not checked against)."""
    ids = {
        key: _ids(frames[key], column, key not in unread)
        for key, column in (
            ("programs", "id"),
            ("industries", "id"),
            ("belts", "belt_id"),
            ("complexes", "complex_id"),
        )
    }
    problems: list[Problem] = []
    if "programs" not in unread:
        problems += validate_programs(frames["programs"])
    if "industries" not in unread:
        problems += validate_industries(frames["industries"])
    if not {"belts", "belt_areas"} & unread:
        problems += validate_belts(
            frames["belts"], frames["belt_areas"], ids["industries"] or set()
        )
    if "complexes" not in unread:
        problems += validate_complexes(frames["complexes"])
    if "designations" not in unread:
        problems += validate_designations(
            frames["designations"],
            ids["programs"],
            ids["industries"],
            ids["complexes"],
            belts=ids["belts"],
        )
    if "region_indicators" not in unread:
        problems += validate_region_indicators(frames["region_indicators"])
    return problems


def _type_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    out = indicators.copy()
    if "year" in out.columns:
        out["year"] = to_int(out["year"])
    if "value" in out.columns:
        out["value"] = to_float(out["value"])
    return out


def complex_columns(complexes: pd.DataFrame) -> pd.DataFrame:
    """``complexes.csv`` under the record names (``name_ko`` -> ``complex_name_ko``), one
    row per complex id, every complex column present."""
    renames = {FIELDS[c].stored: c for c in COMPLEX_COLUMNS if FIELDS[c].stored}
    out = complexes.rename(columns=renames)
    for column in COMPLEX_COLUMNS:
        if column not in out.columns:
            out[column] = pd.Series(pd.NA, index=out.index, dtype="string")
    out = out[list(COMPLEX_COLUMNS)].dropna(subset=["complex_id"])
    return out.drop_duplicates("complex_id")


def join_records(designations: pd.DataFrame, complexes: pd.DataFrame) -> pd.DataFrame:
    """One flat record per designation: its columns and its complex's, in registry order.

    The designation's index (spreadsheet rows) is kept; a designation whose complex is
    unknown keeps empty place columns (the checks report it)."""
    places = complex_columns(complexes)
    out = designations.copy()
    if "complex_id" not in out.columns:
        out["complex_id"] = pd.Series(pd.NA, index=out.index, dtype="string")
    joined = out.join(places.set_index("complex_id"), on="complex_id")
    order = [c for c in FIELDS if c in joined.columns]
    return joined[order + [c for c in joined.columns if c not in FIELDS]]


def load_records(data_dir: Path | None = None) -> Records:
    """Read, validate and type every program record file in ``data_dir``.

    Parameters
    ----------
    data_dir : Path, optional
        Folder holding complexes.csv, designations.csv, programs.csv, industries.csv,
        busan_belts.csv,
        busan_belt_areas.csv and region_indicators.csv; by default the configured one
        (:func:`records_dir`).

    Returns
    -------
    Records
        Typed frames (indexed by spreadsheet row) and every problem found, reading
        problems first; never raises on bad content.
    """
    folder = records_dir(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    unread: set[str] = set()
    for key, name in RECORD_FILES.items():
        frames[key], found = read_csv_table(folder / name)
        problems += found
        if frames[key].empty and found:
            unread.add(key)
    problems += _check_all(frames, unread)
    return Records(
        clusters=type_clusters(join_records(frames["designations"], frames["complexes"])),
        programs=frames["programs"],
        industries=frames["industries"],
        belts=frames["belts"],
        belt_areas=frames["belt_areas"],
        region_indicators=_type_indicators(frames["region_indicators"]),
        problems=problems,
        complexes=frames["complexes"],
        designations=frames["designations"],
    )


class DataFileError(BilingualError, RuntimeError):
    """A record file is damaged: the atlas does not load it (nor show a shorter map).

    ``en`` and ``ko`` name the folder and, per problem, the file, row, column and reason;
    ``problems`` holds them all.
    """

    def __init__(self, folder: Path, problems: Sequence[Problem]) -> None:
        shown = list(problems[:SHOWN_PROBLEMS])
        more = len(problems) - len(shown)
        en = [f"The record files in {folder} have {_count(len(problems))}; nothing was loaded:"]
        ko = [f"{folder}의 레코드 파일에 문제가 {len(problems)}건 있어 불러오지 않았습니다:"]
        en += [f"  {p}" for p in shown]
        ko += [f"  {_where_ko(p)}: {p.message_ko}" for p in shown]
        if more:
            en.append(f"  … and {more} more")
            ko.append(f"  … 외 {more}건")
        en.append("Fix the file (or restore it, e.g. `git checkout data/`) and reload.")
        ko.append("파일을 고치거나 되살린 뒤(예: `git checkout data/`) 다시 불러오세요.")
        super().__init__("\n".join(en), "\n".join(ko))
        self.folder, self.problems = folder, list(problems)

    def __str__(self) -> str:
        return f"{self.en}\n\n{self.ko}"


def _count(n: int) -> str:
    return "1 problem" if n == 1 else f"{n} problems"


def _where_ko(p: Problem) -> str:
    where = p.file
    if p.row is not None:
        where += f" {p.row}행"
    if p.column is not None:
        where += f", {p.column} 열"
    return where


def load_checked_records(data_dir: Path | None = None) -> Records:
    """:func:`load_records`, raising :class:`DataFileError` when any file has a problem.

    The app and ``python cli.py export`` call this when they load the data, so a damaged
    file (emptied, a column missing, not UTF-8, cut off mid-row) gives one message naming
    the file, row and problem instead of a traceback or a map with fewer sites.
    """
    folder = records_dir(data_dir)
    records = load_records(folder)
    if records.problems:
        raise DataFileError(folder, records.problems)
    return records
