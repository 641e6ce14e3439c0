"""A drawn figure as PNG, SVG or PDF bytes, with the format's settings and metadata."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from exports.image.options import FORMATS, Size, check_name
from layers.style import PAPER

SVG_FONT_FALLBACK = (
    "'NanumGothic', 'Nanum Gothic', 'Noto Sans CJK KR', 'Noto Sans KR', "
    "'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
)

_save_lock = threading.Lock()


@contextmanager
def _rc(fmt: str) -> Iterator[None]:
    """Format-specific rcParams while saving; one export at a time (rcParams are global)."""
    subset_log = logging.getLogger("fontTools.subset")
    with _save_lock, mpl.rc_context(FORMATS[fmt].rc):  # type: ignore[arg-type]
        level = subset_log.level
        subset_log.setLevel(logging.ERROR)  # "TSI0 NOT subset" notes while embedding fonts
        try:
            yield
        finally:
            subset_log.setLevel(level)


def _metadata(fmt: str, title: str) -> dict[str, str | None]:
    if fmt == "png":
        return {"Title": title, "Software": "Korea Cluster Atlas (matplotlib)"}
    if fmt == "svg":
        return {"Title": title, "Date": None, "Creator": "Korea Cluster Atlas"}
    return {"Title": title, "Creator": "Korea Cluster Atlas"}


def save_figure(
    figure: Figure | Sequence[Figure], size: Size, title: str, fmt: str = "png"
) -> bytes:
    """``figure`` as PNG, SVG or PDF bytes at ``size.dpi``, titled ``title``.

    Given several figures, a PDF has one page each; PNG and SVG take the first.
    """
    check_name("format", FORMATS, fmt)
    pages = [figure] if isinstance(figure, Figure) else list(figure)
    buf = io.BytesIO()
    with _rc(fmt):
        if fmt == "pdf" and len(pages) > 1:
            with PdfPages(buf, metadata=_metadata(fmt, title)) as pdf:
                for page in pages:
                    pdf.savefig(page, dpi=size.dpi, facecolor=PAPER)
        else:
            pages[0].savefig(
                buf, format=fmt, dpi=size.dpi, metadata=_metadata(fmt, title), facecolor=PAPER
            )
    out = buf.getvalue()
    return _svg_fonts(out) if fmt == "svg" else out


def _svg_fonts(svg: bytes) -> bytes:
    """Give SVG text a list of Korean fonts to fall back on."""
    text = svg.decode("utf-8")
    for family in (
        "font-family:'NanumGothic'",
        "font-family: 'NanumGothic'",
        "font-family:NanumGothic",
        "font-family: NanumGothic",
    ):
        text = text.replace(family, f"font-family:{SVG_FONT_FALLBACK}")
    return text.encode("utf-8")
