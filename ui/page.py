"""The dashboard page: filters, map, details, table and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from geo.aggregate import COUNTS, totals
from geo.census import YEARS as CENSUS_YEARS
from geo.errors import BoundaryDataError
from geo.records import DataFileError
from geo.settings import load_settings
from layers.assets import ensure_static
from layers.atlas import AtlasData
from layers.classify import CLASSIFIERS
from layers.i18n import column_label, count_text, t
from layers.view import BASEMAPS, FOCUS, LEVELS, View
from ui import data as loaders
from ui import upload, viewcache
from ui.details import show_details
from ui.snapshot import screen_view, snapshot_panel
from ui.state import PREFIX, bind, current_view, init_from_url, write_url
from ui.viewcache import st_folium


def sidebar(data: AtlasData, lang: str, tile_url: str | None) -> None:
    """Filter and layer widgets; their state lives in ``st.session_state``."""
    sb = st.sidebar
    sb.radio(
        "언어 · Language",
        ["ko", "en"],
        key=PREFIX + "lang",
        horizontal=True,
        format_func={"ko": "한국어", "en": "English"}.__getitem__,
    )
    record_filters(data, lang)
    sb.divider()
    layer_controls(data, lang)
    frame_controls(lang, tile_url)


def record_filters(data: AtlasData, lang: str) -> None:
    """Program, industry, year and province filters."""
    sb = st.sidebar
    for field, labels, label in (
        ("programs", data.program_labels(lang), "program"),
        ("industries", data.industry_labels(lang), "industry"),
    ):
        sb.multiselect(
            t(label, lang),
            list(labels),
            **bind(field, lang),
            format_func=labels.__getitem__,
            placeholder=t("all", lang),
        )
    year_slider(data, lang)
    sido = data.regions["sido"].set_index("code_moi")[f"name_{lang}"].to_dict()
    sb.selectbox(
        t("province", lang),
        [None, *sido],
        **bind("sido", lang),
        format_func=lambda c: t("all", lang) if c is None else sido[c],
        placeholder=t("all", lang),
    )


def year_slider(data: AtlasData, lang: str) -> None:
    """The designation-year range; the data's own ends mean "no bound"."""
    years = pd.to_numeric(data.sites["year"]).dropna().astype(int)
    low, high = int(years.min()), int(years.max())
    current = st.session_state.get(PREFIX + "year_from"), st.session_state.get(PREFIX + "year_to")
    chosen = st.sidebar.slider(
        t("year_range", lang),
        low,
        high,
        (current[0] or low, current[1] or high),
        key="years_slider",
    )
    st.session_state[PREFIX + "year_from"] = None if chosen[0] == low else chosen[0]
    st.session_state[PREFIX + "year_to"] = None if chosen[1] == high else chosen[1]


def layer_controls(data: AtlasData, lang: str) -> None:
    """The regional layer, its level and its classification."""
    sb = st.sidebar
    sb.selectbox(
        t("regions", lang),
        list(data.layers),
        **bind("layer", lang),
        format_func=lambda k: data.layers[k].label(lang),
    )
    if st.session_state.get(PREFIX + "layer", "count") == "count":
        sb.radio(
            t("count_complexes", lang) + " / " + t("count_designations", lang),
            COUNTS,
            **bind("count", lang),
            horizontal=True,
            format_func=lambda v: t(f"count_{v}", lang),
        )
    sb.radio(
        t("level", lang),
        LEVELS,
        **bind("level", lang),
        horizontal=True,
        format_func=lambda v: t("province" if v == "sido" else "municipality", lang),
    )
    sb.selectbox(
        t("scheme", lang),
        list(CLASSIFIERS),
        **bind("scheme", lang),
        format_func=lambda k: CLASSIFIERS[k].label(lang),
    )
    layer = st.session_state.get(PREFIX + "layer")
    sb.radio(
        t("census_year", lang),
        CENSUS_YEARS,
        key=PREFIX + "census_year",
        horizontal=True,
        help=t("census_help", lang),
        disabled=layer not in data.layers or data.layers[layer].source != "census",
    )


