"""The web map: the folium base map and the feature groups the filters change.

The map comes in two parts (:func:`build_map_parts`): a base map that only a new frame
changes (focus, province, tiles) and feature groups with everything the filters and
layer settings change. The app keeps the base map mounted and swaps the groups;
:func:`build_map` merges both into one map for exports. The region boundaries are inlined
(a stand-alone file) or, given ``topology_urls`` (the app), fetched by the browser from the
app's static files once, so swapped groups carry only colours, tooltips and sites.
Colours, classes and legends come from ``layers.symbology`` and ``layers.style``, as in
the map images.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.aggregate import aggregate_sites
from layers.assets import OfflineMap
from layers.atlas import AtlasData, format_value, frame_bounds
from layers.belts import LABEL_CSS, belts_layer
from layers.i18n import count_text, t
from layers.legend import LEGEND_CSS, Legend
from layers.mapux import MAPUX_CSS, MapKeys
from layers.regions import TopoRegions, safe_json
from layers.release import ReleaseSwappedGroups, ReleaseThemeStyles
from layers.sites import sites_layer
from layers.style import LABELS, PROVINCE_LINE, SEA_COLOR
from layers.symbology import (
    LegendSection,
    RegionStyle,
    layer_unit_and_title,
    region_style,
    sites_legend,
)
from layers.view import View, filter_sites

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
MAX_ZOOM = 18
"""The map's last zoom level (Leaflet.markercluster spreads markers out there)."""


def _count_texts(data: AtlasData, view: View, sites: pd.DataFrame) -> dict[str, str]:
    """Per region (KOSTAT code): "N complexes · M designations" for the count layer."""
    regions = data.regions[view.level]
    table = aggregate_sites(sites, regions, view.level, view.count)
    if view.level == "sido":
        table = table.rename(index=regions.set_index("code_moi")["code"].to_dict())
    return {
        str(code): count_text(int(row.complexes), int(row.designations), view.lang)
        for code, row in table.iterrows()
    }


def city_name(names: list[str], lang: str) -> str:
    """The city whose gu share one figure, from the gu's names.

    >>> city_name(["수원시 장안구", "수원시 권선구"], "ko"), city_name(["Suwon-si Jangan-gu"], "en")
    ('수원시', 'Suwon-si')
    """
    first = names[0].split()[0] if names and names[0].split() else ""
    del lang  # both languages put the city first: "수원시 장안구", "Suwon-si Jangan-gu"
    return first


def _shown(code: str, style: RegionStyle, view: View, data: AtlasData) -> str:
    """What a region's tooltip says about the chosen layer."""
    spec, figures = data.layers[view.layer], style.figures
    assert figures is not None
    status = figures.status.get(code, "no_figure")
    if status == "no_site":
        return t("no_site", view.lang)
    if status == "not_reported":
        return t("not_reported_tip", view.lang, n=int(figures.sites.get(code, 0)))
    value = figures.values.get(code)
    if status != "value" or value is None or pd.isna(value):
        return t("no_data", view.lang)
    if spec.kind == "categorical":
        return data.industry_labels(view.lang).get(str(value), str(value))
    shown = format_value(float(value), spec.unit, view.lang)
    if int(figures.shared.get(code, 1)) > 1:
        regions = data.regions[view.level].set_index("code")
        members = str(figures.unit[code]).split(";")
        names = [str(regions.at[m, f"name_{view.lang}"]) for m in members if m in regions.index]
        shown += f" ({t('whole_city', view.lang, city=city_name(names, view.lang))})"
    return shown


def _tooltips(
    regions: gpd.GeoDataFrame,
    style: RegionStyle,
    view: View,
    data: AtlasData,
    counts: dict[str, str] | None = None,
) -> dict[str, str]:
    spec = data.layers[view.layer]
    _, label = layer_unit_and_title(data, view)
    if spec.source == "census":
        label += f" ({view.census_year})"
    first, second = ("name_ko", "name_en") if view.lang == "ko" else ("name_en", "name_ko")
    return {
        code: f"{a} · {b}\n{label}: "
        + (counts[code] if counts and code in counts else _shown(code, style, view, data))
        for code, a, b in zip(regions["code"], regions[first], regions[second], strict=True)
    }


TopologyUrls = Mapping[str, str] | None
"""Level -> URL of its TopoJSON served by the app, or None to inline the topologies."""


