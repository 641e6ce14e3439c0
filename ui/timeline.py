"""The "By year" tab: designations by year and program, announced figures by year, and a
play control that steps the end of the year range so the map shows the atlas growing.

The play: ▶ sets the range's end to the first year; a fragment running every second
asks for the next step (:func:`ticker`), which :func:`step` applies at the top of the
next run, before the year slider is drawn. Any other action stops it (:func:`watch`):
a change of any other view field or of the year slider, a click on the map, a second
press; and it stops after the last year, leaving the full range.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.aggregate import designations_by_year, figures_by_year, next_play_year
from layers.atlas import AtlasData
from layers.compare import chart_scale
from layers.i18n import t
from layers.view import View
from ui.state import PREFIX, current_view
from ui.viewcache import MAX_VIEWS, content_view

PLAYING = "tl_playing"
"""Session key: the year the play shows now (the range's end), absent when not playing."""
DUE = "tl_due"
"""Session key: monotonic time of the next step."""
SEEN = "tl_seen"
"""Session key: (view without its years' end and camera, map click) when the play last
stepped; anything else changing stops the play."""
EXPECTED = "tl_year_to"
"""Session key: the ``year_to`` the last two steps set (None: the full range)."""
SLIDER = "years_slider"
SLIDER_SET = "tl_slider"
"""Session key: the year slider's values as the last two steps set them."""
"""The year slider's widget key (``ui.page.year_slider``)."""
STEP_SECONDS = 1.0
"""Time between two steps."""


def year_bounds(data: AtlasData) -> tuple[int, int]:
    """First and last designation year in the data (the slider's ends)."""
    years = pd.to_numeric(data.sites["year"], errors="coerce").dropna().astype(int)
    return int(years.min()), int(years.max())


def stop() -> None:
    """End the play (the range stays where it is)."""
    for key in (PLAYING, DUE, SEEN, EXPECTED, SLIDER_SET):
        st.session_state.pop(key, None)


def toggle() -> None:
    """The ▶/⏸ button: start from the first year, or stop."""
    if PLAYING in st.session_state:
        stop()
    else:
        st.session_state[PLAYING] = None
        st.session_state[DUE] = 0.0  # the first step at once


def _set_year_to(year: int | None, low: int, high: int) -> None:
    start = st.session_state.get(PREFIX + "year_from") or low
    year_to = None if year is None or year == high else year
    st.session_state[PREFIX + "year_to"] = year_to
    slider = (start, high if year is None else max(year, start))
    st.session_state[SLIDER] = slider
    # the last two steps' values: the browser may still send the previous one back
    # while it draws the new one; that is not the user moving the slider
    st.session_state[EXPECTED] = (year_to, *st.session_state.get(EXPECTED, ())[:1])
    st.session_state[SLIDER_SET] = (slider, *st.session_state.get(SLIDER_SET, ())[:1])


def _map_click() -> object:
    """The map's last click as ``st_folium`` keeps it under the map's key."""
    value = st.session_state.get("atlas") or {}
    return value.get("last_object_clicked") if isinstance(value, dict) else None


def _seen(view: View) -> tuple[View, object]:
    """What the play must leave alone: the view but its years' end and its camera (centre,
    zoom and the map's size on screen, which the map reports by itself when the layout
    settles or the window is resized), and the map's last click."""
    still = replace(view, year_to=None, lat=None, lon=None, zoom=None, screen=None)
    return still, _map_click()


def _interrupted() -> bool:
    """Whether the user acted since the last step: the widgets' values and the map's
    click are in place before the page runs, so an action is seen before any step."""
    if SEEN not in st.session_state:
        return False
    moved = tuple(st.session_state.get(SLIDER) or ())
    if moved not in [tuple(v) for v in st.session_state.get(SLIDER_SET, ())]:
        return True
    return _seen(current_view()) != st.session_state[SEEN]


def step(data: AtlasData) -> None:
    """Apply a due step of the play before the widgets are drawn: the range's end one
    year on, from the first year (or the range's start) to the last; after the last the
    play stops with the full range. An action since the last step stops it instead."""
    if PLAYING not in st.session_state:
        return
    if _interrupted():
        stop()
        return
    if time.monotonic() < st.session_state.get(DUE, 0.0):
        return
    low, high = year_bounds(data)
    start = st.session_state.get(PREFIX + "year_from") or low
    year = next_play_year(st.session_state[PLAYING], start, high)
    _set_year_to(year, low, high)
    if year is None:
        stop()
        return
    st.session_state[PLAYING] = year
    st.session_state[DUE] = time.monotonic() + STEP_SECONDS


def watch(view: View) -> None:
    """Note the view the play stepped to (:func:`step` stops on any change of it) and
    stop now if the year slider was moved by hand."""
    if PLAYING not in st.session_state:
        return
    if EXPECTED in st.session_state and view.year_to not in st.session_state[EXPECTED]:
        stop()
        return
    if SEEN not in st.session_state:
        st.session_state[SEEN] = _seen(view)
    elif st.session_state[SEEN] != _seen(view):
        stop()


def ticker() -> None:
    """While playing, a fragment that reruns the page once a step is due."""

    @st.fragment(run_every=STEP_SECONDS / 2 if PLAYING in st.session_state else None)
    def tick() -> None:
        ctx = get_script_run_ctx()
        if ctx is None or not ctx.fragment_ids_this_run:
            return  # a run of the whole page only starts the timer (it steps at its top)
        if PLAYING in st.session_state and time.monotonic() >= st.session_state.get(DUE, 0.0):
            st.rerun(scope="app")

    tick()


def play_control(lang: str) -> None:
    """The ▶/⏸ button and, while playing, the year shown."""
    playing = PLAYING in st.session_state
    st.button(
        t("year_stop" if playing else "year_play", lang),
        key="tl_play",
        on_click=toggle,
        help=t("year_play_help", lang),
        type="primary" if playing else "secondary",
    )
    year = st.session_state.get(PLAYING)
    if playing and year is not None:
        st.caption(t("year_playing", lang, year=year))
    ticker()


FIGURES = (("investment_private_planned_krw", "krw"), ("jobs", "persons"))
"""The announced figures charted by year, with their units."""


def designations_spec(data: AtlasData, shown: pd.DataFrame, lang: str) -> dict[str, Any] | None:
    """Vega-Lite spec of stacked bars: designations per year, one colour per program;
    None without a designation."""
    import altair as alt  # only when a chart tab is open: 0.25 s off the first map

    table = designations_by_year(shown)
    if table.empty:
        return None
    names = data.program_labels(lang)
    table = table.assign(name=table["program"].map(names).fillna(table["program"]))
    chart = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("year", lang)),
            y=alt.Y("designations:Q", title=t("year_count", lang)),
            color=alt.Color("name:N", title=t("program", lang), legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("year:O", title=t("year", lang)),
                alt.Tooltip("name:N", title=t("program", lang)),
                alt.Tooltip("designations:Q", title=t("year_count", lang)),
            ],
        )
        .properties(height=300)
    )
    return dict(chart.to_dict())


