"""The legend panel of an image: sections flowed into columns, swatches as on the map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, Patch, Rectangle

from exports.image.strokes import area_kwargs, marker_kwargs, patch_kwargs
from exports.image.text import Typesetter
from layers.style import INK, MARKERS, MUTED, PAPER, SWATCH_EDGE, belt_style
from layers.symbology import LegendEntry, LegendSection

SWATCH = 11.0
ROW = 16.0
TITLE_ROW = 19.0
SECTION_GAP = 9.0
ROW_HEIGHTS = {"gap": SECTION_GAP, "title": TITLE_ROW, "note": ROW * 0.95, "entry": ROW}
"""Height of each kind of legend row, points of the slide preset."""
TEXT_COLORS = {"title": INK, "note": MUTED, "entry": INK}
FACTORS = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6)
"""Text sizes tried, largest first, until the legend fits."""

Row = tuple[str, object]


def legend_rows(sections: list[LegendSection], note: dict[int, str]) -> list[Row]:
    """The sections as rows: a gap between sections, a title, an optional note, entries."""
    rows: list[Row] = []
    for i, section in enumerate(sections):
        if i:
            rows.append(("gap", None))
        rows.append(("title", section.title))
        if i in note:
            rows.append(("note", note[i]))
        rows.extend(("entry", e) for e in section.entries)
    return rows


def _circle(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    edge = patch_kwargs(marker_kwargs(MARKERS["located"], s))
    return Circle((x + size / 2, y), size * 0.45, facecolor=entry.color, **edge)


def _ring(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    edge = patch_kwargs(marker_kwargs(MARKERS["approximate"], s))
    return Circle((x + size / 2, y), size * 0.45, facecolor=PAPER, **edge)


def _province(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    edge = patch_kwargs(marker_kwargs(MARKERS["province"], s))
    return Circle((x + size / 2, y), size * 0.45, facecolor=PAPER, **edge)


def _text(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    return Rectangle((x, y - size / 2), size, size, facecolor="none", edgecolor="none")


def _emd(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    edge = patch_kwargs(marker_kwargs(MARKERS["emd"], s))
    return Circle((x + size / 2, y), size * 0.45, facecolor=entry.color, **edge)


def _belt(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    look = replace(belt_style(""), stroke=entry.color, fill=entry.color)
    style = patch_kwargs(area_kwargs(look, s * 0.8))
    return Rectangle((x, y - size / 2), size, size, **style)  # type: ignore[arg-type]


def _square(entry: LegendEntry, x: float, y: float, size: float, s: float) -> Patch:
    return Rectangle(
        (x, y - size / 2), size, size, facecolor=entry.color, edgecolor=SWATCH_EDGE, lw=0.4 * s
    )


SWATCHES: dict[str, Callable[[LegendEntry, float, float, float, float], Patch]] = {
    "circle": _circle,
    "ring": _ring,
    "emd": _emd,
    "belt": _belt,
    "square": _square,
    "province": _province,
    "text": _text,
}
"""Swatch of each legend shape, centre-left at x, y, side ``size`` points; the circle,
ring and belt are outlined as the located and approximate markers and the belts (each
belt in its own colour)."""


@dataclass(frozen=True)
class _Placed:
    kind: str
    text: str
    entry: LegendEntry | None
    column: int
    top: float
    height: float


def _fonts(ts: Typesetter, factor: float) -> dict[str, FontProperties]:
    return {
        "title": ts.font(10.5 * factor, True),
        "note": ts.font(8.5 * factor),
        "entry": ts.font(9.5 * factor),
    }


def _flow(
    rows: list[Row], ts: Typesetter, factor: float, col_w: float, height_pt: float, columns: int
) -> tuple[list[_Placed], bool]:
    """The rows placed top to bottom, column after column, up to ``columns``; whether
    all fit."""
    s, fonts = ts.scale * factor, _fonts(ts, factor)
    sized = []
    for kind, value in rows:
        entry = value if isinstance(value, LegendEntry) else None
        text = entry.label if entry is not None else str(value)
        indent = (SWATCH + 8) * s if entry is not None else 0.0
        if kind != "gap":
            text = ts.wrap(text, fonts[kind], col_w - indent, max_lines=2)
        sized.append((kind, text, entry, ROW_HEIGHTS[kind] * s * (1 + 0.8 * text.count("\n"))))
    placed: list[_Placed] = []
    col, y = 0, height_pt
    for i, (kind, text, entry, h) in enumerate(sized):
        if kind == "gap":
            y -= h if y < height_pt else 0.0
            continue
        block = _section_height(sized, i) if kind == "title" else h
        if y - block < 0 and (block <= height_pt or y - h < 0) and y < height_pt:
            col, y = col + 1, height_pt
            if col >= columns:
                return placed, False
        placed.append(_Placed(kind, text, entry, col, y, h))
        y -= h
    return placed, True


def _section_height(sized: list[tuple[str, str, LegendEntry | None, float]], start: int) -> float:
    """Height of the section whose title row is ``start``: it moves to the next column
    as a whole when it fits in one but not in what is left of this one."""
    total = 0.0
    for kind, _, _, h in sized[start:]:
        if kind == "gap":
            break
        total += h
    return total


def _layout_legend(
    rows: list[Row], ts: Typesetter, width_pt: float, height_pt: float
) -> tuple[float, float, list[_Placed]]:
    """Place legend rows in columns: the fewest columns at the largest text that fit
    (up to one per 130 points of width, at most four).

    Long labels wrap to two lines. Returns the text factor, column width and rows.
    """
    placed: list[_Placed] = []
    col_w, factor = width_pt, 1.0
    most = max(1, min(4, int(width_pt // (130 * ts.scale))))
    for factor in FACTORS:
        for columns in range(1, most + 1):
            col_w = (width_pt - 16 * ts.scale * (columns - 1)) / columns
            placed, fits = _flow(rows, ts, factor, col_w, height_pt, columns)
            if fits:
                return factor, col_w, placed
    return factor, col_w, placed  # the smallest text, cut where the panel ends


def draw_legend(
    ax: Axes, rows: list[Row], ts: Typesetter, width_pt: float, height_pt: float
) -> None:
    """Legend rows flowed into columns (as many as the width takes, then smaller text),
    sections kept whole in a column where they fit one, labels wrapped."""
    ax.set_xlim(0, width_pt)
    ax.set_ylim(0, height_pt)
    ax.axis("off")
    factor, col_w, placed = _layout_legend(rows, ts, width_pt, height_pt)
    s, fonts = ts.scale * factor, _fonts(ts, factor)
    for row in placed:
        x = row.column * (col_w + 16 * ts.scale)
        first_mid = row.top - ROW_HEIGHTS[row.kind] * s / 2
        if row.entry is not None:
            ax.add_patch(SWATCHES[row.entry.shape](row.entry, x + 1 * s, first_mid, SWATCH * s, s))
            x += (SWATCH + 8) * s
        ax.text(
            x,
            row.top - (ROW_HEIGHTS[row.kind] * s - fonts[row.kind].get_size_in_points()) / 2,
            row.text,
            fontproperties=fonts[row.kind],
            va="top",
            ha="left",
            color=TEXT_COLORS[row.kind],
            linespacing=1.25,
        )
