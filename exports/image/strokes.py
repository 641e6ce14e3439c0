"""Entries of the style table (``layers.style``) as matplotlib styling, for the images.

Widths are the table's screen pixels at ``PRINT_PT_PER_PX`` points each, times the page's
scale; dash patterns keep the table's proportion of dash to width (matplotlib scales
dashes by the line width), so a dashed ring or belt looks as on the web map.
"""

from __future__ import annotations

import matplotlib as mpl

from layers.style import PRINT_PT_PER_PX, AreaStyle, MarkerStyle

LineStyle = str | tuple[float, tuple[float, ...]]


def width_pt(width_px: float, scale: float) -> float:
    """A stroke width of the table in points of an image at ``scale``.

    >>> width_pt(2.0, 1.5)
    1.8
    """
    return round(width_px * PRINT_PT_PER_PX * scale, 6)


def dashes(dash: tuple[float, ...] | None, width_px: float) -> LineStyle:
    """A dash pattern of the table as a matplotlib line style (in units of line width).

    >>> dashes((3.0, 3.0), 2.0), dashes(None, 1.0)
    ((0, (1.5, 1.5)), 'solid')
    """
    if dash is None:
        return "solid"
    return (0, tuple(d / width_px for d in dash))


def marker_kwargs(style: MarkerStyle, scale: float) -> dict[str, object]:
    """Edge colour, width and line style of a marker for ``Axes.scatter`` or a patch."""
    return {
        "edgecolors": style.stroke,
        "linewidths": width_pt(style.stroke_width, scale),
        "linestyles": dashes(style.dash, style.stroke_width),
    }


def fill_rgba(color: str, opacity: float) -> tuple[float, float, float, float]:
    """A fill colour with the table's opacity."""
    return mpl.colors.to_rgba(color, opacity)


def area_kwargs(style: AreaStyle, scale: float) -> dict[str, object]:
    """Face and edge of an outlined area for a ``PathCollection`` or a patch."""
    return {
        "facecolors": fill_rgba(style.fill, style.fill_opacity),
        "edgecolors": style.stroke,
        "linewidths": width_pt(style.stroke_width, scale),
        "linestyles": dashes(style.dash, style.stroke_width),
    }


def patch_kwargs(collection_kwargs: dict[str, object]) -> dict[str, object]:
    """Collection keywords (plural) as the singular keywords of a patch."""
    names = {"facecolors": "facecolor", "edgecolors": "edgecolor"}
    names |= {"linewidths": "lw", "linestyles": "linestyle"}
    return {names[k]: v for k, v in collection_kwargs.items()}
