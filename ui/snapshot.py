"""The "Download snapshot" control: the current view as an image, offline HTML or data.

Files are made only when the button is clicked (a callable passed to
``st.download_button``), so the control costs nothing on an ordinary rerun.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

import pandas as pd
import streamlit as st

from exports.formats import EXPORTS, export_view, file_name
from exports.image.options import ImageOptions
from layers.atlas import AtlasData
from layers.i18n import t
from layers.view import View, view_to_query

IMAGE_FORMATS = ("png", "svg", "pdf")
SIZES = ("slide", "a4", "busan", "custom")
"""Image presets offered (keys of ``exports.image.PRESETS``) and a custom size."""


def _image_options(lang: str) -> ImageOptions:
    size = st.radio(
        t("snapshot_size", lang),
        SIZES,
        format_func=lambda s: t(f"size_{s}", lang),
        key="snapshot_size",
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


def command_line(view: View, fmt: str, opts: ImageOptions | None) -> str:
    """The ``python cli.py export`` command that makes the same file.

    >>> command_line(View(level="sgg"), "png", ImageOptions(preset="a4"))
    'python cli.py export --format png --out atlas.png --preset a4 --level sgg'
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
    if opts is not None:
        if opts.width_px is None:
            args += ["--preset", opts.preset]
        else:
            args += ["--width", str(opts.width_px), "--height", str(opts.height_px)]
            args += ["--dpi", str(opts.dpi)]
    for name, value in view_to_query(view).items():
        args += [f"--{name}", value]
    return shlex.join(args)


def _maker(data: AtlasData, view: View, fmt: str, opts: ImageOptions | None) -> Callable[[], bytes]:
    return lambda: export_view(data, view, fmt, opts)


def snapshot_panel(data: AtlasData, view: View, lang: str) -> None:
    """Format and size pickers and a download button for the current view."""
    with st.expander(t("snapshot", lang)):
        fmt = st.selectbox(
            t("snapshot_format", lang),
            list(EXPORTS),
            format_func=lambda f: EXPORTS[f].label(lang),
            key="snapshot_format",
        )
        opts = _image_options(lang) if fmt in IMAGE_FORMATS else None
        st.download_button(
            t("snapshot_button", lang),
            data=_maker(data, view, fmt, opts),
            file_name=file_name(view, fmt),
            mime=EXPORTS[fmt].mime,
            on_click="ignore",
            key="snapshot_download",
        )
        users = int(data.sites.get("user_record", pd.Series(dtype=bool)).fillna(False).sum())
        if users:
            st.caption(t("snapshot_user_records", lang).format(n=users))
        st.caption(t("snapshot_note", lang))
        st.code(command_line(view, fmt, opts), language="bash")