def figure_specs(shown: pd.DataFrame, lang: str) -> list[tuple[str, dict[str, Any], str]]:
    """Per announced figure: its column, a Vega-Lite spec of its sum per designation year
    (no bar where no designation reports it) and the caption of how many report it."""
    import altair as alt  # only when a chart tab is open: 0.25 s off the first map

    table = figures_by_year(shown, tuple(column for column, _ in FIGURES))
    if table.empty:
        return []
    years = [int(y) for y in table["year"]]
    total = int(table["designations"].sum())
    out = []
    for column, unit in FIGURES:
        scale, axis_unit = chart_scale(unit, lang)
        rows = table.dropna(subset=[column])
        chart = (
            alt.Chart(rows.assign(amount=rows[column] / scale))
            .mark_bar(color="#225ea8" if unit == "krw" else "#41b6c4")
            .encode(
                x=alt.X("year:O", title=t("year", lang), scale=alt.Scale(domain=years)),
                y=alt.Y("amount:Q", title=f"{t(column, lang)} ({axis_unit})"),
                tooltip=[
                    alt.Tooltip("year:O", title=t("year", lang)),
                    alt.Tooltip("amount:Q", title=axis_unit, format=",.1f"),
                    alt.Tooltip(f"{column}_n:Q", title=t("year_count", lang)),
                ],
            )
            .properties(height=220)
        )
        reported = int(table[f"{column}_n"].sum())
        out.append((column, dict(chart.to_dict()), t("coverage", lang, n=reported, total=total)))
    return out


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def _cached_specs(view: View, version: str, _data: AtlasData, _shown: pd.DataFrame) -> Any:
    del version  # the cache key, with ``view``
    return designations_spec(_data, _shown, view.lang), figure_specs(_shown, view.lang)


def year_specs(
    data: AtlasData, view: View, shown: pd.DataFrame, version: str | None
) -> tuple[dict[str, Any] | None, list[tuple[str, dict[str, Any], str]]]:
    """The tab's chart specs, made once per view and data version (Altair's spec
    building and checking is the slow part)."""
    if version is None:
        return designations_spec(data, shown, view.lang), figure_specs(shown, view.lang)
    cached = _cached_specs(content_view(view), version, data, shown)
    return cached[0], cached[1]


def by_year_tab(data: AtlasData, view: View, shown: pd.DataFrame, version: str | None) -> None:
    """The tab: play control, then the shown designations by year and program, and
    their announced figures by year."""
    lang = view.lang
    play_control(lang)
    designations, figures = year_specs(data, view, shown, version)
    if designations is None:
        st.info(t("year_none", lang))
        return
    st.markdown(f"**{t('year_designations', lang)}**")
    st.vega_lite_chart(spec=designations, width="stretch", key="tl_designations")
    if not figures:
        return
    st.markdown(f"**{t('year_figures', lang)}**")
    for (column, spec, caption), place in zip(figures, st.columns(len(figures)), strict=True):
        with place:
            st.vega_lite_chart(spec=spec, width="stretch", key=f"tl_{column}")
            st.caption(caption)
