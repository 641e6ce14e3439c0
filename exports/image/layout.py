"""Where everything goes on an image: the page, the view's scene and the layout of the body.

The map takes the full height of the frame on landscape and square pages, with a text
column beside it (title, subtitle, legend, sources); on portrait pages the title runs
across the top, the map takes the full width and the legend sits under it. A national
view showing the belts gets a Busan inset in the sea south-east of the land.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.figure import Figure

from exports.describe import Description, concerns_belts, describe_view
from exports.image.geometry import (
    Limits,
    belts_in,
    fit_limits,
    in_frame,
    land,
    metric_frame,
    projected,
)
from exports.image.options import ImageOptions, Size
from layers.atlas import AtlasData
from layers.i18n import t
from layers.symbology import RegionStyle, region_style
from layers.view import View, filter_sites

BASE_WIDTH_IN, BASE_HEIGHT_IN = 12.8, 7.2
"""The slide preset's size in inches; text and line sizes scale from it."""
NATIONAL_M = 250_000
"""A frame taller than this (metres) is national: small markers, no names."""

Box = tuple[float, float, float, float]
"""x, y, width, height in points of the page, from its lower left."""


@dataclass(frozen=True)
class Scene:
    """The view as the image shows it: the view (with the preset's frame and level, belts
    only where they matter), its sites, frame (EPSG:5179), region style and options."""

    data: AtlasData
    view: View
    sites: gpd.GeoDataFrame
    frame: Limits
    style: RegionStyle
    options: ImageOptions
    today: datetime.date | None

    @property
    def national(self) -> bool:
        """A frame of the whole country (or most of it)."""
        return self.frame[3] - self.frame[1] > NATIONAL_M

    @property
    def has_belts(self) -> bool:
        """The view shows belts and the atlas has some."""
        belts = self.data.belts
        return bool(self.view.belts) and belts is not None and not belts.empty

    def shown(self, limits: Limits) -> gpd.GeoDataFrame:
        """The sites drawn inside ``limits`` (what the legend and the subtitle count)."""
        if not self.view.sites:
            return self.sites.iloc[:0]
        return in_frame(self.sites, limits)

    def describe(self, limits: Limits) -> Description:
        """The words of the image: the presenter's title and subtitle, or the view's, with
        the sites inside ``limits`` counted and their sources."""
        opts = self.options
        where = "export_full_list_page" if opts.format == "pdf" else "export_full_list_files"
        if not opts.show_title:  # a deck's slide: its notes list every source
            where = "export_full_list_notes"
        return describe_view(
            self.data,
            self.view,
            self.sites,
            self.today,
            title=opts.title,
            subtitle=opts.subtitle,
            shown=self.shown(limits),
            full_list=t(where, self.view.lang),
        )


def scene_view(data: AtlasData, view: View, options: ImageOptions) -> View:
    """The view with the preset's focus (replacing the screen's centre and zoom) and level
    applied, and belts kept only where they matter (:func:`exports.describe.concerns_belts`,
    or ``options.with_belts``) and lie in the frame."""
    if options.focus is not None:
        view = replace(view, focus=options.focus, lat=None, lon=None, zoom=None)
    if options.level is not None:
        view = replace(view, level=options.level)
    if view.belts and not (options.with_belts or concerns_belts(view)):
        view = replace(view, belts=False)
    if view.belts and not belts_in(data, metric_frame(data, view)):
        view = replace(view, belts=False)
    return view


def prepare_scene(
    data: AtlasData, view: View, options: ImageOptions, today: datetime.date | None
) -> Scene:
    """The scene of ``view`` (see :func:`scene_view`)."""
    if view.layer not in data.layers:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    view = scene_view(data, view, options)
    sites = filter_sites(data.sites, view)
    frame = metric_frame(data, view)
    style = region_style(data, view, sites)
    return Scene(data, view, sites, frame, style, options, today)


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
        """Pages taller than wide put the title above the map and the legend under it."""
        return self.width / self.height < 0.98

    def rect(self, box: Box) -> Box:
        """``box`` as fractions of the page, for ``Figure.add_axes``."""
        x, y, w, h = box
        return x / self.width, y / self.height, w / self.width, h / self.height


PORTRAIT_BASE_IN = (10.4, 14.6)
"""The page a portrait page's text is sized against (A4 portrait: 0.8 of the slide's)."""


def page_scale(size: Size) -> float:
    """Text and line scale of a page, 1 at the slide preset; portrait pages against
    :data:`PORTRAIT_BASE_IN` (their text runs across the full width)."""
    w, h = size.inches
    base_w, base_h = PORTRAIT_BASE_IN if w < h else (BASE_WIDTH_IN, BASE_HEIGHT_IN)
    return max(0.35, min(w / base_w, h / base_h))


@dataclass(frozen=True)
class Layout:
    """The page's boxes (points), the map's limits and the inset.

    Attributes
    ----------
    map_box, legend_box : Box
        Points of the page.
    text_box : Box
        Where the title and subtitle go (their top left is the box's top left) and, on
        landscape pages, the column the footer closes.
    limits : Limits
        The map's extent, EPSG:5179, at the map box's aspect.
    inset_box : Limits or None
        The Busan inset, in the map's EPSG:5179 coordinates.
    """

    page: Page
    map_box: Box
    legend_box: Box
    text_box: Box
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


