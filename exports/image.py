"""Static map images of a view (PNG, SVG, PDF) for slides and print.

Drawn with matplotlib's object API (``Figure`` + Agg canvas, no pyplot state), in the
metric CRS EPSG:5179, with the same region colours, site markers and belts as the web
map, a legend with units, a scale bar, a north arrow, the sources, the boundary
attribution and the export date. Text is set in NanumGothic from the project's
requirements, so Korean renders the same on every machine.
"""

from __future__ import annotations

import datetime
import io
import logging
import math
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrow, Rectangle
from matplotlib.path import Path
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Transformer

from exports.describe import Description, describe_view
from exports.fonts import FAMILY, font_path, korean_font, korean_font_bold
from geo.repair import DISPLAY_CRS, METRIC_CRS
from layers.atlas import SEA_COLOR, AtlasData, frame_bounds, region_style, sites_legend
from layers.belts import BELT_COLOR
from layers.classify import CLASSIFIERS
from layers.i18n import t
from layers.legend import LegendEntry, LegendSection
from layers.sites import UNKNOWN_COLOR
from layers.view import View, filter_sites


@dataclass(frozen=True)
class Preset:
    """A named image size.

    Attributes
    ----------
    width_px, height_px : int
        Pixel size of the PNG (the page size of SVG and PDF at ``dpi``).
    dpi : int
        Dots per inch written into the PNG; sets the physical size of SVG and PDF.
    label : str
        What the preset is for.
    focus : str or None
        A map frame the preset imposes (``layers.view.FOCUS``), e.g. "busan".
    """

    width_px: int
    height_px: int
    dpi: int
    label: str
    focus: str | None = None


PRESETS: dict[str, Preset] = {
    "slide": Preset(1920, 1080, 150, "16:9 slide, 1920 × 1080 px"),
    "a4": Preset(3508, 2480, 300, "A4 landscape (297 × 210 mm) at 300 dpi"),
    "busan": Preset(1920, 1080, 150, "16:9 slide framing Busan", focus="busan"),
}
"""Image sizes by name; ``width_px``, ``height_px`` and ``dpi`` override any of them."""

MAX_PX = 12_000
"""Largest side accepted, in pixels."""


@dataclass(frozen=True)
class ImageFormat:
    """An output format: matplotlib's format name and rcParams set while saving."""

    mime: str
    rc: dict[str, object]


FORMATS: dict[str, ImageFormat] = {
    "png": ImageFormat("image/png", {}),
    # Text stays text (searchable, editable); NanumGothic first, then common Korean fonts.
    "svg": ImageFormat("image/svg+xml", {"svg.fonttype": "none"}),
    # TrueType embedded (Type 42): text is extractable and Korean glyphs travel with the file.
    "pdf": ImageFormat("application/pdf", {"pdf.fonttype": 42}),
}
"""Output formats by name."""

SVG_FONT_FALLBACK = (
    "'NanumGothic', 'Nanum Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', "
    "'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
)

INK = "#222222"
MUTED = "#555555"
PROVINCE_LINE = "#555555"
BASE_WIDTH_IN, BASE_HEIGHT_IN = 12.8, 7.2
"""The slide preset's size in inches; text and line sizes scale from it."""

_save_lock = threading.Lock()
_cache_lock = threading.Lock()
_cache: dict[tuple[int, str], tuple[object, object]] = {}
_CACHE_SIZE = 8

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 of a label or marker, in display pixels."""

_to_metric = Transformer.from_crs(DISPLAY_CRS, METRIC_CRS, always_xy=True)


# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class Size:
    """The output's pixel size and dpi."""

    width_px: int
    height_px: int
    dpi: int

    @property
    def inches(self) -> tuple[float, float]:
        """Figure size in inches."""
        return self.width_px / self.dpi, self.height_px / self.dpi


def _check(name: str, allowed: Mapping[str, object], value: str) -> None:
    if value not in allowed:
        raise ValueError(f"Unknown {name} {value!r}; allowed: {', '.join(allowed)}")