def topology_source(
    data: AtlasData, level: str, urls: TopologyUrls
) -> tuple[str | None, str | None]:
    """``TopoRegions``'s ``topology`` and ``url`` for a level: its URL when served, else
    the inline text."""
    if urls is None:
        return data.topology[level], None
    if level not in urls:
        raise ValueError(f"No topology URL for level {level!r}; have {', '.join(urls)}")
    return None, urls[level]


def region_layer(
    data: AtlasData, view: View, sites: pd.DataFrame, topology_urls: TopologyUrls = None
) -> tuple[TopoRegions, LegendSection]:
    """The choropleth (or categorical) region layer and its legend section."""
    regions = data.regions[view.level]
    style = region_style(data, view, sites)
    topology, url = topology_source(data, view.level, topology_urls)
    counts = _count_texts(data, view, sites) if view.layer == "count" else None
    layer = TopoRegions(
        topology,
        fill={str(k): str(v) for k, v in style.colors.items()},
        tooltip=_tooltips(regions, style, view, data, counts),
        name=style.legend.title,
        url=url,
    )
    return layer, style.legend


class Attribution(MacroElement):
    """Adds the boundary attribution (and sources note) to Leaflet's attribution control.

    A layer: the text is shown while the layer is on the map (directly or in a feature
    group) and taken out of the control when the layer is removed, so swapping groups
    after a language change leaves only the new text.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = new (L.Layer.extend({
  onAdd: function (map) {
    if (map.attributionControl) map.attributionControl.addAttribution({{ this.text }});
    return this;
  },
  onRemove: function (map) {
    if (map.attributionControl) map.attributionControl.removeAttribution({{ this.text }});
    return this;
  }
}))();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = safe_json(text)


MAP_CSS = (
    f".leaflet-container{{background:{SEA_COLOR}}}"
    f".kca-belt-label{{font:600 {LABELS['belt'].screen_px:g}px sans-serif;"
    f"color:{LABELS['belt'].color};white-space:nowrap;"
    f"text-shadow:0 0 3px #fff,0 0 3px #fff}}{LABEL_CSS}{LEGEND_CSS}{MAPUX_CSS}"
    # the browser's focus ring on a clicked region is its bounding box: drawn as a black
    # rectangle around the province, which users read as a selection frame
    ".leaflet-interactive:focus{outline:none}"
    # the regions are drawn in panes of their own (layers.regions.PANES): an upper
    # pane's drawing surface must let clicks and tooltips through to the regions below
    # (its interactive paths still take them)
    ".leaflet-pane>svg{pointer-events:none}"
    # the selected complex's outline and rings (layers.selection) never take a click
    # from the marker or region under them
    ".kca-selected-site,.kca-selected-area{pointer-events:none!important}"
)
"""Styles of every layer the groups may bring: the app loads the page header only once."""


def base_map(view: View, tile_url: str | None = None, tile_attribution: str = "") -> folium.Map:
    """An offline map: no tiles by default, OpenStreetMap or a configured tile URL on request."""
    fmap = OfflineMap(location=None, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.options["max_zoom"] = MAX_ZOOM  # marker clusters need the map's last zoom
    fmap.get_root().header.add_child(Element(f"<style>{MAP_CSS}</style>"))  # type: ignore[attr-defined]
    ReleaseSwappedGroups().add_to(fmap)  # issue #16: free the groups st_folium swaps out
    ReleaseThemeStyles().add_to(fmap)  # issue #16: one theme style, not one per change
    MapKeys().add_to(fmap)  # issue #14: one tab stop, arrow keys, legend button, full height
    if view.basemap == "osm":
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap").add_to(fmap)
    elif view.basemap == "custom" and tile_url:
        folium.TileLayer(tile_url, attr=tile_attribution or tile_url, name="Tiles").add_to(fmap)
    return fmap


def framed_map(
    data: AtlasData, view: View, tile_url: str | None = None, tile_attribution: str = ""
) -> folium.Map:
    """The base map fitted to the view's frame: depends on focus, province and tiles only."""
    fmap = base_map(view, tile_url, tile_attribution)
    fmap.fit_bounds(list(frame_bounds(data, view)))
    return fmap