def sea_square(limits: Limits, coast: shapely.Geometry, shares: tuple[float, ...]) -> Limits | None:
    """The largest square (a share of the limits' height) in the lower right corner of
    ``limits`` that touches no land, padded from the land and the edges."""
    _, y0, x1, y1 = limits
    height = y1 - y0
    pad = 0.02 * height
    for share in shares:
        side = share * height
        for lift in (0.0, 0.1, 0.2):
            bottom = y0 + pad + lift * height
            square = (x1 - pad - side, bottom, x1 - pad, bottom + side)
            if bottom + side > y1 - pad:
                continue
            if not shapely.intersects(coast, shapely.box(*square).buffer(pad)):
                return square
    return None


INSET_SHARES = tuple(np.round(np.arange(0.46, 0.17, -0.03), 2))
"""Inset sides tried, as shares of the map's height, largest first."""


def _east_inset(data: AtlasData, limits: Limits) -> tuple[Limits, Limits]:
    """Limits widened east for an inset of a third of the height, clear of the land."""
    x0, y0, x1, y1 = limits
    height = y1 - y0
    side, pad = 0.34 * height, 0.02 * height
    bounds = projected(data, "sgg").bounds
    reach = bounds[bounds[:, 1] < y0 + pad + side, 2]
    left = (float(reach.max()) if len(reach) else x0) + pad
    xmax = max(x1, left + side + pad)
    return (x0, y0, xmax, y1), (left, y0 + pad, left + side, y0 + pad + side)


def place_inset(data: AtlasData, limits: Limits) -> tuple[Limits, Limits]:
    """The map's limits and the Busan inset: in the sea at the lower right when a square
    of a fifth of the height or more fits there, else east of the land (limits widened)."""
    square = sea_square(limits, land(data), INSET_SHARES)
    if square is not None:
        return limits, square
    return _east_inset(data, limits)


def _inset_for(scene: Scene, limits: Limits) -> tuple[Limits, Limits | None]:
    if scene.national and scene.has_belts:
        return place_inset(scene.data, limits)
    return limits, None


def _aspect(frame: Limits) -> float:
    return (frame[2] - frame[0]) / (frame[3] - frame[1])


def _side(scene: Scene, page: Page) -> Layout:
    """Map at the left over the full height; title, legend and sources in a column
    beside it (30 to 42 % of the width)."""
    m, s = page.margin, page.scale
    gap = 24 * s
    map_h = page.height - 2 * m
    room = page.width - 2 * m - gap
    column = min(max(room - map_h * _aspect(scene.frame), 0.30 * page.width), 0.42 * page.width)
    map_w = room - column
    map_box = (m, m, map_w, map_h)
    limits, inset = _inset_for(scene, fit_limits(scene.frame, map_w, map_h))
    if _aspect(limits) > map_w / map_h * 1.001:  # widened east: fit the box again
        limits = fit_limits(limits, map_w, map_h, east=0.0)
    text_box = (m + map_w + gap, m, column, map_h)
    legend_box = text_box  # narrowed by the header and footer when drawn
    return Layout(page, map_box, legend_box, text_box, limits, inset)


def _stacked(scene: Scene, page: Page) -> Layout:
    """Title across the top, map across the full width, legend under it."""
    m, s = page.margin, page.scale
    inner_w, inner_h = page.width - 2 * m, page.height - 2 * m
    map_h = min(inner_w / _aspect(scene.frame), 0.62 * inner_h)
    text_box = (m, m, inner_w, inner_h)
    header = 0.1 * inner_h  # moved under the drawn header in ``fit_header``
    map_box = (m, page.height - m - header - map_h, inner_w, map_h)
    limits, inset = _inset_for(scene, fit_limits(scene.frame, inner_w, map_h))
    if _aspect(limits) > inner_w / map_h * 1.001:
        limits = fit_limits(limits, inner_w, map_h, east=0.0)
    legend_box = (m, m, inner_w, map_box[1] - m - 12 * s)
    return Layout(page, map_box, legend_box, text_box, limits, inset)


def layout_page(scene: Scene, page: Page) -> Layout:
    """The boxes of the page for its shape: side by side, or stacked on portrait pages."""
    return _stacked(scene, page) if page.portrait else _side(scene, page)


def fit_text(layout: Layout, header_bottom: float, footer_top: float) -> Layout:
    """The layout with the legend between the drawn header and footer; on portrait pages
    the map moves up under the header, with its limits kept."""
    page, s = layout.page, layout.page.scale
    if not page.portrait:
        x, _, w, _ = layout.text_box
        legend = (x, footer_top + 10 * s, w, header_bottom - footer_top - 22 * s)
        return replace(layout, legend_box=legend)
    mx, _, mw, mh = layout.map_box
    map_y = header_bottom - 8 * s - mh
    bottom = footer_top + 10 * s
    legend = (mx, bottom, mw, map_y - 14 * s - bottom)
    return replace(layout, map_box=(mx, map_y, mw, mh), legend_box=legend)
