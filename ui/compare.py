"""The "Compare regions" tab: the map's regions ranked, linked with the map, side by side.

A row or bar clicked here selects its region as a click on the map does: the card
beside the map shows it (the same ``ui.details.show_details`` path, given a click at
a point inside the region) and the map outlines it. A region clicked on the map is
marked in the table and the chart. The values are the map's own
(``layers.compare.region_ranking``), cached per view like the map's layers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
import pandas as pd
import streamlit as st

from layers.atlas import AtlasData
from layers.compare import chart_scale, compare_regions, region_ranking, top_regions
from layers.i18n import t
from layers.symbology import layer_unit_and_title
from layers.view import View
from ui.details import clicked_marker, clicked_region
from ui.viewcache import MAX_VIEWS, content_view

REGION = "cmp_region"
"""Session key: (KOSTAT code, level) of the selected region: the last region clicked on
the map (a click on a site keeps it) or picked in the table or chart."""
PICKED = "cmp_picked"
"""Session key: True while the selection is a pick newer than the map's last click."""
MAP_CLICK = "cmp_map_click"
"""Session key: the map's last click as last seen (a new one replaces the pick)."""
CHART_ROWS = {"sido": 17, "sgg": 20}
"""Regions with a value shown as bars, per level (the table lists them all)."""
HIGHLIGHT_COLOR = "#d62728"
"""Outline of the selected region on the map and in the chart."""
CHOSEN = "cmp_chosen_{level}_{lang}"
"""Key of the side-by-side region choice (a new widget per level and language)."""
TOUCHED = "cmp_touched"
"""Session key: the user changed the side-by-side choice (else it follows the top two)."""


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def _cached_ranking(view: View, version: str, _data: AtlasData, _shown: pd.DataFrame) -> Any:
    del version  # the cache key, with ``view``: the data and the shown sites follow from them
    return region_ranking(_data, view, _shown)


def ranking(data: AtlasData, view: View, shown: pd.DataFrame, version: str | None) -> pd.DataFrame:
    """:func:`layers.compare.region_ranking`, once per view and data version (a session
    with its own records computes its own)."""
    if version is None:
        return region_ranking(data, view, shown)
    return pd.DataFrame(_cached_ranking(content_view(view), version, data, shown))


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def _cached_comparison(
    view: View, version: str, codes: tuple[str, ...], _data: AtlasData, _shown: pd.DataFrame
) -> Any:
    del version  # the cache key, with ``view`` and ``codes``
    return compare_regions(_data, view, _shown, codes)


def comparison(
    data: AtlasData, view: View, shown: pd.DataFrame, codes: list[str], version: str | None
) -> pd.DataFrame:
    """:func:`layers.compare.compare_regions`, once per view, regions and data version."""
    if version is None:
        return compare_regions(data, view, shown, codes)
    return pd.DataFrame(_cached_comparison(content_view(view), version, tuple(codes), data, shown))


def _region_point(data: AtlasData, level: str, code: str) -> dict[str, float] | None:
    regions = data.regions[level]
    match = regions[regions["code"].astype(str) == code]
    if match.empty:
        return None
    point = match.geometry.iloc[0].representative_point()
    return {"lat": float(point.y), "lng": float(point.x)}


def map_region(data: AtlasData, view: View, clicked: dict[str, float] | None) -> str | None:
    """KOSTAT code of the region of the view's level a map click fell in (on a region
    or on a site in it); None without a click or outside every region."""
    if not clicked:
        return None
    lat, lng = float(clicked["lat"]), float(clicked["lng"])
    region = clicked_region(data.regions[view.level], lat, lng)
    return None if region is None else str(region["code"])


def map_click() -> dict[str, float] | None:
    """The map's last click as the page starts (``st_folium`` keeps its value under the
    map's key), so the map can be drawn with the selection already outlined."""
    value = st.session_state.get("atlas") or {}
    return value.get("last_object_clicked") if isinstance(value, dict) else None


