"""Merges that cannot collide, crash half-way or fail with a traceback (issue #17).

Writers are real processes (forked, so they start in milliseconds): two merges released
by one barrier, and merges killed with SIGKILL at delays spread over a merge's duration.
"""

from __future__ import annotations

import csv
import errno
import io
import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from filelock import FileLock

from cli import main
from geo.records import load_records
from ingest import merge as merge_module
from ingest.merge import BACKUP_DIR, LOCK_NAME, merge_report, renumber
from ingest.validate import Report, load_reference, validate_upload

HEADER = "단지명,사업,지정연도,시도,시군구,업종,출처,발행기관,출처일자\n"
FORK = multiprocessing.get_context("fork")


def report_for(data_dir: Path, name: str) -> Report:
    """A clean one-record report whose record is recognised by its Korean name."""
    text = HEADER + f"{name},소부장,2024,부산,기장군,반도체,보도자료,부산시,2024-06-13\n"
    return validate_upload(
        text.encode("utf-8"), "up.csv", reference=load_reference(data_dir), year=2026
    )


def names_in(data_dir: Path) -> list[str]:
    text = (data_dir / "designations.csv").read_text(encoding="utf-8")
    return [row["name_ko"] for row in csv.DictReader(io.StringIO(text, newline=""))]


def _merge_child(
    report: Report, data_dir: Path, timeout: float, barrier: object, out: object
) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    result = merge_report(report, data_dir, timeout=timeout)
    out.put((report.good["name_ko"].iat[0], result.exit_code, result.added, result.lines))  # type: ignore[attr-defined]


def test_two_merges_started_together_never_lose_or_duplicate_a_record(data_dir: Path) -> None:
    start = time.perf_counter()
    for run in range(20):
        # half the runs wait for the other writer, half give up at once (busy)
        timeout = 30.0 if run % 2 == 0 else 0.0
        reports = [report_for(data_dir, f"동시 단지 {run}-{j}") for j in range(2)]
        barrier, out = FORK.Barrier(2), FORK.Queue()
        procs = [
            FORK.Process(target=_merge_child, args=(r, data_dir, timeout, barrier, out))
            for r in reports
        ]
        for p in procs:
            p.start()
        results = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(10)
            assert p.exitcode == 0
        records = load_records(data_dir)
        assert records.problems == []
        ids = records.clusters["id"]
        assert ids.is_unique
        names = names_in(data_dir)
        for name, code, added, lines in results:
            assert code in (0, 1), lines
            assert names.count(name) == (1 if code == 0 else 0), (run, lines)
            if code == 0:
                row = records.clusters[records.clusters["name_ko"] == name].iloc[0]
                assert added == [row["id"]]
            else:
                assert "busy" in lines[0] and "다른 병합이 진행 중" in lines[0]
        if timeout:
            assert [r[1] for r in results] == [0, 0]  # a waiting writer always gets in
    assert time.perf_counter() - start < 60


def _merge_and_exit(report: Report, data_dir: Path) -> None:
    merge_report(report, data_dir)


def _versions_check(data_dir: Path, before: bytes, name: str) -> bytes:
    """The file after a killed merge: the old bytes, or old rows plus exactly the new one."""
    after = (data_dir / "designations.csv").read_bytes()
    if after == before:
        return after
    assert load_records(data_dir).problems == []
    old = list(csv.reader(io.StringIO(before.decode("utf-8"), newline="")))
    new = list(csv.reader(io.StringIO(after.decode("utf-8"), newline="")))
    added = [row for row in new if row not in old]
    name_at = new[0].index("name_ko")
    assert len(new) == len(old) + 1 and len(added) == 1 and added[0][name_at] == name
    return after


def test_a_merge_killed_at_any_instant_leaves_the_old_or_the_new_file(data_dir: Path) -> None:
    probe = data_dir.parent / "probe"
    shutil.copytree(data_dir, probe)
    began = time.perf_counter()
    assert merge_report(report_for(probe, "시간 재기"), probe).exit_code == 0
    duration = time.perf_counter() - began
    versions = [(data_dir / "designations.csv").read_bytes()]
    outcomes = set()
    for k in range(14):
        name = f"중단 단지 {k}"
        report = report_for(data_dir, name)
        child = FORK.Process(target=_merge_and_exit, args=(report, data_dir))
        child.start()
        time.sleep(duration * 1.3 * k / 13)
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(10)
        after = _versions_check(data_dir, versions[-1], name)
        outcomes.add(after == versions[-1])
        if after != versions[-1]:
            versions.append(after)
    for backup in (data_dir / BACKUP_DIR).glob("designations-*.csv"):
        assert backup.read_bytes() in versions  # never a truncated backup
    assert outcomes == {True, False}  # the kills fell before and after the commit
    # the next merge clears what the killed ones left and works
    assert merge_report(report_for(data_dir, "다음 단지"), data_dir).exit_code == 0
    leftovers = [p.name for p in (data_dir / BACKUP_DIR).iterdir() if p.name.startswith(".")]
    assert leftovers == [LOCK_NAME]
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".")] == []


def test_a_second_writer_says_the_data_is_busy_and_changes_nothing(data_dir: Path) -> None:
    before = (data_dir / "designations.csv").read_bytes()
    (data_dir / BACKUP_DIR).mkdir()
    with FileLock(data_dir / BACKUP_DIR / LOCK_NAME):
        result = merge_report(report_for(data_dir, "기다린 단지"), data_dir, timeout=0.2)
    assert result.exit_code == 1 and result.added == []
    assert "data is busy" in result.lines[0] and "다른 병합이 진행 중" in result.lines[0]
    assert (data_dir / "designations.csv").read_bytes() == before
    assert list((data_dir / BACKUP_DIR).glob("designations-*.csv")) == []


def test_a_failed_disk_write_says_so_without_a_traceback_and_loses_nothing(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = (data_dir / "designations.csv").read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("geo.atomic.os.fsync", full_disk)
    upload = tmp_path / "up.csv"
    row = "꽉 찬 디스크,소부장,2024,부산,기장군,반도체,보도,부산시,2024-06-13\n"
    upload.write_text(HEADER + row, encoding="utf-8")
    code = main(["merge", str(upload), "--no-boundaries", "--data-dir", str(data_dir)])
    out = capsys.readouterr()
    assert code == 1
    assert "No space left on device" in out.out and "nothing merged" in out.out
    assert "쓸 수 없어" in out.out and "Traceback" not in out.out + out.err
    assert (data_dir / "designations.csv").read_bytes() == before
    left = sorted(p.name for p in (data_dir / BACKUP_DIR).iterdir())
    assert left == [LOCK_NAME]  # no backup, no temporary file, no staging folder


def test_ids_are_picked_after_those_in_the_file_at_write_time(data_dir: Path) -> None:
    first, second = (report_for(data_dir, f"같은 기준 {i}") for i in range(2))
    assert list(first.good["id"]) == list(second.good["id"]) == ["user-2026-1"]
    assert merge_report(first, data_dir).added == ["user-2026-1"]
    assert merge_report(second, data_dir).added == ["user-2026-2"]
    assert renumber([["user-2025-3", "x"]], {"user-2026-9"}, merge_module.dt.date(2026, 1, 1)) == [
        ["user-2025-1", "x"]
    ]
