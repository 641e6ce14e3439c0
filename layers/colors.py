"""Perceptual colour distance: CIELAB (D65) and CIEDE2000, for checking palettes.

The industry colours, the no-data greys and the sequential classes must be told apart on
screen and in print; :func:`delta_e` says by how much two colours differ (CIEDE2000,
Sharma, Wu & Dalal 2005). :data:`DISTINCT` is the smallest difference the atlas accepts
between two colours that mean different things.

>>> round(delta_e_lab((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)), 4)  # Sharma pair 1
2.0425
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgb

DISTINCT = 10.0
"""Smallest CIEDE2000 difference between two colours with different meanings. About 2
is a just-noticeable difference side by side; 10 keeps small patches apart when they are
not side by side (a region against the legend), on screen and in print."""

_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_WHITE = np.array([0.95047, 1.0, 1.08883])


def to_lab(color: str) -> tuple[float, float, float]:
    """A colour (hex or name) as CIELAB under D65.

    >>> [abs(round(v, 1)) for v in to_lab("#ffffff")], [abs(round(v, 1)) for v in to_lab("#000000")]
    ([100.0, 0.0, 0.0], [0.0, 0.0, 0.0])
    """
    rgb = np.array(to_rgb(color))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = _XYZ @ linear / _WHITE
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return float(116 * f[1] - 16), float(500 * (f[0] - f[1])), float(200 * (f[1] - f[2]))


def _mean_hue(h1: float, h2: float, chroma_product: float) -> float:
    if chroma_product == 0:
        return h1 + h2
    if abs(h1 - h2) <= 180:
        return (h1 + h2) / 2
    return (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2


def _hue_difference(h1: float, h2: float, chroma_product: float) -> float:
    if chroma_product == 0:
        return 0.0
    dh = h2 - h1
    return dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh


def delta_e_lab(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 difference of two CIELAB colours."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1 = math.degrees(math.atan2(b1, a1p)) % 360
    h2 = math.degrees(math.atan2(b2, a2p)) % 360
    dh = _hue_difference(h1, h2, c1 * c2)
    d_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean_p, h_mean = (l1 + l2) / 2, (c1 + c2) / 2, _mean_hue(h1, h2, c1 * c2)
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    rotation = -math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))) * (
        2 * math.sqrt(c_mean_p**7 / (c_mean_p**7 + 25**7))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * c_mean_p, 1 + 0.015 * c_mean_p * t
    dl, dc, dhh = (l2 - l1) / sl, (c2 - c1) / sc, d_hue / sh
    return math.sqrt(dl**2 + dc**2 + dhh**2 + rotation * dc * dhh)


def delta_e(color1: str, color2: str) -> float:
    """CIEDE2000 difference of two colours given as hex (or matplotlib names).

    >>> round(delta_e("#DDDDDD", "#d9d9d9"), 1)  # the old root_mixed and no-data grey
    0.9
    """
    return delta_e_lab(to_lab(color1), to_lab(color2))
