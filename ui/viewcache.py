"""Work every session with the same view shares: done once per view and data version.

Many officials open the atlas at once, most of them on the same few views. What a view
shows does not depend on the session, so it is computed once per process and kept
with ``st.cache_data`` or, for what no one changes, ``st.cache_resource`` (one object
shared, no copy per rerun), keyed on the :class:`~layers.view.View` (a frozen dataclass,
hashed field by field) without the map's centre and zoom (:func:`content_view`: they
change with every pan and no group depends on them) and the data version
(``ui.data.atlas_version``; a session with its own uploaded records is not cached). The
atlas itself is passed as an ignored argument (``_data``), so the version must say
everything about it.

* the map's feature groups, as the one script ``streamlit_folium.st_folium`` would send
  for them (:class:`MapGroups`), not as folium objects: ``st_folium`` adds the groups it
  is given to the map and renames them, so a cached folium object would be changed by
  the next session;
* the base map as the arguments ``st_folium`` derives from it (:class:`MapFrame`:
  its script, header, bounds, links), rendered once per view instead of on every rerun;
* the records table as people read it, and its CSV (made when downloaded).

:func:`st_folium` takes both and calls the map component with the same arguments
``streamlit_folium.st_folium`` would (a test compares them), so a rerun only looks them
up; given folium objects it is ``streamlit_folium.st_folium`` itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypedDict, TypeVar, cast

import folium
import pandas as pd
import pyarrow as pa
import streamlit as st
import streamlit_folium
from branca.colormap import ColorMap
from folium.elements import ElementAddToElement, JSCSSMixin
from jinja2 import Template
from streamlit import dataframe_util
from streamlit_folium import generate_leaflet_string

from exports.safe_csv import safe_csv
from geo.aggregate import designations_of, totals
from geo.fields import table_columns
from layers import filters
from layers.assets import ensure_topology
from layers.atlas import AtlasData
from layers.i18n import t
from layers.kinds import kind_text
from layers.view import View, filter_sites
from layers.webmap import framed_map, overlay_groups

MAX_VIEWS = 256
"""Views kept per cached function (least recently used dropped first)."""
SLOT = "kcaslot"
"""Prefix of the id a group has while its layers are rendered (``kcaslot<n>`` for the
n-th group): they name their parent ``feature_group_kcaslot<n>``, which
:class:`RenderedGroup` replaces by its own name; their own names stay unique on the map."""
T = TypeVar("T")
TABLE_COLUMNS = table_columns()
"""Columns of the records table, in order (from the field registry)."""


def view_key(view: View) -> str:
    """A view as its cache key: its ``repr`` names every field and value, in order.

    Streamlit would hash the dataclass through ``dataclasses.asdict`` (a deep copy) on
    every call of every cached function, a tenth of a rerun's time (issue #17).
    """
    return repr(view)


HASH_FUNCS: dict[str | type[Any], Callable[[Any], Any]] = {View: view_key}
"""``hash_funcs`` of the caches keyed on a view."""


SCREEN_FIELDS = ("lat", "lon", "zoom", "screen", "site")
"""View fields of the map's centre and zoom on screen and the selected complex: no group,
table or CSV uses them."""


def content_view(view: View) -> View:
    """The view without the screen's centre and zoom: the cache key of what it shows."""
    return replace(view, **dict.fromkeys(SCREEN_FIELDS))  # type: ignore[arg-type]


def filter_key(view: View, field: str) -> View:
    """The view fields a list filter's option counts depend on (every other filter), as a
    cache key: a default view with only those set."""
    key = View(
        programs=view.programs,
        industries=view.industries,
        year_from=view.year_from,
        year_to=view.year_to,
        sido=view.sido,
        kinds=view.kinds,
    )
    return replace(key, programs=()) if field == "programs" else replace(key, industries=())


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_option_counts(key: View, field: str, version: str, _data: AtlasData) -> dict[str, int]:
    """:func:`layers.filters.option_counts` once per filter key and data version (shared,
    read-only)."""
    del version  # the cache key, with ``key`` and ``field``
    return filters.option_counts(_data.sites, key, field)


