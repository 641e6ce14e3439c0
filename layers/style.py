"""The atlas's look in one table: fills, markers, belts, labels and ink, for every renderer.

Renderer-neutral (no folium, no matplotlib): the web map (``layers.webmap``,
``layers.sites``, ``layers.belts``, ``layers.legend``) and the map images
(``exports.image``) both read their colours, opacities, dashes, widths and radii here,
so a marker or a belt looks the same in the app and in a PNG, SVG or PDF.

Widths, dashes and radii are screen pixels of the web map; the images draw them at
:data:`PRINT_PT_PER_PX` points per pixel (times the page's scale).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# --------------------------------------------------------------------------- regions

PALETTE = "YlGnBu"
"""ColorBrewer sequential scheme of the numeric classes (colour-blind safe)."""
NO_SITE_COLOR = "#eeeeee"
"""Fill of a region with no shown site (plain light grey): nothing here to report."""
NOT_REPORTED_COLOR = "#969696"
"""Fill of a region whose shown sites report no figure for the layer (darker grey; at
least ``layers.colors.DISTINCT`` from "no site" and from every industry colour)."""
NO_DATA_COLOR = NO_SITE_COLOR
"""Fill of a region without a figure in a layer that does not come from sites (a
statistic, a city's indicator): plain light grey, as "no site"."""
ZERO_COLOR = NO_SITE_COLOR
"""Fill of a region with a count of zero (no site)."""
UNKNOWN_COLOR = NOT_REPORTED_COLOR
"""Fill of a site or region whose industry is not stated (not reported)."""
REGION_FILLS: dict[str, str] = {
    "no_site": NO_SITE_COLOR,
    "not_reported": NOT_REPORTED_COLOR,
    "no_figure": NO_DATA_COLOR,
}
"""Fill of a region without a value, by why it has none (``layers.atlas.STATUSES``)."""
SEA_COLOR = "#e8f0f7"
"""Background behind the land (the sea)."""
REGION_FILL_OPACITY = 0.85
"""Opacity of the region fills on the web map (the images draw them opaque)."""

# --------------------------------------------------------------------------- ink

INK = "#222222"
"""Text, arrows and marker outlines."""
MUTED = "#555555"
"""Secondary text: subtitle, footer, legend notes."""
RULE = "#cccccc"
"""The rule above an image's footer."""
FRAME = "#b0b0b0"
"""The map frame of an image."""
SWATCH_EDGE = "#9a9a9a"
"""Edge of a square legend swatch in images."""
PAPER = "#ffffff"
"""Page background and text halos."""

PRINT_PT_PER_PX = 0.6
"""Points per screen pixel for strokes, dashes and radii drawn in images."""


def css_dash(dash: tuple[float, ...] | None) -> str | None:
    """A dash pattern as an SVG/Leaflet ``dashArray`` (None for a solid line).

    >>> css_dash((6.0, 4.0)), css_dash(None)
    ('6 4', None)
    """
    return None if dash is None else " ".join(f"{d:g}" for d in dash)


@dataclass(frozen=True)
class LineStyle:
    """A stroke: colour and width (screen pixels)."""

    color: str
    width: float


REGION_LINE = LineStyle(PAPER, 0.6)
"""Borders between regions."""
PROVINCE_LINE = LineStyle(MUTED, 1.4)
"""Province outlines drawn over municipalities."""


# --------------------------------------------------------------------------- markers


@dataclass(frozen=True)
class MarkerStyle:
    """A site marker: a circle filled with the industry's colour.

    Attributes
    ----------
    fill_opacity : float
    stroke : str
        Outline colour.
    stroke_width : float
        Outline width, screen pixels.
    dash : tuple of float or None
        Outline dash pattern (on, off, ...) in screen pixels; None for a solid line.
    radius : float
        Screen pixels on the web map; images scale it to their marker size.
    """

    fill_opacity: float
    stroke: str
    stroke_width: float
    dash: tuple[float, ...] | None
    radius: float

    @property
    def dash_css(self) -> str | None:
        """The dash as an SVG/Leaflet ``dashArray``.

        >>> MARKERS["approximate"].dash_css
        '3 3'
        """
        return css_dash(self.dash)


MARKERS: dict[str, MarkerStyle] = {
    "located": MarkerStyle(0.9, INK, 1.0, None, 7.0),
    "emd": MarkerStyle(0.75, INK, 1.8, (1.0, 2.0), 7.0),
    "approximate": MarkerStyle(0.45, INK, 2.0, (3.0, 3.0), 7.0),
    "province": MarkerStyle(0.2, INK, 2.4, (7.0, 3.0), 11.0),
    "uploaded": MarkerStyle(0.9, "#c51b7d", 3.0, None, 8.0),
}
"""Marker styles, one per location precision: a complex at its own cited coordinates
(``located``: filled, solid outline), at a representative point of its 읍면동 (``emd``:
filled, dotted outline), at its municipality or province (``approximate``: a dashed,
lighter ring), for the whole of its province (``province``: a larger, fainter ring with
long dashes, labelled "province-wide": the sources name only the province); and a record
uploaded in this session (a thick magenta outline, apart from
every industry fill; its fill and dash follow its precision's style)."""

PRECISION_MARKERS: dict[str, str] = {
    "point": "located",
    "emd": "emd",
    "sgg": "approximate",
    "sido": "province",
}
"""Location precision of a complex (``complexes.csv``) -> its marker style."""


def marker_kind(precision: str | bool) -> str:
    """The marker style key of a precision (``True``/``False``: approximate/located).

    >>> marker_kind("emd"), marker_kind(True), marker_kind("point")
    ('emd', 'approximate', 'located')
    """
    if isinstance(precision, bool):
        return "approximate" if precision else "located"
    if precision not in PRECISION_MARKERS:
        raise ValueError(
            f"unknown precision {precision!r}; allowed: {', '.join(PRECISION_MARKERS)}"
        )
    return PRECISION_MARKERS[precision]


def marker_style(
    precision: str | bool = False, uploaded: bool = False, *, approximate: bool | None = None
) -> MarkerStyle:
    """The marker of a complex by its precision (or ``approximate`` True/False), outlined
    as uploaded when the user gave the record.

    >>> marker_style(True, uploaded=True).stroke, marker_style(True, uploaded=True).dash
    ('#c51b7d', (3.0, 3.0))
    >>> marker_style("emd").dash_css
    '1 2'
    """
    base = MARKERS[marker_kind(precision if approximate is None else approximate)]
    if not uploaded:
        return base
    mark = MARKERS["uploaded"]
    return replace(base, stroke=mark.stroke, stroke_width=mark.stroke_width, radius=mark.radius)


# --------------------------------------------------------------------------- belts


@dataclass(frozen=True)
class AreaStyle:
    """An outlined, lightly filled area."""

    stroke: str
    stroke_width: float
    dash: tuple[float, ...] | None
    fill: str
    fill_opacity: float

    @property
    def dash_css(self) -> str | None:
        """The dash as an SVG/Leaflet ``dashArray``."""
        return css_dash(self.dash)


BELT_COLOR = "#7a0177"
BELT = AreaStyle(BELT_COLOR, 2.5, (6.0, 4.0), BELT_COLOR, 0.12)
"""Busan's innovation belts: a dashed purple outline over a faint purple fill."""

BELT_COLORS: dict[str, str] = {
    "nakdong_river": "#D55E00",
    "startup": "#E69F00",
    "boost": "#AA4499",
    "suyeong_river": "#332288",
    "mountain_valley": "#882255",
}
"""One colour per belt (``data/busan_belts.csv`` ids), apart from the YlGnBu region
classes and from each other (Okabe–Ito vermillion and orange, Tol's muted purple, indigo
and wine); neighbouring belts (Startup–Boost, Suyeong River–Mountain Valley) differ most."""


def belt_style(belt_id: str) -> AreaStyle:
    """A belt filled in its own colour with a solid outline (images); unknown ids get
    the common belt colour.

    >>> belt_style("startup").fill, belt_style("startup").dash, belt_style("x").fill
    ('#E69F00', None, '#7a0177')
    """
    color = BELT_COLORS.get(belt_id, BELT_COLOR)
    return AreaStyle(color, 2.0, None, color, 0.7)


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class LabelStyle:
    """Names written on the map: colour, size on the web map (px) and in images (pt)."""

    color: str
    screen_px: float
    print_pt: float
    bold: bool = False


LABELS: dict[str, LabelStyle] = {
    "belt": LabelStyle("#4a0046", 12.0, 9.0, bold=True),
    "region": LabelStyle("#4d4d4d", 11.0, 7.5),
}
"""Map labels: belt names and (in images) municipality names."""
