"""The "Download snapshot" control: the current view as an image, a one-slide deck,
offline HTML or data, with the presenter's title and subtitle.

Files are made only when the button is clicked (a callable passed to
``st.download_button``), so the control costs nothing on an ordinary rerun. The view
exported is the one on screen, down to the map's centre and zoom (:func:`screen_view`).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import replace

import pandas as pd
import streamlit as st

from exports.formats import EXPORTS, export_view, file_name
from exports.image.options import ImageOptions
from layers.atlas import AtlasData
from layers.camera import map_size_px
from layers.i18n import t
from layers.view import CENTRE_RANGES, SCREEN_RANGE, View, view_to_query
from ui import viewcache
from ui.state import PREFIX, write_url

IMAGE_FORMATS = ("png", "svg", "pdf", "pptx")
WORDED_FORMATS = (*IMAGE_FORMATS, "html")
"""Formats drawn with a preset (images and the one-slide deck) and with a title."""
SIZES = ("slide", "a4", "a4-portrait", "square", "busan", "custom")
"""Image presets offered (keys of ``exports.image.PRESETS``) and a custom size."""


def screen_view(view: View, returned: Mapping[str, object] | None) -> View:
    """The view with the map's centre, zoom and size as ``st_folium`` returned them,
    kept in the session and the URL, so an export frames what the screen shows."""
    centre = (returned or {}).get("center")
    zoom = (returned or {}).get("zoom")
    if not isinstance(centre, Mapping) or not isinstance(zoom, (int, float)):
        return view
    lat, lon = centre.get("lat"), centre.get("lng")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return view
    values: dict[str, object] = {
        "lat": round(float(lat), 4),
        "lon": round(float(lon), 4),
        "zoom": float(zoom),
    }
    if any(not lo <= values[k] <= hi for k, (lo, hi) in CENTRE_RANGES.items()):  # type: ignore[operator]
        return view
    values["screen"] = screen_size((returned or {}).get("bounds"), float(zoom))
    for name, value in values.items():
        st.session_state[PREFIX + name] = value
    framed = replace(view, **values)  # type: ignore[arg-type]
    write_url(framed)
    return framed


def screen_size(bounds: object, zoom: float) -> tuple[int, int] | None:
    """The map's width and height on screen (pixels) from the bounds ``st_folium``
    returned; None when it returned none or they are out of :data:`SCREEN_RANGE`."""
    size = map_size_px(bounds, zoom) if isinstance(bounds, Mapping) else None
    low, high = SCREEN_RANGE
    if size is None or not all(low <= v <= high for v in size):
        return None
    return size


def _size(lang: str, fmt: str) -> ImageOptions:
    sizes = SIZES if fmt != "pptx" else ("slide", "busan")
    size = st.radio(
        t("snapshot_size", lang),
        sizes,
        format_func=lambda s: t(f"size_{s}", lang),
        key=f"snapshot_size_{fmt == 'pptx'}",
    )
    if size != "custom":
        return ImageOptions(preset=size)
    width, height, dpi = st.columns(3)
    return ImageOptions(
        preset="slide",
        width_px=int(width.number_input(t("width_px", lang), 200, 12000, 1920, key="snapshot_w")),
        height_px=int(
            height.number_input(t("height_px", lang), 200, 12000, 1080, key="snapshot_h")
        ),
        dpi=int(dpi.number_input(t("dpi", lang), 50, 600, 150, key="snapshot_dpi")),
    )


def _image_options(lang: str, fmt: str) -> ImageOptions:
    """Size, the presenter's title and subtitle and the belts switch, as chosen."""
    opts = _size(lang, fmt) if fmt in IMAGE_FORMATS else ImageOptions()
    help_text = t("snapshot_words_help", lang)
    title = st.text_input(t("snapshot_title", lang), key="snapshot_title", help=help_text)
    subtitle = st.text_input(t("snapshot_subtitle", lang), key="snapshot_subtitle")
    belts = fmt in IMAGE_FORMATS and st.checkbox(
        t("snapshot_with_belts", lang), key="snapshot_with_belts"
    )
    return replace(
        opts, title=title.strip() or None, subtitle=subtitle.strip() or None, with_belts=belts
    )


