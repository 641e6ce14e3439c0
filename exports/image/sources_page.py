"""The PDF's sources pages: every document behind the map with title, publisher, date
and URL, in columns, on as many pages as it takes."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from exports.describe import Description, SourceDoc
from exports.image.layout import Page, page_scale
from exports.image.options import Size
from exports.image.text import Typesetter
from layers.i18n import t
from layers.style import INK, MUTED, PAPER

HEAD_PT, ENTRY_PT, URL_PT = 16.0, 8.5, 7.5
"""Text sizes of the sources pages, points of the slide preset."""


def char_wrap(text: str, ts: Typesetter, prop: FontProperties, width_pt: float) -> list[str]:
    """``text`` cut into lines that fit ``width_pt`` anywhere (URLs have no spaces)."""
    lines, line = [], ""
    for ch in text:
        if line and ts.width_pt(line + ch, prop) > width_pt:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class _Entry:
    text: str
    url: str
    height: float


def _entries(docs: tuple[SourceDoc, ...], ts: Typesetter, col_w: float, lang: str) -> list[_Entry]:
    """Each document as wrapped text: "publisher · date — title", then its URL."""
    s = ts.scale
    entry_font, url_font = ts.font(ENTRY_PT), ts.font(URL_PT)
    out = []
    for i, doc in enumerate(docs, 1):
        date = doc.date or t("export_undated", lang)
        head = f"{i}. {doc.publisher or '?'} · {date} — {doc.title}"
        text = ts.wrap(head, entry_font, col_w, max_lines=4)
        url = "\n".join(char_wrap(doc.url or t("export_no_url", lang), ts, url_font, col_w))
        lines_text, lines_url = text.count("\n") + 1, url.count("\n") + 1
        height = (lines_text * ENTRY_PT * 1.35 + lines_url * URL_PT * 1.35 + 6) * s
        out.append(_Entry(text, url, height))
    return out


def _new_page(size: Size, desc: Description, lang: str) -> tuple[Figure, Typesetter, Page, float]:
    """A blank page with the heading; returns it and the top of its body (points)."""
    fig = Figure(figsize=size.inches, dpi=size.dpi, facecolor=PAPER)
    ts = Typesetter(fig, page_scale(size))
    page = Page.of(fig, ts.scale)
    s, m = page.scale, page.margin
    y = page.height - m
    head = t("export_sources_page", lang)
    fig.text(
        m / page.width,
        y / page.height,
        head,
        fontproperties=ts.font(HEAD_PT, True),
        va="top",
        color=INK,
        gid="kca-sources-head",
    )
    y -= HEAD_PT * 1.4 * s
    note = f"{desc.title} — " + t("export_sources_page_note", lang, n=len(desc.documents))
    note = ts.wrap(note, ts.font(ENTRY_PT), page.width - 2 * m, max_lines=2)
    fig.text(
        m / page.width,
        y / page.height,
        note,
        fontproperties=ts.font(ENTRY_PT),
        va="top",
        color=MUTED,
    )
    y -= (note.count("\n") + 1) * ENTRY_PT * 1.4 * s + 10 * s
    return fig, ts, page, y


def sources_figures(desc: Description, size: Size) -> list[Figure]:
    """Pages listing every document of ``desc`` (two columns on landscape pages)."""
    lang = desc.lang
    figures: list[Figure] = []
    fig, ts, page, top = _new_page(size, desc, lang)
    figures.append(fig)
    columns = 1 if page.width < page.height else 2
    gap = 20 * page.scale
    col_w = (page.width - 2 * page.margin - gap * (columns - 1)) / columns
    col, y = 0, top
    for entry in _entries(desc.documents, ts, col_w, lang):
        if y - entry.height < page.margin and y < top:
            col, y = col + 1, top
            if col >= columns:
                fig, ts, page, top = _new_page(size, desc, lang)
                figures.append(fig)
                col, y = 0, top
        x = (page.margin + col * (col_w + gap)) / page.width
        url_y = y - (entry.text.count("\n") + 1) * ENTRY_PT * 1.35 * page.scale
        for top_y, text, points, color in (
            (y, entry.text, ENTRY_PT, INK),
            (url_y, entry.url, URL_PT, MUTED),
        ):
            fig.text(
                x,
                top_y / page.height,
                text,
                fontproperties=ts.font(points),
                va="top",
                color=color,
                linespacing=1.35,
            )
        y -= entry.height
    return figures
