"""The page's program-kind filter (#12) through streamlit.testing, on the real records."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.records import load_records

#: AppTest runs of the page on the real boundaries.
pytestmark = pytest.mark.integration

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def designations_of_kind(*kinds: str) -> int:
    recs = load_records()
    kind_of = dict(zip(recs.programs["id"], recs.programs["kind"], strict=True))
    return int(recs.clusters["program"].map(kind_of).isin(kinds).sum())


def test_the_default_view_shows_statutory_designations_only(app_env: None) -> None:
    at = run()
    assert not at.exception
    assert at.pills(key="view_kinds_ko").value == ["statutory"]
    table = at.dataframe[0].value
    assert len(table) == designations_of_kind("statutory") > 100
    assert set(table["program_kind"]) == {"법정 지정"}
    assert at.metric[1].value == str(len(table))
    assert "kind" not in at.query_params  # the default stays out of the link
    programs = " | ".join(at.pills(key="view_programs_ko").options)  # "name (count)"
    assert "국가산업단지 후보지" not in programs  # statutory ones only
    assert "소재·부품·장비 특화단지 (" in programs


def test_candidate_sites_are_one_choice_away_and_labelled(app_env: None) -> None:
    at = run({"lang": "en"})
    at.pills(key="view_kinds_en").select("candidate").run()
    assert not at.exception
    table = at.dataframe[0].value
    expected = designations_of_kind("statutory", "candidate")
    assert len(table) == expected
    assert set(table["program_kind"]) == {"statutory designation", "candidate site"}
    assert at.query_params["kind"] == "statutory,candidate"
    candidates = table[table["program_kind"] == "candidate site"]
    assert len(candidates) == designations_of_kind("candidate") == 15
    assert "National industrial complex candidate sites" in " ".join(
        at.pills(key="view_programs_en").options
    )


def test_an_old_link_naming_a_city_plan_program_still_shows_it(app_env: None) -> None:
    at = run({"program": "busan_belt"})
    assert not at.exception
    table = at.dataframe[0].value
    belts = int((load_records().clusters["program"] == "busan_belt").sum())
    assert len(table) == belts > 0  # the program asked for, not every city plan
    assert set(table["program_kind"]) == {"시 계획"}
    kinds = at.pills(key="view_kinds_ko").value
    assert isinstance(kinds, list) and "city_plan" in kinds  # its kind ticked
    assert at.pills(key="view_programs_ko").value == ["busan_belt"]
