"""Text of the map images: NanumGothic scaled to the page, measured, wrapped and cut."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from exports.fonts import korean_font, korean_font_bold


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
