"""A tiny hand-made atlas: one province of two municipalities, three sites."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from geo.boundaries import to_topojson
from layers.atlas import AtlasData, region_layers


def regions() -> dict[str, gpd.GeoDataFrame]:
    west, east = box(127.0, 37.0, 127.1, 37.1), box(127.1, 37.0, 127.2, 37.1)
    sgg = gpd.GeoDataFrame(
        {
            "level": "sgg",
            "code": ["99010", "99020"],
            "code_moi": ["98110", "98120"],
            "name_ko": ["서구", "동구"],
            "name_en": ["Seo-gu", "Dong-gu"],
            "parent_code": "99",
            "parent_code_moi": "98",
            "sido_name_ko": "가상도",
        },
        geometry=[west, east],
        crs="EPSG:4326",
    )
    sido = gpd.GeoDataFrame(
        {
            "level": "sido",
            "code": ["99"],
            "code_moi": ["98"],
            "name_ko": ["가상도"],
            "name_en": ["Test-do"],
            "parent_code": None,
            "parent_code_moi": None,
            "sido_name_ko": "가상도",
        },
        geometry=[west.union(east)],
        crs="EPSG:4326",
    )
    return {"sido": sido, "sgg": sgg}


def sites() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": ["a", "b", "c"],
            "program": ["sobujang", "sobujang", "root_industry"],
            "year": [2021, 2023, 2015],
            "name_ko": ["<script>alert(1)</script>단지", "나 단지", "다 단지"],
            "name_en": ["A site", "B site", "C site"],
            "sido": "가상도",
            "sigungu": ["서구", "서구", "동구"],
            "industry": ["semiconductor", "semiconductor", "mold"],
            "firms": pd.array([10, None, 5], dtype="Int64"),
            "support_public_krw": pd.array([None, None, None], dtype="Int64"),
            "investment_private_planned_krw": pd.array(
                [1_000_000_000_000, 500_000_000_000, None], dtype="Int64"
            ),
            "jobs": pd.array([None, None, None], dtype="Int64"),
            "location": ["site", "municipality", "site"],
            "sgg_code": ["99010", "99010", "99020"],
            "sido_code_moi": "98",
            "source_title": "Press release",
            "source_publisher": "MOTIE",
            "source_date": "2023-07-20",
            "source_url": ["https://example.org/a", "javascript:alert(1)", "https://example.org/c"],
        },
        geometry=[Point(127.05, 37.05), Point(127.06, 37.06), Point(127.15, 37.05)],
        crs="EPSG:4326",
        index=pd.Index([2, 3, 4], name="row"),  # spreadsheet rows, as load_records gives
    )


def atlas() -> AtlasData:
    frames = regions()
    indicators = pd.DataFrame(
        {
            "region_level": ["sido", "sido"],
            "region_code_moi": ["98", "98"],
            "year": ["2021", "2022"],
            "indicator": ["investment_attraction_krw"] * 2,
            "value": ["2200000000000", "3000000000000"],
        }
    )
    return AtlasData(
        regions=frames,
        topology={lvl: to_topojson(f, 100_000) for lvl, f in frames.items()},
        sites=sites(),
        industries=pd.DataFrame(
            {
                "id": ["semiconductor", "mold"],
                "label_ko": ["반도체", "금형"],
                "label_en": ["Semiconductors", "Mold"],
                "color": ["#0072B2", "#E69F00"],
            }
        ),
        programs=pd.DataFrame(
            {
                "id": ["sobujang", "root_industry"],
                "name_ko": ["소부장 특화단지", "뿌리산업 특화단지"],
                "name_en": ["MPE cluster", "Root-industry complex"],
            }
        ),
        indicators=indicators,
        layers=region_layers(indicators),
    )


NAMES = {"x": "가 단지", "y": "나 단지", "z": "다 단지"}
SPANS = {"x": "가상도 서구", "y": "가상도 서구;가상도 동구", "z": "가상도 동구"}


def place_sites() -> gpd.GeoDataFrame:
    """Four designations of three complexes, as ``place_records`` gives them.

    Complex ``x`` (서구) has two designations (the figure on the first only); complex
    ``y`` lies in 서구 and 동구 (one designation, drawn in both, its 2조 investment on
    it once); complex ``z`` (동구) has one.
    """
    rows = [
        ("a", "x", "sobujang", 2021, "99010", Point(127.05, 37.05), 1_000_000_000_000),
        ("b", "x", "root_industry", 2023, "99010", Point(127.05, 37.05), None),
        ("d", "y", "sobujang", 2023, "99010", Point(127.08, 37.02), 2_000_000_000_000),
        ("d", "y", "sobujang", 2023, "99020", Point(127.12, 37.02), 2_000_000_000_000),
        ("c", "z", "root_industry", 2015, "99020", Point(127.15, 37.05), None),
    ]
    return gpd.GeoDataFrame(
        {
            "id": [r[0] for r in rows],
            "complex_id": [r[1] for r in rows],
            "complex_key": [r[1] for r in rows],
            "complex_name_ko": [
                {"x": "가 단지", "y": "나 단지", "z": "다 단지"}[r[1]] for r in rows
            ],
            "program": [r[2] for r in rows],
            "year": [r[3] for r in rows],
            "name_ko": [f"지정 {r[0]}" for r in rows],
            "name_en": [f"Designation {r[0]}" for r in rows],
            "sido": "가상도",
            "sigungu": ["서구", "서구", "서구", "서구", "동구"],
            "sigungu_all": [SPANS[r[1]] for r in rows],
            "industry": ["semiconductor", "mold", "semiconductor", "semiconductor", "mold"],
            "investment_private_planned_krw": pd.array([r[6] for r in rows], dtype="Int64"),
            "firms": pd.array([None] * 5, dtype="Int64"),
            "support_public_krw": pd.array([None] * 5, dtype="Int64"),
            "jobs": pd.array([None] * 5, dtype="Int64"),
            "location": ["emd", "emd", "municipality", "municipality", "site"],
            "shown_sgg_codes": [r[4] for r in rows],
            "sgg_code": [r[4] for r in rows],
            "sido_code_moi": "98",
            "source_title": "Press release",
            "source_publisher": "MOTIE",
            "source_date": "2023-07-20",
            "source_url": "https://example.org/",
        },
        geometry=[r[5] for r in rows],
        crs="EPSG:4326",
        index=pd.Index([2, 3, 4, 4, 5], name="row"),
    )