def code_span(text: str) -> str:
    """``text`` as one Markdown code span: shown verbatim in monospace, nothing in it
    interpreted (its fence is longer than any run of backticks inside).

    Used for the command line instead of ``st.code``, whose syntax highlighter is a
    1.5 MB script every visitor's browser would fetch and parse before the map.

    >>> code_span("python cli.py export --title 'a`b'")
    "`` python cli.py export --title 'a`b' ``"
    """
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {text} {fence}"


def command_line(view: View, fmt: str, opts: ImageOptions | None) -> str:
    """The ``python cli.py export`` command that makes the same file.

    >>> command_line(View(level="sgg"), "png", ImageOptions(preset="a4"))
    'python cli.py export --format png --out atlas.png --preset a4 --level sgg'
    >>> command_line(View(), "png", ImageOptions(preset="square", title="벨트", with_belts=True))
    "python cli.py export --format png --out atlas.png --preset square --title '벨트' --with-belts"
    """
    args = [
        "python",
        "cli.py",
        "export",
        "--format",
        fmt,
        "--out",
        f"atlas.{EXPORTS[fmt].extension}",
    ]
    if opts is not None and fmt in IMAGE_FORMATS:
        if opts.width_px is None:
            args += ["--preset", opts.preset]
        else:
            args += ["--width", str(opts.width_px), "--height", str(opts.height_px)]
            args += ["--dpi", str(opts.dpi)]
    if opts is not None:
        args += ["--title", opts.title] if opts.title else []
        args += ["--subtitle", opts.subtitle] if opts.subtitle else []
        args += ["--with-belts"] if opts.with_belts else []
    for name, value in view_to_query(view).items():
        args += [f"--{name}", value]
    return shlex.join(args)


def _maker(data: AtlasData, view: View, fmt: str, opts: ImageOptions | None) -> Callable[[], bytes]:
    return lambda: export_view(data, view, fmt, opts)


def user_records(data: AtlasData) -> int:
    """How many of the records are the session's own (uploaded)."""
    return int(data.sites.get("user_record", pd.Series(dtype=bool)).fillna(False).sum())


SNAPSHOT_OPEN = "snapshot_open"
"""Session key: whether the snapshot panel is open."""
CHOICES = (
    "snapshot_format",
    "snapshot_size_False",
    "snapshot_size_True",
    "snapshot_w",
    "snapshot_h",
    "snapshot_dpi",
    "snapshot_title",
    "snapshot_subtitle",
    "snapshot_with_belts",
)
"""Keys of the panel's pickers: kept while the panel is closed."""


def keep_choices() -> None:
    """Keep the pickers' values across runs that do not draw them (a closed panel):
    Streamlit forgets a widget's value when a run leaves it out, unless the value is
    the session's own."""
    for key in CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def snapshot_panel(data: AtlasData, view: View, lang: str) -> None:
    """Format, size, title and subtitle pickers and a download button for the view.

    Drawn only while the panel is open (opening it reruns the page): closed, as on
    every page load, it costs one element instead of ten (issue #17).
    """
    keep_choices()
    panel = st.expander(t("snapshot", lang), key=SNAPSHOT_OPEN, on_change="rerun")
    if panel.open:
        with panel:
            snapshot_body(data, view, lang)


def snapshot_body(data: AtlasData, view: View, lang: str) -> None:
    """The panel's pickers, download button, notes and command line."""
    fmt = st.selectbox(
        t("snapshot_format", lang),
        list(EXPORTS),
        format_func=lambda f: EXPORTS[f].label(lang),
        key="snapshot_format",
    )
    opts = _image_options(lang, fmt) if fmt in WORDED_FORMATS else None
    st.download_button(
        t("snapshot_button", lang),
        data=_maker(data, view, fmt, opts),
        file_name=file_name(view, fmt),
        mime=EXPORTS[fmt].mime,
        on_click="ignore",
        key="snapshot_download",
    )
    users = viewcache.made_of(data.sites, "user_records", lambda: user_records(data))
    if users:
        st.caption(t("snapshot_user_records", lang).format(n=users))
    st.caption(t("snapshot_note", lang))
    st.markdown(code_span(command_line(view, fmt, opts)))
