"""Server memory after ten 45 MB uploads in one session (issue #17).

Drives the real uploader with ``streamlit.testing`` (in this process, so the process's
resident memory is the server's) and prints JSON: resident MB before, after each upload
and after removing the file. Placing on boundaries is skipped (``municipalities`` is
patched to None): it adds a small frame per report, not the file's size.

    .venv/bin/python scripts/measure_upload_memory.py [--old REV]

``--old REV`` measures ``ui/upload.py`` as it was at git revision REV instead.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = "단지명,사업,지정연도,시도,시군구,출처,발행기관,출처일자,비고\n"
ROWS = 4500


def rss_mb() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def big_csv(i: int, size: int = 45_000_000) -> bytes:
    note = "가" * ((size // ROWS - 120) // 3)
    row = f"단지 {i},소부장,2024,부산,기장군,보도자료,부산시,2024-06-13,{note}\n"
    return (HEADER + row * ROWS).encode("utf-8")


def page() -> None:
    import streamlit as st

    from ui.upload import upload_sidebar

    report = upload_sidebar("en")
    st.text("none" if report is None else f"{report.file}:{len(report.records)}")


def load_old(rev: str) -> None:
    source = subprocess.run(  # noqa: S603 - a developer's own revision name
        ["git", "show", f"{rev}:ui/upload.py"],  # noqa: S607 - git from PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("ui.upload")
    module.__file__ = str(ROOT / "ui" / "upload.py")
    sys.modules["ui.upload"] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 - the repo's file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", default=None)
    args = parser.parse_args()
    if args.old:
        load_old(args.old)
    from streamlit.testing.v1 import AppTest

    import ui.upload as up

    up.municipalities = lambda: None  # type: ignore[assignment]
    at = AppTest.from_function(page).run(timeout=600)
    out: dict[str, object] = {"version": args.old or "robust", "before_mb": round(rss_mb())}
    after = []
    for i in range(10):
        data = big_csv(i)
        at.file_uploader(key="user_upload").set_value((f"big{i}.csv", data, "text/csv"))
        del data
        at.run(timeout=600)
        assert at.text[-1].value == f"big{i}.csv:{ROWS}", at.text[-1].value
        after.append(round(rss_mb()))
    out["file_mb"] = round(len(big_csv(0)) / 1e6, 1)
    out["after_each_upload_mb"] = after
    at.file_uploader(key="user_upload").set_value(None)
    at.run(timeout=600)
    out["after_removing_mb"] = round(rss_mb())
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
