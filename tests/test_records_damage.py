"""A damaged record file gives one clear message (file, row, problem; Korean and English):
in load_records, on the command line and in the app. Never a traceback, never a map with
fewer sites (#17)."""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cli import main
from geo.records import DATA_DIR, DataFileError, load_checked_records, load_records
from geo.settings import PROJECT_ROOT

TRUNCATED_ROW = 79


def empty(path: Path) -> None:
    path.write_bytes(b"")


def without_program(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    drop = rows[0].index("program")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:drop] + r[drop + 1 :] for r in rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def as_cp949(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp949", errors="replace"))


def cut_mid_row(path: Path) -> None:
    """The file ends inside row 79, after its first three cells."""
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [*lines[: TRUNCATED_ROW - 1], ",".join(lines[TRUNCATED_ROW - 1].split(",")[:3])]
    path.write_text("\n".join(kept), encoding="utf-8")


def cut_in_quotes(path: Path) -> None:
    """The file ends inside a quoted cell of row 79."""
    lines = path.read_text(encoding="utf-8").split("\n")
    row = lines[TRUNCATED_ROW - 1]
    kept = [*lines[: TRUNCATED_ROW - 1], row[: row.index('"') + 5]]
    path.write_text("\n".join(kept), encoding="utf-8")


DAMAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "emptied": (
        empty,
        "designations.csv: the file is empty",
        "designations.csv: 파일이 비어 있습니다",
    ),
    "program column missing": (
        without_program,
        "designations.csv, column program: required column 'program' is missing",
        "designations.csv, program 열: 필수 열 'program'이(가) 없습니다",
    ),
    "saved as CP949": (
        as_cp949,
        "designations.csv row 2: file cannot be read as UTF-8 text",
        "CP949/EUC-KR로 저장된 것 같습니다",
    ),
    "truncated mid-row": (
        cut_mid_row,
        (
            f"designations.csv row {TRUNCATED_ROW}: row has 3 cells, the header has 34; "
            "the file ends inside this row"
        ),
        f"designations.csv {TRUNCATED_ROW}행: 이 행의 칸 수는 3개",
    ),
    "truncated in a quoted cell": (
        cut_in_quotes,
        f"designations.csv row {TRUNCATED_ROW}: not a valid CSV file: unexpected end of data",
        f"designations.csv {TRUNCATED_ROW}행: 올바른 CSV 파일이 아닙니다",
    ),
}


@pytest.fixture(params=list(DAMAGES))
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of data/ with clusters.csv damaged; the expected English and Korean text."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("sources", "backups"))
    damage, en, ko = DAMAGES[request.param]
    damage(target / "designations.csv")
    return target, en, ko


def test_load_records_reports_the_damage_first(damaged: tuple[Path, str, str]) -> None:
    folder, en, ko = damaged
    first = load_records(folder).problems[0]
    assert en in str(first) and first.message_ko
    with pytest.raises(DataFileError) as info:
        load_checked_records(folder)
    assert en in info.value.en and ko in info.value.ko
    assert str(folder) in info.value.en
    assert "git checkout data/" in info.value.en


def test_a_row_cut_off_is_reported_not_dropped(tmp_path: Path) -> None:
    shutil.copytree(DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("sources"))
    cut_mid_row(tmp_path / "data" / "designations.csv")
    records = load_records(tmp_path / "data")
    assert TRUNCATED_ROW in records.clusters.index
    assert records.problems[0].row == TRUNCATED_ROW


def test_the_bundled_data_loads_checked() -> None:
    assert len(load_checked_records(DATA_DIR).clusters) > 100


def test_cli_export_exits_1_with_the_message(
    damaged: tuple[Path, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder, en, ko = damaged
    monkeypatch.setenv("KCA_DATA_DIR", str(folder))
    monkeypatch.setenv("KCA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KCA_OFFLINE", "1")
    out = tmp_path / "records.csv"
    with caplog.at_level(logging.ERROR):
        assert main(["export", "--format", "csv", "--out", str(out)]) == 1
    assert en in caplog.text and ko in caplog.text
    assert "Traceback" not in caplog.text
    assert not out.exists()


def test_cli_process_names_the_file_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("sources", "backups"))
    cut_mid_row(folder / "designations.csv")
    env = os.environ | {
        "KCA_DATA_DIR": str(folder),
        "KCA_CACHE_DIR": str(tmp_path / "cache"),
        "KCA_OFFLINE": "1",
    }
    done = subprocess.run(
        [sys.executable, "cli.py", "export", "--format", "csv", "--out", str(tmp_path / "x.csv")],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert f"designations.csv row {TRUNCATED_ROW}" in done.stderr
    assert f"designations.csv {TRUNCATED_ROW}행" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_app_shows_one_message_not_a_traceback(
    damaged: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, en, ko = damaged
    st.cache_resource.clear()
    monkeypatch.setenv("KCA_DATA_DIR", str(folder))
    monkeypatch.setenv("KCA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KCA_OFFLINE", "1")
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "레코드 파일" in message and en in message and ko in message
    assert not at.dataframe and not at.metric  # no map or table with fewer sites
    st.cache_resource.clear()
