"""The map of an image: regions, province outlines, belts, labels, sites, scale and north."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.patches import FancyArrow
from matplotlib.path import Path
from matplotlib_scalebar.scalebar import ScaleBar

from exports.fonts import FAMILY, font_path
from exports.image.geometry import Limits, Projected, dodge, points, projected, visible
from exports.image.labels import OPTIONAL, REQUIRED, Box, Placement, largest_first, place_labels
from exports.image.strokes import area_kwargs, fill_rgba, marker_kwargs, width_pt
from exports.image.text import Typesetter
from layers.atlas import AtlasData
from layers.style import (
    BELT,
    INK,
    LABELS,
    MARKERS,
    NO_DATA_COLOR,
    PROVINCE_LINE,
    REGION_LINE,
    SEA_COLOR,
    marker_style,
)
from layers.symbology import marker_frame
from layers.view import View


@dataclass(frozen=True)
class MapLayers:
    """What the map axes draw, computed once for the main map and the inset."""

    regions: Projected
    region_names: list[str]
    fills: list[str]
    provinces: Projected | None
    belts: Projected | None
    belt_labels: list[str]
    site_xy: np.ndarray
    site_colors: list[str]
    site_approx: np.ndarray
    site_user: np.ndarray
    site_counts: np.ndarray | None = None
    """Designations per marker (a badge is drawn where more than one)."""


@dataclass(frozen=True)
class Detail:
    """How much a map shows: marker radius (points), belt names, fine borders and the
    province (Ministry code) whose municipalities are named."""

    marker_pt: float
    label_belts: bool
    fine: bool
    label_regions: str | None = None


NATIONAL = Detail(4.2, label_belts=False, fine=False)
INSET = Detail(4.2, label_belts=True, fine=True)


def map_layers(data: AtlasData, view: View, sites: gpd.GeoDataFrame, fills: pd.Series) -> MapLayers:
    """The view's layers projected to EPSG:5179, with fills, names and marker kinds."""
    regions = projected(data, view.level)
    fill = [str(fills.get(c, NO_DATA_COLOR)) for c in regions.frame["code"]]
    provinces = projected(data, "sido") if view.level != "sido" else None
    show_belts = view.belts and data.belts is not None and not data.belts.empty
    belts = projected(data, "belts") if show_belts else None
    labels = [str(n) for n in belts.frame[f"name_{view.lang}"]] if belts is not None else []
    shown = marker_frame(sites, data) if view.sites else marker_frame(sites.iloc[:0], data)
    if "geometry" in shown.columns and len(shown):
        xy, located = points(gpd.GeoDataFrame(shown, geometry="geometry", crs=sites.crs))
    else:
        xy, located = np.zeros((0, 2)), shown
    names = [str(n) for n in regions.frame[f"name_{view.lang}"]]
    return MapLayers(
        regions,
        names,
        fill,
        provinces,
        belts,
        labels,
        xy,
        [str(c) for c in located.get("color", [])],
        np.asarray(located.get("precision", []), dtype=object),
        np.asarray(located.get("uploaded", []), dtype=bool),
        np.asarray(located.get("designations", []), dtype=int),
    )


def _add_paths(ax: Axes, paths: list[Path], zorder: float, **style: object) -> None:
    coll = PathCollection(paths, zorder=zorder, **style)  # type: ignore[arg-type]
    ax.add_collection(coll, autolim=False)


def _set_frame(ax: Axes, limits: Limits) -> None:
    x0, y0, x1, y1 = limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.set_facecolor(SEA_COLOR)
    ax.set_xticks([])
    ax.set_yticks([])


def _draw_areas(ax: Axes, layers: MapLayers, limits: Limits, s: float, detail: Detail) -> None:
    """Region fills and borders, province outlines and belts."""
    keep = visible(layers.regions, limits)
    paths = [p for p, k in zip(layers.regions.paths, keep, strict=True) if k]
    fills = [c for c, k in zip(layers.fills, keep, strict=True) if k]
    border = 1.0 if layers.provinces is not None and not detail.fine else 2.0
    line = REGION_LINE
    _add_paths(
        ax,
        paths,
        1,
        facecolors=fills,
        edgecolors=line.color,
        linewidths=width_pt(line.width, s) * border,
    )
    if layers.provinces is not None:
        keep = visible(layers.provinces, limits)
        outline = [p for p, k in zip(layers.provinces.paths, keep, strict=True) if k]
        lw = width_pt(PROVINCE_LINE.width, s)
        _add_paths(ax, outline, 2, facecolors="none", edgecolors=PROVINCE_LINE.color, linewidths=lw)
    if layers.belts is not None:
        _add_paths(
            ax, layers.belts.paths, 3, **area_kwargs(BELT, s * (1 if detail.label_belts else 0.5))
        )


def _spread_sites(
    ax: Axes, layers: MapLayers, ts: Typesetter, detail: Detail
) -> tuple[np.ndarray, list[Box]]:
    """Site positions spread apart where they share a place, and their boxes (display px)."""
    xy = layers.site_xy
    if not len(xy):
        return xy, []
    x0, x1 = ax.get_xlim()
    s = ts.scale
    units_per_pt = (x1 - x0) / (ax.get_position().width * ts.fig.get_figwidth() * 72)
    xy = dodge(xy, 1.7 * detail.marker_pt * s * units_per_pt)
    r = detail.marker_pt * s * ts.fig.dpi / 72
    return xy, [(px - r, py - r, px + r, py + r) for px, py in ax.transData.transform(xy)]


