"""Busan's five innovation belts as polygons, dissolved from their member areas."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.repair import DISPLAY_CRS, METRIC_CRS, polygonal_parts


def _member_geometries(
    areas: pd.DataFrame, boundaries: dict[str, gpd.GeoDataFrame]
) -> gpd.GeoDataFrame:
    """One metric geometry per belt area row, looked up by level and KOSTAT code."""
    unknown = sorted(set(areas["level"]) - set(boundaries))
    if unknown:
        raise ValueError(f"Unknown belt area level(s) {unknown}; allowed: {sorted(boundaries)}")
    parts = []
    for level, frame in boundaries.items():
        wanted = areas[areas["level"] == level]
        lookup = frame.to_crs(METRIC_CRS).set_index("code").geometry
        missing = sorted(set(wanted["code_kostat"]) - set(lookup.index))
        if missing:
            raise ValueError(
                f"Belt area codes {missing} are not {level} codes of the boundaries; "
                f"{level} codes have {len(str(lookup.index[0]))} digits, e.g. {lookup.index[0]!r}"
            )
        parts.append(
            gpd.GeoDataFrame(
                {"belt_id": wanted["belt_id"].to_numpy()},
                geometry=lookup.loc[wanted["code_kostat"]].to_numpy(),
                crs=METRIC_CRS,
            )
        )
    return pd.concat(parts, ignore_index=True)


def _dissolve(geoms: np.ndarray) -> shapely.Geometry:
    """Union of valid polygons: coverage union when they form a coverage, else a full union."""
    valid = shapely.make_valid(geoms)
    parts, index = polygonal_parts(valid)
    cleaned = shapely.multipolygons(parts, indices=index)
    if shapely.coverage_is_valid(cleaned):
        return shapely.coverage_union_all(cleaned)
    return shapely.union_all(cleaned)


def build_belts(
    belts: pd.DataFrame,
    belt_areas: pd.DataFrame,
    sgg: gpd.GeoDataFrame,
    emd: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """One polygon per belt, dissolved from its municipalities and sub-municipalities.

    Parameters
    ----------
    belts : pandas.DataFrame
        data/busan_belts.csv (``belt_id`` and attributes).
    belt_areas : pandas.DataFrame
        data/busan_belt_areas.csv: ``belt_id``, ``level`` ("sgg" or "emd") and
        ``code_kostat`` (5-digit sgg or 7-digit emd KOSTAT code).
    sgg, emd : geopandas.GeoDataFrame
        Boundaries from ``load_boundaries("sgg"|"emd", detail)``.

    Returns
    -------
    geopandas.GeoDataFrame
        The belts' attributes plus ``n_areas`` and ``area_km2`` (measured in EPSG:5179),
        geometry in EPSG:4326; a belt without areas keeps an empty geometry.

    Raises
    ------
    ValueError
        For a level other than "sgg"/"emd" or a code the boundaries lack.
    """
    members = _member_geometries(belt_areas, {"sgg": sgg, "emd": emd})
    dissolved = {
        belt_id: _dissolve(group.geometry.to_numpy())
        for belt_id, group in members.groupby("belt_id", sort=False)
    }
    counts = members.groupby("belt_id").size()
    ids = belts["belt_id"].astype(str)
    geometry = gpd.GeoSeries(
        [dissolved.get(belt_id, shapely.Polygon()) for belt_id in ids],
        index=belts.index,
        crs=METRIC_CRS,
    )
    out = gpd.GeoDataFrame(
        belts.assign(
            n_areas=ids.map(counts).fillna(0).astype(int).to_numpy(),
            area_km2=(geometry.area / 1e6).round(2).to_numpy(),
        ),
        geometry=geometry,
    )
    return out.to_crs(DISPLAY_CRS)


def display_belts(
    belts: gpd.GeoDataFrame, tolerance: float = 20.0, grid: float = 1e-5
) -> gpd.GeoDataFrame:
    """Belts simplified for display: ``tolerance`` metres (in EPSG:5179), then
    coordinates rounded to ``grid`` degrees in EPSG:4326 (about 1 m).

    Belts may share member areas, so each is simplified on its own (topology kept
    within a belt); at 20 m the belts' shared edges stay within a pixel at city zoom.
    """
    metric = belts.geometry.to_crs(METRIC_CRS)
    simple = shapely.simplify(metric.values, tolerance, preserve_topology=True)
    display = gpd.GeoSeries(simple, index=belts.index, crs=METRIC_CRS).to_crs(DISPLAY_CRS)
    rounded = shapely.make_valid(shapely.set_precision(display.values, grid))
    return belts.set_geometry(gpd.GeoSeries(rounded, index=belts.index, crs=DISPLAY_CRS))
