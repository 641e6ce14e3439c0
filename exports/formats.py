"""Every export format by name: what it writes, its file extension and MIME type.

The app's "Download snapshot" control and ``python cli.py export`` both use
:data:`EXPORTS`, so a format exists in both or in neither.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from exports import data as data_exports
from exports.html import render_html
from exports.image.options import ImageOptions
from layers.atlas import AtlasData
from layers.i18n import t
from layers.view import View

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

Writer = Callable[[AtlasData, View, ImageOptions, datetime.date | None], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    Attributes
    ----------
    label_key : str
        Its name's key in the label catalogue (``layers.i18n.LABELS``).
    extension, mime : str
    write : callable
        ``(data, view, image_options, today) -> bytes``; an image writer sets the
        options' format to its own; the HTML and the one-slide deck (pptx) take the
        presenter's title and subtitle from the options.
    """

    label_key: str
    extension: str
    mime: str
    write: Writer

    def label(self, lang: str) -> str:
        """The format's name in ``lang``."""
        return t(self.label_key, lang)


def _image(
    fmt: str, data: AtlasData, view: View, opts: ImageOptions, today: datetime.date | None
) -> bytes:
    from exports.image.render import render_image  # matplotlib only when an image is asked for

    return render_image(data, view, replace(opts, format=fmt), today)


def _html(data: AtlasData, view: View, opts: ImageOptions, today: datetime.date | None) -> bytes:
    return render_html(data, view, today, title=opts.title, subtitle=opts.subtitle)


def _deck(data: AtlasData, view: View, opts: ImageOptions, today: datetime.date | None) -> bytes:
    from exports.deck import SlideSpec, deck_pptx  # python-pptx only when a deck is asked for

    return deck_pptx(data, [SlideSpec(view, opts)], today)


def _table(
    write: Callable[[AtlasData, View], bytes],
) -> Writer:
    return lambda data, view, _opts, _today: write(data, view)


_IMAGE_PNG, _IMAGE_SVG, _IMAGE_PDF = (partial(_image, f) for f in ("png", "svg", "pdf"))
_CSV, _GEOJSON = _table(data_exports.records_csv), _table(data_exports.records_geojson)
_GPKG, _REGIONS = _table(data_exports.geopackage), _table(data_exports.regions_csv)

EXPORTS: dict[str, ExportFormat] = {
    "png": ExportFormat("format_png", "png", "image/png", _IMAGE_PNG),
    "svg": ExportFormat("format_svg", "svg", "image/svg+xml", _IMAGE_SVG),
    "pdf": ExportFormat("format_pdf", "pdf", "application/pdf", _IMAGE_PDF),
    "html": ExportFormat("format_html", "html", "text/html", _html),
    "csv": ExportFormat("format_csv", "csv", "text/csv", _CSV),
    "geojson": ExportFormat("format_geojson", "geojson", "application/geo+json", _GEOJSON),
    "gpkg": ExportFormat(
        "format_gpkg",
        "gpkg",
        "application/geopackage+sqlite3",
        _GPKG,
    ),
    "regions-csv": ExportFormat("format_regions-csv", "csv", "text/csv", _REGIONS),
    "pptx": ExportFormat("format_pptx", "pptx", PPTX_MIME, _deck),
}
"""Export formats by the name the CLI's ``--format`` and the app use."""


def check_format(name: str) -> ExportFormat:
    """The format called ``name``, or a ValueError naming the allowed formats."""
    if name not in EXPORTS:
        raise ValueError(f"Unknown export format {name!r}; allowed: {', '.join(EXPORTS)}")
    return EXPORTS[name]


def export_view(
    data: AtlasData,
    view: View,
    fmt: str,
    image: ImageOptions | None = None,
    today: datetime.date | None = None,
) -> bytes:
    """The view exported in format ``fmt`` (a key of :data:`EXPORTS`).

    Raises
    ------
    ValueError
        For an unknown format, preset, layer or image size, naming the allowed values.
    """
    return check_format(fmt).write(data, view, image or ImageOptions(), today)


def file_name(view: View, fmt: str, today: datetime.date | None = None) -> str:
    """A default file name naming the view's filters, layer, level and the date.

    >>> file_name(View(programs=("sobujang",), year_from=2021), "png", datetime.date(2026, 1, 2))
    'korea-cluster-atlas_sobujang_2021-_count_sido_2026-01-02.png'
    """
    day = (today or datetime.date.today()).isoformat()
    stem = "korea-cluster-atlas-regions" if fmt == "regions-csv" else "korea-cluster-atlas"
    parts = [stem, *view.programs, *view.industries]
    if view.sido:
        parts.append(f"sido{view.sido}")
    if view.year_from or view.year_to:
        parts.append(f"{view.year_from or ''}-{view.year_to or ''}")
    parts += [view.layer.replace(":", "-"), view.level, day]
    return f"{'_'.join(parts)}.{check_format(fmt).extension}"
