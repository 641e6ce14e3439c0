"""Geometry of the map images: paths in EPSG:5179, the frame, points and their spread."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.path import Path
from pyproj import Transformer

from geo.repair import DISPLAY_CRS, METRIC_CRS
from layers.atlas import AtlasData, frame_bounds
from layers.view import SCREEN_MAP_PX, View

EARTH_CIRCUMFERENCE_M = 40_075_016.686
"""Web Mercator's equator; a Leaflet zoom ``z`` shows this / 2**(z + 8) metres per pixel."""

Limits = tuple[float, float, float, float]
"""x0, y0, x1, y1 in EPSG:5179 metres."""

_cache_lock = threading.Lock()
_cache: dict[tuple[int, str], tuple[object, object]] = {}
_CACHE_SIZE = 12
T = TypeVar("T")

_to_metric = Transformer.from_crs(DISPLAY_CRS, METRIC_CRS, always_xy=True)


def geometry_path(geom: shapely.Geometry) -> Path:
    """One compound matplotlib path for a (multi)polygon, holes included."""
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            code = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            code[0], code[-1] = Path.MOVETO, Path.CLOSEPOLY
            verts.append(xy)
            codes.append(code)
    if not verts:
        return Path(np.zeros((0, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


@dataclass(frozen=True)
class Projected:
    """A layer's geometries in EPSG:5179 as matplotlib paths, with their bounds."""

    frame: gpd.GeoDataFrame
    paths: list[Path]
    bounds: np.ndarray  # (n, 4): minx, miny, maxx, maxy


def _project(frame: gpd.GeoDataFrame) -> Projected:
    metric = frame.to_crs(METRIC_CRS)
    paths = [geometry_path(g) for g in metric.geometry]
    return Projected(metric, paths, shapely.bounds(metric.geometry.to_numpy()))


def per_data(data: AtlasData, key: str, make: Callable[[], T]) -> T:
    """``make()`` computed once per ``AtlasData`` object and key.

    Cached per object (its identity is checked, so a reused ``id`` never returns another
    object's result); the newest few are kept.
    """
    with _cache_lock:
        hit = _cache.get((id(data), key))
        if hit is not None and hit[0] is data:
            return hit[1]  # type: ignore[return-value]
    result = make()
    with _cache_lock:
        _cache[(id(data), key)] = (data, result)
        while len(_cache) > _CACHE_SIZE:
            del _cache[next(iter(_cache))]
    return result


def projected(data: AtlasData, key: str) -> Projected:
    """Regions of a level ("sido", "sgg") or the belts ("belts"), projected once per data."""
    frame = data.belts if key == "belts" else data.regions[key]
    if frame is None:
        raise ValueError("The atlas has no belts")
    return per_data(data, key, lambda: _project(frame))


def land(data: AtlasData) -> shapely.Geometry:
    """Every province's outline, simplified to 500 m, in EPSG:5179 (to keep clear of land)."""

    def make() -> shapely.Geometry:
        geoms = projected(data, "sido").frame.geometry.to_numpy()
        return shapely.union_all(shapely.simplify(geoms, 500))

    return per_data(data, "land", make)


def screen_frame(
    lat: float, lon: float, zoom: float, size_px: tuple[int, int] = SCREEN_MAP_PX
) -> Limits:
    """The area a map of ``size_px`` (width, height) shows around ``lat``, ``lon`` at
    Leaflet ``zoom``, EPSG:5179.

    Ground metres per screen pixel at the centre, times the size (by default
    ``layers.view.SCREEN_MAP_PX``).

    >>> x0, y0, x1, y1 = screen_frame(36.0, 127.8, 7.0)
    >>> round((y1 - y0) / 1000), round((x1 - x0) / 1000)
    (613, 989)
    """
    per_px = EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / 2 ** (zoom + 8)
    x, y = _to_metric.transform(lon, lat)
    half_w, half_h = size_px[0] * per_px / 2, size_px[1] * per_px / 2
    return float(x - half_w), float(y - half_h), float(x + half_w), float(y + half_h)


def metric_frame(data: AtlasData, view: View) -> Limits:
    """The view's frame in EPSG:5179: x0, y0, x1, y1.

    The screen's centre and zoom when the view has them (``view.lat``, ``view.lon``,
    ``view.zoom``, over ``view.screen``), else the focus or province
    (``layers.atlas.frame_bounds``).
    """
    if view.lat is not None and view.lon is not None and view.zoom is not None:
        return screen_frame(view.lat, view.lon, view.zoom, view.screen or SCREEN_MAP_PX)
    (south, west), (north, east) = frame_bounds(data, view)
    lons = np.linspace(west, east, 9)
    lats = np.linspace(south, north, 9)
    edge_lon = np.concatenate([lons, lons, np.full(9, west), np.full(9, east)])
    edge_lat = np.concatenate([np.full(9, south), np.full(9, north), lats, lats])
    x, y = _to_metric.transform(edge_lon, edge_lat)
    return float(np.min(x)), float(np.min(y)), float(np.max(x)), float(np.max(y))


def points(sites: gpd.GeoDataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return np.zeros((0, 2)), located
    x, y = _to_metric.transform(located.geometry.x.to_numpy(), located.geometry.y.to_numpy())
    return np.column_stack([x, y]), located


def belts_in(data: AtlasData, frame: Limits) -> bool:
    """Whether any belt lies within ``frame`` (EPSG:5179)."""
    if data.belts is None or data.belts.empty:
        return False
    return bool(visible(projected(data, "belts"), frame).any())


def in_frame(sites: gpd.GeoDataFrame, limits: Limits) -> pd.DataFrame:
    """The located sites inside ``limits`` (EPSG:5179)."""
    xy, located = points(sites)
    x0, y0, x1, y1 = limits
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    return located[inside]


def dodge(xy: np.ndarray, step: float) -> np.ndarray:
    """Spread points that (nearly) share a position around their centre, ``step`` apart.

    Points within ``step / 2`` of a group's first point join the group (not by chains,
    so groups stay small and near where their points are). Up to six points form a
    ring; more are packed in a sunflower spiral. Lone points stay where they are.

    >>> (dodge(np.array([[0.0, 0.0], [0.0, 0.0], [5.0, 5.0]]), 1.0).round(2) + 0).tolist()
    [[-0.5, 0.0], [0.5, 0.0], [5.0, 5.0]]
    >>> (dodge(np.array([[0.0, 0.0], [0.2, 0.0]]), 1.0).round(2) + 0).tolist()
    [[-0.4, 0.0], [0.6, 0.0]]
    """
    out = xy.astype(float).copy()
    free = np.ones(len(xy), dtype=bool)
    for i in range(len(xy)):
        if not free[i]:
            continue
        rows = np.flatnonzero(free & (np.hypot(*(xy - xy[i]).T) < step / 2))
        free[rows] = False
        n = len(rows)
        if n < 2:
            continue
        centre = xy[rows].mean(axis=0)
        k = np.arange(n, dtype=float)
        if n <= 6:
            ring = step / (2 * math.sin(math.pi / n)) if n > 2 else step / 2
            radius = np.full(n, ring)
            angles = math.pi + 2 * math.pi * k / n
        else:
            radius = step * 0.55 * np.sqrt(k + 0.5)
            angles = k * math.pi * (3 - math.sqrt(5))
        out[rows, 0] = centre[0] + radius * np.cos(angles)
        out[rows, 1] = centre[1] + radius * np.sin(angles)
    return out


def visible(proj: Projected, limits: Limits) -> np.ndarray:
    x0, y0, x1, y1 = limits
    b = proj.bounds
    return (b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1)


def fit_limits(frame: Limits, box_w: float, box_h: float, east: float = 0.5) -> Limits:
    """Grow ``frame`` to the box's aspect; extra width goes ``east`` (0..1) of it."""
    x0, y0, x1, y1 = frame
    w, h = x1 - x0, y1 - y0
    target = box_w / box_h
    if w / h < target:
        extra = h * target - w
        x0, x1 = x0 - extra * (1 - east), x1 + extra * east
    else:
        extra = w / target - h
        y0, y1 = y0 - extra / 2, y1 + extra / 2
    return x0, y0, x1, y1
