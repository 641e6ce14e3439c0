"""Cached loaders: read-only geometry and the atlas data as shared resources."""

from __future__ import annotations

import streamlit as st

from geo.records import load_checked_records
from geo.settings import load_settings
from layers.atlas import AtlasData, data_version
from layers.atlas_store import load_stored_atlas


@st.cache_resource(show_spinner="Loading boundaries and records / 경계·단지 자료 불러오는 중…")
def _atlas_data(data_dir: str) -> AtlasData:
    """The atlas built from the record files in ``data_dir`` (checked first), or the one
    stored for the same inputs (``layers.atlas_store``)."""
    del data_dir  # the cache key: load_atlas_data reads the same configured folder
    return load_stored_atlas(load_settings(), load_checked_records)


def atlas_data() -> AtlasData:
    """Everything the map needs, built once per server process and data folder (read-only).

    The record files are checked first: a damaged one raises
    ``geo.records.DataFileError`` (never cached), which the page shows as one message.
    ``ui.startup`` calls this when the server starts, so the first visitor usually
    finds it ready.
    """
    return _atlas_data(str(load_settings().data_dir))


@st.cache_resource(show_spinner=False)
def _version(data_dir: str) -> str:
    del data_dir  # the cache key, as for ``_atlas_data``
    return data_version(atlas_data())


def atlas_version() -> str:
    """The data version of :func:`atlas_data` (``layers.atlas.data_version``), once per process."""
    return _version(str(load_settings().data_dir))


def data_error_message(error: Exception) -> str:
    """The page's text for a damaged record file: heading, then the message as is."""
    return f"**Record files / 레코드 파일**\n\n```\n{error}\n```"
