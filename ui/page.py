"""The dashboard page: filters, map, details, table and sources."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from geo.aggregate import COUNTS
from geo.census import YEARS as CENSUS_YEARS
from geo.errors import BoundaryDataError
from geo.records import DataFileError
from geo.schema import PROGRAM_KINDS
from geo.settings import load_settings
from layers.assets import ensure_static
from layers.atlas import AtlasData
from layers.classify import CLASSIFIERS
from layers.filters import narrowed_options, option_label
from layers.i18n import column_label, count_text, t
from layers.kinds import kind_name, sites_heading
from layers.view import BASEMAPS, FOCUS, LEVELS, View, implied_kinds
from ui import compare, search, timeline, upload, viewcache
from ui import data as loaders
from ui.details import show_complex, show_details
from ui.snapshot import screen_view, snapshot_panel
from ui.startup import PAGE_ICON
from ui.state import PREFIX, bind, current_view, init_from_url, write_url
from ui.viewcache import st_folium


def sidebar(data: AtlasData, lang: str, tile_url: str | None, version: str | None) -> None:
    """Filter and layer widgets; their state lives in ``st.session_state``."""
    sb = st.sidebar
    sb.radio(
        "언어 · Language",
        ["ko", "en"],
        key=PREFIX + "lang",
        horizontal=True,
        format_func={"ko": "한국어", "en": "English"}.__getitem__,
    )
    record_filters(data, lang, version)
    sb.divider()
    layer_controls(data, lang)
    frame_controls(lang, tile_url)


def record_filters(data: AtlasData, lang: str, version: str | None) -> None:
    """Program, industry, year and province filters; the program and industry lists
    narrowed to what the other filters leave, each option with its count."""
    sb = st.sidebar
    kind_filter(data, lang, version)
    sync_years(data)
    view = current_view()
    for field, labels, label in (
        ("programs", programs_of_kinds(data, lang), "program"),
        ("industries", viewcache.industry_labels(data, lang), "industry"),
    ):
        list_filter(data, view, field, labels, t(label, lang), lang, version)
    year_slider(data, lang)
    sido = province_names(data, lang)
    sb.selectbox(
        t("province", lang),
        [None, *sido],
        **bind("sido", lang),
        format_func=lambda c: t("all", lang) if c is None else sido[c],
        placeholder=t("all", lang),
    )


KINDS_KEY = PREFIX + "kinds"
IMPLIED_KEY = PREFIX + "kinds_implied"


def _store_kinds(key: str) -> None:
    """The kinds ticked (none ticked: every kind), in ``PROGRAM_KINDS`` order."""
    ticked = set(st.session_state[key]) or set(PROGRAM_KINDS)
    st.session_state[KINDS_KEY] = [k for k in PROGRAM_KINDS if k in ticked]


def kind_filter(data: AtlasData, lang: str, version: str | None) -> None:
    """The program kinds shown (default: statutory designations), each with its number of
    designations. A program chosen in a link ticks its kind once (``program=busan_belt``
    shows the belts and ticks "city plan"); unticking a kind drops its chosen programs."""
    kinds_of = viewcache.program_kinds(data)
    if not st.session_state.get(IMPLIED_KEY):
        view = implied_kinds(current_view(), kinds_of)
        st.session_state[KINDS_KEY] = list(view.kinds)
        st.session_state[IMPLIED_KEY] = True
    kinds = st.session_state.get(KINDS_KEY) or list(PROGRAM_KINDS)
    chosen = st.session_state.get(PREFIX + "programs") or []
    st.session_state[PREFIX + "programs"] = [p for p in chosen if kinds_of.get(p) in kinds]
    designations = viewcache.kind_counts(data, version)
    key = f"{KINDS_KEY}_{lang}"
    st.session_state[key] = list(kinds)
    st.sidebar.pills(  # pills, not a multiselect: see list_filter (issue #16)
        t("kind_filter", lang),
        list(PROGRAM_KINDS),
        selection_mode="multi",
        key=key,
        on_change=_store_kinds,
        args=(key,),
        format_func=lambda k: f"{kind_name(k, lang)} ({int(designations.get(k, 0))})",
        help=t("kind_filter_help", lang),
    )


def programs_of_kinds(data: AtlasData, lang: str) -> dict[str, str]:
    """Program id -> name, for the programs of the kinds shown."""
    kinds = set(st.session_state.get(KINDS_KEY) or PROGRAM_KINDS)
    kinds_of = viewcache.program_kinds(data)
    labels = viewcache.program_labels(data, lang)
    return {p: n for p, n in labels.items() if kinds_of.get(p) in kinds}


def list_filter(
    data: AtlasData,
    view: View,
    field: str,
    labels: dict[str, str],
    label: str,
    lang: str,
    version: str | None,
) -> None:
    """Pills of ``field``'s options that the other filters leave, each with its count; one
    click adds or removes an option, none chosen means all.

    Pills, not a multiselect (issue #16): every opening of Streamlit 1.67's multiselect
    option list leaves that list's DOM alive for the life of the tab (held by react-aria's
    FocusScope), about 0.03 MiB per filter change. Pills open no list: in a bare page, 300
    toggles left the DOM node count unchanged and the heap grew no more than with plain
    checkboxes. They also show every option at once. A list with no option left says so.
    """
    counts = viewcache.option_counts(data, view, field, version)
    chosen = getattr(view, field)
    options = narrowed_options(labels, counts, chosen)
    if not options:
        st.sidebar.caption(f"{label}: {t('no_options', lang)}")
        return
    st.sidebar.pills(
        label,
        options,
        selection_mode="multi",
        **bind(field, lang),
        format_func=lambda option: option_label(labels, counts, option, lang),
        help=t("list_filter_help", lang),
    )


def province_names(data: AtlasData, lang: str) -> dict[str, str]:
    """Province code -> name in ``lang`` (once per regions table; read-only)."""
    regions = data.regions["sido"]

    def names() -> dict[str, str]:
        return regions.set_index("code_moi")[f"name_{lang}"].to_dict()

    return viewcache.made_of(regions, ("names", lang), names)


def year_bounds(data: AtlasData) -> tuple[int, int]:
    """The first and last designation year in the data (once per sites table)."""

    def bounds() -> tuple[int, int]:
        years = pd.to_numeric(data.sites["year"]).dropna().astype(int)
        return int(years.min()), int(years.max())

    return viewcache.made_of(data.sites, "year_bounds", bounds)


def sync_years(data: AtlasData) -> None:
    """Put the year slider's range (changed in this rerun) into the view before the
    filters above it count their options; the data's own ends mean "no bound"."""
    chosen = st.session_state.get("years_slider")
    if not chosen:
        return
    low, high = year_bounds(data)
    st.session_state[PREFIX + "year_from"] = None if chosen[0] == low else chosen[0]
    st.session_state[PREFIX + "year_to"] = None if chosen[1] == high else chosen[1]


