"""Add a validated file's records to ``data/designations.csv`` (and their new places to
``data/complexes.csv``), keeping a backup of the old files.

A record naming an existing complex (``complex_id``, or matched by name) becomes a
designation of it; any other record makes a new complex (id = the record's new id,
precision ``point`` with coordinates, else ``sgg``). Merged rows get their new
``user-<year>-<n>`` ids; what the user wrote and the atlas
converted (``original:*``) and columns the atlas has no place for (``extra:*``) go into
``notes``, so nothing given is lost. The file stays sorted by program, year, id.

Writers cannot collide: a merge takes a lock (``data/backups/.clusters.lock``), waits for
it at most ``timeout`` seconds (else it says the data is busy and changes nothing), and
under the lock re-reads the file, picks the new ids, checks the merged file with
``load_records`` *before* it replaces anything, writes the backup and the new file
through unique temporary files (fsync, atomic rename). A crash at any instant leaves the
old or the new file, never a mix (complexes are written first: a crash between the two
files leaves an unused complex, and both files load); a full or read-only disk gives a
message, no traceback.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from geo.atomic import fsync_dir, write_bytes
from geo.fields import COMPLEX_COLUMNS, COMPLEX_FILE_COLUMNS, DESIGNATION_COLUMNS
from geo.records import DATA_DIR, USER_ID_PREFIX, load_records, read_csv_table
from ingest.validate import ORIGINAL, Report

CLUSTERS = "designations.csv"
COMPLEXES = "complexes.csv"
BACKUP_DIR = "backups"
LOCK_NAME = ".clusters.lock"
STAGING_PREFIX = ".merge-"
LOCK_TIMEOUT = 30.0
"""Seconds a merge waits for another one to finish before saying the data is busy."""
USER_ID = re.compile(rf"({re.escape(USER_ID_PREFIX)}\d{{4}}-)(\d+)")


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


NEW_COMPLEX = ""
"""``complex_id`` of a merged row that makes a new complex (filled with its new id)."""


def merged_rows(report: Report, today: dt.date) -> list[list[str]]:
    """The report's good records as designations.csv rows (DESIGNATION_COLUMNS order);
    ``complex_id`` empty for a record that makes a new complex."""
    rows = []
    for row, record in report.good.iterrows():
        cells = {c: _cell(record.get(c)) for c in DESIGNATION_COLUMNS}
        cells["notes"] = provenance(report, int(str(row)), record, today)
        rows.append([cells[c] for c in DESIGNATION_COLUMNS])
    return rows


def new_complex(record: pd.Series, ident: str) -> list[str]:
    """A complexes.csv row for a merged record that names no existing complex: its name
    and municipality, precision ``point`` with coordinates (else ``sgg``)."""
    own = bool(_cell(record.get("lon"))) and bool(_cell(record.get("lat")))
    cells = {c: _cell(record.get(c)) for c in COMPLEX_COLUMNS}
    cells |= {
        "complex_id": ident,
        "complex_name_ko": _cell(record.get("name_ko")),
        "complex_name_en": _cell(record.get("name_en")),
        "sigungu_all": f"{_cell(record.get('sido'))} {_cell(record.get('sigungu'))}",
        "emd": "",
        "emd_codes": "",
        "precision": "point" if own else "sgg",
        "complex_notes": f"Made by a user merge of {ident}.",
    }
    return [cells[c] for c in COMPLEX_COLUMNS]


_COL = {c: i for i, c in enumerate(DESIGNATION_COLUMNS)}


def _sort_key(cells: list[str]) -> tuple[str, int, str]:
    program, year, ident = cells[_COL["program"]], cells[_COL["year"]], cells[0]
    return program, int(year) if year.isdigit() else 0, ident


def renumber(rows: list[list[str]], existing: set[str], today: dt.date) -> list[list[str]]:
    """The rows with new ids ``user-<year>-<n>`` after every id in ``existing``.

    The year is the one the validator gave (``today``'s when a row has no user id).

    A row whose ``complex_id`` (second cell) is empty makes a new complex with its id.

    >>> renumber([["user-2026-1", ""]], {"user-2026-1", "user-2026-7"}, dt.date(2026, 1, 1))
    [['user-2026-8', 'user-2026-8']]
    >>> renumber([["user-2026-1", "wanju-root"]], set(), dt.date(2026, 1, 1))
    [['user-2026-1', 'wanju-root']]
    """
    last: dict[str, int] = {}
    for ident in existing:
        match = USER_ID.fullmatch(ident)
        if match:
            last[match[1]] = max(last.get(match[1], 0), int(match[2]))
    out = []
    for cells in rows:
        match = USER_ID.fullmatch(cells[0])
        prefix = match[1] if match else f"{USER_ID_PREFIX}{today.year}-"
        last[prefix] = last.get(prefix, 0) + 1
        ident = f"{prefix}{last[prefix]}"
        complex_id = cells[1] if len(cells) > 1 and cells[1] != NEW_COMPLEX else ident
        out.append([ident, complex_id, *cells[2:]] if len(cells) > 1 else [ident])
    return out


def _refusal(report: Report, skip_bad: bool) -> MergeResult | None:
    """Why a report is not merged at all (before any file is touched), or None."""
    if report.fatal:
        return MergeResult(
            2, ["the file cannot be read; nothing merged / 읽을 수 없어 병합하지 않았습니다"]
        )
    bad = report.bad_rows
    if bad and not skip_bad:
        return MergeResult(
            1,
            [
                (
                    f"{len(bad)} rows have errors; nothing merged. Fix them, or merge the other "
                    f"rows with --skip-bad / 오류 행 {len(bad)}건: 병합하지 않았습니다. 고치거나 "
                    "--skip-bad로 나머지만 병합하세요"
                )
            ],
        )
    return None


def merge_report(
    report: Report,
    data_dir: Path = DATA_DIR,
    *,
    skip_bad: bool = False,
    today: dt.date | None = None,
    timeout: float = LOCK_TIMEOUT,
) -> MergeResult:
    """Add a report's loadable records to ``data_dir/clusters.csv``, safely.

    Parameters
    ----------
    report : Report
        From :func:`ingest.validate.validate_upload`; its ids are picked again under the
        lock, so a report validated before another merge still gets unused ids.
    data_dir : Path
    skip_bad : bool
        Merge the good rows even when other rows have errors (default: merge nothing).
    today : datetime.date, optional
        Date written in the notes.
    timeout : float
        Seconds to wait for another merge of the same folder (then: busy, nothing changed).

    Returns
    -------
    MergeResult
        Its lines always say what ``clusters.csv`` holds afterwards.
    """
    today = today or dt.date.today()
    refused = _refusal(report, skip_bad)
    if refused is not None:
        return refused
    rows = merged_rows(report, today)
    records = [record for _, record in report.good.iterrows()]
    if not rows:
        return MergeResult(1, ["no loadable records; nothing merged / 병합할 레코드가 없습니다"])
    backups = data_dir / BACKUP_DIR
    try:
        backups.mkdir(parents=True, exist_ok=True)
        with FileLock(backups / LOCK_NAME, timeout=timeout):
            return _merge_locked(rows, records, data_dir, today)
    except Timeout:
        return MergeResult(
            1,
            [
                (
                    f"the data is busy: another merge into {data_dir} did not finish within "
                    f"{timeout:g} s; nothing merged, try again / 다른 병합이 진행 중입니다"
                    f"({timeout:g}초 대기): 병합하지 않았습니다. 잠시 후 다시 시도하세요"
                )
            ],
        )
    except OSError as exc:
        return MergeResult(
            1,
            [
                (
                    f"cannot update {data_dir / CLUSTERS} ({exc.strerror or exc}); nothing "
                    f"merged, the file is unchanged / 파일을 읽거나 쓸 수 없어 병합하지 "
                    f"않았습니다({exc.strerror or exc}); {CLUSTERS}는 그대로입니다"
                )
            ],
        )


def _read_current(
    path: Path, header: tuple[str, ...] = DESIGNATION_COLUMNS
) -> tuple[bytes, list[list[str]]] | str:
    """The file's bytes and rows, or why it cannot be merged into."""
    raw = path.read_bytes()
    try:
        lines = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error) as exc:
        return f"{path} cannot be read ({exc}); nothing merged / 읽을 수 없어 병합하지 않았습니다"
    if not lines or tuple(lines[0]) != header:
        return f"{path} does not have the expected header; nothing merged / 머리글이 다릅니다"
    return raw, lines


