"""Slide decks (PowerPoint .pptx): one slide per view, the title as the slide's title, the
map image under it and every source in the slide's notes.

A views file has one view per line: a link's query string (``program=sobujang&level=sgg``
or the whole link), optionally with ``title``, ``subtitle``, ``preset`` and
``with_belts=1``; blank lines and lines starting with ``#`` are skipped.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

from exports.describe import Description
from exports.image.options import ImageOptions
from layers.atlas import AtlasData
from layers.i18n import t
from layers.view import View, parse_query, view_to_query

SLIDE_IN = (13.333, 7.5)
"""A 16:9 slide, inches (PowerPoint's widescreen size)."""
TITLE_BOX_IN = (0.4, 0.25, 12.53, 0.95)
"""Left, top, width, height of the slide's title, inches."""
PICTURE_BOX_IN = (0.25, 1.25, 12.83, 6.1)
"""Where the map goes, inches; the image is drawn at this box's aspect."""
PICTURE_WIDTH_PX, PICTURE_DPI = 1920, 150
"""Pixel width and dpi of the map image on a slide."""
TITLE_PT = 28


@dataclass(frozen=True)
class SlideSpec:
    """One slide: the view and how to draw it (preset, presenter's title and subtitle)."""

    view: View
    options: ImageOptions = field(default_factory=ImageOptions)


def slide_options(options: ImageOptions) -> ImageOptions:
    """The options' preset (its frame and level) drawn as a PNG at the picture box's
    aspect, without the title (the slide's title holds it)."""
    _, _, w_in, h_in = PICTURE_BOX_IN
    height = round(PICTURE_WIDTH_PX * h_in / w_in)
    return replace(
        options,
        format="png",
        width_px=PICTURE_WIDTH_PX,
        height_px=height,
        dpi=PICTURE_DPI,
        show_title=False,
    )


def notes_text(desc: Description, view: View) -> str:
    """The slide's notes: subtitle, every source (publisher, date, title, URL), the
    boundary attribution, the export date and the view's query string."""
    lang = desc.lang
    lines = [desc.subtitle, "", f"{t('export_sources', lang)} ({len(desc.documents)}):"]
    for i, doc in enumerate(desc.documents, 1):
        date = doc.date or t("export_undated", lang)
        url = doc.url or t("export_no_url", lang)
        lines.append(f"{i}. {doc.publisher} · {date} — {doc.title} — {url}")
    query = "&".join(f"{k}={v}" for k, v in view_to_query(view).items())
    lines += ["", desc.attribution, desc.exported, f"?{query}"]
    return "\n".join(lines)


def _add_slide(prs: object, data: AtlasData, spec: SlideSpec, today: datetime.date | None) -> None:
    from pptx.util import Inches, Pt

    from exports.image.render import build_figure, save

    snapshot = build_figure(data, spec.view, slide_options(spec.options), today)
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # type: ignore[attr-defined]
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (Inches(v) for v in TITLE_BOX_IN)
    title.text = snapshot.description.title
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(TITLE_PT)
    left, top, width, height = (Inches(v) for v in PICTURE_BOX_IN)
    slide.shapes.add_picture(io.BytesIO(save(snapshot, "png")), left, top, width, height)
    slide.notes_slide.notes_text_frame.text = notes_text(snapshot.description, spec.view)


def deck_pptx(
    data: AtlasData, slides: Sequence[SlideSpec], today: datetime.date | None = None
) -> bytes:
    """A 16:9 PowerPoint deck with one slide per entry of ``slides``.

    Raises
    ------
    ValueError
        For an empty list, or an unknown preset or layer (naming the allowed values).
    """
    from pptx import Presentation
    from pptx.util import Inches

    if not slides:
        raise ValueError("A deck needs at least one view")
    for spec in slides:
        spec.options.check()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_IN[0]), Inches(SLIDE_IN[1])
    for spec in slides:
        _add_slide(prs, data, spec, today)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _query(line: str) -> dict[str, str]:
    """The parameters of a query string or a link."""
    text = line.strip()
    if "://" in text or text.startswith("/"):
        text = urlsplit(text).query
    return dict(parse_qsl(text.lstrip("?"), keep_blank_values=True))


def spec_from_query(
    query: Mapping[str, str], allowed: Mapping[str, tuple[str, ...]]
) -> tuple[SlideSpec, list[tuple[str, str, str]]]:
    """A slide from query parameters: the view, and the deck's own names; problems as
    (name, value, reason)."""
    view, problems = parse_query(query, allowed)
    flag = query.get("with_belts", "0")
    if flag not in ("0", "1"):
        problems.append(("with_belts", flag, "allowed: 0, 1"))
    opts = ImageOptions(
        preset=query.get("preset") or "slide",
        title=query.get("title") or None,
        subtitle=query.get("subtitle") or None,
        with_belts=flag == "1",
    )
    try:
        opts.check()
    except ValueError as exc:
        problems.append(("preset", str(query.get("preset")), str(exc)))
        opts = replace(opts, preset="slide")
    return SlideSpec(view, opts), problems


def read_views(
    lines: Iterable[str], allowed: Mapping[str, tuple[str, ...]]
) -> tuple[list[SlideSpec], list[str]]:
    """Slides from a views file's lines; problems as "line N: name=value: reason"."""
    specs, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, found = spec_from_query(_query(line), allowed)
        specs.append(spec)
        problems += [f"line {number}: {n}={v!r}: {why}" for n, v, why in found]
    return specs, problems