def frame_controls(lang: str, tile_url: str | None) -> None:
    """The map's frame: focus, site and belt layers, basemap."""
    sb = st.sidebar
    sb.radio(
        t("focus", lang),
        list(FOCUS),
        key=PREFIX + "focus",
        horizontal=True,
        format_func=lambda f: t(f"focus_{f}", lang),
    )
    sb.checkbox(t("clusters", lang), key=PREFIX + "sites")
    sb.checkbox(t("belts", lang), key=PREFIX + "belts")
    sb.radio(
        t("basemap", lang),
        [b for b in BASEMAPS if b != "custom" or tile_url],
        key=PREFIX + "basemap",
        horizontal=True,
        format_func=lambda b: t(f"basemap_{b}", lang),
    )


def headings(columns: list[str], lang: str) -> dict[str, ColumnConfig]:
    """``column_config`` giving every column its heading in ``lang``; URLs as links."""
    config: dict[str, ColumnConfig] = {
        c: st.column_config.Column(column_label(c, lang)) for c in columns
    }
    for column in columns:
        if column.endswith("_url"):
            config[column] = st.column_config.LinkColumn(column_label(column, lang))
    return config


def headline(shown: pd.DataFrame, lang: str) -> None:
    """The shown complexes and designations, each counted once ("N complexes · M
    designations")."""
    complexes, designations = totals(shown)
    st.caption(f"{t('clusters', lang)}: {count_text(complexes, designations, lang)}")
    first, second = st.columns(2)
    first.metric(t("count_complexes", lang), complexes)
    second.metric(t("count_designations", lang), designations)


def records_table(data: AtlasData, view: View, version: str | None) -> None:
    """Sortable table of the filtered designations (each once) and a CSV download (made
    when clicked)."""
    table = viewcache.records(data, view, version)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=headings(list(table.columns), view.lang),
    )
    st.download_button(
        "CSV ⬇",
        viewcache.csv_maker(data, view, version),
        file_name="korea-cluster-atlas-records.csv",
        mime="text/csv",
        on_click="ignore",
    )


def sources(data: AtlasData, sites: pd.DataFrame, lang: str) -> None:
    """Every source behind the shown records, and the boundary and statistics attribution."""
    with st.expander(t("source", lang)):
        st.caption(data.attribution(lang, statistics=True))
        cols = ["source_title", "source_publisher", "source_date", "source_url"]
        st.dataframe(
            viewcache.distinct_rows(sites, cols),
            hide_index=True,
            width="stretch",
            column_config=headings(cols, lang),
        )


def load() -> AtlasData:
    """Atlas data, or a clear message and stop when boundary files are missing or a record
    file is damaged."""
    try:
        ensure_static()
        return loaders.atlas_data()
    except BoundaryDataError as exc:
        st.error(f"**Boundary files / 경계 파일**\n\n```\n{exc}\n```")
        st.stop()
    except DataFileError as exc:
        st.error(loaders.data_error_message(exc))
        st.stop()


def main() -> None:
    """Render the dashboard."""
    st.set_page_config(page_title="Korea Cluster Atlas", page_icon="🗺️", layout="wide")
    data = load()
    for problem in init_from_url(data):
        st.warning(problem)
    lang = st.session_state.get(PREFIX + "lang", "ko")
    st.title(f"{t('title', lang)} · {t('title', 'en' if lang == 'ko' else 'ko')}")
    st.caption(t("subtitle", lang))
    settings = load_settings()
    report = upload.upload_sidebar(lang)
    data = upload.session_atlas(data, report)
    version = upload.session_version(loaders.atlas_version(), report)
    sidebar(data, lang, settings.tile_url)
    view: View = current_view()
    write_url(view)
    shown = viewcache.shown_sites(data, view, version)  # shared per view: read-only
    left, right = st.columns([3, 1])
    with left:
        # The base map stays mounted while only the frame is unchanged (streamlit-folium
        # keys it on its script); filters and layer settings swap the groups in it. The
        # groups are rendered once per view for every session (ui.viewcache).
        clicked = st_folium(
            viewcache.map_frame(data, view, settings.tile_url, settings.tile_attribution, version),
            key="atlas",
            height=620,
            use_container_width=True,
            returned_objects=["last_object_clicked", "center", "zoom"],
            feature_group_to_add=viewcache.map_groups(data, view, version),
        )
    view = screen_view(view, clicked)  # the map's centre and zoom, for exports and the URL
    with right:
        headline(shown, lang)
        if shown.empty:
            st.info(t("no_match", lang))
        show_details(data, view, shown, (clicked or {}).get("last_object_clicked"))
        snapshot_panel(data, view, lang)
    records_table(data, view, version)
    sources(data, shown, lang)
    upload.show_report(report, lang)
