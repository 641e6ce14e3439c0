"""The tabs below the map through streamlit.testing: compare regions, by year, play."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from layers.i18n import t
from tests.test_app import APP, run

#: AppTest runs of the page on the real boundaries.
pytestmark = pytest.mark.integration


def ranking_table(at: AppTest, lang: str = "ko"):  # type: ignore[no-untyped-def]
    for frame in at.dataframe:
        if t("cmp_rank", lang) in frame.value.columns:
            return frame.value
    raise AssertionError("no ranking table")


def open_tab(at: AppTest, label: str, lang: str) -> AppTest:
    """Switch the tabs below the map to ``label`` (only the open tab is computed)."""
    at.session_state[f"below_map_{lang}"] = label
    return at.run()


def test_tabs_in_both_languages_and_the_ranking_follows_the_layer(app_env: None) -> None:
    at = run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["표", "지역 비교", "연도별", "출처"]
    assert not [f for f in at.dataframe if t("cmp_rank", "ko") in f.value.columns]  # lazy
    table = ranking_table(open_tab(at, "지역 비교", "ko"))
    ranks = table[t("cmp_rank", "ko")].dropna().astype(int).tolist()
    assert ranks == sorted(ranks) and ranks[0] == 1
    sites = table[t("cmp_sites", "ko")].tolist()
    assert sites[0] == max(sites)  # the count layer: most complexes first
    chosen = at.multiselect(key="cmp_chosen_sido_ko").value
    assert len(chosen) == 2  # the top two, side by side
    names = list(table[t("cmp_region", "ko")].iloc[:2])
    assert list(at.table[0].value.columns) == names
    at = open_tab(
        at.radio(key="view_lang").set_value("en").run(), "Compare regions", "en"
    )  # the tabs follow the language
    assert [tab.label for tab in at.tabs] == ["Table", "Compare regions", "By year", "Sources"]
    at.selectbox(key="view_layer_en").set_value("investment_private_planned_krw").run()
    at.radio(key="view_level_en").set_value("sgg").run()
    table = ranking_table(at, "en")
    values = table[t("cmp_value", "en")].tolist()
    assert values[0].startswith("KRW") and values[-1] == "No designated site"
    assert "Sites here, figure not reported" in values


def test_a_region_picked_in_the_ranking_fills_the_card(app_env: None) -> None:
    at = run({"lang": "en"})
    at.session_state["cmp_region"] = ("21", "sido")  # Busan, as a row click sets it
    at.session_state["cmp_picked"] = True
    open_tab(at, "Compare regions", "en")
    assert not at.exception
    assert any(h.value == "Busan" for h in at.subheader)
    assert any(c.value == "Selected region: Busan" for c in at.caption)


def test_play_steps_the_year_range_and_a_sidebar_change_stops_it(app_env: None) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    open_tab(at.run(), "By year", "en")
    at.button(key="tl_play").click().run()
    assert at.query_params["to"] == "2013"
    assert at.slider(key="years_slider").value[1] == 2013
    time.sleep(1.1)  # the fragment's timer would rerun the page now
    at.run()
    assert at.query_params["to"] == "2014"
    assert any(c.value == "Showing designations to 2014" for c in at.caption)
    at.radio(key="view_level_en").set_value("sgg").run()
    assert at.button(key="tl_play").label == t("year_play", "en")
    time.sleep(1.1)
    at.run()
    assert at.query_params["to"] == "2014"  # stopped where it was


def test_play_goes_on_when_the_map_reports_a_new_size(app_env: None) -> None:
    """The map reports its size and camera by itself (when the page's layout settles, the
    window is resized, the table below appears): the play must not take that for the
    user's action (it stopped in the browser tests on a busy machine)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    open_tab(at.run(), "By year", "en")
    at.button(key="tl_play").click().run()
    assert at.query_params["to"] == "2013"
    at.session_state["view_screen"] = (772, 841)  # as ui.snapshot.screen_view keeps it
    at.session_state["view_lat"], at.session_state["view_lon"] = 35.9, 127.75
    at.session_state["view_zoom"] = 7.25
    time.sleep(1.1)
    at.run()
    assert at.query_params["to"] == "2014"
    assert at.button(key="tl_play").label == t("year_stop", "en")


def test_sources_tab_lists_every_source_of_the_shown_designations(app_env: None) -> None:
    """Issue #12: the app shows every source of a designation, not only the first."""
    from geo.records import load_records

    records = load_records().clusters
    shown = records[records["program"] == "sobujang"]
    second = shown["source2_title"].dropna()
    assert not second.empty  # the 소부장 rows cite a second page
    at = open_tab(run({"program": "sobujang"}), "출처", "ko")
    assert not at.exception
    listed = next(f.value for f in at.dataframe if "source_kind" in f.value.columns)
    titles = set(listed["source_title"])
    assert set(second) <= titles
    assert set(shown["source_title"].dropna()) <= titles
    assert set(listed["source_kind"].dropna()) <= {"official", "press", "reprint"}
