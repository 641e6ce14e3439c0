"""Regions ranked and compared, and designations by year, on the tiny hand-made atlas."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.aggregate import designations_by_year, figures_by_year, next_play_year
from layers.atlas import region_figures
from layers.compare import chart_scale, compare_regions, region_ranking, top_regions
from layers.i18n import t
from layers.symbology import region_style
from layers.view import View, filter_sites
from tests import tiny

INVEST = "investment_private_planned_krw"


def ranked(view: View) -> pd.DataFrame:
    data = tiny.atlas()
    return region_ranking(data, view, filter_sites(data.sites, view))


def test_ranking_follows_the_map_values_and_colours() -> None:
    data = tiny.atlas()
    view = View(level="sgg")
    shown = filter_sites(data.sites, view)
    table = region_ranking(data, view, shown)
    assert list(table["name"]) == ["서구 · 가상도", "동구 · 가상도"]
    assert list(table["rank"]) == [1, 2]
    style = region_style(data, view, shown)
    values = region_figures(data, view, shown).values
    for code, value, color in zip(table["code"], table["value"], table["color"], strict=True):
        assert value == values[str(code)]
        assert color == style.colors[str(code)]
    assert list(table["label"]) == ["2 곳", "1 곳"]
    assert top_regions(table, 2) == ["99010", "99020"]


def test_regions_without_a_value_come_last_with_the_legend_words() -> None:
    table = ranked(View(level="sgg", layer=INVEST, lang="en"))
    assert list(table["code"]) == ["99010", "99020"]
    assert table["value"].iloc[0] == 1_500_000_000_000
    assert table["label"].iloc[0] == "KRW 1.5 tn"
    assert table["status"].iloc[1] == "not_reported"
    assert pd.isna(table["rank"].iloc[1])
    assert table["label"].iloc[1] == t("cmp_not_reported", "en")
    assert top_regions(table, 2) == ["99010"]  # only one region has a value


def test_not_reported_before_no_site_as_in_the_legend() -> None:
    table = ranked(View(level="sgg", layer=INVEST, programs=("root_industry",)))
    assert list(table["status"]) == ["not_reported", "no_site"]
    assert list(table["label"]) == [t("cmp_not_reported", "ko"), t("no_site", "ko")]
    assert table["rank"].isna().all()


def test_main_industry_ranked_by_sites_and_named() -> None:
    table = ranked(View(level="sgg", layer="main_industry", lang="en"))
    assert list(table["label"]) == ["Semiconductors", "Mold"]
    assert list(table["sites"]) == [2, 1]


def test_ties_share_a_rank_and_the_province_filter_keeps_its_regions() -> None:
    table = ranked(View(level="sgg", programs=("sobujang",), year_from=2023))
    assert list(table["sites"]) == [1, 0] and list(table["rank"]) == [1, 2]  # 0 is a value
    both = ranked(View(level="sgg", year_to=2021))  # a (서구, 2021) and c (동구, 2015)
    assert list(both["rank"]) == [1, 1]
    assert len(ranked(View(level="sgg", sido="98"))) == 2
    assert ranked(View(level="sgg", sido="11")).empty


def test_comparison_puts_regions_side_by_side_and_never_invents() -> None:
    data = tiny.atlas()
    stats = pd.DataFrame(
        {
            "code_moi": ["98110", "98120"],
            "indicator": ["population", "population"],
            "value": [120_000.0, float("nan")],
            "shared": [1, 1],
            "unit": ["99010", "99020"],
        }
    )
    data.computed[2020, "sgg"] = stats
    view = View(level="sgg", lang="en")
    table = compare_regions(data, view, filter_sites(data.sites, view), ["99020", "99010"])
    assert list(table.columns) == ["Dong-gu · Test-do", "Seo-gu · Test-do"]
    rows = {str(k): list(v) for k, v in table.iterrows()}
    assert rows[t("clusters", "en")] == [
        "1 complex · 1 designation",
        "2 complexes · 2 designations",
    ]
    assert rows["Program: MPE cluster"] == ["", "2 complexes · 2 designations"]
    invest = rows[t(INVEST, "en")]
    assert invest[0] == t("cmp_not_reported", "en")
    assert invest[1].startswith("KRW 1.5 tn")
    population = rows[f"{t('layer_census:population', 'en')} (2020)"]
    assert population == ["No data", "120,000 persons"]
    with pytest.raises(ValueError, match="12345"):
        compare_regions(data, view, data.sites, ["12345"])


def test_designations_by_year_count_each_designation_once() -> None:
    sites = tiny.place_sites()  # designation d is drawn in two municipalities
    table = designations_by_year(sites)
    assert table.values.tolist() == [
        [2015, "root_industry", 1],
        [2021, "sobujang", 1],
        [2023, "root_industry", 1],
        [2023, "sobujang", 1],
    ]


def test_figures_by_year_sum_each_designation_once_and_leave_gaps_empty() -> None:
    table = figures_by_year(tiny.place_sites(), (INVEST, "jobs")).set_index("year")
    assert table.loc[2023, INVEST] == 2_000_000_000_000  # d once, not twice
    assert table.loc[2023, f"{INVEST}_n"] == 1
    assert table.loc[2023, "designations"] == 2
    assert pd.isna(table[INVEST][2015])  # not reported: no bar, not zero
    assert table["jobs"].isna().all()


def test_play_steps_every_year_then_ends() -> None:
    years, current = [], None
    while (current := next_play_year(current, 2013, 2016)) is not None:
        years.append(current)
    assert years == [2013, 2014, 2015, 2016]
    assert next_play_year(2010, 2013, 2016) == 2013
    with pytest.raises(ValueError, match="2016"):
        next_play_year(None, 2016, 2013)


def test_chart_scale_per_language() -> None:
    assert chart_scale("krw", "ko") == (1e8, "억 원")
    assert chart_scale("count", "en") == (1.0, "")
