"""The dashboard page through streamlit.testing (it cannot see inside the map component)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.settings import Settings

#: AppTest runs of the page on the real boundaries.
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def table_rows(at: AppTest) -> int:
    return len(at.dataframe[0].value)


def test_page_loads_with_all_records(app_env: None) -> None:
    at = run()
    assert not at.exception
    assert any("대한민국 산업 클러스터 지도" in m.value for m in at.markdown)  # one-line header
    total = table_rows(at)  # one row per designation
    assert total > 100
    assert at.metric[1].value == str(total)  # designations
    assert 0 < int(at.metric[0].value) < total  # complexes: places, each counted once
    words = f"단지 {at.metric[0].value}곳 · 지정 {total}건"
    assert any(words in c.value for c in at.caption)


def test_url_sets_filters_and_table_follows(app_env: None) -> None:
    everything = table_rows(run())
    at = run({"program": "sobujang", "lang": "en"})
    assert not at.exception
    assert at.pills(key="view_programs_en").value == ["sobujang"]
    assert at.radio(key="view_lang").value == "en"
    rows = table_rows(at)
    assert 0 < rows < everything
    table = at.dataframe[0].value
    name = "Materials, parts and equipment (sobujang) specialised complex"
    assert set(table["program"]) == {name}
    assert set(table["id"].str.split("-").str[0]) == {"sobujang"}
    assert "None" not in table.astype(str).to_numpy()


def test_changing_a_filter_updates_table_and_url(app_env: None) -> None:
    at = run()
    at.pills(key="view_programs_ko").select("strategic").run()
    assert set(at.dataframe[0].value["program"]) == {"국가첨단전략산업 특화단지"}
    assert at.query_params["program"] == "strategic"
    at.radio(key="view_level_ko").set_value("sgg").run()
    assert at.query_params["level"] == "sgg"
    assert not at.exception


def test_switching_language_keeps_the_view_and_the_next_click_works(app_env: None) -> None:
    at = run({"program": "sobujang", "sido": "41", "level": "sgg", "scheme": "natural_breaks"})
    rows = table_rows(at)
    at.radio(key="view_lang").set_value("en").run()
    assert not at.exception
    assert at.pills(key="view_programs_en").value == ["sobujang"]
    assert at.selectbox(key="view_sido_en").value == "41"
    assert at.radio(key="view_level_en").value == "sgg"
    assert at.selectbox(key="view_scheme_en").value == "natural_breaks"
    assert "Province" in at.radio(key="view_level_en").options
    at.checkbox(key="view_belts").uncheck().run()  # the click that used to crash
    assert not at.exception
    assert table_rows(at) == rows
    assert at.query_params["program"] == "sobujang" and at.query_params["sido"] == "41"
    at.radio(key="view_lang").set_value("ko").run()
    at.pills(key="view_programs_ko").select("strategic").run()
    assert not at.exception
    assert at.query_params["program"] == "sobujang,strategic"
    assert at.query_params["level"] == "sgg"


def test_bad_url_values_warn_and_keep_defaults(app_env: None) -> None:
    at = run({"level": "county", "program": "nope"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "level='county'" in warnings and "sido, sgg" in warnings
    assert "program='nope'" in warnings
    assert at.radio(key="view_level_ko").value == "sido"
    at.run()  # the map's first report reruns the page at once: the warnings stay
    assert "level='county'" in " ".join(w.value for w in at.warning)


def test_missing_boundaries_show_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st.cache_resource.clear()
    monkeypatch.setenv("KCA_BOUNDARIES_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("KCA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KCA_OFFLINE", "1")
    (tmp_path / "empty").mkdir()
    at = run()
    assert not at.exception
    assert "skorea-municipalities-2018-topo.json" in at.error[0].value
    assert "KCA_BOUNDARIES_DIR" in at.error[0].value
    st.cache_resource.clear()


def cli_commands(at: AppTest) -> list[str]:
    """The snapshot panel's command lines (Markdown code spans) on the page."""
    spans = [m.value.strip("` ") for m in at.markdown]
    return [c for c in spans if c.startswith("python cli.py export")]


def test_snapshot_command_reproduces_the_view_from_the_command_line(
    app_env: None, prepared: Settings, tmp_path: Path
) -> None:
    at = run({"program": "sobujang", "lang": "en"})
    at.session_state["snapshot_open"] = True  # the panel is drawn while open
    at.run()
    at.selectbox(key="snapshot_format").set_value("csv").run()
    assert not at.exception
    command = cli_commands(at)[0]
    assert "--program sobujang" in command and "--lang en" in command
    args = shlex.split(command)[1:]
    out = tmp_path / "atlas.csv"
    args[args.index("--out") + 1] = str(out)
    env = {**os.environ, "KCA_CACHE_DIR": str(prepared.cache_dir), "KCA_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    exported = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(exported["id"]) == sorted(at.dataframe[0].value["id"])


def test_filters_matching_nothing_say_so(app_env: None) -> None:
    at = run({"program": "sobujang", "from": "2025"})
    assert not at.exception
    assert at.metric[0].value == "0"
    assert "선택한 조건에 맞는 단지가 없습니다" in at.info[0].value


def test_snapshot_panel_is_drawn_only_while_open_and_keeps_its_choices(
    app_env: None, prepared: Settings
) -> None:
    """Closed (as on every page load) the panel costs one element; opened, its pickers
    come back with the choices made before it was closed (issue #17)."""
    at = run({"lang": "en"})
    assert not at.exception
    assert "snapshot_format" not in [box.key for box in at.selectbox]
    assert cli_commands(at) == []
    at.session_state["snapshot_open"] = True
    at.run()
    at.text_input(key="snapshot_title").input("Briefing").run()
    for choose in (None, "csv"):
        if choose:
            at.selectbox(key="snapshot_format").set_value(choose).run()
        at.session_state["snapshot_open"] = False
        at.run()
        assert "snapshot_format" not in [box.key for box in at.selectbox]
        at.session_state["snapshot_open"] = True
        at.run()
        assert not at.exception
        command = cli_commands(at)[0]
        if choose is None:
            assert at.text_input(key="snapshot_title").value == "Briefing"
            assert "--title Briefing" in command
        else:
            assert at.selectbox(key="snapshot_format").value == "csv"
            assert "--format csv" in command
