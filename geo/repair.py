"""Repairs for polygon coverages read from the boundary files (pure functions)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

METRIC_CRS = "EPSG:5179"
DISPLAY_CRS = "EPSG:4326"


def polygonal_parts(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split geometries into their polygons, dropping lines and points.

    Parameters
    ----------
    geoms : numpy.ndarray of shapely geometries
        Possibly GeometryCollections (the output of ``make_valid``).

    Returns
    -------
    parts, index : numpy.ndarray
        The polygons and, for each, the position of the geometry it came from.
    """
    parts, index = shapely.get_parts(geoms, return_index=True)
    nested = shapely.get_type_id(parts) != shapely.GeometryType.POLYGON
    while nested.any():
        inner, inner_idx = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], inner])
        index = np.concatenate([index[~nested], index[nested][inner_idx]])
        nested = np.isin(
            shapely.get_type_id(parts),
            [shapely.GeometryType.MULTIPOLYGON, shapely.GeometryType.GEOMETRYCOLLECTION],
        )
    keep = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    keep &= ~shapely.is_empty(parts)
    return parts[keep], index[keep]


def repair_coverage(gdf: gpd.GeoDataFrame, key: str = "code") -> gpd.GeoDataFrame:
    """Make a set of region polygons a clean coverage in EPSG:5179.

    Steps: declare EPSG:4326 when no CRS is set (the KOSTAT TopoJSON declares none),
    project to EPSG:5179, ``make_valid`` keeping only polygonal parts, gather all parts
    of a region into one MultiPolygon row (one row per ``key``), and clean the coverage
    (no overlaps, no slivers between neighbours, shared edges identical).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Regions; several rows may share a ``key`` (multi-part regions).
    key : str
        Column identifying a region.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per region, first attribute values kept, in EPSG:5179.
    """
    if gdf.crs is None:
        gdf = gdf.set_crs(DISPLAY_CRS)
    metric = gdf.to_crs(METRIC_CRS)
    valid = shapely.make_valid(metric.geometry.values, method="structure", keep_collapsed=False)
    parts, index = polygonal_parts(valid)
    keys = metric[key].to_numpy()[index]
    codes, group = np.unique(keys, return_inverse=True)
    merged = shapely.multipolygons(parts, indices=group)
    attrs = metric.drop(columns=metric.geometry.name).drop_duplicates(key).set_index(key)
    out = gpd.GeoDataFrame(attrs.loc[codes].reset_index(), geometry=merged, crs=METRIC_CRS)
    out["geometry"] = shapely.coverage_clean(out.geometry.values)  # type: ignore[attr-defined]
    return out


def dissolve_coverage(gdf: gpd.GeoDataFrame, by: str) -> gpd.GeoSeries:
    """Union the regions of a clean coverage by a column, fast (coverage union).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A clean coverage (see :func:`repair_coverage`).
    by : str
        Column to group by.

    Returns
    -------
    geopandas.GeoSeries
        One geometry per group value, indexed by it.
    """
    merged = {
        value: shapely.coverage_union_all(group.geometry.values)
        for value, group in gdf.groupby(by, sort=True)
    }
    return gpd.GeoSeries(merged, crs=gdf.crs)


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance: float, grid: float = 1e-5) -> gpd.GeoSeries:
    """Simplify a clean coverage so shared borders stay shared, for display.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Clean coverage in a metric CRS (EPSG:5179).
    tolerance : float
        Visvalingam-Whyatt tolerance in metres, one for the whole coverage (shapely
        2.2 reads an array of tolerances as one coverage per value, not per region).
    grid : float
        Coordinates are rounded to this grid in degrees once projected to EPSG:4326
        (1e-5 degrees is about 1 m).

    Returns
    -------
    geopandas.GeoSeries
        Display geometry in EPSG:4326, same index as ``gdf``.
    """
    simple = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    display = gpd.GeoSeries(simple, index=gdf.index, crs=gdf.crs).to_crs(DISPLAY_CRS)
    return gpd.GeoSeries(
        shapely.set_precision(display.values, grid), index=gdf.index, crs=DISPLAY_CRS
    )
