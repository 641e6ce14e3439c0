"""The page around the map: title and subtitle above, sources and attribution below."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from exports.describe import Description
from exports.image.layout import Page
from exports.image.text import Typesetter
from layers.i18n import t
from layers.style import INK, MUTED, RULE

TITLE_PT, SUBTITLE_PT, FOOTER_PT = 21.0, 11.5, 8.5
"""Text sizes of the header and footer, points of the slide preset."""


def draw_header(fig: Figure, ts: Typesetter, page: Page, text: Description) -> float:
    """Title and subtitle, wrapped to the width; returns the header's bottom (points)."""
    W, H, margin, s = page.width, page.height, page.margin, page.scale
    title_font, sub_font = ts.font(TITLE_PT, True), ts.font(SUBTITLE_PT)
    title = ts.wrap(text.title, title_font, W - 2 * margin, max_lines=2)
    subtitle = ts.wrap(text.subtitle, sub_font, W - 2 * margin, max_lines=3)
    y = H - margin
    fig.text(margin / W, y / H, title, fontproperties=title_font, va="top", ha="left", color=INK)
    y -= (title.count("\n") + 1) * TITLE_PT * s * 1.3 + 4 * s
    fig.text(margin / W, y / H, subtitle, fontproperties=sub_font, va="top", ha="left", color=MUTED)
    y -= (subtitle.count("\n") + 1) * SUBTITLE_PT * s * 1.35
    return y - 10 * s


def draw_footer(fig: Figure, ts: Typesetter, page: Page, text: Description, lang: str) -> float:
    """Sources, then attribution and export date, under a rule; returns the rule's height."""
    W, H, margin, s = page.width, page.height, page.margin, page.scale
    foot_font = ts.font(FOOTER_PT)
    sources = ts.wrap(text.sources, foot_font, W - 2 * margin, max_lines=2)
    second = f"{text.attribution}   ·   {text.exported}   ·   {t('title', lang)}"
    second = ts.fit(second, foot_font, W - 2 * margin)
    line_h = FOOTER_PT * s * 1.45
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
    rule = mpl.lines.Line2D(
        [margin / W, 1 - margin / W], [footer_top / H] * 2, color=RULE, lw=0.6 * s
    )
    fig.add_artist(rule)
    return footer_top
