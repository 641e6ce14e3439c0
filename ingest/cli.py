"""``python cli.py validate FILE`` and ``python cli.py merge FILE``.

``validate`` prints one line per problem (errors and warnings; ``--changes`` adds every
converted value) and a summary, and exits 0 when the file is clean, 1 when it has bad
rows (or a file-level problem), 2 when it cannot be read at all. ``merge`` runs the same
checks and adds the records to ``data/designations.csv`` with new ids, keeping a backup.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import geopandas as gpd

from geo.errors import BoundaryDataError
from geo.records import DATA_DIR
from ingest.merge import LOCK_TIMEOUT, merge_report
from ingest.read import ENCODINGS, MAX_BYTES, too_large
from ingest.validate import Report, load_reference, validate_upload

log = logging.getLogger(__name__)


def _write(lines: list[str]) -> None:
    for line in lines:
        sys.stdout.write(line + "\n")


def _read(path: Path) -> bytes | Report | None:
    """The file's bytes; a fatal report naming its real size when it is over MAX_BYTES
    (nothing of it is read then); None when it cannot be opened."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raw = too_large(path.name, size)
                return Report(file=path.name, kind=raw.kind, fatal=True, errors=raw.problems)
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        _write([f"{path}: cannot open the file: {exc} / 파일을 열 수 없습니다"])
        return None


def _boundaries(skip: bool) -> gpd.GeoDataFrame | None:
    if skip:
        return None
    from geo.boundaries import load_boundaries

    try:
        return load_boundaries("sgg", "full")
    except BoundaryDataError as exc:
        log.warning("municipality names not checked (no boundary files): %s", exc)
        return None


def check_file(args: argparse.Namespace, data_dir: Path = DATA_DIR) -> Report | None:
    """Validate the file named on the command line; None when it cannot be opened."""
    path = Path(args.file)
    data = _read(path)
    if data is None or isinstance(data, Report):
        return data
    return validate_upload(
        data,
        path.name,
        encoding=args.encoding,
        reference=load_reference(data_dir),
        sgg=_boundaries(args.no_boundaries),
    )


def run_validate(args: argparse.Namespace) -> int:
    """``validate``: print the report; exit 0 clean, 1 bad rows, 2 unreadable."""
    report = check_file(args)
    if report is None:
        return 2
    _write([*report.lines(with_changes=args.changes), report.summary()])
    return report.exit_code


def run_merge(args: argparse.Namespace) -> int:
    """``merge``: validate, then add the good records to data/designations.csv with a backup."""
    data_dir = Path(args.data_dir)
    report = check_file(args, data_dir)
    if report is None:
        return 2
    _write([*report.lines(), report.summary()])
    result = merge_report(report, data_dir, skip_bad=args.skip_bad, timeout=args.wait)
    _write(result.lines)
    return result.exit_code


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV (.csv/.txt/.tsv), Excel (.xlsx) or GeoJSON file")
    parser.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default=None,
        help="text encoding of a CSV/GeoJSON file (default: detected)",
    )
    parser.add_argument(
        "--no-boundaries",
        action="store_true",
        help="do not load the boundaries (municipality names and points are not checked)",
    )


VALIDATE_HELP = (
    "Check a file of program records. Prints one line per problem (errors and warnings; "
    "--changes adds every converted value) and a summary. Exit 0: clean; 1: bad rows or a "
    "missing required column; 2: the file cannot be read at all."
)
MERGE_HELP = (
    "Check a file like validate, then add its good records to data/designations.csv with new "
    "user-<year>-<n> ids, keeping a copy of the old file in data/backups/. Nothing is merged "
    "while any row has errors, unless --skip-bad is given."
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` and ``merge`` commands."""
    validate = commands.add_parser(
        "validate",
        help="check a file of program records (exit 0 clean, 1 bad rows, 2 unreadable)",
        description=VALIDATE_HELP,
    )
    _common(validate)
    validate.add_argument(
        "--changes", action="store_true", help="also list every value that was converted"
    )
    validate.set_defaults(func=run_validate)
    merge = commands.add_parser(
        "merge",
        help="add a file's validated records to data/designations.csv (with a backup)",
        description=MERGE_HELP,
    )
    _common(merge)
    merge.add_argument(
        "--skip-bad",
        action="store_true",
        help="merge the good rows even when other rows have errors",
    )
    merge.add_argument(
        "--data-dir",
        default=str(DATA_DIR),
        help="folder holding designations.csv and complexes.csv (default: data/)",
    )
    merge.add_argument(
        "--wait",
        type=float,
        default=LOCK_TIMEOUT,
        help="seconds to wait while another merge is writing (then: busy, nothing merged; "
        f"default {LOCK_TIMEOUT:g})",
    )
    merge.set_defaults(func=run_merge)
