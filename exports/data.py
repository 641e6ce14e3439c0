"""Data exports of a view: the filtered records (CSV, GeoJSON, GeoPackage) and the
per-region aggregates (CSV, and a layer of the GeoPackage).

Records keep their own ``lon``/``lat`` (empty where no source gives coordinates); the
point drawn on the map is exported separately as ``map_lon``/``map_lat`` and as the
GeoJSON/GeoPackage geometry, with ``approximate`` saying whether it stands for the
municipality rather than the site.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from exports.safe_csv import safe_csv
from geo import census
from geo.aggregate import aggregate_sites, designations_of
from geo.fields import EXPORT_COLUMNS
from layers.atlas import AtlasData, region_values
from layers.view import View, filter_sites

CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, so Excel opens Korean text correctly."""

REGION_COLUMNS = ("level", "code", "code_moi", "name_ko", "name_en", "parent_code_moi")


def record_frame(data: AtlasData, view: View) -> gpd.GeoDataFrame:
    """The records the view shows, with the map point as ``map_lon``/``map_lat``."""
    sites = filter_sites(data.sites, view)
    has_point = sites.geometry.notna() & ~sites.geometry.is_empty
    out = sites.copy()
    out["map_lon"] = sites.geometry.x.where(has_point).round(6)
    out["map_lat"] = sites.geometry.y.where(has_point).round(6)
    return out[export_order(out.columns)]


def export_order(columns: pd.Index) -> list[str]:
    """Record columns in the registry's export order, then any others (an upload's
    ``original:``/``extra:`` columns, the geometry) in their own order."""
    known = [c for c in EXPORT_COLUMNS if c in columns]
    return known + [c for c in columns if c not in EXPORT_COLUMNS]


def region_frame(data: AtlasData, view: View) -> gpd.GeoDataFrame:
    """Per-region figures of the shown records at the view's level, and the layer value.

    Columns: the region's codes and names, ``count``, ``main_industry``, each summed
    figure with ``<figure>_n`` (records reporting it; a sum of 0 reports is empty, not
    zero), ``layer_value`` for the chosen layer, the official statistics of the view's
    census year (:func:`statistics_columns`) and the boundary and statistics sources.
    """
    regions = data.regions[view.level]
    sites = filter_sites(data.sites, view)
    table = aggregate_sites(sites, regions, view.level)
    key = "code_moi" if view.level == "sido" else "code"
    columns = [c for c in REGION_COLUMNS if c in regions.columns]
    out = regions[[*columns, "geometry"]].merge(table, left_on=key, right_index=True, how="left")
    out["layer"] = view.layer
    out["layer_value"] = region_values(data, view, sites).reindex(out["code"]).to_numpy()
    out = pd.concat([out, statistics_columns(data, view, out["code_moi"])], axis=1)
    out["boundary_source"] = data.attribution("en")
    return gpd.GeoDataFrame(out, geometry="geometry", crs=regions.crs)


def statistics_columns(data: AtlasData, view: View, code_moi: pd.Series) -> pd.DataFrame:
    """The official statistics of the view's census year, one column per indicator named
    with its year (``manufacturing_share_2020``), ``<indicator>_<year>_shared`` where one
    figure covers several regions (a city's gu: the whole city's figure), and the
    statistics' attribution."""
    year = view.census_year
    rows = data.statistics(year, view.level)
    out = pd.DataFrame(index=code_moi.index)
    for key in census.INDICATORS:
        one = rows[rows["indicator"] == key].drop_duplicates("code_moi").set_index("code_moi")
        out[f"{key}_{year}"] = code_moi.map(one["value"]).to_numpy()
        out[f"{key}_{year}_shared"] = code_moi.map(one["shared"]).astype("Int64").to_numpy()
    out["statistics_source"] = census.ATTRIBUTION.format(version=census.package_version())
    return out


def records_csv(data: AtlasData, view: View) -> bytes:
    """The shown designations as CSV (UTF-8 with BOM), one row each (the map point of its
    complex's primary municipality), as the records table lists them."""
    frame = pd.DataFrame(designations_of(record_frame(data, view)).drop(columns="geometry"))
    return safe_csv(frame)


def regions_csv(data: AtlasData, view: View) -> bytes:
    """The per-region aggregates as CSV (UTF-8 with BOM)."""
    frame = pd.DataFrame(region_frame(data, view).drop(columns="geometry"))
    return safe_csv(frame)


def _placed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Rows with a point; a GeoJSON feature needs a geometry to be drawn."""
    return frame[frame.geometry.notna() & ~frame.geometry.is_empty]


def records_geojson(data: AtlasData, view: View) -> bytes:
    """The shown records as a GeoJSON FeatureCollection of points (EPSG:4326)."""
    frame = record_frame(data, view).to_crs("EPSG:4326")
    return frame.to_json(na="null", drop_id=True, ensure_ascii=False).encode("utf-8")


def _plain(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Nullable and string dtypes as plain ones OGR writes without complaint."""
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        dtype = out[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            out[column] = out[column].astype("boolean").astype(object)
        elif pd.api.types.is_integer_dtype(dtype) and out[column].notna().all():
            out[column] = out[column].astype("int64")
        elif pd.api.types.is_numeric_dtype(dtype):
            out[column] = pd.to_numeric(out[column]).astype("float64")
        else:
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def geopackage(data: AtlasData, view: View) -> bytes:
    """A GeoPackage with layers ``sites`` (points), ``regions`` (aggregates, polygons)
    and, when present, ``belts``."""
    with tempfile.TemporaryDirectory(prefix="kca-gpkg-") as tmp:
        path = Path(tmp) / "atlas.gpkg"
        _plain(_placed(record_frame(data, view))).to_file(
            path, layer="sites", driver="GPKG", index=False
        )
        _plain(region_frame(data, view)).to_file(path, layer="regions", driver="GPKG", index=False)
        if view.belts and data.belts is not None and not data.belts.empty:
            _plain(data.belts).to_file(path, layer="belts", driver="GPKG", index=False)
        return path.read_bytes()
