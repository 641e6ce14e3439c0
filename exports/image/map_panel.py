"""The map of an image: regions, province outlines, belts, labels, sites, scale and north."""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.patches import FancyArrow
from matplotlib.path import Path
from matplotlib_scalebar.scalebar import ScaleBar

from exports.fonts import FAMILY, font_path
from exports.image.geometry import Limits, Projected, dodge, points, projected, visible
from exports.image.labels import Box, Placement, largest_first, place_labels
from exports.image.strokes import area_kwargs, fill_rgba, marker_kwargs, width_pt
from exports.image.text import Typesetter
from layers.atlas import AtlasData
from layers.style import (
    INK,
    LABELS,
    MARKERS,
    NO_DATA_COLOR,
    PROVINCE_LINE,
    REGION_LINE,
    SEA_COLOR,
    AreaStyle,
    LabelStyle,
    belt_style,
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
    belt_styles: list[AreaStyle]
    site_xy: np.ndarray
    site_colors: list[str]
    site_approx: np.ndarray
    site_user: np.ndarray
    site_counts: np.ndarray | None = None
    """Designations per marker (a badge is drawn where more than one)."""


@dataclass(frozen=True)
class Detail:
    """How much a map shows: marker radius (points), belt names, fine borders and the
    province (Ministry code) whose municipalities are named ("*": every municipality
    in the frame, as room allows)."""

    marker_pt: float
    label_belts: bool
    fine: bool
    label_regions: str | None = None


INSET = Detail(4.2, label_belts=False, fine=True)


def map_layers(data: AtlasData, view: View, sites: gpd.GeoDataFrame, fills: pd.Series) -> MapLayers:
    """The view's layers projected to EPSG:5179, with fills, names and marker kinds."""
    regions = projected(data, view.level)
    fill = [str(fills.get(c, NO_DATA_COLOR)) for c in regions.frame["code"]]
    provinces = projected(data, "sido") if view.level != "sido" else None
    show_belts = view.belts and data.belts is not None and not data.belts.empty
    belts = projected(data, "belts") if show_belts else None
    labels = [str(n) for n in belts.frame[f"name_{view.lang}"]] if belts is not None else []
    ids = belts.frame["belt_id"] if belts is not None and "belt_id" in belts.frame else []
    styles = [belt_style(str(b)) for b in ids] if belts is not None else []
    if belts is not None and len(styles) != len(belts.paths):
        styles = [belt_style("")] * len(belts.paths)
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
        styles,
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
        scale = s * (1 if detail.label_belts else 0.5)
        looks = [area_kwargs(style, scale) for style in layers.belt_styles]
        _add_paths(
            ax,
            layers.belts.paths,
            3,
            facecolors=[k["facecolors"] for k in looks],
            edgecolors=[k["edgecolors"] for k in looks],
            linewidths=[k["linewidths"] for k in looks],
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
    cited point, 읍면동, municipality, province-wide), uploaded records on top; a complex
    with several designations gets a badge with their number."""
    colors = np.asarray(layers.site_colors)
    for uploaded in (False, True):
        for precision in ("point", "emd", "sgg", "sido"):
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


def _belt_label(style: AreaStyle) -> LabelStyle:
    """A belt's name in its own colour, darkened for reading over fills."""
    r, g, b = mpl.colors.to_rgb(style.stroke)
    dark = mpl.colors.to_hex((r * 0.7, g * 0.7, b * 0.7))
    return replace(LABELS["belt"], color=dark)


def _draw_labels(
    ax: Axes,
    layers: MapLayers,
    ts: Typesetter,
    detail: Detail,
    obstacles: list[Box],
    reserved: list[Box],
) -> list[str]:
    """Belt names (larger belts first), then region names, none over another.

    All keep clear of ``reserved`` (north arrow, scale bar, inset; display pixels) and,
    where they can, of ``obstacles`` (site markers). Region names are those of the
    municipalities of ``detail.label_regions``, on municipality maps. Returns the names
    left out for want of room.
    """
    room = Placement(ax.get_window_extent(ts.renderer), [], obstacles, reserved)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    limits = (x0, y0, x1, y1)
    left_out: list[str] = []
    if detail.label_belts and layers.belts is not None:
        items = largest_first(layers.belts.frame.geometry, layers.belt_labels, limits=limits)
        styles = [_belt_label(layers.belt_styles[item[3]]) for item in items]
        left_out += place_labels(ax, items, styles, ts, room)
    frame = layers.regions.frame
    if detail.label_regions and "parent_code_moi" in frame:
        if detail.label_regions == "*":
            inside = np.ones(len(frame), dtype=bool)
        else:
            inside = (frame["parent_code_moi"] == detail.label_regions).to_numpy(copy=True)
        inside &= visible(layers.regions, limits)
        items = largest_first(frame.geometry, layers.region_names, inside, limits)
        rings = 2 if detail.label_regions == "*" else 7
        homes = frame.geometry.to_numpy()
        left_out += place_labels(ax, items, LABELS["region"], ts, room, rings, homes)
    return left_out


def draw_map(
    ax: Axes,
    layers: MapLayers,
    limits: Limits,
    ts: Typesetter,
    detail: Detail,
    reserved: list[Box] | None = None,
) -> list[str]:
    """Regions, province outlines, belts, labels and sites in ``ax`` limited to ``limits``;
    labels keep clear of ``reserved`` (display pixels). Returns the names left out."""
    _set_frame(ax, limits)
    _draw_areas(ax, layers, limits, ts.scale, detail)
    xy, obstacles = _spread_sites(ax, layers, ts, detail)
    left_out = _draw_labels(ax, layers, ts, detail, obstacles, reserved or [])
    if len(xy):
        _draw_sites(ax, layers, xy, ts.scale, detail)
    return left_out


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
