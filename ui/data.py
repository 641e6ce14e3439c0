"""Cached loaders: read-only geometry and the atlas data as shared resources."""

from __future__ import annotations

import streamlit as st

from layers.atlas import AtlasData, load_atlas_data


@st.cache_resource(show_spinner="Loading boundaries and records / 경계·단지 자료 불러오는 중…")
def atlas_data() -> AtlasData:
    """Everything the map needs, built once per server process (read-only).

    ``ui.startup`` calls this when the server starts, so the first visitor usually
    finds it ready.
    """
    return load_atlas_data()