def year_slider(data: AtlasData, lang: str) -> None:
    """The designation-year range; the data's own ends mean "no bound"."""
    low, high = year_bounds(data)
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
    complexes, designations = viewcache.site_totals(shown)
    heading = viewcache.made_of(shown, ("heading", lang), lambda: sites_heading(shown, lang))
    st.caption(f"{heading}: {count_text(complexes, designations, lang)}")
    first, second = st.columns(2)
    first.metric(t("count_complexes", lang), complexes)
    second.metric(t("count_designations", lang), designations)


def records_table(data: AtlasData, view: View, version: str | None) -> None:
    """Sortable table of the filtered designations (each once) and a CSV download (made
    when clicked)."""
    table = viewcache.records(data, view, version)
    st.dataframe(
        viewcache.arrow_table(table),  # converted once per shared table
        hide_index=True,
        width="stretch",
        column_config=viewcache.made_of(
            table, ("headings", view.lang), lambda: headings(list(table.columns), view.lang)
        ),  # Streamlit copies it
        **search.table_selection(data, table),  # a row click selects its complex
    )
    st.download_button(
        "CSV ⬇",
        viewcache.csv_maker(data, view, version),
        file_name="korea-cluster-atlas-records.csv",
        mime="text/csv",
        on_click="ignore",
    )


