"""Work every session with the same view shares: done once per view and data version.

Many officials open the atlas at once, most of them on the same few views. What a view
shows does not depend on the session, so it is computed once per process and kept
with ``st.cache_data``, keyed on the :class:`~layers.view.View` (a frozen dataclass,
hashed field by field) without the map's centre and zoom (:func:`content_view`: they
change with every pan and no group depends on them) and the data version
(``ui.data.atlas_version``; a session with its own uploaded records is not cached). The
atlas itself is passed as an ignored argument (``_data``), so the version must say
everything about it.

* the map's feature groups, as rendered JavaScript (:class:`RenderedGroup`), not as
  folium objects: ``st_folium`` adds the groups it is given to the map and renames them,
  so a cached folium object would be changed by the next session;
* the records table as people read it, and its CSV (made when downloaded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import folium
import pandas as pd
import streamlit as st
from folium.elements import ElementAddToElement
from jinja2 import Template
from streamlit_folium import generate_leaflet_string

from exports.safe_csv import safe_csv
from geo.aggregate import designations_of
from geo.fields import table_columns
from layers.assets import ensure_topology
from layers.atlas import AtlasData
from layers.i18n import t
from layers.kinds import kind_text
from layers.view import View, filter_sites
from layers.webmap import overlay_groups

MAX_VIEWS = 256
"""Views kept per cached function (least recently used dropped first)."""
SLOT = "kcaslot"
"""Prefix of the id a group has while its layers are rendered (``kcaslot<n>`` for the
n-th group): they name their parent ``feature_group_kcaslot<n>``, which
:class:`RenderedGroup` replaces by its own name; their own names stay unique on the map."""
TABLE_COLUMNS = table_columns()
"""Columns of the records table, in order (from the field registry)."""


SCREEN_FIELDS = ("lat", "lon", "zoom", "site")
"""View fields of the map's centre and zoom on screen and the selected complex: no group,
table or CSV uses them."""


def content_view(view: View) -> View:
    """The view without the screen's centre and zoom: the cache key of what it shows."""
    return replace(view, **dict.fromkeys(SCREEN_FIELDS))  # type: ignore[arg-type]


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


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def map_layers(view: View, version: str, _data: AtlasData) -> list[tuple[str, bool, str, str]]:
    """:func:`view_layers`, once per view and data version."""
    del version  # the cache key, with ``view``: it names the data ``_data`` holds
    return view_layers(_data, view)


def map_groups(data: AtlasData, view: View, version: str | None) -> list[folium.FeatureGroup]:
    """Fresh :class:`RenderedGroup` objects of the view's layers, for ``st_folium``.

    ``version`` None (a session with its own uploaded records) renders them for this
    session only: no shared cache keeps a user's records.
    """
    if version is None:
        layers = view_layers(data, view)
    else:
        layers = map_layers(content_view(view), version, data)
    return [RenderedGroup(*layer) for layer in layers]


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


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def cached_records(view: View, version: str, _data: AtlasData) -> pd.DataFrame:
    """:func:`view_records`, once per view and data version."""
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


@st.cache_data(max_entries=MAX_VIEWS, show_spinner=False)
def cached_csv(view: View, version: str, _data: AtlasData) -> bytes:
    """:func:`view_csv`, once per view and data version."""
    del version  # the cache key, with ``view``
    return view_csv(_data, view)


def csv_maker(data: AtlasData, view: View, version: str | None) -> Callable[[], bytes]:
    """The CSV download's ``data``: made when the button is clicked, not on each rerun."""
    if version is None:
        return lambda: view_csv(data, view)
    return lambda: cached_csv(content_view(view), version, data)
