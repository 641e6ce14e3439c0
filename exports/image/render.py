"""Static map images of a view (PNG, SVG, PDF) for slides and print: the steps in order.

Drawn with matplotlib's object API (``Figure`` + Agg canvas, no pyplot state), in the
metric CRS EPSG:5179, with the same region colours, site markers and belts as the web
map (all from ``layers.style`` and ``layers.symbology``), a legend with units, a scale
bar, a north arrow, the sources, the boundary attribution and the export date. Text is
set in NanumGothic from the project's requirements, so Korean renders the same on every
machine.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from exports.describe import Description
from exports.image.geometry import fit_limits, in_frame, metric_frame
from exports.image.layout import Layout, Page, Scene, layout_body, page_scale, prepare_scene
from exports.image.legend_panel import draw_legend, legend_rows
from exports.image.map_panel import (
    INSET,
    Detail,
    MapLayers,
    add_scale_bar,
    draw_map,
    map_layers,
    north_arrow,
)
from exports.image.options import ImageOptions, Size
from exports.image.page import draw_footer, draw_header
from exports.image.save import save_figure
from exports.image.text import Typesetter
from layers.atlas import AtlasData
from layers.classify import CLASSIFIERS
from layers.style import FRAME, INK, PAPER
from layers.symbology import LegendSection, belts_legend, sites_legend
from layers.view import View

DEFAULT_OPTIONS = ImageOptions()
"""A PNG slide, 1920 × 1080 px at 150 dpi."""


@dataclass
class Snapshot:
    """A drawn figure and its parts (the tests read positions from the axes)."""

    figure: Figure
    map_ax: Axes
    legend_ax: Axes
    inset_ax: Axes | None
    description: Description
    size: Size


def _detail(view: View, national: bool) -> Detail:
    """Small markers and no names nationally; larger markers, belt names and (on
    municipality maps) the province's municipality names closer in."""
    if national:
        return Detail(4.2, label_belts=False, fine=False)
    province = view.sido or ("26" if view.focus == "busan" else None)
    return Detail(6.5, True, True, province if view.level == "sgg" else None)


def _main_map(fig: Figure, ts: Typesetter, layout: Layout, scene: Scene, layers: MapLayers) -> Axes:
    ax = fig.add_axes(layout.page.rect(layout.map_box))
    for spine in ax.spines.values():
        spine.set_edgecolor(FRAME)
        spine.set_linewidth(0.6 * ts.scale)
    draw_map(ax, layers, layout.limits, ts, _detail(scene.view, scene.national))
    add_scale_bar(ax, ts.scale)
    north_arrow(ax, ts, 0.05, 0.86)
    return ax


def _inset(
    fig: Figure, ts: Typesetter, layout: Layout, scene: Scene, layers: MapLayers, ax: Axes
) -> Axes:
    """The Busan inset in the corner the layout left east of the land."""
    box = layout.inset_rect()
    inset_ax = fig.add_axes(layout.page.rect(box), zorder=3)
    busan = replace(scene.view, focus="busan", sido=None)
    inset_limits = fit_limits(metric_frame(scene.data, busan), box[2], box[3])
    draw_map(inset_ax, layers, inset_limits, ts, INSET)
    for spine in inset_ax.spines.values():
        spine.set_edgecolor(INK)
        spine.set_linewidth(0.9 * ts.scale)
    inset_ax.text(
        0.03,
        0.97,
        "부산 · Busan" if scene.view.lang == "ko" else "Busan · 부산",
        transform=inset_ax.transAxes,
        fontproperties=ts.font(9.5, True),
        va="top",
        ha="left",
        color=INK,
        bbox={"boxstyle": "round,pad=0.25", "fc": PAPER, "ec": "none", "alpha": 0.85},
        zorder=9,
    )
    ax.indicate_inset_zoom(inset_ax, edgecolor=INK, linewidth=0.8 * ts.scale, alpha=0.9)
    return inset_ax


def _legend(fig: Figure, ts: Typesetter, layout: Layout, scene: Scene) -> Axes:
    """The region classes (with the scheme's name), the sites in the map, the belts."""
    view, data = scene.view, scene.data
    sections: list[LegendSection] = [scene.style.legend]
    notes: dict[int, str] = {}
    if data.layers[view.layer].kind == "numeric" and view.scheme in CLASSIFIERS:
        scheme = CLASSIFIERS[view.scheme]
        notes[0] = scheme.label(view.lang)
    if view.sites:
        shown = scene.sites if scene.national else in_frame(scene.sites, layout.limits)
        sections.append(sites_legend(shown, data, view.lang))
    if scene.has_belts:
        sections.append(belts_legend(data, view.lang))
    legend_ax = fig.add_axes(layout.page.rect(layout.legend_box))
    _, _, w, h = layout.legend_box
    draw_legend(legend_ax, legend_rows(sections, notes), ts, w, h)
    return legend_ax


def build_figure(
    data: AtlasData,
    view: View,
    options: ImageOptions = DEFAULT_OPTIONS,
    today: datetime.date | None = None,
) -> Snapshot:
    """Draw the view into a new figure (Agg canvas); :func:`save` writes it.

    See :func:`render_image` for the parameters.
    """
    size = options.size()
    scene = prepare_scene(data, view, options, today)
    fig = Figure(figsize=size.inches, dpi=size.dpi, facecolor=PAPER)
    ts = Typesetter(fig, page_scale(size))
    page = Page.of(fig, ts.scale)
    header_bottom = draw_header(fig, ts, page, scene.text)
    footer_top = draw_footer(fig, ts, page, scene.text, scene.view.lang)
    layout = layout_body(scene, page, header_bottom, footer_top)
    layers = map_layers(data, scene.view, scene.sites, scene.style.colors)
    ax = _main_map(fig, ts, layout, scene, layers)
    inset_ax = _inset(fig, ts, layout, scene, layers, ax) if layout.inset_box else None
    legend_ax = _legend(fig, ts, layout, scene)
    return Snapshot(fig, ax, legend_ax, inset_ax, scene.text, size)


def save(snapshot: Snapshot, fmt: str = "png") -> bytes:
    """The snapshot's figure as PNG, SVG or PDF bytes."""
    title = f"{snapshot.description.title} — {snapshot.description.subtitle}"
    return save_figure(snapshot.figure, snapshot.size, title, fmt)


def render_image(
    data: AtlasData,
    view: View,
    options: ImageOptions = DEFAULT_OPTIONS,
    today: datetime.date | None = None,
) -> bytes:
    """The view as a map image.

    Parameters
    ----------
    data : AtlasData
    view : View
    options : ImageOptions
        Format ("png", "svg", "pdf"), size preset ("slide" 1920 × 1080 px at 150 dpi,
        "a4" landscape at 300 dpi, "busan" a slide framing Busan) and any custom width,
        height and dpi.
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
    options.check()
    return save(build_figure(data, view, options, today), options.format)