def option_counts(data: AtlasData, view: View, field: str, version: str | None) -> dict[str, int]:
    """Option id -> complexes for the sidebar list of ``field``; shared by every session
    with the same other filters (``version`` None: a session's own records, not shared)."""
    if version is None:
        return filters.option_counts(data.sites, view, field)
    return cached_option_counts(filter_key(view, field), field, version, data)


def count_kinds(sites: pd.DataFrame) -> dict[str, int]:
    """Designations (each once) per program kind (none without a ``program_kind`` column)."""
    if "program_kind" not in sites.columns:
        return {}
    counts = sites.drop_duplicates("id")["program_kind"].value_counts()
    return {str(kind): int(n) for kind, n in counts.items()}


@st.cache_resource(max_entries=8, show_spinner=False)
def cached_kind_counts(version: str, _data: AtlasData) -> dict[str, int]:
    """:func:`count_kinds` of the data, once per data version (shared, read-only)."""
    del version  # the cache key: it names the data ``_data`` holds
    return count_kinds(_data.sites)


def kind_counts(data: AtlasData, version: str | None) -> dict[str, int]:
    """Designations per program kind, for the kind filter's labels."""
    if version is None:
        return count_kinds(data.sites)
    return cached_kind_counts(version, data)


FRAME_FIELDS = ("focus", "sido", "basemap")
"""View fields ``layers.webmap.framed_map`` reads (with the tile settings): the cache key
of the base map, so a filter change finds it rendered. A test checks no other field
changes the base map; if ``framed_map`` comes to read one, add it here."""


def frame_view(view: View) -> View:
    """The default view with only ``view``'s :data:`FRAME_FIELDS`."""
    return replace(View(), **{name: getattr(view, name) for name in FRAME_FIELDS})


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_shown(view: View, version: str, _data: AtlasData) -> pd.DataFrame:
    """``layers.view.filter_sites`` once per view and data version: one object shared
    by every session (read-only)."""
    del version  # the cache key, with ``view``
    return filter_sites(_data.sites, view)


def shown_sites(data: AtlasData, view: View, version: str | None) -> pd.DataFrame:
    """The sites the view's filters admit (``layers.view.filter_sites``), shared by every
    session on the view unless ``version`` is None; read-only."""
    if version is None:
        return filter_sites(data.sites, view)
    return cached_shown(content_view(view), version, data)


_MEMO: dict[tuple[int, Hashable], tuple[weakref.ref[Any], Any]] = {}
"""(``id`` of an object, what) -> a weak reference to the object and what was made of it."""
MAX_MEMO = 8 * MAX_VIEWS


def made_of(owner: object, what: Hashable, make: Callable[[], T]) -> T:
    """``make()``, computed once per ``owner`` object and ``what`` (read-only).

    For the shared objects of the caches above (:func:`shown_sites`, :func:`records`,
    the atlas data): every session on a view passes the same object, so what is made
    of it (distinct rows, totals, labels, the Arrow table) is made once. Keyed on the
    object's identity, checked through a weak reference (the memo never keeps an object
    alive), so an object made for one rerun only is computed again, never confused with
    another. What was made goes with the object (a weak reference's callback drops it),
    and the memo holds at most :data:`MAX_MEMO` entries.
    ``make`` must depend on nothing but ``owner`` and ``what``.
    """
    key = (id(owner), what)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is owner:
        return cast(T, hit[1])
    made = make()
    if len(_MEMO) >= MAX_MEMO:
        _MEMO.clear()

    def forget(ref: weakref.ref[Any]) -> None:
        entry = _MEMO.get(key)
        if entry is not None and entry[0] is ref:
            _MEMO.pop(key, None)

    _MEMO[key] = (weakref.ref(owner, forget), made)
    return made


