"""The selected complex on the map: where to frame it, and its outline.

A complex is located only as finely as its sources allow (``location``): a complex whose
sources name only its municipalities stands for those municipalities, a province-wide
zone for its province, and its marker is a drawing point inside them, never a
coordinate. Selecting it (search, a table row, ``site=``) therefore frames and outlines
those areas, not a close-up of the drawing point; a complex located at its 읍면동 is
framed by its markers, as before.
"""

from __future__ import annotations

from collections.abc import Mapping

import folium
import geopandas as gpd
import pandas as pd

from layers.camera import Bounds, sites_bounds

SELECTED_COLOR = "#d62728"
"""Outline of the selected complex's areas and rings (the compare tab's highlight)."""
AREA_LEVELS: dict[str, tuple[str, str, str]] = {
    "municipality": ("sgg", "code", "shown_sgg_codes"),
    "province": ("sido", "code_moi", "sido_code_moi"),
}
"""``location`` -> (region level, its code column, the record's column of codes): the
locations that stand for whole regions."""


def _codes(values: pd.Series) -> set[str]:
    """Every code of a column of ``;``-separated code lists."""
    return {c for v in values.dropna().astype(str) for c in v.split(";") if c}


def selected_areas(
    rows: pd.DataFrame, regions: Mapping[str, gpd.GeoDataFrame]
) -> gpd.GeoDataFrame | None:
    """The regions a complex's records stand for (its municipalities, or its province for
    a province-wide zone), dissolved into one row per region; None when they name none.

    Parameters
    ----------
    rows : DataFrame
        The complex's records (``location`` and the code columns of :data:`AREA_LEVELS`).
    regions : mapping of level -> GeoDataFrame
        Display boundaries per level (``AtlasData.regions``).
    """
    if "location" not in rows:
        return None
    parts = []
    for location, (level, key, column) in AREA_LEVELS.items():
        mine = rows[rows["location"].astype(str) == location]
        if mine.empty or column not in mine or level not in regions:
            continue
        frame = regions[level]
        parts.append(frame[frame[key].astype(str).isin(_codes(mine[column]))])
    areas = [p for p in parts if not p.empty]
    if not areas:
        return None
    return gpd.GeoDataFrame(pd.concat(areas, ignore_index=True), crs=areas[0].crs)


def selection_bounds(rows: pd.DataFrame, regions: Mapping[str, gpd.GeoDataFrame]) -> Bounds | None:
    """South-west and north-east corners to frame a selected complex: its areas
    (:func:`selected_areas`) together with its markers; None without either."""
    areas = selected_areas(rows, regions)
    points = sites_bounds(rows)
    if areas is None:
        return points
    west, south, east, north = (float(v) for v in areas.total_bounds)
    if points is not None:
        (p_south, p_west), (p_north, p_east) = points
        south, west = min(south, p_south), min(west, p_west)
        north, east = max(north, p_north), max(east, p_east)
    return (south, west), (north, east)


def selection_group(
    rows: pd.DataFrame, regions: Mapping[str, gpd.GeoDataFrame], name: str
) -> folium.FeatureGroup | None:
    """The selected complex on the map: its areas outlined (dashed: the sources name only
    them) and a ring round each of its markers; None when it has neither.

    Not clickable: clicks reach the map's own layers underneath.
    """
    areas = selected_areas(rows, regions)
    located = rows[rows.geometry.notna() & ~rows.geometry.is_empty] if len(rows) else rows
    if areas is None and located.empty:
        return None
    group = folium.FeatureGroup(name=name, control=False)
    if areas is not None:
        folium.GeoJson(
            areas[["code", "geometry"]].to_json(),
            style_function=lambda _: {
                "color": SELECTED_COLOR,
                "weight": 3,
                "dashArray": "6 4",
                "fill": False,
            },
            interactive=False,
            class_name="kca-selected-area",
        ).add_to(group)
    for point in located.geometry.drop_duplicates():
        folium.CircleMarker(
            (point.y, point.x),
            radius=13,
            color=SELECTED_COLOR,
            weight=3,
            fill=False,
            interactive=False,
            class_name="kca-selected-site",
        ).add_to(group)
    return group
