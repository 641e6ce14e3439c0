"""Map layers, legend, classification and URL view state on a tiny atlas."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.aggregate import aggregate_sites, indicator_values
from layers.assets import OfflineMap, inline_assets
from layers.atlas import region_layers, region_values
from layers.classify import CLASSIFIERS, classify
from layers.colors import DISTINCT, delta_e
from layers.sites import popup_html
from layers.style import NO_DATA_COLOR, NO_SITE_COLOR, NOT_REPORTED_COLOR
from layers.symbology import region_style
from layers.view import View, filter_sites, view_from_query, view_to_query
from layers.webmap import build_map, build_map_parts
from tests import tiny


def rendered(view: View) -> str:
    return build_map(tiny.atlas(), view).get_root().render()


def test_map_loads_only_local_scripts_and_styles() -> None:
    html = rendered(View(basemap="none"))
    srcs = re.findall(r'<script[^>]+src="([^"]+)"', html)
    hrefs = re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert srcs and hrefs
    assert all(u.startswith("/app/static/vendor/") for u in srcs + hrefs), srcs + hrefs
    assert "cdn" not in html.lower()
    assert "tile.openstreetmap.org" not in html  # no tiles unless asked
    assert "$(" not in html  # nothing may need jQuery: the map ships only Leaflet


def test_openstreetmap_only_when_chosen() -> None:
    assert "tile.openstreetmap.org" in rendered(View(basemap="osm"))


@pytest.mark.parametrize("scheme", list(CLASSIFIERS))
def test_classes_cover_values_and_no_data_stays_grey(scheme: str) -> None:
    values = pd.Series([1.0, 2.0, 3.0, 10.0, 50.0, np.nan], index=list("abcdef"))
    result = classify(values, scheme, k=3)
    # equal intervals of 1..50 leave the middle class (17-34) empty: it is not shown
    assert len(result.bounds) == (2 if scheme == "equal_interval" else 3)
    known = set(values.dropna())
    assert all(lo in known and hi in known for lo, hi in result.bounds)  # data values only
    assert result.bounds[0][0] == 1.0 and result.bounds[-1][1] == 50.0
    assert result.color_of["f"] == NO_DATA_COLOR
    assert NO_DATA_COLOR not in set(result.color_of[list("abcde")])
    assert result.color_of["a"] != result.color_of["e"]


def test_classify_with_fewer_values_than_classes() -> None:
    result = classify(pd.Series([5.0, 5.0]), "natural_breaks", k=5)
    assert len(result.bounds) == 1


def test_unknown_scheme_names_allowed() -> None:
    with pytest.raises(ValueError, match=r"'jenks'.*quantiles, natural_breaks, equal_interval"):
        classify(pd.Series([1.0]), "jenks")


def test_aggregate_never_sums_missing_as_zero() -> None:
    frames = tiny.regions()
    table = aggregate_sites(tiny.sites(), frames["sgg"], "sgg")
    assert table.loc["99010", "count"] == 2 and table.loc["99020", "count"] == 1
    assert table.loc["99010", "investment_private_planned_krw"] == 1_500_000_000_000
    assert table["investment_private_planned_krw"].isna()["99020"]  # not 0
    assert table["jobs"].isna()["99010"]
    assert table.loc["99010", "main_industry"] == "semiconductor"


def test_indicator_takes_latest_year_within_filter() -> None:
    data = tiny.atlas()
    values, years = indicator_values(data.indicators, "investment_attraction_krw", "sido", 2021)
    assert values["98"] == 2.2e12 and years["98"] == 2021
    view = View(layer="indicator:investment_attraction_krw", level="sido")
    assert region_values(data, view, data.sites)["99"] == 3e12


def test_no_site_and_not_reported_are_two_entries_two_looks_two_tooltips() -> None:
    view = View(layer="investment_private_planned_krw", level="sgg", lang="en")
    html = rendered(view)
    # Dong-gu has one site, which states no planned investment: not reported, not "no site"
    assert re.search(r'"99020":"Dong-gu · 동구<br>[^"]*: 1 site\(s\) here, none reports', html)
    assert "KRW 1.5 tn" in html  # Seo-gu's sum of two sites
    data = tiny.atlas()
    style = region_style(data, view, data.sites)
    assert style.colors["99020"] == NOT_REPORTED_COLOR
    labels = [e.label for e in style.legend.entries]
    assert (
        labels[-1] == "Sites here, figure not reported (1)" and "No designated site" not in labels
    )
    assert "2 of 3 designations report this figure" in style.legend.title
    only = replace(view, programs=("sobujang",))  # Dong-gu's site is a root-industry one
    style = region_style(data, only, filter_sites(data.sites, only))
    assert style.colors["99020"] == NO_SITE_COLOR
    assert [e.label for e in style.legend.entries][-1] == "No designated site"
    assert re.search(r'"99020":"Dong-gu · 동구<br>[^"]*: No designated site"', rendered(only))
    assert delta_e(NO_SITE_COLOR, NOT_REPORTED_COLOR) >= DISTINCT


def test_executed_investment_is_its_own_layer_and_no_data_without_figures() -> None:
    data = tiny.atlas()  # the tiny records carry no executed figures at all
    view = View(layer="investment_executed_krw", level="sgg", lang="en")
    assert region_values(data, view, data.sites).isna().all()
    style = region_style(data, view, data.sites)
    assert set(style.colors) == {NOT_REPORTED_COLOR}  # both regions have sites, no figure
    assert [e.label for e in style.legend.entries] == ["Sites here, figure not reported (2)"]
    assert "0 of 3 designations report" in style.legend.title
    assert "No region has a value" in style.legend.title and style.empty
    # a figure no record reports anywhere is not offered as a layer at all
    assert "investment_executed_krw" not in region_layers(data.indicators, data.sites)
    assert "jobs" not in region_layers(data.indicators, data.sites)
    assert "investment_private_planned_krw" in region_layers(data.indicators, data.sites)
    # the planned kind is not mixed in: Seo-gu has 1.5 tn planned, nothing executed
    planned = region_values(
        data, View(layer="investment_private_planned_krw", level="sgg"), data.sites
    )
    assert planned["99010"] == 1.5e12


def test_names_and_urls_from_records_are_escaped() -> None:
    site = tiny.sites().iloc[0]
    popup = popup_html(site, "ko", {}, {})
    assert "<script>" not in popup and "&lt;script&gt;" in popup
    bad_url = popup_html(tiny.sites().iloc[1], "en", {}, {})
    assert "javascript:" not in bad_url and "<a " not in bad_url


def test_filters() -> None:
    sites = tiny.sites()
    assert len(filter_sites(sites, View(programs=("sobujang",)))) == 2
    assert len(filter_sites(sites, View(industries=("mold",)))) == 1
    assert len(filter_sites(sites, View(year_from=2020, year_to=2022))) == 1
    assert len(filter_sites(sites, View(sido="11"))) == 0


def test_view_round_trips_through_the_query_string() -> None:
    view = View(programs=("sobujang", "strategic"), year_from=2021, level="sgg", lang="en")
    query = view_to_query(view)
    assert query == {"program": "sobujang,strategic", "from": "2021", "level": "sgg", "lang": "en"}
    assert view_from_query(query)[0] == view


def test_bad_query_values_keep_defaults_and_name_allowed_values() -> None:
    view, problems = view_from_query(
        {"level": "county", "from": "abc", "program": "nope"}, {"programs": ("sobujang",)}
    )
    assert view == View()
    assert len(problems) == 3
    assert any("level='county'" in p and "sido, sgg" in p for p in problems)
    assert any("program='nope'" in p and "sobujang" in p for p in problems)
    assert any("from='abc'" in p and "e.g. 2021" in p for p in problems)
    assert not any("invalid literal" in p for p in problems)
    assert all("무시됨" in p for p in problems)
    view, problems = view_from_query({"from": "2024", "to": "2021"})
    assert (view.year_from, view.year_to) == (None, None)
    assert any("after to=2021" in p for p in problems)


def test_offline_map_class_and_inline_assets() -> None:
    assert all(u.startswith("/app/static") for _, u in OfflineMap.default_js)
    inline = inline_assets()
    assert inline.startswith("<style>") and ".leaflet-container" in inline
    assert "<script>" in inline and "Leaflet 1.9" in inline


def base_page(view: View) -> str:
    """The base map's page with folium's random ids taken out, as streamlit-folium keys it."""
    fmap, _ = build_map_parts(tiny.atlas(), view)
    return re.sub(r"_[a-z0-9]+", "", fmap.get_root().render())


def test_filters_and_layer_settings_leave_the_base_map_unchanged() -> None:
    base = base_page(View())
    for changed in (
        View(programs=("sobujang",)),
        View(year_from=2022),
        View(level="sgg"),
        View(layer="jobs"),
        View(scheme="equal_interval"),
        View(lang="en"),
        View(sites=False, belts=False),
    ):
        assert base_page(changed) == base, changed
    assert base_page(View(focus="busan")) != base
    assert base_page(View(basemap="osm")) != base


def test_legend_and_attribution_come_with_the_groups_once() -> None:
    fmap, groups = build_map_parts(tiny.atlas(), View(level="sgg"))
    assert "addAttribution" not in fmap.get_root().render()
    html = build_map(tiny.atlas(), View(level="sgg")).get_root().render()
    assert html.count('L.DomUtil.create("div", "kca-legend")') == 1
    assert html.count("addAttribution(") == 1
    assert html.count("removeControl(") == 1  # the legend leaves with its group
    assert len(groups) == 3  # regions and outline, sites, legend (tiny has no belts)


VALUES = st.one_of(
    st.none(), st.just(np.nan), st.just(pd.NA), st.sampled_from(["a", "b", "c", "d"])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUES, max_size=12), st.sampled_from(["object", "string"]))
def test_main_industry_and_kinds_present_as_pandas_counts_them(
    values: list[object], dtype: str
) -> None:
    """The plain-Python counting (issue #17: once per marker) gives what pandas'
    ``value_counts`` gave: the most frequent value, ties to the alphabetically first,
    missing values ignored; the kinds present, in ``PROGRAM_KINDS`` order."""
    from geo.aggregate import main_industry
    from geo.schema import PROGRAM_KINDS
    from layers.kinds import kinds_present

    series = pd.Series(values, dtype=dtype)
    counts = series.dropna().value_counts()
    want = None if counts.empty else min(map(str, counts[counts == counts.max()].index))
    assert main_industry(series) == want
    kinds = pd.Series(
        [PROGRAM_KINDS[ord(v) % len(PROGRAM_KINDS)] if isinstance(v, str) else v for v in values],
        dtype=dtype,
    )
    present = set(kinds.dropna().astype(str))
    assert kinds_present(pd.DataFrame({"program_kind": kinds})) == [
        k for k in PROGRAM_KINDS if k in present
    ]
