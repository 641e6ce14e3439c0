"""The atlas map: region layer, sites, belts, legend and attribution, from data and a View.

The map comes in two parts (:func:`build_map_parts`): a base map that only a new frame
changes (focus, province, tiles) and feature groups with everything the filters and
layer settings change. The app keeps the base map mounted and swaps the groups;
:func:`build_map` merges both into one map for exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.aggregate import aggregate_sites, indicator_values
from geo.boundaries import load_boundaries, load_topojson
from geo.derived import placed_sites_and_belts
from geo.records import load_records
from geo.settings import Settings
from geo.sources import ATTRIBUTION, ATTRIBUTION_KO
from layers.assets import OfflineMap
from layers.belts import LABEL_CSS, belts_layer
from layers.classify import NO_DATA_COLOR, classify
from layers.i18n import format_won, t
from layers.legend import LEGEND_CSS, Legend, LegendEntry, LegendSection
from layers.regions import TopoRegions, safe_json
from layers.release import ReleaseSwappedGroups
from layers.sites import UNKNOWN_COLOR, sites_layer
from layers.view import FOCUS, LEVELS, View, filter_sites

ZERO_COLOR = "#f7f7f7"
SEA_COLOR = "#e8f0f7"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class RegionLayer:
    """A per-region layer the user can choose.

    Attributes
    ----------
    label_en, label_ko : str
        Names in the layer picker and legend.
    kind : {"numeric", "categorical"}
    unit : {"count", "krw", "persons", ""}
    indicator : str or None
        For figures from ``region_indicators.csv``: the indicator id.
    """

    label_en: str
    label_ko: str
    kind: str = "numeric"
    unit: str = "count"
    indicator: str | None = None

    def label(self, lang: str) -> str:
        """The layer's name in ``lang``."""
        return self.label_ko if lang == "ko" else self.label_en


REGION_LAYERS: dict[str, RegionLayer] = {
    "count": RegionLayer("Designated sites (number)", "지정 단지 수"),
    "main_industry": RegionLayer("Main industry", "주요 업종", kind="categorical", unit=""),
    "support_public_krw": RegionLayer(
        "Public support (national + local, KRW)", "공공 지원(국비·지방비, 원)", unit="krw"
    ),
    "investment_private_planned_krw": RegionLayer(
        "Planned private investment (KRW)", "민간 투자 계획(원)", unit="krw"
    ),
    "investment_executed_krw": RegionLayer(
        "Executed investment (KRW; no source yet)", "투자 집행 실적(원, 출처 없음)", unit="krw"
    ),
    "jobs": RegionLayer("Jobs (as announced)", "고용(발표치, 명)", unit="persons"),
}
"""Layers computed from the site records; indicator layers come from the data."""

INDICATOR_LABELS: dict[str, tuple[str, str, str]] = {
    "investment_attraction_krw": (
        "Investment attracted by the city (KRW)",
        "투자 유치 실적(원)",
        "krw",
    ),
    "investment_attraction_jobs": (
        "Jobs from investment attracted",
        "투자 유치 고용(명)",
        "persons",
    ),
}
"""Indicator id -> (English label, Korean label, unit) for layers from the data."""


def region_layers(indicators: pd.DataFrame) -> dict[str, RegionLayer]:
    """All layers: those of ``REGION_LAYERS`` and one per indicator in the data."""
    layers = dict(REGION_LAYERS)
    for indicator in sorted(indicators["indicator"].dropna().unique()):
        en, ko, unit = INDICATOR_LABELS.get(indicator, (indicator, indicator, ""))
        layers[f"indicator:{indicator}"] = RegionLayer(en, ko, unit=unit, indicator=indicator)
    return layers


@dataclass(frozen=True)
class AtlasData:
    """Everything the map is built from (read-only; the app caches it)."""

    regions: dict[str, gpd.GeoDataFrame]
    topology: dict[str, str]
    sites: gpd.GeoDataFrame
    industries: pd.DataFrame
    programs: pd.DataFrame
    indicators: pd.DataFrame
    belts: gpd.GeoDataFrame | None = None
    layers: dict[str, RegionLayer] = field(default_factory=dict)

    def industry_labels(self, lang: str) -> dict[str, str]:
        """Industry id -> label in ``lang``."""
        return dict(zip(self.industries["id"], self.industries[f"label_{lang}"], strict=True))

    def program_labels(self, lang: str) -> dict[str, str]:
        """Program id -> name in ``lang``."""
        return dict(zip(self.programs["id"], self.programs[f"name_{lang}"], strict=True))

    def industry_colors(self) -> dict[str, str]:
        """Industry id -> colour."""
        return dict(zip(self.industries["id"], self.industries["color"], strict=True))

    def allowed_view_values(self) -> dict[str, tuple[str, ...]]:
        """Values the data admits for the view's data-dependent fields."""
        return {
            "programs": tuple(self.programs["id"]),
            "industries": tuple(self.industries["id"]),
            "layer": tuple(self.layers),
            "sido": tuple(self.regions["sido"]["code_moi"]),
        }


