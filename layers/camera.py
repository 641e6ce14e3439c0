"""Where the web map looks: a centre and zoom that fit sites into a map of a given size.

Leaflet's own arithmetic (Web Mercator, 256-pixel tiles, zoom snapped to the map's
``zoomSnap``), done on the server so the app can move the mounted map with
``st_folium(center=..., zoom=...)`` instead of remounting it. Pure Python: no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

TILE_PX = 256
"""Pixels of the whole world's width at zoom 0."""
ZOOM_SNAP = 0.25
"""The web map's ``zoom_snap`` (``layers.webmap.base_map``): zooms are multiples of it."""
FIT_MAX_ZOOM = 11.0
"""Closest zoom a fit goes to, for one site (no extent) or sites close together: a
municipality and its neighbours (most sites stand at their municipality or 읍면동)."""
FIT_MIN_ZOOM = 4.0
"""Farthest zoom a fit goes to (the whole country fits at about 6.5 on a laptop)."""
PADDING_PX = 48
"""Margin kept between the fitted sites and each edge of the map."""
MAX_LAT = 85.0511287798
"""Web Mercator's latitude limit."""

Bounds = tuple[tuple[float, float], tuple[float, float]]
"""South-west and north-east corners, (lat, lon) each."""


class Camera(NamedTuple):
    """A map centre (degrees) and Leaflet zoom."""

    lat: float
    lon: float
    zoom: float


def project(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator of a point as fractions of the world (x east, y south), each 0..1.

    >>> project(0.0, 0.0)
    (0.5, 0.5)
    """
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    sin = math.sin(math.radians(lat))
    y = 0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    return (lon + 180.0) / 360.0, y


def unproject(x: float, y: float) -> tuple[float, float]:
    """The point (lat, lon) of Web Mercator world fractions (inverse of :func:`project`)."""
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
    return lat, x * 360.0 - 180.0


def _check_bounds(bounds: Bounds) -> None:
    (south, west), (north, east) = bounds
    if not (south <= north and west <= east):
        raise ValueError(
            f"bounds must be ((south, west), (north, east)) with south <= north and "
            f"west <= east; got {bounds!r}"
        )


def fit_camera(
    bounds: Bounds,
    size_px: tuple[float, float],
    padding_px: float = PADDING_PX,
    max_zoom: float = FIT_MAX_ZOOM,
    snap: float = ZOOM_SNAP,
) -> Camera:
    """The centre and zoom at which ``bounds`` fill a map of ``size_px`` (Leaflet's
    ``fitBounds``: the closest snapped zoom at which they fit inside the padding).

    Parameters
    ----------
    bounds : ((south, west), (north, east))
        Degrees; a single point (no extent) is allowed.
    size_px : (width, height)
        The map's size on screen, pixels.
    padding_px : float
        Margin on each side, pixels (less where the map is too small for it).
    max_zoom : float
        Closest zoom (for a point or a very small area).
    snap : float
        Zoom step; the zoom is rounded down to a multiple of it.

    Returns
    -------
    Camera
        Centre (the middle of the bounds in Web Mercator) and zoom, between
        :data:`FIT_MIN_ZOOM` and ``max_zoom``.

    >>> fit_camera(((35.0, 128.0), (35.0, 128.0)), (800, 600)).zoom
    11.0
    """
    _check_bounds(bounds)
    (south, west), (north, east) = bounds
    x0, y1 = project(south, west)
    x1, y0 = project(north, east)
    width, height = size_px
    usable_w = max(width - 2 * padding_px, width / 2, 1.0)
    usable_h = max(height - 2 * padding_px, height / 2, 1.0)
    zooms = [max_zoom]
    for extent, usable in ((x1 - x0, usable_w), (y1 - y0, usable_h)):
        if extent > 0:
            zooms.append(math.log2(usable / (extent * TILE_PX)))
    zoom = math.floor(round(min(zooms) / snap, 6)) * snap
    lat, lon = unproject((x0 + x1) / 2, (y0 + y1) / 2)
    return Camera(round(lat, 6), round(lon, 6), max(FIT_MIN_ZOOM, min(max_zoom, zoom)))


def map_size_px(bounds: Mapping[str, Mapping[str, float]], zoom: float) -> tuple[int, int] | None:
    """The map's size on screen, from the bounds and zoom ``st_folium`` returns
    (``{"_southWest": {"lat", "lng"}, "_northEast": {...}}``); None when they are not
    numbers.

    >>> map_size_px({"_southWest": {"lat": 0, "lng": 0}, "_northEast": {"lat": 0, "lng": 90}}, 2)
    (256, 0)
    """
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]
        x0, y1 = project(float(south_west["lat"]), float(south_west["lng"]))
        x1, y0 = project(float(north_east["lat"]), float(north_east["lng"]))
        scale = TILE_PX * 2 ** float(zoom)
    except (KeyError, TypeError, ValueError):
        return None
    return round((x1 - x0) * scale), round((y1 - y0) * scale)


def sites_bounds(sites: pd.DataFrame) -> Bounds | None:
    """South-west and north-east corners of the sites' markers (their point geometry);
    None when no site has one."""
    if "geometry" not in sites or sites.empty:
        return None
    points = sites.geometry
    points = points[points.notna() & ~points.is_empty]
    if points.empty:
        return None
    xs, ys = points.x, points.y
    return (float(ys.min()), float(xs.min())), (float(ys.max()), float(xs.max()))


def distinct(camera: Camera, turn: int) -> Camera:
    """``camera`` made different from the one asked for on the previous ``turn``.

    ``st_folium`` moves the map only when the centre or zoom it is given differs from
    the last one it was given; asking twice for the same place (after the user panned
    away) would do nothing. Odd turns move the centre by 1e-6 degrees (about 10 cm) and
    the zoom by 1e-3, which Leaflet's zoom snap rounds away.

    >>> distinct(Camera(35.0, 128.0, 12.0), 1)
    Camera(lat=35.000001, lon=128.0, zoom=12.001)
    """
    if turn % 2 == 0:
        return camera
    return Camera(camera.lat + 1e-6, camera.lon, camera.zoom + 1e-3)