def resolve_size(
    preset: str = "slide",
    width_px: int | None = None,
    height_px: int | None = None,
    dpi: int | None = None,
) -> Size:
    """The size of a preset with any of width, height and dpi overridden.

    >>> resolve_size("a4")
    Size(width_px=3508, height_px=2480, dpi=300)
    >>> resolve_size("slide", width_px=1280, height_px=720, dpi=96)
    Size(width_px=1280, height_px=720, dpi=96)
    """
    _check("preset", PRESETS, preset)
    base = PRESETS[preset]
    size = Size(
        base.width_px if width_px is None else int(width_px),
        base.height_px if height_px is None else int(height_px),
        base.dpi if dpi is None else int(dpi),
    )
    for name, value, low, high in (
        ("width_px", size.width_px, 200, MAX_PX),
        ("height_px", size.height_px, 200, MAX_PX),
        ("dpi", size.dpi, 30, 1200),
    ):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}; got {value}")
    return size


# --------------------------------------------------------------------------- geometry


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


def projected(data: AtlasData, key: str) -> Projected:
    """Regions of a level ("sido", "sgg") or the belts ("belts"), projected once per data.

    Cached per ``AtlasData`` object (its identity is checked, so a reused ``id`` never
    returns another object's geometry); the newest few are kept.
    """
    frame = data.belts if key == "belts" else data.regions[key]
    if frame is None:
        raise ValueError("The atlas has no belts")
    with _cache_lock:
        hit = _cache.get((id(data), key))
        if hit is not None and hit[0] is data:
            return hit[1]  # type: ignore[return-value]
    result = _project(frame)
    with _cache_lock:
        _cache[(id(data), key)] = (data, result)
        while len(_cache) > _CACHE_SIZE:
            del _cache[next(iter(_cache))]
    return result


def metric_frame(data: AtlasData, view: View) -> tuple[float, float, float, float]:
    """The view's frame (``layers.atlas.frame_bounds``) in EPSG:5179: x0, y0, x1, y1."""
    (south, west), (north, east) = frame_bounds(data, view)
    lons = np.linspace(west, east, 9)
    lats = np.linspace(south, north, 9)
    edge_lon = np.concatenate([lons, lons, np.full(9, west), np.full(9, east)])
    edge_lat = np.concatenate([np.full(9, south), np.full(9, north), lats, lats])
    x, y = _to_metric.transform(edge_lon, edge_lat)
    return float(np.min(x)), float(np.min(y)), float(np.max(x)), float(np.max(y))


