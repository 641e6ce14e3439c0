"""Where everything goes on an image: the page, the view's scene and the layout of the body.

A :class:`Layout` holds the boxes of the page (points from the lower left): the header
above, the footer below, and between them the map, the legend and, on national views
with belts, the Busan inset placed east of the land.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import geopandas as gpd
from matplotlib.figure import Figure

from exports.describe import Description, describe_view
from exports.image.geometry import Limits, belts_in, fit_limits, metric_frame, projected
from exports.image.options import ImageOptions, Size
from layers.atlas import AtlasData
from layers.symbology import RegionStyle, region_style
from layers.view import View, filter_sites

BASE_WIDTH_IN, BASE_HEIGHT_IN = 12.8, 7.2
"""The slide preset's size in inches; text and line sizes scale from it."""

Box = tuple[float, float, float, float]
"""x, y, width, height in points of the page, from its lower left."""


@dataclass(frozen=True)
class Scene:
    """The view as the image shows it: the view (with the preset's frame), its sites,
    frame (EPSG:5179), region style and words."""

    data: AtlasData
    view: View
    sites: gpd.GeoDataFrame
    frame: Limits
    style: RegionStyle
    text: Description

    @property
    def national(self) -> bool:
        """The whole country (no province, no close-up)."""
        return self.view.focus == "korea" and not self.view.sido

    @property
    def has_belts(self) -> bool:
        """The view shows belts and the atlas has some."""
        belts = self.data.belts
        return bool(self.view.belts) and belts is not None and not belts.empty


def prepare_scene(
    data: AtlasData, view: View, options: ImageOptions, today: datetime.date | None
) -> Scene:
    """The scene of ``view``: the preset's focus applied; belts dropped when none is in the
    frame (so neither the legend nor the sources name them)."""
    if view.layer not in data.layers:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    if options.focus is not None:
        view = replace(view, focus=options.focus)
    sites = filter_sites(data.sites, view)
    frame = metric_frame(data, view)
    if view.belts and not belts_in(data, frame):
        view = replace(view, belts=False)
    style = region_style(data, view, sites)
    return Scene(data, view, sites, frame, style, describe_view(data, view, sites, today))


@dataclass(frozen=True)
class Page:
    """The page in points, its margin and the scale of text and lines."""

    width: float
    height: float
    margin: float
    scale: float

    @classmethod
    def of(cls, fig: Figure, scale: float) -> Page:
        """The page of ``fig``, with a margin of 22 points of the slide preset."""
        return cls(fig.get_figwidth() * 72, fig.get_figheight() * 72, 22 * scale, scale)

    @property
    def portrait(self) -> bool:
        """Narrow pages put the legend under the map."""
        return self.width / self.height < 1.15

    def rect(self, box: Box) -> Box:
        """``box`` as fractions of the page, for ``Figure.add_axes``."""
        x, y, w, h = box
        return x / self.width, y / self.height, w / self.width, h / self.height


def page_scale(size: Size) -> float:
    """Text and line scale of a page, 1 at the slide preset."""
    w, h = size.inches
    return max(0.35, min(w / BASE_WIDTH_IN, h / BASE_HEIGHT_IN))


@dataclass(frozen=True)
class Layout:
    """The body of the page: map and legend boxes, the map's limits and the inset.

    Attributes
    ----------
    map_box, legend_box : Box
        Points of the page.
    limits : Limits
        The map's extent, EPSG:5179, at the map box's aspect.
    inset_box : Limits or None
        The Busan inset, in the map's EPSG:5179 coordinates.
    """

    page: Page
    map_box: Box
    legend_box: Box
    limits: Limits
    inset_box: Limits | None

    def inset_rect(self) -> Box:
        """The inset's box in points of the page."""
        assert self.inset_box is not None
        x0, y0, x1, y1 = self.limits
        bx0, by0, bx1, by1 = self.inset_box
        mx, my, mw, mh = self.map_box
        return (
            mx + (bx0 - x0) / (x1 - x0) * mw,
            my + (by0 - y0) / (y1 - y0) * mh,
            (bx1 - bx0) / (x1 - x0) * mw,
            (by1 - by0) / (y1 - y0) * mh,
        )


def inset_layout(
    data: AtlasData, frame: Limits, max_w: float, box_h: float
) -> tuple[Limits, Limits]:
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


def _portrait(scene: Scene, page: Page, body: tuple[float, float]) -> Layout:
    """Map above, legend below across the width."""
    bottom, body_h = body
    s, inner_w = page.scale, page.width - 2 * page.margin
    legend_h = min(0.36 * body_h, 260 * s)
    map_box = (page.margin, bottom + legend_h + 12 * s, inner_w, body_h - legend_h - 12 * s)
    legend_box = (page.margin, bottom, inner_w, legend_h)
    limits, inset = scene.frame, None
    if scene.national and scene.has_belts:
        limits, inset = inset_layout(scene.data, scene.frame, map_box[2], map_box[3])
    east = 1.0 if inset is not None else 0.5
    return Layout(
        page, map_box, legend_box, fit_limits(limits, map_box[2], map_box[3], east), inset
    )


def _landscape(scene: Scene, page: Page, body: tuple[float, float]) -> Layout:
    """Map on the left at its frame's aspect (a third to two thirds of the width), legend
    on the right."""
    bottom, body_h = body
    s, inner_w = page.scale, page.width - 2 * page.margin
    x0, y0, x1, y1 = scene.frame
    map_h = body_h
    map_w = min(max(map_h * (x1 - x0) / (y1 - y0), 0.34 * inner_w), 0.64 * inner_w)
    limits, inset = scene.frame, None
    if scene.national and scene.has_belts:
        limits, inset = inset_layout(scene.data, scene.frame, 0.64 * inner_w, map_h)
        aspect = (limits[2] - limits[0]) / (limits[3] - limits[1])
        map_w = min(map_h * aspect, 0.64 * inner_w)
        map_h = map_w / aspect
    map_box = (page.margin, bottom + (body_h - map_h) / 2, map_w, map_h)
    legend_x = page.margin + map_w + 26 * s
    legend_box = (legend_x, bottom, page.width - page.margin - legend_x, body_h)
    east = 1.0 if inset is not None else 0.5
    return Layout(page, map_box, legend_box, fit_limits(limits, map_w, map_h, east), inset)


def layout_body(scene: Scene, page: Page, header_bottom: float, footer_top: float) -> Layout:
    """The map, legend and inset between the header and the footer."""
    bottom = footer_top + 10 * page.scale
    body = (bottom, header_bottom - bottom)
    return _portrait(scene, page, body) if page.portrait else _landscape(scene, page, body)
