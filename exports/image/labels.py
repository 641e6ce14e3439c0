"""Names on the map images: belt names first, then municipality names where room is left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

from exports.image.text import Typesetter
from layers.style import PAPER, LabelStyle

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 of a label or marker, in display pixels."""

Attempts = Sequence[tuple[tuple[int, ...], bool | None]]
"""Line steps to try, each with: keep clear of markers (True), of labels only (False),
or take the place whatever it covers (None)."""

REQUIRED: Attempts = ((0, 1, -1, 2, -2), True), ((0, 1, -1, 2, -2, 3, -3), False), ((0,), None)
"""A required label moves up or down a line at a time, at worst stays at its point."""
OPTIONAL: Attempts = (((0,), True),)
"""Other labels are drawn at their point only, when clear of labels and markers."""


def _overlaps(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


@dataclass
class Placement:
    """Where labels may go: the axes' frame, the labels placed, the markers to avoid."""

    frame: Bbox
    placed: list[Box]
    markers: list[Box]

    def fits(self, box: Box, avoid_markers: bool | None) -> bool:
        """Whether ``box`` may be taken under the attempt's rule."""
        if avoid_markers is None:
            return True
        return (
            self.frame.y0 <= box[1]
            and box[3] <= self.frame.y1
            and not _overlaps(box, self.placed)
            and not (avoid_markers and _overlaps(box, self.markers))
        )

    def choose(self, px: float, py: float, w: float, h: float, attempts: Attempts) -> Box | None:
        """The first box, centred at px and a whole number of lines from py, that fits."""
        for steps, avoid_markers in attempts:
            for step in steps:
                box = (px - w / 2, py + step * h - h / 2, px + w / 2, py + step * h + h / 2)
                if self.fits(box, avoid_markers):
                    return box
        return None


def place_labels(
    ax: Axes,
    items: list[tuple[float, float, str]],
    label: LabelStyle,
    ts: Typesetter,
    room: Placement,
    attempts: Attempts,
) -> None:
    """Labels centred at data points, clear of the labels already placed (which they join).

    Every label tries to keep clear of the markers as well; see :data:`REQUIRED` and
    :data:`OPTIONAL` for how far it may move. Labels that find no room are left out.
    """
    prop = ts.font(label.print_pt, bold=label.bold)
    halo = [patheffects.withStroke(linewidth=3 * ts.scale, foreground=PAPER)]
    px_per_pt = ts.fig.dpi / 72
    frame = room.frame
    for x, y, text in items:
        px, py = ax.transData.transform((x, y))
        if not (frame.x0 <= px <= frame.x1 and frame.y0 <= py <= frame.y1):
            continue
        w = ts.width_pt(text, prop) * px_per_pt + 4 * ts.scale
        h = prop.get_size_in_points() * 1.35 * px_per_pt
        px = min(max(px, frame.x0 + w / 2 + 2), frame.x1 - w / 2 - 2)
        chosen = room.choose(px, py, w, h, attempts)
        if chosen is None:
            continue
        room.placed.append(chosen)
        tx, ty = ax.transData.inverted().transform((px, (chosen[1] + chosen[3]) / 2))
        ax.text(
            tx,
            ty,
            text,
            fontproperties=prop,
            color=label.color,
            ha="center",
            va="center",
            zorder=6,
            path_effects=halo,
            clip_on=True,
        )


def largest_first(
    geoms: gpd.GeoSeries, names: list[str], keep: np.ndarray | None = None
) -> list[tuple[float, float, str]]:
    """(x, y, name) at each geometry's representative point (of those ``keep`` marks),
    larger areas first."""
    order = np.argsort(-geoms.area.to_numpy())
    if keep is not None:
        order = order[keep[order]]
    items = []
    for i in order:
        point = geoms.iloc[i].representative_point()
        items.append((point.x, point.y, names[i]))
    return items
