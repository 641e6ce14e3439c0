"""Putting records on the map: the site's own point, else a point of its municipality.

:func:`place_records` matches each record's declared municipality (exactly, a city name
standing for all its gu, or through ``data/admin_name_aliases.csv``), takes the site's
own lon/lat where given and otherwise a representative point of the municipality
(marked approximate), and spreads points that share a municipality with
:func:`spread_stacked` so each marker can be seen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import NAME_ALIASES
from geo.repair import DISPLAY_CRS, METRIC_CRS
from geo.rules import missing, rows
from geo.tables import Problem, problem, read_csv_table, type_clusters

_CITY_OF_GU = re.compile(r"^(\S+시) \S+구$")
GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))
SPREAD_STEP = 700.0
"""Metres per point when spreading markers that share a municipality."""
SPREAD_MAX = 5000.0
"""Largest radius, in metres, of a spread."""


def load_name_aliases(path: Path = NAME_ALIASES) -> dict[tuple[str, str], str]:
    """Today's municipality names that the 2018 boundaries know under another name.

    Returns
    -------
    dict
        ``(sido, sigungu) -> maps_to_sigungu`` from data/admin_name_aliases.csv.
    """
    frame, _ = read_csv_table(path)
    if frame.empty:
        return {}
    return {
        (str(r.sido), str(r.sigungu)): str(r.maps_to_sigungu)
        for r in frame.itertuples()
        if not (missing(r.sido) or missing(r.sigungu) or missing(r.maps_to_sigungu))
    }


def municipality_index(sgg: gpd.GeoDataFrame) -> dict[tuple[str, str], list[str]]:
    """Map (province name, municipality name) to KOSTAT codes.

    A name is found as the boundaries spell it ("수원시 장안구") and, for cities with gu,
    under the city name alone ("수원시"), which then stands for all of its gu.
    """
    index: dict[tuple[str, str], list[str]] = {}
    for code, sido, name in zip(sgg["code"], sgg["sido_name_ko"], sgg["name_ko"], strict=True):
        index.setdefault((str(sido), str(name)), []).append(str(code))
        match = _CITY_OF_GU.match(str(name))
        if match:
            index.setdefault((str(sido), match[1]), []).append(str(code))
    return index


def match_municipality(
    sido: str | None,
    sigungu: str | None,
    index: dict[tuple[str, str], list[str]],
    aliases: dict[tuple[str, str], str],
) -> list[str]:
    """KOSTAT codes of the declared municipality, empty when it cannot be matched.

    Exact name first, then the alias table (today's names the 2018 files lack).
    """
    if not sido or not sigungu:
        return []
    key = (sido.strip(), " ".join(sigungu.split()))
    if key in index:
        return index[key]
    alias = aliases.get(key)
    return index.get((key[0], alias), []) if alias else []


def _text(value: object) -> str | None:
    return None if missing(value) else str(value)


def _unmatched(file: str, row: int, sido: str | None, sigungu: str | None) -> Problem:
    return problem(
        file,
        row,
        "sigungu",
        f"municipality {sido or ''} {sigungu or ''} matches no boundary name; use a "
        "name as in the boundaries (e.g. '안산시 단원구') or add an alias to "
        "admin_name_aliases.csv",
        f"시군구 {sido or ''} {sigungu or ''}을(를) 경계 자료에서 찾을 수 없습니다",
    )


def _locate(
    records: pd.DataFrame,
    index: dict[tuple[str, str], list[str]],
    aliases: dict[tuple[str, str], str],
    file: str,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Each record's declared codes, its own point (if any) and where it is shown."""
    problems: list[Problem] = []
    points: list[shapely.Geometry | None] = []
    locations: list[str] = []
    declared: list[str] = []
    for row, rec in zip(rows(records), records.itertuples(index=False), strict=True):
        sido, sigungu = _text(getattr(rec, "sido", None)), _text(getattr(rec, "sigungu", None))
        codes = match_municipality(sido, sigungu, index, aliases)
        declared.append(";".join(codes))
        if not codes:
            problems.append(_unmatched(file, row, sido, sigungu))
        lon, lat = getattr(rec, "lon", pd.NA), getattr(rec, "lat", pd.NA)
        own = not (missing(lon) or missing(lat))
        points.append(shapely.Point(float(str(lon)), float(str(lat))) if own else None)
        locations.append("site" if own else "municipality" if codes else "unplaced")
    placed = gpd.GeoDataFrame(
        records.assign(location=locations, declared_sgg_codes=declared),
        geometry=gpd.GeoSeries(points, index=records.index, crs=DISPLAY_CRS),
    )
    placed["approximate"] = placed["location"] != "site"
    return placed, problems


def place_records(
    clusters: pd.DataFrame,
    sgg: gpd.GeoDataFrame,
    aliases: dict[tuple[str, str], str] | None = None,
    file: str = "clusters.csv",
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Put every cluster record on the map as a point, EPSG:4326.

    The site's own lon/lat where given (``location`` = "site"), else a representative
    point of the declared municipality (``location`` = "municipality", approximate).
    Municipalities are matched by province and name: exactly, a city name covering all
    its gu, or via data/admin_name_aliases.csv. A spatial join then adds the municipality
    each point lies in: ``sgg_code`` (KOSTAT), ``sgg_code_moi``, ``sido_code_moi``,
    ``sgg_name_ko``. Rows that cannot be placed keep an empty geometry (``location`` =
    "unplaced") and are reported; no row is dropped.

    Parameters
    ----------
    clusters : pandas.DataFrame
        Cluster records, typed or as text (needs sido, sigungu, lon, lat).
    sgg : geopandas.GeoDataFrame
        Municipalities from ``load_boundaries("sgg", detail)``.
    aliases : dict, optional
        ``(sido, sigungu) -> 2018 name``; defaults to data/admin_name_aliases.csv.
    file : str
        File name used in the problems.

    Returns
    -------
    placed : geopandas.GeoDataFrame
        The records plus ``location``, ``approximate``, ``declared_sgg_codes`` (KOSTAT
        codes the declared name stands for, ";"-joined) and the join columns.
    problems : list of Problem
        One per row whose municipality cannot be matched.
    """
    aliases = load_name_aliases() if aliases is None else aliases
    metric = sgg.to_crs(METRIC_CRS).set_index("code")
    placed, problems = _locate(type_clusters(clusters), municipality_index(sgg), aliases, file)
    placed = _at_municipality(placed, metric)
    return _join_municipalities(placed, sgg), problems


class _Areas(dict[str, Any]):
    """Declared areas by their ";"-joined KOSTAT codes, each union made once."""

    def __init__(self, metric: gpd.GeoDataFrame) -> None:
        super().__init__()
        self.metric = metric

    def __missing__(self, key: str) -> Any:
        area = shapely.union_all(self.metric.geometry.loc[key.split(";")].values)
        self[key] = area
        return area


def _at_municipality(placed: gpd.GeoDataFrame, metric: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Representative points of the declared areas for rows placed at their
    municipality, then spread where several share one."""
    approx = placed["location"] == "municipality"
    keys = placed.loc[approx, "declared_sgg_codes"].astype(str)
    areas = _Areas(metric)
    spots = gpd.GeoSeries(
        [areas[key].representative_point() for key in keys], index=keys.index, crs=METRIC_CRS
    )
    spots = _spread_groups(spots, keys, areas)
    out = placed.copy()
    if not spots.empty:
        out.loc[spots.index, "geometry"] = spots.to_crs(DISPLAY_CRS)
    return out


def sunflower(center: shapely.Point, n: int, radius: float) -> list[shapely.Point]:
    """``n`` points spread evenly in a disc (Vogel's sunflower), first one nearest the centre."""
    steps = np.arange(n)
    r = radius * np.sqrt((steps + 0.5) / n)
    theta = steps * GOLDEN_ANGLE
    return [
        shapely.Point(center.x + ri * np.cos(ti), center.y + ri * np.sin(ti))
        for ri, ti in zip(r, theta, strict=True)
    ]


def _spread(area: shapely.Geometry, points: gpd.GeoSeries, step: float) -> gpd.GeoSeries:
    """Spread points that share an area on a sunflower around the first, inside the area.

    The disc shrinks until every point fits; if none fits the points stay stacked.
    """
    center = points.iloc[0]
    radius = min(step * np.sqrt(len(points)), SPREAD_MAX)
    for _ in range(5):
        spots = sunflower(center, len(points), radius)
        if shapely.contains(area, spots).all():
            return gpd.GeoSeries(spots, index=points.index, crs=points.crs)
        radius /= 2
    return points


def _spread_groups(
    points: gpd.GeoSeries, keys: pd.Series, areas: _Areas, step: float = SPREAD_STEP
) -> gpd.GeoSeries:
    """The one spreading pass: points (EPSG:5179) grouped by declared area, each group of
    two or more spread inside its area."""
    out = points.copy()
    for key, group in keys.groupby(keys):
        if len(group) > 1:
            out.loc[group.index] = _spread(areas[str(key)], points.loc[group.index], step)
    return out


def spread_stacked(
    placed: gpd.GeoDataFrame, metric: gpd.GeoDataFrame, step: float = SPREAD_STEP
) -> gpd.GeoDataFrame:
    """Spread approximate points that share a municipality so each marker can be seen.

    Points stay inside their municipality (the disc shrinks until all fit, else the
    points stay stacked). Work is in EPSG:5179; ``step`` is metres per point.
    """
    out = placed.copy()
    approx = out["location"] == "municipality"
    keys = out.loc[approx, "declared_sgg_codes"].astype(str)
    moved = _spread_groups(out.geometry[approx].to_crs(METRIC_CRS), keys, _Areas(metric), step)
    stacked = keys.groupby(keys).transform("size") > 1
    if stacked.any():
        out.loc[stacked[stacked].index, "geometry"] = moved[stacked].to_crs(DISPLAY_CRS)
    return out


def _join_municipalities(placed: gpd.GeoDataFrame, sgg: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    regions = (
        sgg[["code", "code_moi", "parent_code_moi", "name_ko", "geometry"]]
        .rename(
            columns={
                "code": "sgg_code",
                "code_moi": "sgg_code_moi",
                "parent_code_moi": "sido_code_moi",
                "name_ko": "sgg_name_ko",
            }
        )
        .to_crs(DISPLAY_CRS)
    )
    has_point = placed.geometry.notna() & ~placed.geometry.is_empty
    joined = gpd.sjoin(placed.loc[has_point, ["geometry"]], regions, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    columns = ["sgg_code", "sgg_code_moi", "sido_code_moi", "sgg_name_ko"]
    out = placed.copy()
    for col in columns:
        out[col] = joined[col].reindex(out.index).astype("string")
    return out


def check_points_in_declared_municipality(placed: gpd.GeoDataFrame) -> pd.DataFrame:
    """Placed rows whose point lies outside the municipality they declare.

    Parameters
    ----------
    placed : geopandas.GeoDataFrame
        Output of :func:`place_records`.

    Returns
    -------
    pandas.DataFrame
        id, sido, sigungu, location, the joined sgg_name_ko/sgg_code and the declared
        codes, for rows with a point whose joined municipality is not a declared one
        (including points in no municipality at all).
    """
    has_point = placed.geometry.notna() & ~placed.geometry.is_empty
    declared = placed["declared_sgg_codes"].fillna("").astype(str).str.split(";")
    inside = [
        not missing(code) and str(code) in codes
        for code, codes in zip(placed["sgg_code"], declared, strict=True)
    ]
    wrong = has_point & ~pd.Series(inside, index=placed.index)
    columns = ["id", "sido", "sigungu", "location", "sgg_name_ko", "sgg_code", "declared_sgg_codes"]
    return pd.DataFrame(placed.loc[wrong, [c for c in columns if c in placed.columns]])
