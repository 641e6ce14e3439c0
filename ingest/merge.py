"""Add a validated file's records to ``data/clusters.csv``, keeping a backup of the old file.

Merged rows get their new ``user-<year>-<n>`` ids; what the user wrote and the atlas
converted (``original:*``) and columns the atlas has no place for (``extra:*``) go into
``notes``, so nothing given is lost. The file stays sorted by program, year, id and is
checked again after writing; on a problem the backup is put back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.records import CLUSTER_COLUMNS, DATA_DIR, load_records, read_csv_table
from ingest.validate import ORIGINAL, Report

CLUSTERS = "clusters.csv"
BACKUP_DIR = "backups"


@dataclass(frozen=True)
class MergeResult:
    """What a merge did.

    Attributes
    ----------
    exit_code : int
        0 merged, 1 not merged (bad rows, nothing to merge, or a check after writing
        failed), 2 the file could not be read.
    lines : list of str
        Messages for the user (English | Korean).
    added : list of str
        Ids of the rows added.
    backup : Path or None
    """

    exit_code: int
    lines: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    backup: Path | None = None


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def provenance(report: Report, row: int, record: pd.Series, today: dt.date) -> str:
    """The notes text of a merged row: its file and row, originals and extra columns."""
    parts = [f"User record from {report.file} row {row}, merged {today.isoformat()}."]
    given = [
        f"{str(name).removeprefix(ORIGINAL)}={_cell(value)!r}"
        for name, value in record.items()
        if str(name).startswith(ORIGINAL) and _cell(value)
    ]
    if given:
        parts.append("As given: " + "; ".join(given) + ".")
    extras = [
        f"{str(name).removeprefix('extra:')}={_cell(value)!r}"
        for name, value in record.items()
        if str(name).startswith("extra:") and _cell(value)
    ]
    if extras:
        parts.append("Extra columns: " + "; ".join(extras) + ".")
    notes = _cell(record.get("notes"))
    return " ".join([notes, *parts] if notes else parts)


def merged_rows(report: Report, today: dt.date) -> list[list[str]]:
    """The report's good records as clusters.csv rows (CLUSTER_COLUMNS order)."""
    rows = []
    for row, record in report.good.iterrows():
        cells = {c: _cell(record.get(c)) for c in CLUSTER_COLUMNS}
        cells["notes"] = provenance(report, int(str(row)), record, today)
        rows.append([cells[c] for c in CLUSTER_COLUMNS])
    return rows


def _sort_key(cells: list[str]) -> tuple[str, int, str]:
    program, year, ident = cells[1], cells[5], cells[0]
    return program, int(year) if year.isdigit() else 0, ident


def merge_report(
    report: Report,
    data_dir: Path = DATA_DIR,
    *,
    skip_bad: bool = False,
    today: dt.date | None = None,
) -> MergeResult:
    """Append a report's loadable records to ``data_dir/clusters.csv``.

    Parameters
    ----------
    report : Report
        From :func:`ingest.validate.validate_upload` with the reference of ``data_dir``.
    data_dir : Path
    skip_bad : bool
        Merge the good rows even when other rows have errors (default: merge nothing).
    today : datetime.date, optional
        Date written in the notes and the backup name.
    """
    today = today or dt.date.today()
    if report.fatal:
        return MergeResult(
            2, ["the file cannot be read; nothing merged / 읽을 수 없어 병합하지 않았습니다"]
        )
    bad = report.bad_rows
    if bad and not skip_bad:
        return MergeResult(
            1,
            [
                f"{len(bad)} rows have errors; nothing merged. Fix them, or merge the other "
                f"rows with --skip-bad / 오류 행 {len(bad)}건: 병합하지 않았습니다. 고치거나 "
                "--skip-bad로 나머지만 병합하세요"
            ],
        )
    rows = merged_rows(report, today)
    if not rows:
        return MergeResult(1, ["no loadable records; nothing merged / 병합할 레코드가 없습니다"])
    path = data_dir / CLUSTERS
    text = path.read_text(encoding="utf-8")
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines or tuple(lines[0]) != CLUSTER_COLUMNS:
        return MergeResult(
            1, [f"{path} does not have the expected header; nothing merged / 머리글이 다릅니다"]
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = data_dir / BACKUP_DIR / f"clusters-{stamp}.csv"
    backup.parent.mkdir(exist_ok=True)
    shutil.copy2(path, backup)
    body = sorted([cells for cells in lines[1:] if cells] + rows, key=_sort_key)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([lines[0], *body])
    temporary = path.with_suffix(".csv.tmp")
    temporary.write_text(out.getvalue(), encoding="utf-8", newline="")
    os.replace(temporary, path)
    added = [cells[0] for cells in rows]
    problems = _problems_of(data_dir, set(added))
    if problems:
        shutil.copy2(backup, path)
        return MergeResult(
            1,
            [f"check after writing failed, {path} restored from {backup}:", *problems],
            backup=backup,
        )
    return MergeResult(
        0,
        [
            f"added {len(added)} records to {path} ({', '.join(added)}); backup: {backup} / "
            f"{len(added)}건을 추가했습니다; 백업: {backup}"
        ],
        added,
        backup,
    )


def _problems_of(data_dir: Path, ids: set[str]) -> list[str]:
    """Problems load_records finds on the rows with these ids."""
    frame, _ = read_csv_table(data_dir / CLUSTERS)
    rows = set(frame.index[frame["id"].isin(ids)]) if "id" in frame else set()
    return [
        str(p)
        for p in load_records(data_dir).problems
        if p.file == CLUSTERS and (p.row in rows or p.row is None)
    ]
