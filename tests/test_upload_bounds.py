"""Uploads stay bounded: one report per session, for the current file only, parsed once
(issue #17). The page holds only the uploader; boundaries are not needed (no placing)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

HEADER = "단지명,사업,지정연도,시도,시군구,출처,발행기관,출처일자\n"


def _uploader_page() -> None:
    import streamlit as st

    from ui.upload import upload_sidebar

    report = upload_sidebar("en")
    st.text("none" if report is None else f"{report.file}:{len(report.records)}")


def csv_of(name: str, rows: int) -> bytes:
    row = f"{name},소부장,2024,부산,기장군,보도자료,부산시,2024-06-13\n"
    return (HEADER + row * rows).encode("utf-8")


def test_one_report_per_session_for_the_current_file_parsed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.upload as up

    parsed: list[str] = []
    real = up.validate_upload

    def counting(data: bytes, name: str, **kwargs: object) -> up.Report:
        parsed.append(name)
        return real(data, name, encoding=kwargs.get("encoding"))  # type: ignore[arg-type]

    monkeypatch.setattr(up, "municipalities", lambda: None)
    monkeypatch.setattr(up, "validate_upload", counting)
    at = AppTest.from_function(_uploader_page)
    at.session_state[up.OPEN_KEY] = True  # the expander opened
    at.run(timeout=60)
    for i in range(10):
        upload = (f"f{i}.csv", csv_of(f"단지 {i}", 3), "text/csv")
        at.file_uploader(key=up.UPLOAD_KEY).set_value(upload)
        at.run(timeout=60)
        assert at.text[-1].value == f"f{i}.csv:3"
        at.run(timeout=60)  # a rerun does not parse again
        memos = [k for k in at.session_state if "report" in str(k)]
        assert memos == [up.REPORT_KEY]  # one report kept: the current file's
        assert at.session_state[up.REPORT_KEY][1].file == f"f{i}.csv"
    assert parsed == [f"f{i}.csv" for i in range(10)]
    at.file_uploader(key=up.UPLOAD_KEY).set_value(None)
    at.run(timeout=60)
    assert at.text[-1].value == "none"
    assert up.REPORT_KEY not in at.session_state  # removing the file drops its report


def test_the_uploader_is_drawn_once_opened_and_kept_while_it_holds_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.upload as up

    monkeypatch.setattr(up, "municipalities", lambda: None)
    at = AppTest.from_function(_uploader_page).run(timeout=60)
    assert len(at.get("file_uploader")) == 0  # a first visit: closed, no uploader to build
    assert at.text[-1].value == "none"
    at.session_state[up.OPEN_KEY] = True
    at.run(timeout=60)
    at.file_uploader(key=up.UPLOAD_KEY).set_value(("f.csv", csv_of("단지", 2), "text/csv"))
    at.run(timeout=60)
    assert at.text[-1].value == "f.csv:2"
    at.session_state[up.OPEN_KEY] = False  # closed again: the file and its records stay
    at.run(timeout=60)
    assert len(at.get("file_uploader")) == 1
    assert at.text[-1].value == "f.csv:2"
    at.file_uploader(key=up.UPLOAD_KEY).set_value(None)
    at.run(timeout=60)
    assert at.text[-1].value == "none"


def test_no_cross_session_cache_keeps_uploads() -> None:
    import ui.upload as up

    assert not hasattr(up.check_upload, "clear")  # not an st.cache_data function
