"""The atlas's data: everything the map is built from, the region layers, and their values.

:class:`AtlasData` holds the records and boundaries; :data:`REGION_LAYERS` (with one
layer per indicator in the data) names what a region can be coloured by, and
:func:`region_values` computes it for a view. How a view looks is
``layers.symbology``; the web map is ``layers.webmap``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.aggregate import aggregate_sites, indicator_values
from geo.boundaries import load_boundaries, load_topojson
from geo.derived import placed_sites_and_belts
from geo.records import load_records
from geo.settings import Settings
from layers.i18n import LABELS, format_won, t
from layers.view import FOCUS, LEVELS, View


@dataclass(frozen=True)
class RegionLayer:
    """A per-region layer the user can choose.

    Attributes
    ----------
    label_key : str
        Its name's key in the label catalogue; an indicator without one shows its id.
    kind : {"numeric", "categorical"}
    unit : {"count", "krw", "persons", ""}
    indicator : str or None
        For figures from ``region_indicators.csv``: the indicator id.
    """

    label_key: str
    kind: str = "numeric"
    unit: str = "count"
    indicator: str | None = None

    def label(self, lang: str) -> str:
        """The layer's name in ``lang``."""
        return t(self.label_key, lang) if self.label_key in LABELS else self.label_key


REGION_LAYERS: dict[str, RegionLayer] = {
    "count": RegionLayer("layer_count"),
    "main_industry": RegionLayer("layer_main_industry", kind="categorical", unit=""),
    "support_public_krw": RegionLayer("layer_support_public_krw", unit="krw"),
    "investment_private_planned_krw": RegionLayer(
        "layer_investment_private_planned_krw", unit="krw"
    ),
    "investment_executed_krw": RegionLayer("layer_investment_executed_krw", unit="krw"),
    "jobs": RegionLayer("layer_jobs", unit="persons"),
}
"""Layers computed from the site records; indicator layers come from the data."""

INDICATOR_UNITS: dict[str, str] = {
    "investment_attraction_krw": "krw",
    "investment_attraction_jobs": "persons",
}
"""Indicator id -> unit for layers from the data (labels: ``layer_indicator:<id>``)."""


def region_layers(indicators: pd.DataFrame) -> dict[str, RegionLayer]:
    """All layers: those of ``REGION_LAYERS`` and one per indicator in the data."""
    layers = dict(REGION_LAYERS)
    for indicator in sorted(indicators["indicator"].dropna().unique()):
        key = f"layer_indicator:{indicator}"
        unit = INDICATOR_UNITS.get(indicator, "")
        layers[f"indicator:{indicator}"] = RegionLayer(
            key if key in LABELS else indicator, unit=unit, indicator=indicator
        )
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


def data_version(data: AtlasData) -> str:
    """A hash of everything the map is built from: equal atlases, equal versions.

    Caches shared between sessions are keyed on it (with the view), so a changed
    record or boundary file makes new entries rather than serving the old ones.
    """
    digest = hashlib.sha256()
    for level in sorted(data.topology):
        digest.update(data.topology[level].encode("utf-8"))
        digest.update(data.regions[level].drop(columns="geometry").to_csv().encode("utf-8"))
    for frame in (data.sites, data.belts, data.industries, data.programs, data.indicators):
        if frame is not None:
            digest.update(frame.to_csv().encode("utf-8"))
    return digest.hexdigest()[:16]


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


def frame_bounds(data: AtlasData, view: View) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners to show: the focus, or the chosen province."""
    if view.sido and view.focus == "korea":
        sido = data.regions["sido"]
        match = sido[sido["code_moi"] == view.sido]
        if not match.empty:
            x0, y0, x1, y1 = match.total_bounds
            return (y0, x0), (y1, x1)
    return FOCUS[view.focus]