def load_atlas_data(settings: Settings | None = None) -> AtlasData:
    """Read records and boundaries and assemble everything the map needs.

    Sites are placed on the full municipality geometry (spatial join); belts are
    dissolved from their member areas (both cached, see ``geo.derived``); regions and
    topologies are display versions.
    """
    recs = load_records()
    sites, belts = placed_sites_and_belts(recs, settings)
    return AtlasData(
        regions={level: load_boundaries(level, settings=settings) for level in LEVELS},
        topology={level: load_topojson(level, settings) for level in LEVELS},
        sites=sites,
        industries=recs.industries,
        programs=recs.programs,
        indicators=recs.region_indicators,
        belts=belts,
        layers=region_layers(recs.region_indicators),
    )


def format_value(value: float, unit: str, lang: str) -> str:
    """A figure with its unit, as shown in tooltips and the legend."""
    if unit == "krw":
        return format_won(value, lang)
    if unit == "persons":
        return f"{value:,.0f} {t('persons', lang)}"
    if unit == "count":
        return f"{value:,.0f} {t('count_unit_one' if value == 1 else 'count_unit', lang)}"
    return f"{value:,.4g}"


def region_values(data: AtlasData, view: View, sites: pd.DataFrame) -> pd.Series:
    """The chosen layer's value per region, indexed by the regions' KOSTAT ``code``."""
    regions = data.regions[view.level]
    spec = data.layers[view.layer]
    by_moi = regions.set_index("code_moi")["code"]
    if spec.indicator is not None:
        year_to = view.year_to if view.year_to is not None else 9999
        values, _ = indicator_values(data.indicators, spec.indicator, view.level, year_to)
        return values.rename(index=by_moi.to_dict()).reindex(regions["code"])
    table = aggregate_sites(sites, regions, view.level)
    if view.level == "sido":
        table = table.rename(index=by_moi.to_dict())
    column = "main_industry" if view.layer == "main_industry" else view.layer
    return table[column].reindex(regions["code"])


def class_label(low: float, high: float, unit: str, lang: str) -> str:
    """Legend text of a class: one value, or a range.

    >>> class_label(1, 1, "count", "en"), class_label(2, 4, "count", "ko")
    ('1 site', '2 곳 – 4 곳')
    """
    if low == high:
        return format_value(low, unit, lang)
    return f"{format_value(low, unit, lang)} – {format_value(high, unit, lang)}"