def _points(sites: gpd.GeoDataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return np.zeros((0, 2)), located
    x, y = _to_metric.transform(located.geometry.x.to_numpy(), located.geometry.y.to_numpy())
    return np.column_stack([x, y]), located


def _belts_in(data: AtlasData, frame: tuple[float, float, float, float]) -> bool:
    """Whether any belt lies within ``frame`` (EPSG:5179)."""
    if data.belts is None or data.belts.empty:
        return False
    return bool(_visible(projected(data, "belts"), frame).any())


def _in_frame(sites: gpd.GeoDataFrame, limits: tuple[float, float, float, float]) -> pd.DataFrame:
    """The located sites inside ``limits`` (EPSG:5179)."""
    xy, located = _points(sites)
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


# --------------------------------------------------------------------------- text


class Typesetter:
    """Fonts scaled to the figure and text measured with the Agg renderer."""

    def __init__(self, fig: Figure, scale: float) -> None:
        self.fig = fig
        self.scale = scale
        self.renderer = FigureCanvasAgg(fig).get_renderer()

    def font(self, size: float, bold: bool = False) -> FontProperties:
        """NanumGothic at ``size`` points of the slide preset, scaled to this figure."""
        make = korean_font_bold if bold else korean_font
        return make(size * self.scale)

    def width_pt(self, text: str, prop: FontProperties) -> float:
        """Width of ``text`` in points."""
        w, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
        return float(w) * 72.0 / self.fig.dpi

    def wrap(self, text: str, prop: FontProperties, width_pt: float, max_lines: int = 3) -> str:
        """Greedy word wrap to ``width_pt``; the last line ends in "…" when cut."""
        lines: list[str] = []
        line = ""
        for w in text.split(" "):
            trial = f"{line} {w}" if line else w
            if line and self.width_pt(trial, prop) > width_pt:
                lines.append(line)
                line = w
            else:
                line = trial
        lines.append(line)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fit(lines[-1] + " …", prop, width_pt)
        return "\n".join(self.fit(x, prop, width_pt) for x in lines)

    def fit(self, text: str, prop: FontProperties, width_pt: float) -> str:
        """``text`` cut with "…" to fit ``width_pt``."""
        if self.width_pt(text, prop) <= width_pt:
            return text
        while len(text) > 1 and self.width_pt(text + "…", prop) > width_pt:
            text = text[:-1]
        return text.rstrip() + "…"


# --------------------------------------------------------------------------- drawing


@dataclass
class Snapshot:
    """A drawn figure and its parts (the tests read positions from the axes)."""

    figure: Figure
    map_ax: Axes
    legend_ax: Axes
    inset_ax: Axes | None
    description: Description
    size: Size


def _add_paths(ax: Axes, paths: list[Path], zorder: float, **style: object) -> None:
    coll = PathCollection(paths, zorder=zorder, **style)  # type: ignore[arg-type]
    ax.add_collection(coll, autolim=False)


def _visible(proj: Projected, limits: tuple[float, float, float, float]) -> np.ndarray:
    x0, y0, x1, y1 = limits
    b = proj.bounds
    return (b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1)


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


def _draw_map(
    ax: Axes,
    layers: MapLayers,
    limits: tuple[float, float, float, float],
    ts: Typesetter,
    marker_pt: float,
    label_belts: bool,
    fine: bool,
    label_regions: str | None = None,
) -> None:
    """Regions, province outlines, belts, labels and sites in ``ax`` limited to ``limits``."""
    x0, y0, x1, y1 = limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.set_facecolor(SEA_COLOR)
    ax.set_xticks([])
    ax.set_yticks([])
    s = ts.scale
    keep = _visible(layers.regions, limits)
    paths = [p for p, k in zip(layers.regions.paths, keep, strict=True) if k]
    fills = [c for c, k in zip(layers.fills, keep, strict=True) if k]
    border = 0.25 if layers.provinces is not None and not fine else 0.5
    _add_paths(ax, paths, 1, facecolors=fills, edgecolors="#ffffff", linewidths=border * s * 1.6)
    if layers.provinces is not None:
        keep = _visible(layers.provinces, limits)
        outline = [p for p, k in zip(layers.provinces.paths, keep, strict=True) if k]
        _add_paths(ax, outline, 2, facecolors="none", edgecolors=PROVINCE_LINE, linewidths=0.7 * s)
    if layers.belts is not None:
        _add_paths(
            ax,
            layers.belts.paths,
            3,
            facecolors=mpl.colors.to_rgba(BELT_COLOR, 0.12),
            edgecolors=BELT_COLOR,
            linewidths=(1.6 if label_belts else 0.8) * s,
            linestyles=(0, (4, 2.5)),
        )
    xy = layers.site_xy
    obstacles: list[Box] = []
    if len(xy):
        units_per_pt = (x1 - x0) / (ax.get_position().width * ts.fig.get_figwidth() * 72)
        xy = dodge(layers.site_xy, 1.7 * marker_pt * s * units_per_pt)
        r = marker_pt * s * ts.fig.dpi / 72
        obstacles = [(px - r, py - r, px + r, py + r) for px, py in ax.transData.transform(xy)]
    _labels(ax, layers, ts, belts=label_belts, province=label_regions, obstacles=obstacles)
    if len(xy):
        area = (marker_pt * s) ** 2 * 4
        for approx, alpha, style, width in (
            (False, 0.9, "solid", 0.6),
            (True, 0.55, (0, (2.2, 1.6)), 0.9),
        ):
            pick = layers.site_approx == approx
            if not pick.any():
                continue
            ax.scatter(
                xy[pick, 0],
                xy[pick, 1],
                s=area,
                c=[mpl.colors.to_rgba(c, alpha) for c in np.asarray(layers.site_colors)[pick]],
                edgecolors=INK,
                linewidths=width * s,
                linestyles=style,
                zorder=5,
            )


def _overlaps(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def _place_labels(
    ax: Axes,
    items: list[tuple[float, float, str]],
    prop: FontProperties,
    ts: Typesetter,
    placed: list[Box],
    markers: list[Box],
    color: str,
    required: bool,
) -> None:
    """Labels centred at data points, clear of ``placed`` labels (which they join).

    Every label tries to keep clear of ``markers`` as well. A ``required`` label moves up
    or down a line at a time to find room: first clear of labels and markers, then of
    labels only, and at worst stays at its point. Other labels that would overlap are
    left out.
    """
    halo = [patheffects.withStroke(linewidth=3 * ts.scale, foreground="#ffffff")]
    px_per_pt = ts.fig.dpi / 72
    frame = ax.get_window_extent(ts.renderer)
    if required:
        attempts = [((0, 1, -1, 2, -2), True), ((0, 1, -1, 2, -2, 3, -3), False), ((0,), None)]
    else:
        attempts = [((0,), True)]
    for x, y, label in items:
        px, py = ax.transData.transform((x, y))
        if not (frame.x0 <= px <= frame.x1 and frame.y0 <= py <= frame.y1):
            continue
        w = ts.width_pt(label, prop) * px_per_pt + 4 * ts.scale
        h = prop.get_size_in_points() * 1.35 * px_per_pt
        px = min(max(px, frame.x0 + w / 2 + 2), frame.x1 - w / 2 - 2)
        chosen: Box | None = None
        for steps, avoid_markers in attempts:
            for step in steps:
                box = (px - w / 2, py + step * h - h / 2, px + w / 2, py + step * h + h / 2)
                if avoid_markers is None or (
                    frame.y0 <= box[1]
                    and box[3] <= frame.y1
                    and not _overlaps(box, placed)
                    and not (avoid_markers and _overlaps(box, markers))
                ):
                    chosen = box
                    break
            if chosen is not None:
                break
        if chosen is None:
            continue
        placed.append(chosen)
        tx, ty = ax.transData.inverted().transform((px, (chosen[1] + chosen[3]) / 2))
        ax.text(
            tx,
            ty,
            label,
            fontproperties=prop,
            color=color,
            ha="center",
            va="center",
            zorder=6,
            path_effects=halo,
            clip_on=True,
        )


def _labels(
    ax: Axes,
    layers: MapLayers,
    ts: Typesetter,
    belts: bool,
    province: str | None,
    obstacles: list[Box],
) -> None:
    """Belt names (larger belts first, nudged apart), then region names where room is left.

    Both keep clear of ``obstacles`` (site markers, display pixels). Region names are
    those of the municipalities of ``province`` (Ministry code), on municipality maps.
    """
    placed: list[Box] = []
    if belts and layers.belts is not None:
        geoms = layers.belts.frame.geometry
        items = []
        for i in np.argsort(-geoms.area.to_numpy()):
            point = geoms.iloc[i].representative_point()
            items.append((point.x, point.y, layers.belt_labels[i]))
        prop = ts.font(9, bold=True)
        _place_labels(ax, items, prop, ts, placed, obstacles, "#4a0046", required=True)
    frame = layers.regions.frame
    if province and "parent_code_moi" in frame:
        order = np.argsort(-frame.geometry.area.to_numpy())
        items = []
        inside = (frame["parent_code_moi"] == province).to_numpy()
        for i in order[inside[order]]:
            point = frame.geometry.iloc[i].representative_point()
            items.append((point.x, point.y, layers.region_names[i]))
        _place_labels(ax, items, ts.font(7.5), ts, placed, obstacles, "#4d4d4d", required=False)


def _map_layers(
    data: AtlasData, view: View, sites: gpd.GeoDataFrame, fills: pd.Series
) -> MapLayers:
    regions = projected(data, view.level)
    codes = regions.frame["code"]
    fill = [str(fills.get(c, "#d9d9d9")) for c in codes]
    provinces = projected(data, "sido") if view.level != "sido" else None
    show_belts = view.belts and data.belts is not None and not data.belts.empty
    belts = projected(data, "belts") if show_belts else None
    labels: list[str] = []
    if belts is not None:
        labels = [str(n) for n in belts.frame[f"name_{view.lang}"]]
    xy, located = _points(sites) if view.sites else (np.zeros((0, 2)), sites.iloc[:0])
    palette = data.industry_colors()
    colors = [palette.get(str(i), UNKNOWN_COLOR) for i in located.get("industry", [])]
    approx = (
        (located["location"] == "municipality").to_numpy(dtype=bool)
        if "location" in located
        else np.zeros(len(located), dtype=bool)
    )
    names = [str(n) for n in regions.frame[f"name_{view.lang}"]]
    return MapLayers(regions, names, fill, provinces, belts, labels, xy, colors, approx)


def _fit_limits(
    frame: tuple[float, float, float, float], box_w: float, box_h: float, east: float = 0.5
) -> tuple[float, float, float, float]:
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


def _inset_layout(
    data: AtlasData,
    frame: tuple[float, float, float, float],
    max_w: float,
    box_h: float,
    scale: float,
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Map limits with room east of the land for a Busan inset, and the inset's box.

    Both in EPSG:5179 metres. The inset sits at the bottom right, clear of every
    municipality that reaches below its top edge (so it never hides Busan or the
    coast); it is as large as fits ``max_w`` (points) down to a third of the height.
    """
    x0, y0, x1, y1 = frame
    height = y1 - y0
    bounds = projected(data, "sgg").bounds
    best = None
    for share in (0.5, 0.46, 0.42, 0.38, 0.34):
        side = share * height
        pad = 0.025 * height
        top = y0 + pad + side
        land = bounds[bounds[:, 1] < top, 2]
        left = (float(land.max()) if len(land) else x0) + pad
        xmax = max(x1, left + side + pad)
        best = (x0, y0, xmax, y1), (left, y0 + pad, left + side, top)
        if (xmax - x0) / height * box_h <= max_w:
            break
    assert best is not None
    return best


def _north_arrow(ax: Axes, ts: Typesetter, x: float, y: float) -> None:
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


# --------------------------------------------------------------------------- legend

SWATCH = 11.0
ROW = 16.0
TITLE_ROW = 19.0
SECTION_GAP = 9.0


def belts_legend(data: AtlasData, lang: str) -> LegendSection:
    """The belts as one legend section: each belt's name in ``lang`` (with the other)."""
    assert data.belts is not None
    other = "en" if lang == "ko" else "ko"
    entries = [
        LegendEntry(BELT_COLOR, f"{b[f'name_{lang}']} ({b[f'name_{other}']})", "belt")
        for _, b in data.belts.iterrows()
    ]
    return LegendSection(t("belts", lang), entries)


def _legend_rows(sections: list[LegendSection], note: dict[int, str]) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for i, section in enumerate(sections):
        if i:
            rows.append(("gap", None))
        rows.append(("title", section.title))
        if i in note:
            rows.append(("note", note[i]))
        rows.extend(("entry", e) for e in section.entries)
    return rows


def _row_height(kind: str) -> float:
    return {"gap": SECTION_GAP, "title": TITLE_ROW, "note": ROW * 0.95, "entry": ROW}[kind]


def _swatch(ax: Axes, entry: LegendEntry, x: float, y: float, size: float, s: float) -> None:
    """A swatch of side ``size`` (points) with its centre-left at x, y."""
    if entry.shape == "circle":
        ax.add_patch(
            Circle((x + size / 2, y), size * 0.45, facecolor=entry.color, edgecolor=INK, lw=0.6 * s)
        )
    elif entry.shape == "ring":
        ax.add_patch(
            Circle(
                (x + size / 2, y),
                size * 0.45,
                facecolor="#ffffff",
                edgecolor=INK,
                lw=0.9 * s,
                linestyle=(0, (2.2, 1.6)),
            )
        )
    elif entry.shape == "belt":
        ax.add_patch(
            Rectangle(
                (x, y - size / 2),
                size,
                size,
                facecolor=mpl.colors.to_rgba(BELT_COLOR, 0.12),
                edgecolor=BELT_COLOR,
                lw=1.2 * s,
                linestyle=(0, (3, 1.8)),
            )
        )
    else:
        ax.add_patch(
            Rectangle(
                (x, y - size / 2),
                size,
                size,
                facecolor=entry.color,
                edgecolor="#9a9a9a",
                lw=0.4 * s,
            )
        )


@dataclass(frozen=True)
class _Placed:
    kind: str
    text: str
    entry: LegendEntry | None
    column: int
    top: float
    height: float


def _layout_legend(
    rows: list[tuple[str, object]], ts: Typesetter, width_pt: float, height_pt: float
) -> tuple[float, float, list[_Placed]]:
    """Place legend rows in columns: the fewest columns at the largest text that fit.

    Long labels wrap to two lines. Returns the text factor, column width and rows.
    """
    placed: list[_Placed] = []
    col_w = width_pt
    factor = 1.0
    for factor in (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6):
        s = ts.scale * factor
        fonts = {
            "title": ts.font(10.5 * factor, True),
            "note": ts.font(8.5 * factor),
            "entry": ts.font(9.5 * factor),
        }
        for columns in (1, 2, 3):
            col_w = (width_pt - 16 * ts.scale * (columns - 1)) / columns
            placed, col, y, fits = [], 0, height_pt, True
            for kind, value in rows:
                if kind == "gap":
                    if y < height_pt:
                        y -= SECTION_GAP * s
                    continue
                entry = value if isinstance(value, LegendEntry) else None
                text = entry.label if entry is not None else str(value)
                indent = (SWATCH + 8) * s if entry is not None else 0.0
                text = ts.wrap(text, fonts[kind], col_w - indent, max_lines=2)
                lines = text.count("\n") + 1
                h = _row_height(kind) * s * (1 + 0.8 * (lines - 1))
                if y - h < 0:
                    col, y = col + 1, height_pt
                    if col >= columns:
                        fits = False
                        break
                placed.append(_Placed(kind, text, entry, col, y, h))
                y -= h
            if fits:
                return factor, col_w, placed
    return factor, col_w, placed


def _draw_legend(
    ax: Axes, rows: list[tuple[str, object]], ts: Typesetter, width_pt: float, height_pt: float
) -> None:
    """Legend rows flowed into columns (up to three, then smaller text), labels wrapped."""
    ax.set_xlim(0, width_pt)
    ax.set_ylim(0, height_pt)
    ax.axis("off")
    factor, col_w, placed = _layout_legend(rows, ts, width_pt, height_pt)
    s = ts.scale * factor
    fonts = {
        "title": ts.font(10.5 * factor, True),
        "note": ts.font(8.5 * factor),
        "entry": ts.font(9.5 * factor),
    }
    colors = {"title": INK, "note": MUTED, "entry": INK}
    for row in placed:
        x = row.column * (col_w + 16 * ts.scale)
        first_mid = row.top - _row_height(row.kind) * s / 2
        if row.entry is not None:
            _swatch(ax, row.entry, x + 1 * s, first_mid, SWATCH * s, s)
            x += (SWATCH + 8) * s
        ax.text(
            x,
            row.top - (_row_height(row.kind) * s - fonts[row.kind].get_size_in_points()) / 2,
            row.text,
            fontproperties=fonts[row.kind],
            va="top",
            ha="left",
            color=colors[row.kind],
            linespacing=1.25,
        )


# --------------------------------------------------------------------------- figure


def _scale(size: Size) -> float:
    w, h = size.inches
    return max(0.35, min(w / BASE_WIDTH_IN, h / BASE_HEIGHT_IN))


def build_figure(
    data: AtlasData,
    view: View,
    preset: str = "slide",
    width_px: int | None = None,
    height_px: int | None = None,
    dpi: int | None = None,
    today: datetime.date | None = None,
) -> Snapshot:
    """Draw the view into a new figure (Agg canvas); ``render_image`` saves it.

    See ``render_image`` for the parameters.
    """
    if view.layer not in data.layers:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    size = resolve_size(preset, width_px, height_px, dpi)
    focus = PRESETS[preset].focus
    if focus is not None:
        view = replace(view, focus=focus)
    sites = filter_sites(data.sites, view)
    frame = metric_frame(data, view)
    if view.belts and not _belts_in(data, frame):
        view = replace(view, belts=False)  # out of the frame: no belts in legend or sources
    style = region_style(data, view, sites)
    text = describe_view(data, view, sites, today)

    fig = Figure(figsize=size.inches, dpi=size.dpi, facecolor="#ffffff")
    ts = Typesetter(fig, _scale(size))
    s = ts.scale
    W, H = fig.get_figwidth() * 72, fig.get_figheight() * 72  # points
    margin = 22 * s
    portrait = W / H < 1.15

    # Header: title and subtitle, wrapped to the width.
    title_font, sub_font = ts.font(21, True), ts.font(11.5)
    title = ts.wrap(text.title, title_font, W - 2 * margin, max_lines=2)
    subtitle = ts.wrap(text.subtitle, sub_font, W - 2 * margin, max_lines=3)
    y = H - margin
    fig.text(margin / W, y / H, title, fontproperties=title_font, va="top", ha="left", color=INK)
    y -= (title.count("\n") + 1) * 21 * s * 1.3 + 4 * s
    fig.text(margin / W, y / H, subtitle, fontproperties=sub_font, va="top", ha="left", color=MUTED)
    y -= (subtitle.count("\n") + 1) * 11.5 * s * 1.35
    header_bottom = y - 10 * s

    # Footer: sources, then attribution and export date.
    foot_font = ts.font(8.5)
    sources = ts.wrap(text.sources, foot_font, W - 2 * margin, max_lines=2)
    second = f"{text.attribution}   ·   {text.exported}   ·   {t('title', view.lang)}"
    second = ts.fit(second, foot_font, W - 2 * margin)
    line_h = 8.5 * s * 1.45
    n_lines = sources.count("\n") + 2
    fig.text(
        margin / W,
        margin / H,
        f"{sources}\n{second}",
        fontproperties=foot_font,
        va="bottom",
        ha="left",
        color=MUTED,
        linespacing=1.45,
    )
    footer_top = margin + n_lines * line_h + 8 * s
    fig.add_artist(
        mpl.lines.Line2D(
            [margin / W, 1 - margin / W], [footer_top / H] * 2, color="#cccccc", lw=0.6 * s
        )
    )
    body_bottom, body_top = footer_top + 10 * s, header_bottom
    body_h = body_top - body_bottom

    # Map frame and axes.
    frame_aspect = (frame[2] - frame[0]) / (frame[3] - frame[1])
    national = view.focus == "korea" and not view.sido
    want_inset = national and view.belts and data.belts is not None and not data.belts.empty
    inner_w = W - 2 * margin
    limits: tuple[float, float, float, float] | None = None
    inset_box: tuple[float, float, float, float] | None = None  # data units of the map
    if portrait:
        legend_h = min(0.36 * body_h, 260 * s)
        map_box = (margin, body_bottom + legend_h + 12 * s, inner_w, body_h - legend_h - 12 * s)
        legend_box = (margin, body_bottom, inner_w, legend_h)
        if want_inset:
            limits, inset_box = _inset_layout(data, frame, map_box[2], map_box[3], 1.0)
    else:
        map_h = body_h
        map_w = min(max(map_h * frame_aspect, 0.34 * inner_w), 0.64 * inner_w)
        if want_inset:
            limits, inset_box = _inset_layout(data, frame, 0.64 * inner_w, map_h, ts.scale)
            aspect = (limits[2] - limits[0]) / (limits[3] - limits[1])
            map_w = min(map_h * aspect, 0.64 * inner_w)
            map_h = map_w / aspect
        map_box = (margin, body_bottom + (body_h - map_h) / 2, map_w, map_h)
        legend_x = margin + map_w + 26 * s
        legend_box = (legend_x, body_bottom, W - margin - legend_x, body_h)
    if limits is None:
        limits = _fit_limits(frame, map_box[2], map_box[3])
    else:
        limits = _fit_limits(limits, map_box[2], map_box[3], east=1.0)
    ax = fig.add_axes((map_box[0] / W, map_box[1] / H, map_box[2] / W, map_box[3] / H))
    for spine in ax.spines.values():
        spine.set_edgecolor("#b0b0b0")
        spine.set_linewidth(0.6 * s)
    layers = _map_layers(data, view, sites, style.colors)
    marker = 4.2 if national else 6.5
    _draw_map(
        ax,
        layers,
        limits,
        ts,
        marker,
        label_belts=not national,
        fine=not national,
        label_regions=(view.sido or ("26" if view.focus == "busan" else None))
        if view.level == "sgg"
        else None,
    )

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
    _north_arrow(ax, ts, 0.05, 0.86)

    inset_ax: Axes | None = None
    if inset_box is not None:
        x0, y0, x1, y1 = limits
        bx0, by0, bx1, by1 = inset_box
        fx = map_box[0] + (bx0 - x0) / (x1 - x0) * map_box[2]
        fy = map_box[1] + (by0 - y0) / (y1 - y0) * map_box[3]
        fw = (bx1 - bx0) / (x1 - x0) * map_box[2]
        fh = (by1 - by0) / (y1 - y0) * map_box[3]
        inset_ax = fig.add_axes((fx / W, fy / H, fw / W, fh / H), zorder=3)
        busan = replace(view, focus="busan", sido=None)
        inset_limits = _fit_limits(metric_frame(data, busan), fw, fh)
        _draw_map(inset_ax, layers, inset_limits, ts, 4.2, label_belts=True, fine=True)
        for spine in inset_ax.spines.values():
            spine.set_edgecolor(INK)
            spine.set_linewidth(0.9 * s)
        inset_ax.text(
            0.03,
            0.97,
            "부산 · Busan" if view.lang == "ko" else "Busan · 부산",
            transform=inset_ax.transAxes,
            fontproperties=ts.font(9.5, True),
            va="top",
            ha="left",
            color=INK,
            bbox={"boxstyle": "round,pad=0.25", "fc": "#ffffff", "ec": "none", "alpha": 0.85},
            zorder=9,
        )
        ax.indicate_inset_zoom(inset_ax, edgecolor=INK, linewidth=0.8 * s, alpha=0.9)

    # Legend panel.
    sections = [style.legend]
    notes: dict[int, str] = {}
    spec = data.layers[view.layer]
    if spec.kind == "numeric" and view.scheme in CLASSIFIERS:
        scheme = CLASSIFIERS[view.scheme]
        notes[0] = scheme.label_ko if view.lang == "ko" else scheme.label_en
    if view.sites:
        sections.append(
            sites_legend(_in_frame(sites, limits) if not national else sites, data, view.lang)
        )
    if view.belts and data.belts is not None and not data.belts.empty:
        sections.append(belts_legend(data, view.lang))
    legend_ax = fig.add_axes(
        (legend_box[0] / W, legend_box[1] / H, legend_box[2] / W, legend_box[3] / H)
    )
    _draw_legend(legend_ax, _legend_rows(sections, notes), ts, legend_box[2], legend_box[3])
    return Snapshot(fig, ax, legend_ax, inset_ax, text, size)


@contextmanager
def _rc(fmt: str) -> Iterator[None]:
    """Format-specific rcParams while saving; one export at a time (rcParams are global)."""
    subset_log = logging.getLogger("fontTools.subset")
    with _save_lock, mpl.rc_context(FORMATS[fmt].rc):  # type: ignore[arg-type]
        level = subset_log.level
        subset_log.setLevel(logging.ERROR)  # "TSI0 NOT subset" notes while embedding fonts
        try:
            yield
        finally:
            subset_log.setLevel(level)


def save(snapshot: Snapshot, fmt: str = "png") -> bytes:
    """The snapshot's figure as PNG, SVG or PDF bytes."""
    _check("format", FORMATS, fmt)
    buf = io.BytesIO()
    title = f"{snapshot.description.title} — {snapshot.description.subtitle}"
    metadata: dict[str, str | None]
    if fmt == "png":
        metadata = {"Title": title, "Software": "Korea Cluster Atlas (matplotlib)"}
    elif fmt == "svg":
        metadata = {"Title": title, "Date": None, "Creator": "Korea Cluster Atlas"}
    else:
        metadata = {"Title": title, "Creator": "Korea Cluster Atlas"}
    with _rc(fmt):
        snapshot.figure.savefig(
            buf, format=fmt, dpi=snapshot.size.dpi, metadata=metadata, facecolor="#ffffff"
        )
    out = buf.getvalue()
    if fmt == "svg":
        out = _svg_fonts(out)
    return out


def _svg_fonts(svg: bytes) -> bytes:
    """Give SVG text a list of Korean fonts to fall back on."""
    text = svg.decode("utf-8")
    for family in (
        "font-family:'NanumGothic'",
        "font-family: 'NanumGothic'",
        "font-family:NanumGothic",
        "font-family: NanumGothic",
    ):
        text = text.replace(family, f"font-family:{SVG_FONT_FALLBACK}")
    return text.encode("utf-8")


def render_image(
    data: AtlasData,
    view: View,
    fmt: str = "png",
    preset: str = "slide",
    width_px: int | None = None,
    height_px: int | None = None,
    dpi: int | None = None,
    today: datetime.date | None = None,
) -> bytes:
    """The view as a map image.

    Parameters
    ----------
    data : AtlasData
    view : View
    fmt : {"png", "svg", "pdf"}
    preset : str
        A key of ``PRESETS``: "slide" (1920 × 1080 px, 150 dpi), "a4" (A4 landscape at
        300 dpi), "busan" (slide framing Busan).
    width_px, height_px, dpi : int, optional
        Override the preset's size (custom sizes).
    today : datetime.date, optional
        The export date printed in the footer.

    Returns
    -------
    bytes
        PNG (exactly ``width_px`` × ``height_px``, dpi recorded), SVG or PDF.

    Raises
    ------
    ValueError
        For an unknown format, preset or layer, or a size out of range, naming the
        allowed values and the value received.
    """
    _check("format", FORMATS, fmt)
    snapshot = build_figure(data, view, preset, width_px, height_px, dpi, today)
    return save(snapshot, fmt)
