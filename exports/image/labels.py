"""Names on the map images: belt names first, then municipality names, never overlapping.

Each label is tried at its place, then at positions around it (nearest first); a label
moved away from its place gets a thin leader line back to it. Labels keep clear of one
another, of the reserved boxes (north arrow, scale bar, inset) and, where they can, of
the site markers. A label that finds no room is left out rather than drawn over another.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from exports.image.text import Typesetter
from layers.style import PAPER, LabelStyle

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 of a label or marker, in display pixels."""

Item = tuple[float, float, str, int]
"""A label: x, y (data), text and the row of the geometry it names."""

RINGS = 7
"""How many rings of positions around its place a label tries."""
LABEL_GID = "kca-label"
"""The ``gid`` of every map label (the tests find them by it)."""


def _overlaps(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def offsets(w: float, h: float, rings: int = RINGS) -> list[tuple[float, float]]:
    """Positions to try around a place, nearest first: its own, then rings of 12.

    >>> offsets(10, 4)[:3]
    [(0.0, 0.0), (0.0, 4.4), (0.0, -4.4)]
    """
    out = [(0.0, 0.0)]
    step_y, step_x = 1.1 * h, max(0.55 * w, 1.1 * h)
    for ring in range(1, rings + 1):
        for k in (0, 6, 3, 9, 1, 5, 7, 11, 2, 4, 8, 10):
            angle = math.pi / 2 + k * math.pi / 6
            out.append(
                (
                    round(ring * step_x * math.cos(angle), 6) + 0.0,
                    round(ring * step_y * math.sin(angle), 6) + 0.0,
                )
            )
    return out


@dataclass
class Placement:
    """Where labels may go: the axes' frame, the labels placed, the markers to avoid and
    the boxes no label may take."""

    frame: Bbox
    placed: list[Box]
    markers: list[Box]
    reserved: list[Box]

    def fits(self, box: Box, avoid_markers: bool) -> bool:
        """Whether ``box`` is inside the frame and clear of labels, reserved boxes and
        (when ``avoid_markers``) markers."""
        inside = (
            self.frame.x0 <= box[0]
            and box[2] <= self.frame.x1
            and self.frame.y0 <= box[1]
            and box[3] <= self.frame.y1
        )
        return (
            inside
            and not _overlaps(box, self.placed)
            and not _overlaps(box, self.reserved)
            and not (avoid_markers and _overlaps(box, self.markers))
        )

    def choose(
        self,
        px: float,
        py: float,
        w: float,
        h: float,
        rings: int,
        home: Callable[[float, float], bool] | None = None,
    ) -> Box | None:
        """The nearest box of size w × h around (px, py) that fits: centred in its own
        area (``home``, display pixels) and clear of markers if any is, then anywhere
        clear of markers, then clear of labels only."""
        spots = offsets(w, h, rings)
        for avoid_markers, at_home in ((True, home), (True, None), (False, None)):
            for dx, dy in spots:
                cx, cy = px + dx, py + dy
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if (at_home is None or at_home(cx, cy)) and self.fits(box, avoid_markers):
                    return box
        return None


def _leader(ax: Axes, anchor: tuple[float, float], box: Box, color: str, scale: float) -> None:
    """A thin line from the label's place to the nearest point of its box (display px)."""
    x = min(max(anchor[0], box[0]), box[2])
    y = min(max(anchor[1], box[1]), box[3])
    inv = ax.transData.inverted()
    (ax_, ay), (bx, by) = inv.transform([anchor, (x, y)])
    line = Line2D([ax_, bx], [ay, by], color=color, lw=0.6 * scale, zorder=4.5, alpha=0.8)
    ax.add_line(line)


def place_labels(
    ax: Axes,
    items: list[Item],
    label: LabelStyle | list[LabelStyle],
    ts: Typesetter,
    room: Placement,
    rings: int = RINGS,
    homes: Sequence[shapely.Geometry] | None = None,
) -> list[str]:
    """Labels near data points, clear of the labels already placed (which they join).

    ``label`` is one style for all or one per item; ``homes`` (by the items' rows) are
    the areas the labels name, where they are kept when they can be. Returns the texts
    left out for want of room.
    """
    styles = label if isinstance(label, list) else [label] * len(items)
    inverse = ax.transData.inverted()
    halo = [patheffects.withStroke(linewidth=3 * ts.scale, foreground=PAPER)]
    px_per_pt = ts.fig.dpi / 72
    left_out: list[str] = []
    for (x, y, text, row), style in zip(items, styles, strict=True):
        prop = ts.font(style.print_pt, bold=style.bold)
        px, py = ax.transData.transform((x, y))
        w = ts.width_pt(text, prop) * px_per_pt + 4 * ts.scale
        h = prop.get_size_in_points() * 1.3 * px_per_pt
        area = homes[row] if homes is not None else None

        def at_home(cx: float, cy: float, area: shapely.Geometry | None = area) -> bool:
            return area is None or bool(shapely.contains_xy(area, *inverse.transform((cx, cy))))

        chosen = room.choose(px, py, w, h, rings, at_home)
        if chosen is None:
            left_out.append(text)
            continue
        room.placed.append(chosen)
        cx, cy = (chosen[0] + chosen[2]) / 2, (chosen[1] + chosen[3]) / 2
        if math.hypot(cx - px, cy - py) > 2.4 * h:
            _leader(ax, (px, py), chosen, style.color, ts.scale)
        tx, ty = ax.transData.inverted().transform((cx, cy))
        ax.text(
            tx,
            ty,
            text,
            fontproperties=prop,
            color=style.color,
            ha="center",
            va="center",
            zorder=6,
            path_effects=halo,
            clip_on=True,
            gid=LABEL_GID,
        )
    return left_out


def largest_first(
    geoms: gpd.GeoSeries,
    names: list[str],
    keep: np.ndarray | None = None,
    limits: tuple[float, float, float, float] | None = None,
) -> list[Item]:
    """(x, y, name, row) at each geometry's representative point (of the part inside
    ``limits``, of those ``keep`` marks), larger areas first."""
    order = np.argsort(-geoms.area.to_numpy())
    if keep is not None:
        order = order[keep[order]]
    window = shapely.box(*limits) if limits is not None else None
    items = []
    for i in order:
        geom = geoms.iloc[i]
        if window is not None:
            geom = geom.intersection(window)
            if geom.is_empty:
                continue
        point = geom.representative_point()
        items.append((point.x, point.y, names[i], int(i)))
    return items