def count_bounds(bounds: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Class ranges of whole counts: classes include their upper bound, so a class
    (low, high] holds the counts floor(low) + 1 to floor(high); a class holding no
    whole count comes out with its start above its end.

    >>> count_bounds([(1.0, 1.0), (1.0, 2.0), (2.0, 8.0)])
    [(1.0, 1.0), (2.0, 2.0), (3.0, 8.0)]
    >>> count_bounds([(2.0, 4.0), (4.0, 5.0), (5.0, 7.6), (7.6, 10.0)])
    [(2.0, 4.0), (5.0, 5.0), (6.0, 7.0), (8.0, 10.0)]
    >>> count_bounds([(1.0, 1.0), (1.0, 1.4), (1.4, 15.0)])
    [(1.0, 1.0), (2.0, 1.0), (2.0, 15.0)]
    """
    out: list[tuple[float, float]] = []
    for i, (low, high) in enumerate(bounds):
        start = float(np.floor(bounds[i - 1][1]) + 1) if i else float(np.ceil(low))
        out.append((start, float(np.floor(high))))
    return out


def _style_numeric(values: pd.Series, view: View, unit: str) -> tuple[pd.Series, list[LegendEntry]]:
    zero = values == 0 if unit == "count" else pd.Series(False, index=values.index)
    classes = classify(values.where(~zero), view.scheme)
    colors = classes.color_of.where(~zero, ZERO_COLOR)
    bounds = count_bounds(classes.bounds) if unit == "count" else classes.bounds
    entries = [
        LegendEntry(c, class_label(lo, hi, unit, view.lang))
        for (lo, hi), c in zip(bounds, classes.colors, strict=True)
        if lo <= hi  # a class no whole count falls in colours no region
    ]
    if zero.any():
        entries.insert(0, LegendEntry(ZERO_COLOR, format_value(0, unit, view.lang)))
    return colors, entries


def _style_categorical(
    values: pd.Series, data: AtlasData, lang: str
) -> tuple[pd.Series, list[LegendEntry]]:
    palette, labels = data.industry_colors(), data.industry_labels(lang)
    colors = values.map(lambda v: palette.get(str(v), UNKNOWN_COLOR) if pd.notna(v) else None)
    present = sorted(values.dropna().unique(), key=lambda v: labels.get(str(v), str(v)))
    entries = [
        LegendEntry(palette.get(str(v), UNKNOWN_COLOR), labels.get(str(v), str(v))) for v in present
    ]
    return colors.fillna(NO_DATA_COLOR), entries


def _tooltips(
    regions: gpd.GeoDataFrame, values: pd.Series, view: View, data: AtlasData
) -> dict[str, str]:
    spec = data.layers[view.layer]
    labels = data.industry_labels(view.lang)
    first, second = ("name_ko", "name_en") if view.lang == "ko" else ("name_en", "name_ko")
    tips = {}
    for code, a, b in zip(regions["code"], regions[first], regions[second], strict=True):
        value = values.get(code)
        if value is None or pd.isna(value):
            shown = t("no_data", view.lang)
        elif spec.kind == "categorical":
            shown = labels.get(str(value), str(value))
        else:
            shown = format_value(float(value), spec.unit, view.lang)
        tips[code] = f"{a} · {b}\n{spec.label(view.lang)}: {shown}"
    return tips


@dataclass(frozen=True)
class RegionStyle:
    """The chosen layer's values, fill colours and legend, per region.

    Shared by the web map and the static exports so both show the same classes.

    Attributes
    ----------
    values : pandas.Series
        Value per region (KOSTAT ``code``); missing where there is no data.
    colors : pandas.Series
        Fill colour per region (hex), the no-data grey included.
    legend : LegendSection
    """

    values: pd.Series
    colors: pd.Series
    legend: LegendSection


def region_style(data: AtlasData, view: View, sites: pd.DataFrame) -> RegionStyle:
    """Classify the chosen layer's values and colour every region of the view's level."""
    spec = data.layers[view.layer]
    values = region_values(data, view, sites)
    if spec.kind == "categorical":
        colors, entries = _style_categorical(values, data, view.lang)
    else:
        colors, entries = _style_numeric(values, view, spec.unit)
    if values.isna().any():
        entries.append(LegendEntry(NO_DATA_COLOR, t("no_data", view.lang)))
    colors = colors.fillna(NO_DATA_COLOR)
    return RegionStyle(values, colors, LegendSection(spec.label(view.lang), entries))


def region_layer(
    data: AtlasData, view: View, sites: pd.DataFrame
) -> tuple[TopoRegions, LegendSection]:
    """The choropleth (or categorical) region layer and its legend section."""
    regions = data.regions[view.level]
    style = region_style(data, view, sites)
    layer = TopoRegions(
        data.topology[view.level],
        fill={str(k): str(v) for k, v in style.colors.items()},
        tooltip=_tooltips(regions, style.values, view, data),
        name=data.layers[view.layer].label(view.lang),
    )
    return layer, style.legend


def sites_legend(sites: pd.DataFrame, data: AtlasData, lang: str) -> LegendSection:
    """Legend of the industries present among the shown sites."""
    colors, labels = data.industry_colors(), data.industry_labels(lang)
    present = sorted(sites["industry"].dropna().unique(), key=lambda v: labels.get(v, v))
    entries = [
        LegendEntry(colors.get(i, UNKNOWN_COLOR), labels.get(i, i), "circle") for i in present
    ]
    if sites["industry"].isna().any():
        entries.append(LegendEntry(UNKNOWN_COLOR, t("unknown_industry", lang), "circle"))
    if "location" in sites and (sites["location"] == "municipality").any():
        entries.append(LegendEntry("#ffffff", t("approximate", lang), "ring"))
    return LegendSection(f"{t('clusters', lang)} ({len(sites)})", entries)


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


def frame_bounds(data: AtlasData, view: View) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners to show: the focus, or the chosen province."""
    if view.sido and view.focus == "korea":
        sido = data.regions["sido"]
        match = sido[sido["code_moi"] == view.sido]
        if not match.empty:
            x0, y0, x1, y1 = match.total_bounds
            return (y0, x0), (y1, x1)
    return FOCUS[view.focus]


MAP_CSS = (
    f".leaflet-container{{background:{SEA_COLOR}}}"
    ".kca-belt-label{font:600 12px sans-serif;color:#4a0046;white-space:nowrap;"
    f"text-shadow:0 0 3px #fff,0 0 3px #fff}}{LABEL_CSS}{LEGEND_CSS}"
    # the browser's focus ring on a clicked region is its bounding box: drawn as a black
    # rectangle around the province, which users read as a selection frame
    ".leaflet-interactive:focus{outline:none}"
)
"""Styles of every layer the groups may bring: the app loads the page header only once."""


def base_map(view: View, tile_url: str | None = None, tile_attribution: str = "") -> folium.Map:
    """An offline map: no tiles by default, OpenStreetMap or a configured tile URL on request."""
    fmap = OfflineMap(location=None, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.get_root().header.add_child(Element(f"<style>{MAP_CSS}</style>"))  # type: ignore[attr-defined]
    ReleaseSwappedGroups().add_to(fmap)  # issue #16: free the groups st_folium swaps out
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
    data: AtlasData, view: View, sites: pd.DataFrame
) -> tuple[folium.FeatureGroup, LegendSection]:
    """The region layer (and the province outline over municipalities) and its legend."""
    regions, section = region_layer(data, view, sites)
    group = folium.FeatureGroup(name=regions.layer_name)
    regions.add_to(group)
    if view.level != "sido":
        TopoRegions(
            data.topology["sido"],
            {},
            {},
            "provinces",
            line_color="#555555",
            line_weight=1.4,
            fill_opacity=0.0,
            interactive=False,
            class_name="kca-outline",
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


def legend_group(sections: list[LegendSection], lang: str) -> folium.FeatureGroup:
    """The legend control and the boundary attribution, as a layer that can be swapped."""
    group = folium.FeatureGroup(name="legend", control=False)
    Legend(sections).add_to(group)
    Attribution(ATTRIBUTION_KO if lang == "ko" else ATTRIBUTION).add_to(group)
    return group


def overlay_groups(data: AtlasData, view: View) -> list[folium.FeatureGroup]:
    """Everything the filters and layer settings change, bottom to top.

    Regions (and outline), belts, sites, then legend and attribution; each a
    ``folium.FeatureGroup`` whose Leaflet layers add and remove themselves cleanly.
    """
    if view.layer not in data.layers:
        raise ValueError(f"Unknown layer {view.layer!r}; allowed: {', '.join(data.layers)}")
    sites = filter_sites(data.sites, view)
    regions, section = regions_group(data, view, sites)
    groups, sections = [regions], [section]
    if view.belts and data.belts is not None and not data.belts.empty:
        groups.append(belts_layer(data.belts, view.lang))
    if view.sites:
        groups.append(sites_group(data, view, sites))
        sections.append(sites_legend(sites, data, view.lang))
    groups.append(legend_group(sections, view.lang))
    return groups


def build_map_parts(
    data: AtlasData, view: View, tile_url: str | None = None, tile_attribution: str = ""
) -> tuple[folium.Map, list[folium.FeatureGroup]]:
    """The atlas map as a stable base map and the feature groups to put on it.

    Parameters
    ----------
    data : AtlasData
    view : View
    tile_url, tile_attribution : str, optional
        The configured tile server for ``view.basemap == "custom"``.

    Returns
    -------
    folium.Map
        Base map: Leaflet from the app's static files, tiles if chosen, scale and the
        frame of ``view.focus`` / ``view.sido``; nothing the filters change.
    list of folium.FeatureGroup
        Not yet added to the map: regions, belts, sites, legend and attribution
        (``streamlit_folium.st_folium(..., feature_group_to_add=...)`` swaps them in
        the mounted map).
    """
    groups = overlay_groups(data, view)
    return framed_map(data, view, tile_url, tile_attribution), groups


def build_map(
    data: AtlasData, view: View, tile_url: str | None = None, tile_attribution: str = ""
) -> folium.Map:
    """The whole atlas map for a view: :func:`build_map_parts` merged.

    Parameters
    ----------
    data : AtlasData
    view : View
    tile_url, tile_attribution : str, optional
        The configured tile server for ``view.basemap == "custom"``.

    Returns
    -------
    folium.Map
        Loads only Leaflet, from the app's static files (see ``layers.assets``).
    """
    fmap, groups = build_map_parts(data, view, tile_url, tile_attribution)
    for group in groups:
        group.add_to(fmap)
    return fmap