SOURCE_COLUMNS = ["source_title", "source_publisher", "source_date", "source_kind", "source_url"]
"""The columns of the sources table; a designation's second source is listed in the same
columns (``source2_*`` read as ``source_*``)."""


def all_sources(sites: pd.DataFrame) -> pd.DataFrame:
    """Every source of the shown designations, first and second, each once (issue #12:
    the app shows every source, not only the first)."""
    second = [c.replace("source_", "source2_", 1) for c in SOURCE_COLUMNS]
    rows = pd.concat(
        [
            viewcache.distinct_rows(sites, SOURCE_COLUMNS),
            viewcache.distinct_rows(sites, second).set_axis(SOURCE_COLUMNS, axis=1),
        ],
        ignore_index=True,
    )
    named = rows["source_title"].notna() | rows["source_url"].notna()
    return rows[named].drop_duplicates(ignore_index=True)


def sources(data: AtlasData, sites: pd.DataFrame, lang: str) -> None:
    """Every source behind the shown records, and the boundary and statistics attribution."""
    with st.expander(t("source", lang)):
        st.caption(data.attribution(lang, statistics=True))
        st.dataframe(
            all_sources(sites),
            hide_index=True,
            width="stretch",
            column_config=headings(SOURCE_COLUMNS, lang),
        )


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
"""The map's iframe (streamlit-folium's component) in the page."""
MAP_MIN_PX = 360
MAP_MARGIN_PX = 16
"""The map's least height, and the space kept under it in the window."""
MAP_TOP_PX = {"wide": 143, "phone": 148}
"""Where the map starts on the page (px), as ``fit_height.js`` measures it at 1600, 1500,
1280 and 1024 px wide ("wide") and at 390 and 360 px ("phone"), in both languages: the
height until it has measured. A wrong guess made the map resize right after it was
drawn (the map's report, one more run of the page, and a jump on screen)."""
PAGE_CSS = f"""<style>
.block-container, [data-testid="stMainBlockContainer"] {{ padding-top: 3.6rem; }}
{MAP_FRAME} {{
  height: max({MAP_MIN_PX}px,
    calc(100vh - var(--kca-map-top, {MAP_TOP_PX["wide"]}px) - {MAP_MARGIN_PX}px)) !important;
}}
@media (max-width: 700px) {{
  {MAP_FRAME} {{
    height: max(300px, min(72vh,
      calc(100vh - var(--kca-map-top, {MAP_TOP_PX["phone"]}px) - 8px))) !important;
  }}
  .block-container, [data-testid="stMainBlockContainer"] {{ padding-top: 3.9rem; }}
}}
.kca-header {{ display: flex; align-items: baseline; gap: .75rem; min-width: 0; }}
.kca-header .kca-title {{ font-size: 1.3rem; font-weight: 700; line-height: 1.4;
  white-space: nowrap; }}
.kca-header span {{ color: rgba(49, 51, 63, .65); font-size: .85rem; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; min-width: 0; }}
</style>"""
"""The page's own style: a compact header, and the map as tall as the window leaves
(``--kca-map-top`` is where the map starts, written by ``layers/static/fit_height.js``
from inside the map; a fallback until it has run). Phones keep a strip of page under the
map to scroll by."""


def page_style() -> None:
    """Inject :data:`PAGE_CSS` (a style element only: it takes no room on the page)."""
    st.html(PAGE_CSS)


