"""Static map images of a view (PNG, SVG, PDF) for slides and print: the steps in order.

Drawn with matplotlib's object API (``Figure`` + Agg canvas, no pyplot state), in the
metric CRS EPSG:5179, with the same region colours, site markers and belts as the web
map (all from ``layers.style`` and ``layers.symbology``), a legend with units, a scale
bar, a north arrow in the sea, the sources, the boundary attribution and the export
date; a PDF adds pages listing every source. Text is set in NanumGothic from the
project's requirements, so Korean renders the same on every machine.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from exports.describe import Description
from exports.image.geometry import fit_limits, land, metric_frame
from exports.image.labels import Box
from exports.image.layout import (
    Layout,
    Page,
    Scene,
    fit_text,
    layout_page,
    page_scale,
    prepare_scene,
)
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
from exports.image.sources_page import sources_figures
from exports.image.text import Typesetter
from layers.atlas import AtlasData
from layers.classify import CLASSIFIERS
from layers.i18n import t
from layers.style import FRAME, INK, PAPER, belt_style
from layers.symbology import LegendEntry, LegendSection, sites_legend
from layers.view import View

DEFAULT_OPTIONS = ImageOptions()
"""A PNG slide, 1920 × 1080 px at 150 dpi."""

ARROW_SPOTS = ((1.0, 1.0), (0.0, 1.0), (1.0, 0.0), (0.5, 1.0), (0.0, 0.5), (1.0, 0.5))
"""Places tried for the north arrow, in order (right/left, top/bottom of the map)."""


@dataclass
class Snapshot:
    """A drawn figure and its parts (the tests read positions from the axes)."""

    figure: Figure
    map_ax: Axes
    legend_ax: Axes
    inset_ax: Axes | None
    description: Description
    size: Size
    left_out: list[str]


def _detail(scene: Scene) -> Detail:
    """Small markers and no names nationally; closer in, larger markers, belt names and
    (on municipality maps) the names of the province's municipalities (of every
    municipality in the frame, as room allows, when no province is chosen)."""
    if scene.national:
        return Detail(4.2, label_belts=False, fine=False)
    view = scene.view
    province = view.sido or ("26" if view.focus == "busan" else "*")
    return Detail(6.5, True, True, province if view.level == "sgg" else None)


def _px(box: Box, dpi: float) -> Box:
    """A page box (points: x, y, w, h) as display pixels x0, y0, x1, y1."""
    x, y, w, h = box
    k = dpi / 72
    return x * k, y * k, (x + w) * k, (y + h) * k


def _meets(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def _arrow_place(
    ax: Axes, ts: Typesetter, scene: Scene, reserved: list[Box]
) -> tuple[float, float, Box]:
    """The first of :data:`ARROW_SPOTS` where the north arrow covers no land and no
    reserved box: its base (axes fractions) and its box (display pixels)."""
    bbox = ax.get_window_extent(ts.renderer)
    k = ts.fig.dpi / 72 * ts.scale
    w, h, pad = 16 * k, 48 * k, 14 * k
    coast = land(scene.data)
    inverse = ax.transData.inverted()
    spots = []
    for fx, fy in ARROW_SPOTS:
        cx = bbox.x0 + pad + w / 2 + fx * (bbox.width - 2 * pad - w)
        y0 = bbox.y0 + pad + fy * (bbox.height - 2 * pad - h)
        box = (cx - w / 2, y0, cx + w / 2, y0 + h)
        spots.append(((cx - bbox.x0) / bbox.width, (y0 + 3 * k - bbox.y0) / bbox.height, box))
        (dx0, dy0), (dx1, dy1) = inverse.transform([box[:2], box[2:]])
        on_land = shapely.intersects(coast, shapely.box(dx0, dy0, dx1, dy1))
        if not _meets(box, reserved) and not on_land:
            return spots[-1]
    return spots[0]


def _scale_bar_box(ax: Axes, ts: Typesetter) -> Box:
    """Where the scale bar goes (lower left), display pixels."""
    bbox = ax.get_window_extent(ts.renderer)
    k = ts.fig.dpi / 72 * ts.scale
    return bbox.x0, bbox.y0, bbox.x0 + 0.22 * bbox.width + 40 * k, bbox.y0 + 52 * k


def _main_map(
    fig: Figure, ts: Typesetter, layout: Layout, scene: Scene, layers: MapLayers
) -> tuple[Axes, list[str]]:
    """The map with its names, scale bar and north arrow; returns it and the names left
    out for want of room."""
    ax = fig.add_axes(layout.page.rect(layout.map_box))
    for spine in ax.spines.values():
        spine.set_edgecolor(FRAME)
        spine.set_linewidth(0.6 * ts.scale)
    x0, y0, x1, y1 = layout.limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    reserved = [_scale_bar_box(ax, ts)]
    if layout.inset_box is not None:
        reserved.append(_px(layout.inset_rect(), fig.dpi))
    fx, fy, arrow = _arrow_place(ax, ts, scene, reserved)
    reserved.append(arrow)
    left_out = draw_map(ax, layers, layout.limits, ts, _detail(scene), reserved)
    add_scale_bar(ax, ts.scale)
    north_arrow(ax, ts, fx, fy)
    return ax, left_out


def _inset(
    fig: Figure, ts: Typesetter, layout: Layout, scene: Scene, layers: MapLayers, ax: Axes
) -> Axes:
    """The Busan inset in the sea the layout found south-east of the land."""
    box = layout.inset_rect()
    inset_ax = fig.add_axes(layout.page.rect(box), zorder=3)
    busan = replace(scene.view, focus="busan", sido=None, lat=None, lon=None, zoom=None)
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


def belts_section(data: AtlasData, lang: str) -> LegendSection:
    """The belts, each in its own colour (``layers.style.belt_style``), named in ``lang``
    with the other language in brackets."""
    assert data.belts is not None
    other = "en" if lang == "ko" else "ko"
    entries = [
        LegendEntry(
            belt_style(str(b.get("belt_id", ""))).fill,
            f"{b[f'name_{lang}']} ({b[f'name_{other}']})",
            "belt",
        )
        for _, b in data.belts.iterrows()
    ]
    return LegendSection(t("belts", lang), entries)


def _legend(fig: Figure, ts: Typesetter, layout: Layout, scene: Scene) -> Axes:
    """The region classes (with the scheme's name), the sites on the map, the belts."""
    view, data = scene.view, scene.data
    sections: list[LegendSection] = [scene.style.legend]
    notes: dict[int, str] = {}
    if data.layers[view.layer].kind == "numeric" and view.scheme in CLASSIFIERS:
        notes[0] = CLASSIFIERS[view.scheme].label(view.lang)
    if view.sites:
        sections.append(sites_legend(scene.shown(layout.limits), data, view.lang))
    if scene.has_belts:
        sections.append(belts_section(data, view.lang))
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
    layout = layout_page(scene, page)
    text = scene.describe(layout.limits)
    header_bottom = draw_header(fig, ts, page, text, layout.text_box, options.show_title)
    footer_top = draw_footer(fig, ts, page, text, layout.text_box, scene.view.lang)
    layout = fit_text(layout, header_bottom, footer_top)
    layers = map_layers(data, scene.view, scene.sites, scene.style.colors)
    ax, left_out = _main_map(fig, ts, layout, scene, layers)
    inset_ax = _inset(fig, ts, layout, scene, layers, ax) if layout.inset_box else None
    legend_ax = _legend(fig, ts, layout, scene)
    return Snapshot(fig, ax, legend_ax, inset_ax, text, size, left_out)


def save(snapshot: Snapshot, fmt: str = "png") -> bytes:
    """The snapshot's figure as PNG, SVG or PDF bytes; a PDF adds the sources pages."""
    title = f"{snapshot.description.title} — {snapshot.description.subtitle}"
    pages = [snapshot.figure]
    if fmt == "pdf":
        pages += sources_figures(snapshot.description, snapshot.size)
    return save_figure(pages, snapshot.size, title, fmt)


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
        "a4" landscape and "a4-portrait" at 300 dpi, "square" 1080 × 1080 px, "busan" a
        slide of Busan's districts), any custom width, height and dpi, the presenter's
        title and subtitle, and whether to show the belts regardless of the view.
    today : datetime.date, optional
        The export date printed in the footer.

    Returns
    -------
    bytes
        PNG (exactly ``width_px`` × ``height_px``, dpi recorded), SVG or PDF (the map,
        then every source).

    Raises
    ------
    ValueError
        For an unknown format, preset or layer, or a size out of range, naming the
        allowed values and the value received.
    """
    options.check()
    return save(build_figure(data, view, options, today), options.format)
