"""Cached loaders: read-only geometry as resources, small frames as data."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo.belts import build_belts
from geo.boundaries import load_boundaries, load_topojson
from geo.records import Records, load_records, place_records
from layers.atlas import AtlasData, region_layers
from layers.view import LEVELS


@st.cache_resource(show_spinner="Loading boundaries / 경계 불러오는 중…")
def boundaries(level: str, detail: str = "display") -> gpd.GeoDataFrame:
    """Boundaries of a level (shared, read-only)."""
    return load_boundaries(level, detail)


@st.cache_resource(show_spinner=False)
def topology(level: str) -> str:
    """Display TopoJSON of a level (shared, read-only)."""
    return load_topojson(level)


@st.cache_resource(show_spinner=False)
def records() -> Records:
    """The bundled program records and their validation problems."""
    return load_records()


@st.cache_resource(show_spinner="Placing sites / 단지 위치 계산 중…")
def atlas_data() -> AtlasData:
    """Everything the map needs, built once per server process."""
    recs = records()
    sgg_full = boundaries("sgg", "full")
    sites, _problems = place_records(recs.clusters, sgg_full)
    belts = build_belts(recs.belts, recs.belt_areas, sgg_full, boundaries("emd", "full"))
    return AtlasData(
        regions={level: boundaries(level) for level in LEVELS},
        topology={level: topology(level) for level in LEVELS},
        sites=sites,
        industries=recs.industries,
        programs=recs.programs,
        indicators=recs.region_indicators,
        belts=belts,
        layers=region_layers(recs.region_indicators),
    )