def header(lang: str) -> None:
    """One line: the title in the page's language and the subtitle, cut to fit."""
    title, subtitle = html.escape(t("title", lang)), html.escape(t("subtitle", lang))
    st.markdown(
        f'<div class="kca-header"><div class="kca-title" role="heading" aria-level="1">'
        f"{title}</div><span>{subtitle}</span></div>",
        unsafe_allow_html=True,
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
    st.set_page_config(page_title="Korea Cluster Atlas", page_icon=PAGE_ICON, layout="wide")
    data = load()
    for problem in init_from_url(data):
        st.warning(problem)
    lang = st.session_state.get(PREFIX + "lang", "ko")
    page_style()
    header(lang)
    settings = load_settings()
    report = upload.upload_sidebar(lang)
    data = upload.session_atlas(data, report)
    version = upload.session_version(loaders.atlas_version(), report)
    timeline.step(data)  # the play's next year, before the year slider is drawn
    sidebar(data, lang, settings.tile_url, version)
    view: View = current_view()
    shown = viewcache.shown_sites(data, view, version)  # shared per view: read-only
    for problem in search.start(data, view):
        st.warning(problem)
    view = search.update(data, view, shown)  # selection and camera from this run's events
    write_url(view)
    compare.track(data, view, shown, compare.map_click())
    left, right = st.columns([3, 1])
    with left:
        search.search_box(data, shown, view)
        # The base map stays mounted while only the frame is unchanged (streamlit-folium
        # keys it on its script); filters and layer settings swap the groups in it. The
        # groups are rendered once per view for every session (ui.viewcache).
        groups = viewcache.map_groups(data, view, version)
        selected = search.site_script(data, view, version) or viewcache.extra_script(
            compare.highlight_group(data, view, compare.selected_region(view))
        )
        clicked = st_folium(
            viewcache.map_frame(data, view, settings.tile_url, settings.tile_attribution, version),
            key="atlas",
            height=620,
            use_container_width=True,
            returned_objects=search.RETURNED,
            feature_group_to_add=viewcache.with_extra(groups, selected),
            **search.camera_args(),  # moves the mounted map: selection, filters, link
        )
    view = screen_view(view, clicked)  # the map's centre and zoom, for exports and the URL
    last_click = (clicked or {}).get("last_object_clicked")
    compare.track(data, view, shown, last_click)
    timeline.watch(view)
    with right:
        headline(shown, lang)
        if shown.empty:
            st.info(t("no_match", lang))
        if not (view.site and show_complex(data, view.site, shown, lang)):
            show_details(data, view, shown, compare.card_click(data, view, search.region_click()))
        snapshot_panel(data, view, lang)
    below_map(data, view, shown, version)
    upload.show_report(report, lang)


TABS = ("tab_table", "tab_compare", "tab_by_year", "tab_sources")
"""The tabs below the map, in order (labels in ``layers.i18n``)."""
OPEN_TAB = "below_map_open"
"""Session key: index of the open tab below the map (kept across a language switch)."""


def _tab_switched(key: str, labels: list[str]) -> None:
    """A tab was chosen: remember it, and stop the play (any other action stops it)."""
    st.session_state[OPEN_TAB] = labels.index(st.session_state[key])
    timeline.stop()


def below_map(data: AtlasData, view: View, shown: pd.DataFrame, version: str | None) -> None:
    """The tabs under the map: records table, regions compared, by year, sources.

    Only the open tab's content is computed (the tabs rerun the page when switched), so
    the charts and comparisons cost nothing while the table is shown.
    """
    lang = view.lang
    labels = [t(key, lang) for key in TABS]
    key = f"below_map_{lang}"  # labels change with the language: one widget per language
    if key not in st.session_state:
        st.session_state[key] = labels[st.session_state.get(OPEN_TAB, 0)]
    table, regions, years, documents = st.tabs(
        labels, key=key, on_change=_tab_switched, args=(key, labels)
    )
    if table.open:
        with table:
            records_table(data, view, version)
    if regions.open:
        with regions:
            compare.compare_tab(data, view, shown, version, compare.selected_region(view))
    if years.open:
        with years:
            timeline.by_year_tab(data, view, shown, version)
    if documents.open:
        with documents:
            sources(data, shown, lang)
