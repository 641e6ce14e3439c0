"""Find a complex and move the map ("camera") to it, or to the sites the filters show.

The search box, a table row, a map click or a link selects a complex; the map's
camera follows the selection and the filters.

The selected complex is the view's ``site`` (in the URL as ``site=<complex_id>``). The
camera is where the app last asked the map to go (``st_folium(center=..., zoom=...)``),
which moves the mounted map without remounting it:

* a link's ``lat``/``lon``/``zoom`` on first load (it wins over ``site=``);
* selecting a complex by search, table row or ``site=`` zooms to it (a map click does not
  move the map: the user is already looking there);
* a filter change fits the map to the sites it shows (and drops a selection it hides);
* a new frame (focus, province, basemap), which remounts the map, forgets the camera so
  the frame's own fit shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Literal, TypedDict

import pandas as pd
import streamlit as st

from layers.atlas import AtlasData
from layers.camera import Camera, distinct, fit_camera, map_size_px, sites_bounds
from layers.i18n import t
from layers.selection import selection_bounds, selection_group
from layers.view import View
from ui import viewcache
from ui.details import clicked_marker
from ui.state import PREFIX

MAP_KEY = "atlas"
"""``st_folium``'s key: Streamlit keeps the map's last returned value under it."""
SITE = PREFIX + "site"
FIND = "find_"
CAMERA, TURN, GOTO = FIND + "camera", FIND + "turn", FIND + "goto"
SHOWN, FRAME, CLICK, REGION_CLICK = FIND + "shown", FIND + "frame", FIND + "click", FIND + "region"
SIZE, STARTED, PROBLEMS = FIND + "size", FIND + "started", FIND + "problems"
TABLE, TABLE_SITES = FIND + "table", FIND + "table_sites"
RETURNED = ["last_object_clicked", "last_object_clicked_count", "center", "zoom", "bounds"]
"""What the map sends back: clicks (counted, so a second click on one marker counts),
centre and zoom (URL and exports), bounds (the map's pixel size, for fitting)."""


def site_ids(sites: pd.DataFrame) -> pd.Series:
    """The complex each record belongs to: ``complex_id``, else (a record without a
    complex) its own id."""
    ids = sites["complex_id"] if "complex_id" in sites else pd.Series(pd.NA, index=sites.index)
    return ids.astype("string").fillna(sites["id"].astype("string"))


def choose(site: str | None) -> None:
    """Select a complex (None: none) and ask the map to go to it."""
    st.session_state[SITE] = site
    st.session_state[REGION_CLICK] = None
    st.session_state[PROBLEMS] = []
    if site:
        st.session_state[GOTO] = site


def start(data: AtlasData, view: View) -> list[str]:
    """On a session's first run: check the link's ``site=`` and set the first camera
    (the link's centre and zoom, else its site). Returns problems for the user, on
    every run until a complex is selected (the map's first report reruns the page)."""
    if st.session_state.get(STARTED):
        return list(st.session_state.get(PROBLEMS, []))
    st.session_state[STARTED] = True
    problems = []
    if view.site is not None and view.site not in set(site_ids(data.sites)):
        problems.append(
            t("site_unknown", "ko", site=view.site)
            + " · "
            + t("site_unknown", "en", site=view.site)
        )
        st.session_state[SITE] = None
        st.session_state[PROBLEMS] = problems  # shown until a complex is selected
    elif view.site is not None:
        st.session_state[GOTO] = view.site
    if view.lat is not None and view.lon is not None and view.zoom is not None:
        st.session_state[CAMERA] = Camera(view.lat, view.lon, view.zoom)
        st.session_state.pop(GOTO, None)
    return problems


def _take_map_return(shown: pd.DataFrame) -> None:
    """The map's size, and a new click: on a marker it selects that complex; elsewhere
    it clears the selection and keeps the click for the region card."""
    returned = st.session_state.get(MAP_KEY) or {}
    size = map_size_px(returned.get("bounds") or {}, returned.get("zoom") or 0)
    if size is not None and min(size) > 0:
        st.session_state[SIZE] = size
    click = returned.get("last_object_clicked")
    seen = (click, returned.get("last_object_clicked_count"))
    if not isinstance(click, Mapping) or seen == st.session_state.get(CLICK):
        return
    st.session_state[CLICK] = seen
    rows = clicked_marker(shown, float(click["lat"]), float(click["lng"]))
    if rows is None:
        st.session_state[SITE] = None
        st.session_state[REGION_CLICK] = dict(click)
    else:
        st.session_state[SITE] = str(site_ids(rows).iloc[0])
        st.session_state[REGION_CLICK] = None
        st.session_state[PROBLEMS] = []


def _ask(camera: Camera) -> None:
    st.session_state[TURN] = int(st.session_state.get(TURN, 0)) + 1
    st.session_state[CAMERA] = camera


def _fit(sites: pd.DataFrame) -> None:
    bounds = sites_bounds(sites)
    if bounds is not None:
        _ask(fit_camera(bounds, st.session_state[SIZE]))


def _frame_complex(data: AtlasData, site: str) -> None:
    """Ask the map to frame a selected complex as finely as its sources place it: its
    municipalities or province when they name only those (``layers.selection``)."""
    bounds = selection_bounds(complex_rows(data, site), data.regions)
    if bounds is not None:
        _ask(fit_camera(bounds, st.session_state[SIZE]))


def complex_rows(data: AtlasData, site: str) -> pd.DataFrame:
    """Every record of the complex ``site`` (its id, :func:`site_ids`)."""
    return data.sites[(site_ids(data.sites) == site).to_numpy()]


def site_script(data: AtlasData, view: View, version: str | None) -> str | None:
    """The selected complex's outline and rings as a map script (``layers.selection``,
    ``ui.viewcache.extra_script``); None when no complex is selected or it has none.

    Made once per complex and data version for every session (20-25 ms each), or for
    this session only when it holds its own uploaded records (``version`` None).
    """
    if not view.site:
        return None
    if version is None:
        return _selection_script(data, view.site)
    return _shared_selection_script(view.site, version, data)


def _selection_script(data: AtlasData, site: str) -> str | None:
    group = selection_group(complex_rows(data, site), data.regions, "selected complex")
    return viewcache.extra_script(group)


@st.cache_resource(max_entries=viewcache.MAX_VIEWS, show_spinner=False)
def _shared_selection_script(site: str, version: str, _data: AtlasData) -> str | None:
    del version  # the cache key, with ``site``: it names the data ``_data`` holds
    return _selection_script(_data, site)


def shown_signature(shown: pd.DataFrame) -> tuple[int, int]:
    """What the filters show, in brief: a change of it fits the map to the sites."""
    return len(shown), hash(tuple(shown["id"].astype(str))) if "id" in shown else 0


def update(data: AtlasData, view: View, shown: pd.DataFrame) -> View:
    """Apply this run's events to the selection and the camera; the view with the
    selected complex (call before writing the URL and drawing the map)."""
    _take_map_return(shown)
    signature = viewcache.made_of(shown, "signature", lambda: shown_signature(shown))
    frame = (view.focus, view.sido, view.basemap)
    before, before_frame = st.session_state.get(SHOWN), st.session_state.get(FRAME)
    st.session_state[SHOWN], st.session_state[FRAME] = signature, frame
    goto = st.session_state.get(GOTO) if SIZE in st.session_state else None
    if goto is not None:  # (waits for the map to report its size: a phone's is small)
        del st.session_state[GOTO]
        _frame_complex(data, goto)
    elif before is not None and signature != before and SIZE in st.session_state:
        if st.session_state.get(SITE) not in set(site_ids(shown)):
            st.session_state[SITE] = None
        _fit(shown)
    elif before_frame is not None and frame != before_frame:
        st.session_state[CAMERA] = None
    return replace(view, site=st.session_state.get(SITE))


class CameraArgs(TypedDict):
    """``st_folium``'s ``center`` and ``zoom`` arguments."""

    center: tuple[float, float] | None
    zoom: float | None


def camera_args() -> CameraArgs:
    """``center`` and ``zoom`` for ``st_folium``: the last camera asked for, unchanged
    between runs (so the map is not moved back after the user pans), or None."""
    camera = st.session_state.get(CAMERA)
    if camera is None:
        return {"center": None, "zoom": None}
    camera = distinct(camera, int(st.session_state.get(TURN, 0)))
    return {"center": (camera.lat, camera.lon), "zoom": camera.zoom}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _label(row: dict[str, object], programs: list[str], lang: str) -> str:
    """One complex's entry: names (page language first), place, programs."""
    other = "en" if lang == "ko" else "ko"
    mine = _text(row.get(f"complex_name_{lang}")) or _text(row.get(f"name_{lang}"))
    theirs = _text(row.get(f"complex_name_{other}")) or _text(row.get(f"name_{other}"))
    names = " · ".join(dict.fromkeys(n for n in (mine, theirs) if n))
    place = f"{_text(row.get('sido'))} {_text(row.get('sigungu'))}".strip()
    return f"{names} — {place} · {', '.join(programs)}"


def search_labels(data: AtlasData, shown: pd.DataFrame, lang: str) -> dict[str, str]:
    """Complex id -> what the search box shows and matches: names in both languages,
    province and municipality, and programs (in ``lang``), ordered by the label.

    Made once per shown table (shared by every session on a view, ``ui.viewcache``) and
    language; read-only.
    """
    return viewcache.made_of(
        shown, ("search_labels", lang), lambda: make_search_labels(data, shown, lang)
    )


def make_search_labels(data: AtlasData, shown: pd.DataFrame, lang: str) -> dict[str, str]:
    """:func:`search_labels`, computed (plain Python over the records' columns)."""
    if shown.empty:
        return {}
    wanted = ["program", "sido", "sigungu"] + [
        f"{prefix}name_{code}" for prefix in ("complex_", "") for code in ("ko", "en")
    ]
    columns = {c: shown[c].tolist() for c in wanted if c in shown}
    names = viewcache.program_labels(data, lang)
    first: dict[str, dict[str, object]] = {}
    programs: dict[str, list[str]] = {}
    for i, site in enumerate(site_ids(shown).tolist()):
        if site not in first:
            first[site] = {c: values[i] for c, values in columns.items()}
        program = str(columns["program"][i]) if "program" in columns else ""
        named = names.get(program, program)
        if named not in programs.setdefault(site, []):
            programs[site].append(named)
    labels = {site: _label(row, programs[site], lang) for site, row in first.items()}
    return dict(sorted(labels.items(), key=lambda item: item[1]))


def search_box(data: AtlasData, shown: pd.DataFrame, view: View) -> None:
    """A search box with suggestions over the shown complexes; choosing one selects it."""
    lang = view.lang
    labels = search_labels(data, shown, lang)
    key = f"{FIND}search_{lang}"
    st.session_state[key] = view.site if view.site in labels else None
    st.selectbox(
        t("search", lang),
        list(labels),
        index=None,
        key=key,
        format_func=labels.__getitem__,
        placeholder=t("search_placeholder", lang, n=len(labels)),
        on_change=lambda: choose(st.session_state.get(key)),
        label_visibility="collapsed",
    )


def on_table_select() -> None:
    """A records-table row was selected: select its complex."""
    event = st.session_state.get(TABLE)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    sites = st.session_state.get(TABLE_SITES) or []
    if rows and 0 <= rows[0] < len(sites):
        choose(sites[rows[0]])


class TableSelection(TypedDict):
    """``st.dataframe`` keyword arguments of a selectable records table."""

    key: str
    on_select: Callable[[], None]
    selection_mode: Literal["single-row"]


def table_sites(data: AtlasData, table: pd.DataFrame) -> list[str]:
    """The complex of each row of the records table, in order (read-only)."""
    complexes = dict(zip(data.sites["id"].astype(str), site_ids(data.sites), strict=True))
    ids = table["id"].astype(str) if "id" in table else pd.Series(dtype=str)
    return [complexes.get(i, i) for i in ids]


def table_selection(data: AtlasData, table: pd.DataFrame) -> TableSelection:
    """``st.dataframe`` arguments making a row click select its complex (remembers each
    row's complex for :func:`on_table_select`)."""
    st.session_state[TABLE_SITES] = viewcache.made_of(
        table, "table_sites", lambda: table_sites(data, table)
    )
    return {"key": TABLE, "on_select": on_table_select, "selection_mode": "single-row"}


def region_click() -> dict[str, float] | None:
    """The last map click that hit no marker (for the region card), or None."""
    click = st.session_state.get(REGION_CLICK)
    return click if isinstance(click, dict) else None