def distinct_rows(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table[columns].drop_duplicates()``, computed once per table object (read-only;
    :func:`made_of`)."""
    return made_of(
        table,
        ("distinct", tuple(columns)),
        lambda: pd.DataFrame(table[columns]).drop_duplicates(),
    )


def site_totals(sites: pd.DataFrame) -> tuple[int, int]:
    """``geo.aggregate.totals`` (complexes, designations), once per table object."""
    return made_of(sites, "totals", lambda: totals(sites))


def program_kinds(data: AtlasData) -> dict[str, str]:
    """``data.program_kinds()``, made once per atlas object (a copy each call)."""
    return dict(made_of(data, "program_kinds", data.program_kinds))


def program_labels(data: AtlasData, lang: str) -> dict[str, str]:
    """``data.program_labels(lang)``, made once per atlas object (a copy each call)."""
    return dict(made_of(data, ("program_labels", lang), lambda: data.program_labels(lang)))


def industry_labels(data: AtlasData, lang: str) -> dict[str, str]:
    """``data.industry_labels(lang)``, made once per atlas object (a copy each call)."""
    return dict(made_of(data, ("industry_labels", lang), lambda: data.industry_labels(lang)))


def allowed_view_values(data: AtlasData) -> dict[str, tuple[str, ...]]:
    """``data.allowed_view_values()``, made once per atlas object (a copy each call)."""
    return dict(made_of(data, "allowed_view_values", data.allowed_view_values))


def arrow_table(table: pd.DataFrame) -> pa.Table:
    """``table`` as the Arrow table ``st.dataframe`` would convert it to (Streamlit's own
    conversion, so the page receives the same bytes), once per table object: sessions
    showing a shared table (:func:`records`) skip the conversion."""
    return made_of(table, "arrow", lambda: dataframe_util.convert_pandas_df_to_arrow_table(table))


class RenderedGroup(folium.FeatureGroup):
    """A feature group whose layers are JavaScript rendered before (:func:`render_layers`).

    ``st_folium(..., feature_group_to_add=...)`` names the group and adds it to the map;
    the layers' script refers to the group by the placeholder name and gets the real
    one when the group renders.

    Parameters
    ----------
    name : str
        Layer name.
    control : bool
        Whether a layer control would list it.
    slot : str
        The id the group had while its layers were rendered.
    layers_js : str
        The group's layers' script, parent named ``feature_group_<slot>``.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup({});
{{ this.layers_script() }}
{% endmacro %}
"""
    )

    def __init__(self, name: str, control: bool, slot: str, layers_js: str) -> None:
        super().__init__(name=name, control=control)
        self.slot = slot
        self.layers_js = layers_js

    def render(self, **kwargs: object) -> str:
        """Nothing to render: ``st_folium`` takes the group's script from its template.

        Folium's rendering would add the script to the page as a new template, which
        jinja parses again, on every rerun of every session; this group lives only in
        the app's mounted map (exports build their own groups).
        """
        return ""

    def layers_script(self) -> str:
        """The layers' script, adding them to this group under its current name."""
        return self.layers_js.replace(f"feature_group_{self.slot}", self.get_name())


def render_layers(group: folium.FeatureGroup, slot: str) -> str:
    """The script of a group's layers, parent named ``feature_group_<slot>``.

    The group is rendered on a throw-away map, as ``st_folium`` renders groups, and
    its layers' scripts are generated with ``streamlit_folium``'s own function (the
    one ``st_folium`` uses), so the result runs in the mounted map like its groups.
    """
    group._id = slot
    folium.Map(tiles=None).add_child(group)
    group.render()
    return "\n".join(
        generate_leaflet_string(child, base_id=f"{slot}_{index}")
        for index, child in enumerate(group._children.values())
        if not isinstance(child, ElementAddToElement)
    )


def view_layers(data: AtlasData, view: View) -> list[tuple[str, bool, str, str]]:
    """The view's groups as (name, control, slot, layers' script), bottom to top.

    The boundaries are fetched by the browser from the static files
    (``layers.assets.ensure_topology``), never inlined.
    """
    urls = ensure_topology(data.topology)
    layers = []
    for index, group in enumerate(overlay_groups(data, view, urls)):
        slot = f"{SLOT}{index}"
        layers.append((str(group.tile_name), bool(group.control), slot, render_layers(group, slot)))
    return layers


@dataclass(frozen=True)
class MapGroups:
    """The view's feature groups as the one script ``st_folium`` sends for them.

    Attributes
    ----------
    script : str
        ``streamlit_folium``'s ``feature_group`` argument: every group declared, its
        layers added, the group added to the mounted map (``map_div``).
    """

    script: str


def groups_script(layers: list[tuple[str, bool, str, str]]) -> MapGroups:
    """The ``feature_group`` argument ``st_folium`` makes of :class:`RenderedGroup` objects
    of ``layers``, made with its own function (the map it renders them on is a throw-away
    one: no group refers to the map by name)."""
    fmap = folium.Map(tiles=None)
    return MapGroups(
        "".join(
            streamlit_folium._get_feature_group_string(RenderedGroup(*layer), fmap, idx)
            for idx, layer in enumerate(layers)
        )
    )


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_groups(view: View, version: str, _data: AtlasData) -> MapGroups:
    """:func:`view_layers` as :func:`groups_script`, once per view and data version
    (immutable: every session gets the same object)."""
    del version  # the cache key, with ``view``: it names the data ``_data`` holds
    return groups_script(view_layers(_data, view))


def extra_script(group: folium.FeatureGroup | None) -> str | None:
    """The ``feature_group`` script of one more folium group on top of a view's groups (a
    session's own layer, such as the selected region's outline); None for no group.

    The extra group takes a slot no view group uses, so its names never clash.
    """
    if group is None:
        return None
    slot = f"{SLOT}extra"
    layer = (str(group.tile_name), bool(group.control), slot, render_layers(group, slot))
    return str(
        streamlit_folium._get_feature_group_string(
            RenderedGroup(*layer), folium.Map(tiles=None), EXTRA_INDEX
        )
    )


def with_extra(groups: MapGroups, extra: str | None) -> MapGroups:
    """``groups`` with an :func:`extra_script` on top; ``groups`` itself without one."""
    return groups if extra is None else MapGroups(groups.script + extra)


EXTRA_INDEX = 99
"""``feature_group_<n>`` index of :func:`extra_script`'s group (view groups count from 0)."""


def map_groups(data: AtlasData, view: View, version: str | None) -> MapGroups:
    """The view's groups for :func:`st_folium`'s ``feature_group_to_add``.

    ``version`` None (a session with its own uploaded records) renders them for this
    session only: no shared cache keeps a user's records.
    """
    if version is None:
        return groups_script(view_layers(data, view))
    return cached_groups(content_view(view), version, data)


@dataclass(frozen=True)
class MapFrame:
    """What ``st_folium`` derives from a base map, rendered once (:func:`render_frame`).

    Attributes
    ----------
    script, header, html : str
        The map's Leaflet script, its header (styles, inline scripts) and body HTML,
        with the map's variable named ``map_div``, as ``st_folium`` sends them.
    id : str
        The map's folium name (``map_<id>``).
    bounds : tuple of tuple of float or None
        South-west and north-east corners of what the map holds (``get_bounds``).
    zoom : object
        The map's ``zoom`` option, as ``st_folium`` returns it by default.
    css_links, js_links : tuple of str
        Style sheets and scripts of the map's elements, each once, in order.
    """

    script: str
    header: str
    html: str
    id: str
    bounds: tuple[tuple[float | None, float | None], tuple[float | None, float | None]]
    zoom: object
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]

    def defaults(self, returned_objects: Iterable[str] | None) -> dict[str, object]:
        """``st_folium``'s value before the first interaction, for ``returned_objects``."""
        (south, west), (north, east) = self.bounds
        values: dict[str, object] = dict.fromkeys(RETURNED)
        values["bounds"] = {
            "_southWest": {"lat": south, "lng": west},
            "_northEast": {"lat": north, "lng": east},
        }
        values["zoom"] = self.zoom
        wanted = None if returned_objects is None else set(returned_objects)
        return {k: v for k, v in values.items() if wanted is None or k in wanted}


