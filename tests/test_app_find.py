"""The complex's card and ``site=`` through streamlit.testing (issue #14 items 1-2)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import run

#: AppTest runs of the page on the real boundaries.
pytestmark = pytest.mark.integration

YONGIN = "yongin-pyeongtaek-semiconductor"


def page_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_site_in_the_link_fills_the_card(app_env: None) -> None:
    at = run({"site": YONGIN})
    assert not at.exception
    assert not at.warning
    assert at.subheader[0].value.startswith("용인·평택 반도체 클러스터")
    text = page_text(at)
    assert "**민간 투자 계획**: 562조 원 · 2042년까지" in text  # figure with its horizon
    assert "**투자 비고**: 민간투자 계획\\, 2042년까지" in text  # and its note
    assert "**근거 법령**: 국가첨단전략산업 경쟁력 강화" in text  # the program's legal basis
    assert "**지정일**: 2023\\-07\\-20" in text  # the full date, not the year
    assert "**앵커 기업**: 삼성전자\\; SK하이닉스" in text
    assert "**면적**: 16\\,330\\,000 ㎡" in text
    # every source of both designations, each with its address as a link
    assert text.count("**출처**") == 2 and text.count("**둘째 출처**") == 2
    assert "(https://ddaily.co.kr/page/view/2023072014544627560)" in text
    assert "(https://v.daum.net/v/20230720204030452)" in text
    assert any("지정 2건" in c.value for c in at.caption)
    assert at.query_params["site"] == YONGIN


def test_card_in_english(app_env: None) -> None:
    at = run({"site": YONGIN, "lang": "en"})
    assert not at.exception
    text = page_text(at)
    assert "**Planned private investment**: KRW 562 tn · to 2042" in text
    assert "**Legal basis**:" in text and "**Designated by**:" in text


def test_unknown_site_warns_in_both_languages_until_a_complex_is_chosen(app_env: None) -> None:
    at = run({"site": "no-such-complex"})
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "site=no-such-complex" in warning
    assert "찾을 수 없습니다" in warning and "No complex has the id" in warning
    assert "site" not in at.query_params
    at.run()  # the map's first report reruns the page: the warning stays
    assert any("no-such-complex" in w.value for w in at.warning)
    at.selectbox(key="find_search_ko").select(YONGIN).run()
    assert not any("no-such-complex" in w.value for w in at.warning)
    assert at.subheader[0].value.startswith("용인·평택 반도체 클러스터")


def test_search_box_offers_every_shown_complex_and_selects_one(app_env: None) -> None:
    at = run({"program": "strategic"})
    box = at.selectbox(key="find_search_ko")
    shown = len({o.split(" — ")[0] for o in box.options})
    assert 0 < shown == len(box.options) < 100  # one entry per shown complex
    assert all("국가첨단전략산업 특화단지" in o for o in box.options)
    box.select(YONGIN).run()
    assert not at.exception
    assert at.query_params["site"] == YONGIN
    assert at.subheader[0].value.startswith("용인·평택 반도체 클러스터")
