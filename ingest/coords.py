"""Coordinates as people write them, to WGS84 degrees, saying what was done.

Accepted: decimal degrees ("35.1234"), degrees-minutes-seconds text ("35°10'20.5\\"N",
"35도 10분 20.5초", "N 35 10 20.5"), latitude and longitude swapped (detected by range),
and metres in EPSG:5179 (UTM-K) or EPSG:5186 (Korea 2000 central belt), detected by range
and converted with pyproj.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from pyproj import Transformer

from geo.errors import BilingualError
from geo.records import LAT_RANGE, LON_RANGE


@dataclass(frozen=True)
class MetricCRS:
    """A projected CRS used in Korea and the easting/northing ranges Korea spans in it."""

    code: int
    name: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]


METRIC_CRS: tuple[MetricCRS, ...] = (
    MetricCRS(5179, "EPSG:5179 (UTM-K)", (600_000.0, 1_500_000.0), (1_400_000.0, 2_200_000.0)),
    MetricCRS(5186, "EPSG:5186 (Korea 2000 / Central Belt 2010)", (-100_000.0, 700_000.0),
              (0.0, 800_000.0)),
)  # fmt: skip
"""Metre systems detected by range, in order (their northings do not overlap)."""

_DMS = re.compile(
    r"^(?P<pre>[NSEW])?\s*(?P<deg>\d+(?:\.\d+)?)\s*(?:°|도|d|\s)\s*"
    r"(?:(?P<min>\d+(?:\.\d+)?)\s*(?:'|′|분|m|\s)\s*)?"
    r"(?:(?P<sec>\d+(?:\.\d+)?)\s*(?:\"|″|''|초|s)?\s*)?(?P<post>[NSEW])?$",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
HEMISPHERES = {"N": 1, "E": 1, "S": -1, "W": -1, "북위": 1, "동경": 1, "남위": -1, "서경": -1}


class CoordinateError(BilingualError, ValueError):
    """A coordinate text that cannot be read; ``en`` and ``ko`` say why."""


def parse_coordinate(text: str) -> tuple[float, bool]:
    """A number from decimal or DMS text; True when it was written as DMS.

    >>> parse_coordinate("35.5"), parse_coordinate("35°30'0\\"N")
    ((35.5, False), (35.5, True))
    >>> parse_coordinate("동경 129도 30분")
    (129.5, True)
    >>> parse_coordinate("35°30'S")
    (-35.5, True)
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    for mark, plain in (("º", "°"), ("˚", "°"), ("′′", '"'), ("″", '"'), ("′", "'")):
        clean = clean.replace(mark, plain)
    if _DECIMAL.match(clean):
        return float(clean), False
    sign = 1
    for word, factor in HEMISPHERES.items():
        if len(word) > 1 and clean.startswith(word):
            clean, sign = clean.removeprefix(word).strip(), factor
    found = _DMS.match(clean)
    if not found or (found["pre"] and found["post"]):
        raise CoordinateError(
            f"cannot read coordinate {text!r}; write decimal degrees (35.1723), "
            "degrees-minutes-seconds (35°10'20.5\"N) or metres (EPSG:5179/5186)",
            f"좌표 {text!r}을(를) 읽을 수 없습니다; 십진 도(35.1723), 도분초(35°10'20.5\"N) "
            "또는 미터(EPSG:5179/5186)로 쓰세요",
        )
    minutes, seconds = float(found["min"] or 0), float(found["sec"] or 0)
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError(
            f"coordinate {text!r} has minutes or seconds of 60 or more",
            f"좌표 {text!r}의 분 또는 초가 60 이상입니다",
        )
    hemisphere = (found["pre"] or found["post"] or "").upper()
    sign *= HEMISPHERES.get(hemisphere, 1)
    return sign * (float(found["deg"]) + minutes / 60 + seconds / 3600), True


def _in(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def in_korea(lon: float, lat: float) -> bool:
    """True inside the atlas's lon/lat box (lon 124–132, lat 33–39)."""
    return _in(lon, LON_RANGE) and _in(lat, LAT_RANGE)


@functools.lru_cache(maxsize=8)
def _to_wgs84(code: int) -> Transformer:
    return Transformer.from_crs(code, 4326, always_xy=True)


@dataclass(frozen=True)
class Point:
    """A resolved coordinate pair.

    Attributes
    ----------
    lon, lat : float
        WGS84 degrees (may lie outside Korea: the validator reports that).
    conversion : str
        "" (decimal degrees as given), "dms", "swapped", "dms+swapped" or an EPSG name
        (with "+swapped" when x and y were exchanged).
    """

    lon: float
    lat: float
    conversion: str = ""


def resolve_point(lon_text: str, lat_text: str) -> Point:
    """Read a lon/lat pair, detecting swapped degrees and Korean metre systems.

    >>> resolve_point("129.1", "35.2")
    Point(lon=129.1, lat=35.2, conversion='')
    >>> resolve_point("35.2", "129.1").conversion
    'swapped'
    >>> p = resolve_point("1144000", "1685000"); (round(p.lon, 2), round(p.lat, 2), p.conversion)
    (129.08, 35.15, 'EPSG:5179 (UTM-K)')

    Raises
    ------
    CoordinateError
        When a value cannot be read (lon and lat are told apart in the message).
    """
    x, x_dms = _parse(lon_text, "lon")
    y, y_dms = _parse(lat_text, "lat")
    dms = "dms" if (x_dms or y_dms) else ""
    if in_korea(x, y):
        return Point(x, y, dms)
    if in_korea(y, x):
        return Point(y, x, "+".join(filter(None, (dms, "swapped"))))
    if not dms and (abs(x) > 1000 or abs(y) > 1000):
        converted = _from_metres(x, y)
        if converted is not None:
            return converted
    return Point(x, y, dms)


def _parse(text: str, column: str) -> tuple[float, bool]:
    try:
        value, dms = parse_coordinate(text)
    except CoordinateError as exc:
        raise CoordinateError(f"{column}: {exc.en}", f"{column}: {exc.ko}") from exc
    if not math.isfinite(value):
        raise CoordinateError(f"{column}: {text!r} is not finite", f"{column}: {text!r} 무한값")
    return value, dms


def _from_metres(x: float, y: float) -> Point | None:
    for crs in METRIC_CRS:
        for a, b, swapped in ((x, y, False), (y, x, True)):
            if _in(a, crs.x_range) and _in(b, crs.y_range):
                lon, lat = _to_wgs84(crs.code).transform(a, b)
                if in_korea(lon, lat):
                    label = crs.name + ("+swapped" if swapped else "")
                    return Point(round(lon, 7), round(lat, 7), label)
    return None


def format_degrees(value: float) -> str:
    """Degrees as text with at most 7 decimals (about 1 cm).

    >>> format_degrees(129.10000000001), format_degrees(35.0)
    ('129.1', '35')
    """
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