RETURNED = (
    "last_clicked",
    "last_object_clicked",
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
    "bounds",
    "zoom",
    "last_circle_radius",
    "last_circle_polygon",
    "selected_layers",
    "selected_tags",
    "last_geocoder_result",
)
"""The keys of ``st_folium``'s value, in its order (``streamlit_folium`` 0.27.4)."""


D3_LINKS = (
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
    "https://d3js.org/d3.v4.min.js",
)
"""What ``st_folium`` adds for a branca colour map (the atlas has none: no CDN ever)."""


def element_links(fmap: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Style sheets and scripts the map's elements declare, each once (as ``st_folium``)."""
    css: list[str] = []
    js: list[str] = []
    stack: list[object] = [fmap]
    while stack:
        element = stack.pop(0)
        if isinstance(element, ColorMap):  # st_folium adds d3 for colour maps
            js[:0] = [D3_LINKS[1], D3_LINKS[0]]
        if isinstance(element, ColorMap | JSCSSMixin):
            css += [href for _, href in getattr(element, "default_css", [])]
            js += [src for _, src in getattr(element, "default_js", [])]
        stack[:0] = list(getattr(element, "_children", {}).values())
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def render_frame(fmap: folium.Map) -> MapFrame:
    """Render a base map once, the way ``st_folium`` does on every call."""
    fmap.get_root().render()
    fmap.render()
    html = streamlit_folium._get_html(fmap)
    header = streamlit_folium._get_header(fmap)
    script = streamlit_folium._get_map_string(fmap)
    (south, west), (north, east) = fmap.get_bounds()
    css, js = element_links(fmap)
    return MapFrame(
        script=script,
        header=header,
        html=html,
        id=streamlit_folium.get_full_id(fmap),
        bounds=((south, west), (north, east)),
        zoom=fmap.options.get("zoom"),
        css_links=css,
        js_links=js,
    )


def view_frame(
    data: AtlasData, view: View, tile_url: str | None, tile_attribution: str
) -> MapFrame:
    """:func:`render_frame` of the view's base map (``layers.webmap.framed_map``)."""
    return render_frame(framed_map(data, view, tile_url, tile_attribution))


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_frame(
    view: View, version: str, tile_url: str | None, tile_attribution: str, _data: AtlasData
) -> MapFrame:
    """:func:`view_frame`, once per view, data version and tile server."""
    del version  # the cache key, with the others
    return view_frame(_data, view, tile_url, tile_attribution)


def map_frame(
    data: AtlasData,
    view: View,
    tile_url: str | None = None,
    tile_attribution: str = "",
    version: str | None = None,
) -> MapFrame:
    """The view's rendered base map for :func:`st_folium` (cached unless ``version`` is
    None); the arguments of ``layers.webmap.framed_map`` and the data version."""
    if version is None:
        return view_frame(data, view, tile_url, tile_attribution)
    return cached_frame(frame_view(view), version, tile_url, tile_attribution, data)


class ComponentArgs(TypedDict):
    """The map component's options :func:`st_folium` passes on unchanged."""

    key: str | None
    height: int
    width: int | None
    returned_objects: Iterable[str] | None
    zoom: float | None
    center: tuple[float, float] | None
    return_on_hover: bool
    use_container_width: bool
    on_change: Callable[[], None] | None
    pixelated: bool
    wrap_longitude: bool


def st_folium(
    fig: MapFrame | folium.Map,
    key: str | None = None,
    height: int = 700,
    width: int | None = 500,
    returned_objects: Iterable[str] | None = None,
    zoom: float | None = None,
    center: tuple[float, float] | None = None,
    feature_group_to_add: MapGroups | list[folium.FeatureGroup] | None = None,
    return_on_hover: bool = False,
    use_container_width: bool = False,
    on_change: Callable[[], None] | None = None,
    pixelated: bool = False,
    wrap_longitude: bool = False,
    **kwargs: Any,
) -> Any:
    """``streamlit_folium.st_folium`` for a rendered :class:`MapFrame` and :class:`MapGroups`.

    The component gets the arguments ``streamlit_folium.st_folium`` would send for the
    base map and groups they were rendered from; nothing is rendered here. Given a folium
    map (and folium groups), this is ``streamlit_folium.st_folium`` itself.

    Raises
    ------
    TypeError
        For a :class:`MapFrame` with folium groups, or options only folium maps take.
    """
    args: ComponentArgs = {
        "key": key,
        "height": height,
        "width": width,
        "returned_objects": returned_objects,
        "zoom": zoom,
        "center": center,
        "return_on_hover": return_on_hover,
        "use_container_width": use_container_width,
        "on_change": on_change,
        "pixelated": pixelated,
        "wrap_longitude": wrap_longitude,
    }
    if not isinstance(fig, MapFrame):
        return streamlit_folium.st_folium(
            fig, feature_group_to_add=feature_group_to_add, **args, **kwargs
        )
    if kwargs or not isinstance(feature_group_to_add, MapGroups | None):
        raise TypeError(
            "st_folium of a MapFrame: feature_group_to_add a MapGroups or None and no "
            f"options beyond {', '.join(args)}; got {type(feature_group_to_add).__name__}"
            f" and {', '.join(kwargs) or 'no other options'}"
        )
    groups = feature_group_to_add if isinstance(feature_group_to_add, MapGroups) else None
    return frame_component(fig, groups, **args)


def frame_component(
    fig: MapFrame,
    groups: MapGroups | None,
    *,
    key: str | None,
    height: int,
    width: int | None,
    returned_objects: Iterable[str] | None,
    zoom: float | None,
    center: tuple[float, float] | None,
    return_on_hover: bool,
    use_container_width: bool,
    on_change: Callable[[], None] | None,
    pixelated: bool,
    wrap_longitude: bool,
) -> Any:
    """The map component with a rendered base map and groups: the arguments, value key and
    change callback ``streamlit_folium.st_folium`` gives it (see :func:`st_folium`)."""
    hash_key = streamlit_folium.generate_js_hash(fig.script, key, return_on_hover)

    def changed() -> None:
        if key is not None:
            st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(
        script=fig.script,
        header=fig.header,
        html=fig.html,
        id=fig.id,
        key=hash_key,
        height=height,
        width=None if use_container_width else width,
        returned_objects=returned_objects,
        default=fig.defaults(returned_objects),
        zoom=zoom,
        center=center,
        feature_group=None if groups is None else groups.script,
        return_on_hover=return_on_hover,
        layer_control=None,
        pixelated=pixelated,
        css_links=list(fig.css_links),
        js_links=list(fig.js_links),
        on_change=changed,
        wrap_longitude=wrap_longitude,
    )


def record_table(sites: pd.DataFrame) -> pd.DataFrame:
    """The table's columns of the designations (each once), in order (ids as in the files)."""
    sites = designations_of(sites)
    return pd.DataFrame(sites[[c for c in TABLE_COLUMNS if c in sites]])


def readable(table: pd.DataFrame, data: AtlasData, lang: str) -> pd.DataFrame:
    """Records as people read them: programs and industries by name, places in words,
    empty cells empty (the CSV download keeps ids, for ``cli.py validate``/``merge``)."""
    out = table.copy()
    if "program" in out:
        out["program"] = out["program"].map(data.program_labels(lang)).fillna(out["program"])
    if "industry" in out:
        out["industry"] = out["industry"].map(data.industry_labels(lang))
    if "program_kind" in out:  # helper kinds: "후보지", "candidate site", …
        out["program_kind"] = out["program_kind"].map(lambda k: kind_text(k, lang))
    if "location" in out:
        out["location"] = out["location"].map(lambda v: t(f"location_{v}", lang))
    text = out.select_dtypes(exclude="number").columns
    out[text] = out[text].astype(object).where(out[text].notna(), "")
    return out


def view_records(data: AtlasData, view: View) -> pd.DataFrame:
    """The records table of a view as people read it."""
    return readable(record_table(filter_sites(data.sites, view)), data, view.lang)


@st.cache_resource(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_records(view: View, version: str, _data: AtlasData) -> pd.DataFrame:
    """:func:`view_records`, once per view and data version: one table every session
    shows (read-only; ``st.cache_data`` would copy it on every rerun)."""
    del version  # the cache key, with ``view``
    return view_records(_data, view)


def records(data: AtlasData, view: View, version: str | None) -> pd.DataFrame:
    """The view's readable records table (cached unless ``version`` is None)."""
    if version is None:
        return view_records(data, view)
    return cached_records(content_view(view), version, data)


def view_csv(data: AtlasData, view: View) -> bytes:
    """The view's records as the CSV download (ids kept; ``exports.safe_csv``)."""
    return safe_csv(record_table(filter_sites(data.sites, view)))


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False, hash_funcs=HASH_FUNCS)
def cached_csv(view: View, version: str, _data: AtlasData) -> bytes:
    """:func:`view_csv`, once per view and data version."""
    del version  # the cache key, with ``view``
    return view_csv(_data, view)


def csv_maker(data: AtlasData, view: View, version: str | None) -> Callable[[], bytes]:
    """The CSV download's ``data``: made when the button is clicked, not on each rerun."""
    if version is None:
        return lambda: view_csv(data, view)
    return lambda: cached_csv(content_view(view), version, data)