def track(data: AtlasData, view: View, shown: pd.DataFrame, clicked: dict | None) -> None:
    """Note a new map click: it ends a pick; on a region (not a site) it selects it."""
    if clicked == st.session_state.get(MAP_CLICK):
        return
    st.session_state[MAP_CLICK] = clicked
    st.session_state[PICKED] = False
    if clicked and clicked_marker(shown, float(clicked["lat"]), float(clicked["lng"])) is None:
        code = map_region(data, view, clicked)
        st.session_state[REGION] = None if code is None else (code, view.level)


def selected_region(view: View) -> str | None:
    """KOSTAT code of the selected region of the view's level, or None."""
    region = st.session_state.get(REGION)
    return str(region[0]) if region and region[1] == view.level else None


def card_click(
    data: AtlasData, view: View, clicked: dict[str, float] | None
) -> dict[str, float] | None:
    """The click the card shows: the map's last click or, when a table row or bar was
    picked after it, a click at a point inside the picked region, so the card shows the
    region as a click on it does."""
    code = selected_region(view)
    if not st.session_state.get(PICKED) or code is None:
        return clicked
    return _region_point(data, view.level, code) or clicked


def highlight_group(data: AtlasData, view: View, code: str | None) -> folium.FeatureGroup | None:
    """The selected region's outline as a map layer (not clickable); None when no
    region is selected."""
    if code is None:
        return None
    regions = data.regions[view.level]
    match = regions[regions["code"].astype(str) == code]
    if match.empty:
        return None
    group = folium.FeatureGroup(name="selected region", control=False)
    folium.GeoJson(
        match[["code", "geometry"]].to_json(),
        style_function=lambda _: {
            "color": HIGHLIGHT_COLOR,
            "weight": 3,
            "fill": False,
        },
        interactive=False,
        class_name="kca-selected",
    ).add_to(group)
    return group


def _pick(key: str, codes: Sequence[str], level: str) -> None:
    """A row or bar was clicked: its region becomes the pick (a click that clears the
    selection leaves the pick as it was)."""
    selection = st.session_state[key]["selection"]
    rows = selection.get("rows") or []
    points = selection.get("region") or []
    code = None
    if rows:
        code = codes[int(rows[0])]
    elif points and "code" in points[0]:
        code = str(points[0]["code"])
    if code is not None:
        st.session_state[REGION] = (code, level)
        st.session_state[PICKED] = True


def ranking_table(ranked: pd.DataFrame, view: View, selected: str | None) -> None:
    """Every region in rank order; the selected one marked; a row click picks it."""
    lang = view.lang
    shown = pd.DataFrame(
        {
            t("cmp_rank", lang): ranked["rank"],
            t("cmp_region", lang): ranked["name"],
            t("cmp_value", lang): ranked["label"],
            t("cmp_sites", lang): ranked["sites"],
        }
    )
    marked = ranked.index[ranked["code"] == selected]
    styled = shown.style.apply(
        lambda row: (
            ["font-weight: bold; background-color: #fde2e2" if row.name in marked else ""]
            * len(row)
        ),
        axis=1,
    )
    key = f"cmp_table_{view.level}"
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=320,
        key=key,
        on_select=lambda: _pick(key, list(ranked["code"]), view.level),
        selection_mode="single-row",
    )


