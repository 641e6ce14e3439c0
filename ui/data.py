"""Cached loaders: read-only geometry and the atlas data as shared resources."""

from __future__ import annotations

import importlib
import threading

import streamlit as st

from layers.atlas import AtlasData, load_atlas_data

WARM_MODULES = ("mapclassify",)
"""Slow imports needed only for the first map, imported while the data loads."""


def _warm_imports() -> None:
    for name in WARM_MODULES:
        importlib.import_module(name)


@st.cache_resource(show_spinner="Loading boundaries and records / 경계·단지 자료 불러오는 중…")
def atlas_data() -> AtlasData:
    """Everything the map needs, built once per server process (read-only).

    Slow imports (``WARM_MODULES``) run on a background thread meanwhile: reading
    GeoParquet and most geometry work release the GIL, so on two cores both overlap.
    """
    warm = threading.Thread(target=_warm_imports, name="kca-warm-imports", daemon=True)
    warm.start()
    data = load_atlas_data()
    warm.join()
    return data