def _csv(lines: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    return out.getvalue().encode("utf-8")


def _merge_locked(
    rows: list[list[str]], records: list[pd.Series], data_dir: Path, today: dt.date
) -> MergeResult:
    """The merge itself; the caller holds the lock. Raises OSError only before the commit."""
    path, backups = data_dir / CLUSTERS, data_dir / BACKUP_DIR
    _clear_stale(backups)
    current = _read_current(path)
    places = _read_current(data_dir / COMPLEXES, COMPLEX_FILE_COLUMNS)
    for found in (current, places):
        if isinstance(found, str):
            return MergeResult(1, [found])
    assert not isinstance(current, str) and not isinstance(places, str)
    raw, lines = current
    new = [cells[1] == NEW_COMPLEX for cells in rows]
    rows = renumber(rows, {cells[0] for cells in lines[1:] if cells}, today)
    pairs = zip(rows, records, new, strict=True)
    made = [new_complex(rec, cells[0]) for cells, rec, n in pairs if n]
    body = sorted([cells for cells in lines[1:] if cells] + rows, key=_sort_key)
    complexes = [places[1][0], *sorted([c for c in places[1][1:] if c] + made)]
    added = [cells[0] for cells in rows]
    staging = Path(tempfile.mkdtemp(dir=backups, prefix=STAGING_PREFIX))
    try:
        write_bytes(staging / COMPLEXES, _csv(complexes))
        problems = _staged_problems(staging, data_dir, _csv([lines[0], *body]), added)
        if problems:
            return MergeResult(
                1,
                [f"the merged file would not load; nothing merged, {path} unchanged:", *problems],
            )
        backup = _backup(backups, raw)
        if made:
            _backup(backups, places[0], "complexes")
            os.replace(staging / COMPLEXES, data_dir / COMPLEXES)  # first: unused is harmless
        os.replace(staging / CLUSTERS, path)  # the commit: old file or new, never a mix
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    fsync_dir(data_dir)
    return MergeResult(
        0,
        [
            (
                f"added {len(added)} records to {path} ({', '.join(added)}); backup: {backup} / "
                f"{len(added)}건을 추가했습니다; 백업: {backup}"
            )
        ],
        added,
        backup,
    )


def _clear_stale(backups: Path) -> None:
    """Remove what writers killed mid-merge left (only called under the lock)."""
    for leftover in backups.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in backups.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _backup(backups: Path, raw: bytes, name: str = "designations") -> Path:
    """Write the old file's bytes to a new, complete backup (never a truncated one)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = backups / f"{name}-{stamp}.csv"
    n = 1
    while backup.exists():
        n += 1
        backup = backups / f"{name}-{stamp}-{n}.csv"
    write_bytes(backup, raw)
    return backup


def _staged_problems(staging: Path, data_dir: Path, content: bytes, ids: list[str]) -> list[str]:
    """Write the merged file into ``staging`` (durably) beside links to the other data
    files, and return the problems ``load_records`` finds on the new rows."""
    write_bytes(staging / CLUSTERS, content)
    for other in data_dir.glob("*.csv"):
        if other.name not in (CLUSTERS, COMPLEXES) or not (staging / other.name).exists():
            try:
                (staging / other.name).symlink_to(other.resolve())
            except OSError:
                shutil.copyfile(other, staging / other.name)
    return _problems_of(staging, set(ids))


def _problems_of(data_dir: Path, ids: set[str]) -> list[str]:
    """Problems load_records finds on the rows with these ids."""
    frame, _ = read_csv_table(data_dir / CLUSTERS)
    rows = set(frame.index[frame["id"].isin(ids)]) if "id" in frame else set()
    return [
        str(p)
        for p in load_records(data_dir).problems
        if (p.file == CLUSTERS and (p.row in rows or p.row is None)) or p.file == COMPLEXES
    ]