def ranking_spec(
    ranked: pd.DataFrame, data: AtlasData, view: View, selected: str | None
) -> dict[str, Any] | None:
    """Vega-Lite spec of horizontal bars of the top regions in the map's colours, the
    selected one outlined, with a click selection named ``region``; None without a value."""
    import altair as alt  # only when a chart tab is open: 0.25 s off the first map

    lang = view.lang
    valued = ranked[ranked["rank"].notna()].head(CHART_ROWS[view.level])
    if valued.empty:
        return None
    categorical = data.layers[view.layer].kind == "categorical"
    unit, title = layer_unit_and_title(data, view)
    scale, axis_unit = chart_scale("count" if categorical else unit, lang)
    amount = valued["sites"] if categorical else pd.to_numeric(valued["value"]) / scale
    frame = valued.assign(amount=amount.astype(float), picked=valued["code"] == selected)
    axis = f"{title} ({axis_unit})" if axis_unit and not categorical else title
    if categorical:
        axis = t("cmp_sites", lang)
    pick = alt.selection_point(name="region", fields=["code"], on="click")
    chart = (
        alt.Chart(frame[["code", "name", "label", "color", "amount", "picked"]])
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title=axis),
            y=alt.Y(
                "name:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=220)
            ),
            color=alt.Color("color:N", scale=None, legend=None),
            stroke=alt.condition("datum.picked", alt.value(HIGHLIGHT_COLOR), alt.value(None)),
            strokeWidth=alt.condition("datum.picked", alt.value(3), alt.value(0)),
            tooltip=[
                alt.Tooltip("name:N", title=t("cmp_region", lang)),
                alt.Tooltip("label:N", title=t("cmp_value", lang)),
            ],
        )
        .add_params(pick)
        .properties(height=alt.Step(20))
    )
    return dict(chart.to_dict())


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def _cached_spec(
    view: View, version: str, selected: str | None, _ranked: pd.DataFrame, _data: AtlasData
) -> Any:
    del version  # the cache key, with ``view`` and ``selected``
    return ranking_spec(_ranked, _data, view, selected)


def ranking_chart(
    ranked: pd.DataFrame, data: AtlasData, view: View, selected: str | None, version: str | None
) -> None:
    """The bars (spec made once per view, selection and data version); a bar click
    picks its region."""
    if version is None:
        spec = ranking_spec(ranked, data, view, selected)
    else:
        spec = _cached_spec(content_view(view), version, selected, ranked, data)
    if spec is None:
        st.info(t("cmp_no_value", view.lang))
        return
    key = f"cmp_chart_{view.level}"
    codes = list(ranked.loc[ranked["rank"].notna(), "code"].head(CHART_ROWS[view.level]))
    st.vega_lite_chart(
        spec=spec,
        width="stretch",
        key=key,
        on_select=lambda: _pick(key, codes, view.level),
        selection_mode="region",
    )


def side_by_side(
    data: AtlasData, view: View, shown: pd.DataFrame, ranked: pd.DataFrame, version: str | None
) -> None:
    """Two to five regions (default: the top two) side by side."""
    lang = view.lang
    names = dict(zip(ranked["code"], ranked["name"], strict=True))
    key = CHOSEN.format(level=view.level, lang=lang)
    if not st.session_state.get(TOUCHED) or key not in st.session_state:
        st.session_state[key] = top_regions(ranked, 2)
    chosen = st.multiselect(
        t("cmp_choose", lang),
        sorted(names, key=names.__getitem__),
        key=key,
        format_func=names.__getitem__,
        max_selections=5,
        on_change=lambda: st.session_state.__setitem__(TOUCHED, True),
    )
    if len(chosen) < 2:
        st.caption(t("cmp_choose_more", lang))
        return
    table = comparison(data, view, shown, list(chosen), version)
    table.index.name = t("cmp_measure", lang)
    st.table(table)  # plain HTML: every cell readable, printed and read aloud


def compare_tab(
    data: AtlasData, view: View, shown: pd.DataFrame, version: str | None, selected: str | None
) -> None:
    """The tab: ranking title, chart and table, then the side-by-side comparison."""
    lang = view.lang
    ranked = ranking(data, view, shown, version)
    _, title = layer_unit_and_title(data, view)
    st.markdown(f"**{t('cmp_ranking', lang, layer=title)}**")
    st.caption(t("cmp_hint", lang))
    if selected in set(ranked["code"]):
        name = ranked.loc[ranked["code"] == selected, "name"].iloc[0]
        st.caption(t("cmp_selected", lang, name=name))
    chart, table = st.columns([3, 2])
    with chart:
        ranking_chart(ranked, data, view, selected, version)
    with table:
        ranking_table(ranked, view, selected)
    side_by_side(data, view, shown, ranked, version)
