"""Issue #14 items 5-7 without a browser: narrowed filter options and their counts, name
fallbacks (never "<NA>"), the legend's button, and the map's own scripts (inlined, no CDN)."""

from __future__ import annotations

import re

import folium
import pandas as pd
import pytest

from layers.filters import narrowed_options, option_counts, option_label
from layers.legend import legend_html
from layers.mapux import SCRIPTS, map_words, scripts
from layers.names import display_name, name_column
from layers.symbology import LegendEntry, LegendSection
from layers.view import View
from layers.webmap import build_map, legend_group
from tests import tiny


def test_industry_options_follow_the_chosen_program_with_counts() -> None:
    sites = tiny.sites()  # sobujang: a, b (semiconductor); root_industry: c (mold)
    assert option_counts(sites, View(), "industries") == {"semiconductor": 2, "mold": 1}
    assert option_counts(sites, View(programs=("root_industry",)), "industries") == {"mold": 1}
    # the list's own choice does not narrow itself
    assert option_counts(sites, View(industries=("mold",)), "industries") == {
        "semiconductor": 2,
        "mold": 1,
    }


def test_program_options_follow_years_province_and_industry() -> None:
    sites = tiny.sites()
    assert option_counts(sites, View(year_from=2020), "programs") == {"sobujang": 2}
    assert option_counts(sites, View(industries=("mold",)), "programs") == {"root_industry": 1}
    assert option_counts(sites, View(sido="11"), "programs") == {}


def test_counts_are_complexes_each_counted_once() -> None:
    sites = tiny.sites().assign(complex_id=["p", "p", "q"])  # a and b: one place
    assert option_counts(sites, View(), "industries") == {"semiconductor": 1, "mold": 1}


def test_unknown_list_filter_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="programs, industries"):
        option_counts(tiny.sites(), View(), "sido")


def test_narrowed_options_keep_the_users_choice_and_the_data_order() -> None:
    labels = {"semiconductor": "반도체", "mold": "금형", "bio": "바이오"}
    assert narrowed_options(labels, {"mold": 1, "bio": 0}, []) == ["mold"]
    assert narrowed_options(labels, {"mold": 1}, ["bio"]) == ["mold", "bio"]
    assert narrowed_options(labels, {}, []) == []


def test_option_labels_carry_the_count_in_the_page_language() -> None:
    assert option_label(
        {"semiconductor": "반도체"}, {"semiconductor": 12}, "semiconductor", "ko"
    ) == ("반도체 (12)")
    assert option_label({"mold": "Mold"}, {}, "mold", "en") == "Mold (0)"


@pytest.mark.parametrize("missing", [pd.NA, None, float("nan"), "", "  "])
def test_a_missing_english_name_falls_back_to_the_korean_one(missing: object) -> None:
    row = pd.Series({"name_ko": "영문명 없는 단지", "name_en": missing})
    assert display_name(row, "en") == "영문명 없는 단지"
    assert display_name(row, "ko") == "영문명 없는 단지"
    frame = pd.DataFrame({"name_ko": ["가", "나"], "name_en": pd.array(["Ga", None], "string")})
    shown = name_column(frame, "en").tolist()
    assert shown == ["Ga", "나"]
    assert not {"<NA>", "nan", "None"} & set(shown)


def test_no_name_at_all_is_empty_not_a_marker() -> None:
    assert display_name({"name_ko": pd.NA, "name_en": None}, "en") == ""
    with pytest.raises(ValueError, match="ko, en"):
        display_name({"name_ko": "가"}, "fr")


def test_legend_has_a_collapse_button_in_the_page_language() -> None:
    section = LegendSection("<b>제목</b>", [LegendEntry("#123456", "반도체 <i>", "circle")])
    for lang, word in (("ko", "범례"), ("en", "Legend")):
        text = legend_html([section], lang)
        assert re.search(rf'<button type="button" class="kca-legend-toggle"[^>]*>{word}<', text)
        assert 'aria-expanded="true"' in text
        assert "&lt;b&gt;제목" in text and "<i>" not in text  # labels stay escaped
    fmap = folium.Map(tiles=None)
    legend_group([section], "src", "en").add_to(fmap)
    rendered = fmap.get_root().render()
    assert "kcaLegendToggle" in rendered and '"enter":"Enter: open"' in rendered


def test_keyboard_words_exist_in_both_languages() -> None:
    ko, en = map_words("ko"), map_words("en")
    assert ko.keys() == en.keys() == {"map", "keys", "enter", "none"}
    assert all(ko.values()) and all(en.values()) and ko != en


def test_the_map_carries_its_scripts_inline_and_asks_no_other_host() -> None:
    for path in SCRIPTS:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), path  # no CDN, no request at all
    html = build_map(tiny.atlas(), View()).get_root().render()
    assert scripts() in html
    assert "window.kcaMapKeys(map_" in html
    assert 'position: "topright"' in html  # the legend over the East Sea, not Busan
    assert "#map_div{height:100vh!important}" in html
