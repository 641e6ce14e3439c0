"""The words around the map: title and subtitle at the top of the text box, sources,
attribution and date closing it at the bottom."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from exports.describe import Description
from exports.image.layout import Box, Page
from exports.image.text import Typesetter
from layers.i18n import t
from layers.style import INK, MUTED, RULE

TITLE_PT, SUBTITLE_PT, FOOTER_PT = 21.0, 11.5, 8.5
"""Text sizes of the header and footer, points of the slide preset."""


def _write(fig: Figure, page: Page, x: float, y: float, text: str, **style: object) -> None:
    fig.text(x / page.width, y / page.height, text, ha="left", **style)  # type: ignore[arg-type]


def draw_header(
    fig: Figure, ts: Typesetter, page: Page, text: Description, box: Box, show_title: bool = True
) -> float:
    """Title (unless ``show_title`` is false) and subtitle, wrapped to the box's width
    from its top left; returns the header's bottom (points)."""
    x, y0, width, height = box
    s = page.scale
    title_font, sub_font = ts.font(TITLE_PT, True), ts.font(SUBTITLE_PT)
    y = y0 + height
    if show_title:
        title = ts.wrap(text.title, title_font, width, max_lines=3)
        _write(
            fig, page, x, y, title, fontproperties=title_font, va="top", color=INK, gid="kca-title"
        )
        y -= (title.count("\n") + 1) * TITLE_PT * s * 1.3 + 4 * s
    subtitle = ts.wrap(text.subtitle, sub_font, width, max_lines=3)
    _write(
        fig,
        page,
        x,
        y,
        subtitle,
        fontproperties=sub_font,
        va="top",
        color=MUTED,
        gid="kca-subtitle",
    )
    y -= (subtitle.count("\n") + 1) * SUBTITLE_PT * s * 1.35
    return y - 10 * s


def draw_footer(
    fig: Figure, ts: Typesetter, page: Page, text: Description, box: Box, lang: str
) -> float:
    """Sources, then attribution and export date, under a rule, from the box's bottom
    left; returns the rule's height (points)."""
    x, y0, width, _ = box
    s = page.scale
    foot_font = ts.font(FOOTER_PT)
    sources = ts.wrap(text.sources, foot_font, width, max_lines=4)
    second = f"{text.attribution}   ·   {text.exported}   ·   {t('title', lang)}"
    second = ts.wrap(second, foot_font, width, max_lines=2)
    line_h = FOOTER_PT * s * 1.45
    n_lines = sources.count("\n") + second.count("\n") + 2
    _write(
        fig,
        page,
        x,
        y0,
        f"{sources}\n{second}",
        fontproperties=foot_font,
        va="bottom",
        color=MUTED,
        linespacing=1.45,
        gid="kca-sources",
    )
    footer_top = y0 + n_lines * line_h + 8 * s
    rule = mpl.lines.Line2D(
        [x / page.width, (x + width) / page.width],
        [footer_top / page.height] * 2,
        color=RULE,
        lw=0.6 * s,
    )
    fig.add_artist(rule)
    return footer_top