def _draw_sites(ax: Axes, layers: MapLayers, xy: np.ndarray, s: float, detail: Detail) -> None:
    """One marker per complex and municipality, by precision (``layers.style.marker_style``:
    cited point, 읍면동, municipality), uploaded records on top; a complex with several
    designations gets a badge with their number."""
    colors = np.asarray(layers.site_colors)
    for uploaded in (False, True):
        for precision in ("point", "emd", "sgg"):
            pick = (layers.site_approx == precision) & (layers.site_user == uploaded)
            if not pick.any():
                continue
            style = marker_style(precision, uploaded)
            radius = detail.marker_pt * style.radius / MARKERS["located"].radius * s
            ax.scatter(
                xy[pick, 0],
                xy[pick, 1],
                s=(2 * radius) ** 2,
                c=[fill_rgba(c, style.fill_opacity) for c in colors[pick]],
                zorder=5,
                **marker_kwargs(style, s),  # type: ignore[arg-type]
            )
    _draw_badges(ax, layers, xy, s, detail)


def _draw_badges(ax: Axes, layers: MapLayers, xy: np.ndarray, s: float, detail: Detail) -> None:
    """The number of designations beside each marker that lists more than one."""
    counts = layers.site_counts
    if counts is None or not len(counts):
        return
    offset = detail.marker_pt * s * 0.8
    for (x, y), n in zip(xy, counts, strict=True):
        if n > 1:
            ax.annotate(
                str(n),
                (x, y),
                xytext=(offset, offset),
                textcoords="offset points",
                fontsize=detail.marker_pt * s * 1.1,
                fontweight="bold",
                color=INK,
                zorder=6,
                bbox={"boxstyle": "round,pad=0.15", "fc": "#ffffff", "ec": INK, "lw": 0.3 * s},
            )


def _draw_labels(
    ax: Axes, layers: MapLayers, ts: Typesetter, detail: Detail, obstacles: list[Box]
) -> None:
    """Belt names (larger belts first, nudged apart), then region names where room is left.

    Both keep clear of ``obstacles`` (site markers, display pixels). Region names are
    those of the municipalities of ``detail.label_regions``, on municipality maps.
    """
    room = Placement(ax.get_window_extent(ts.renderer), [], obstacles)
    if detail.label_belts and layers.belts is not None:
        items = largest_first(layers.belts.frame.geometry, layers.belt_labels)
        place_labels(ax, items, LABELS["belt"], ts, room, REQUIRED)
    frame = layers.regions.frame
    if detail.label_regions and "parent_code_moi" in frame:
        inside = (frame["parent_code_moi"] == detail.label_regions).to_numpy()
        items = largest_first(frame.geometry, layers.region_names, inside)
        place_labels(ax, items, LABELS["region"], ts, room, OPTIONAL)


def draw_map(ax: Axes, layers: MapLayers, limits: Limits, ts: Typesetter, detail: Detail) -> None:
    """Regions, province outlines, belts, labels and sites in ``ax`` limited to ``limits``."""
    _set_frame(ax, limits)
    _draw_areas(ax, layers, limits, ts.scale, detail)
    xy, obstacles = _spread_sites(ax, layers, ts, detail)
    _draw_labels(ax, layers, ts, detail, obstacles)
    if len(xy):
        _draw_sites(ax, layers, xy, ts.scale, detail)


def add_scale_bar(ax: Axes, s: float) -> None:
    """A metric scale bar at the lower left (EPSG:5179 is in metres)."""
    scalebar = ScaleBar(
        1,
        "m",
        location="lower left",
        length_fraction=0.22,
        box_alpha=0.75,
        pad=0.4,
        border_pad=0.8,
        color=INK,
        rotation="horizontal-only",
        font_properties={"family": FAMILY, "fname": str(font_path("regular")), "size": 8.5 * s},
    )
    ax.add_artist(scalebar)


def north_arrow(ax: Axes, ts: Typesetter, x: float, y: float) -> None:
    """An arrow pointing up (grid north of EPSG:5179) with "N", at axes fraction x, y."""
    fig_h_pt = ts.fig.get_figheight() * 72
    ax_h_pt = ax.get_position().height * fig_h_pt
    length = 26 * ts.scale / ax_h_pt
    ax_w_pt = ax.get_position().width * ts.fig.get_figwidth() * 72
    width = 9 * ts.scale / ax_w_pt
    ax.add_patch(
        FancyArrow(
            x,
            y,
            0,
            length,
            width=width * 0.32,
            head_width=width,
            head_length=length * 0.45,
            length_includes_head=True,
            transform=ax.transAxes,
            color=INK,
            zorder=8,
        )
    )
    ax.text(
        x,
        y + length + 4 * ts.scale / ax_h_pt,
        "N",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontproperties=ts.font(11, bold=True),
        color=INK,
        zorder=8,
    )