def regions_group(
    data: AtlasData, view: View, sites: pd.DataFrame, topology_urls: TopologyUrls = None
) -> tuple[folium.FeatureGroup, LegendSection]:
    """The region layer (and the province outline over municipalities) and its legend.

    ``topology_urls`` (level -> URL) makes the browser fetch the boundaries; without it
    they are inlined.
    """
    regions, section = region_layer(data, view, sites, topology_urls)
    group = folium.FeatureGroup(name=regions.layer_name)
    regions.add_to(group)
    if view.level != "sido":
        outline, outline_url = topology_source(data, "sido", topology_urls)
        TopoRegions(
            outline,
            fill={},
            tooltip={},
            name="provinces",
            line_color=PROVINCE_LINE.color,
            line_weight=PROVINCE_LINE.width,
            fill_opacity=0.0,
            interactive=False,
            class_name="kca-outline",
            url=outline_url,
        ).add_to(group)
    return group, section


def sites_group(data: AtlasData, view: View, sites: pd.DataFrame) -> folium.FeatureGroup:
    """The shown sites' markers."""
    group = folium.FeatureGroup(name=t("clusters", view.lang))
    sites_layer(
        sites,
        view.lang,
        data.industry_colors(),
        data.program_labels(view.lang),
        data.industry_labels(view.lang),
    ).add_to(group)
    return group


def legend_group(
    sections: list[LegendSection], attribution: str, lang: str = "ko"
) -> folium.FeatureGroup:
    """The legend control (its button in ``lang``) and the attribution, as a layer that
    can be swapped."""
    group = folium.FeatureGroup(name="legend", control=False)
    Legend(sections, lang).add_to(group)
    Attribution(attribution).add_to(group)
    return group


def overlay_groups(
    data: AtlasData, view: View, topology_urls: TopologyUrls = None
) -> list[folium.FeatureGroup]:
    """Everything the filters and layer settings change, bottom to top.

    Regions (and outline), belts, sites, then legend and attribution; each a
    ``folium.FeatureGroup`` whose Leaflet layers add and remove themselves cleanly.
    ``topology_urls``: see :func:`regions_group`.
    """
    if view.layer not in data.layers:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    sites = filter_sites(data.sites, view)
    regions, section = regions_group(data, view, sites, topology_urls)
    groups, sections = [regions], [section]
    if view.belts and data.belts is not None and not data.belts.empty:
        groups.append(belts_layer(data.belts, view.lang))
    if view.sites:
        groups.append(sites_group(data, view, sites))
        sections.append(sites_legend(sites, data, view.lang))
    statistics = data.layers[view.layer].source == "census"
    groups.append(legend_group(sections, data.attribution(view.lang, statistics), view.lang))
    return groups


class MapParts(NamedTuple):
    """The atlas map as a stable base map and the feature groups to put on it.

    Attributes
    ----------
    base : folium.Map
        Leaflet from the app's static files, tiles if chosen, scale and the frame of
        ``view.focus`` / ``view.sido``; nothing the filters change.
    groups : list of folium.FeatureGroup
        Not yet added to the map: regions, belts, sites, legend and attribution
        (``streamlit_folium.st_folium(..., feature_group_to_add=...)`` swaps them in
        the mounted map).
    """

    base: folium.Map
    groups: list[folium.FeatureGroup]

    def merged(self) -> folium.Map:
        """The base map with every group added: one map, as the exports need it."""
        for group in self.groups:
            group.add_to(self.base)
        return self.base


def build_map_parts(
    data: AtlasData,
    view: View,
    tile_url: str | None = None,
    tile_attribution: str = "",
    topology_urls: TopologyUrls = None,
) -> MapParts:
    """The atlas map for a view, as base map and groups (unpacks as ``fmap, groups``).

    ``tile_url`` and ``tile_attribution`` name the configured tile server, used when
    ``view.basemap == "custom"``. The map loads only Leaflet, from the app's static files
    (see ``layers.assets``). ``topology_urls`` (level -> URL, from
    ``layers.assets.ensure_topology``) has the browser fetch the boundaries instead of
    receiving them inline in the groups.
    """
    groups = overlay_groups(data, view, topology_urls)
    return MapParts(framed_map(data, view, tile_url, tile_attribution), groups)


def build_map(
    data: AtlasData, view: View, tile_url: str | None = None, tile_attribution: str = ""
) -> folium.Map:
    """The whole atlas map for a view: :func:`build_map_parts` merged into one map."""
    return build_map_parts(data, view, tile_url, tile_attribution).merged()
