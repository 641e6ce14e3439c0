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

from geo import census
from geo.aggregate import aggregate_sites, indicator_values
from geo.boundaries import load_boundaries, load_topojson
from geo.derived import placed_sites_and_belts
from geo.records import Records, load_records
from geo.settings import Settings
from geo.sources import boundary_source_of
from layers.i18n import LABELS, format_won, t
from layers.view import FOCUS, LEVELS, View, with_program_kinds

LAYER_SOURCES = ("sites", "figure", "indicator", "census")
"""Where a layer's values come from: the shown sites themselves (count, main industry), a
figure the shown sites report (summed), a city's indicator, or official statistics."""


@dataclass(frozen=True)
class RegionLayer:
    """A per-region layer the user can choose.

    Attributes
    ----------
    label_key : str
        Its name's key in the label catalogue; an indicator without one shows its id.
    kind : {"numeric", "categorical"}
    unit : {"count", "krw", "persons", "percent", "ratio", "per_1000", ""}
    indicator : str or None
        For figures from ``region_indicators.csv``: the indicator id.
    source : str
        One of :data:`LAYER_SOURCES`.
    census : str or None
        For official statistics: the id in ``geo.census.INDICATORS``.
    """

    label_key: str
    kind: str = "numeric"
    unit: str = "count"
    indicator: str | None = None
    source: str = "sites"
    census: str | None = None

    def label(self, lang: str) -> str:
        """The layer's name in ``lang``."""
        return t(self.label_key, lang) if self.label_key in LABELS else self.label_key


REGION_LAYERS: dict[str, RegionLayer] = {
    "count": RegionLayer("layer_count"),
    "main_industry": RegionLayer("layer_main_industry", kind="categorical", unit=""),
    "support_public_krw": RegionLayer("layer_support_public_krw", unit="krw", source="figure"),
    "investment_private_planned_krw": RegionLayer(
        "layer_investment_private_planned_krw", unit="krw", source="figure"
    ),
    "investment_executed_krw": RegionLayer(
        "layer_investment_executed_krw", unit="krw", source="figure"
    ),
    "jobs": RegionLayer("layer_jobs", unit="persons", source="figure"),
}
"""Layers computed from the site records; indicator layers come from the data."""

CENSUS_UNITS: dict[str, str] = {
    "won": "krw",
    "percent": "percent",
    "ratio": "ratio",
    "per_1000": "per_1000",
    "persons": "persons",
}
"""Unit of a ``geo.census`` indicator -> unit of its layer."""

CENSUS_LAYERS: dict[str, RegionLayer] = {
    f"census:{key}": RegionLayer(
        f"layer_census:{key}", unit=CENSUS_UNITS[spec.unit], source="census", census=key
    )
    for key, spec in census.INDICATORS.items()
}
"""Official statistics (``geo.census``) as context layers, for the view's census year."""

INDICATOR_UNITS: dict[str, str] = {
    "investment_attraction_krw": "krw",
    "investment_attraction_jobs": "persons",
}
"""Indicator id -> unit for layers from the data (labels: ``layer_indicator:<id>``)."""


def offered(key: str, spec: RegionLayer, sites: pd.DataFrame | None) -> bool:
    """Whether a layer is offered: a designation figure no record reports anywhere (the
    executed investment, for which no source exists) would only ever draw a grey map."""
    if spec.source != "figure" or sites is None:
        return True
    return key in sites and bool(pd.to_numeric(sites[key], errors="coerce").notna().any())


def region_layers(
    indicators: pd.DataFrame, sites: pd.DataFrame | None = None
) -> dict[str, RegionLayer]:
    """All layers offered: ``REGION_LAYERS`` with a value somewhere in ``sites`` (all of
    them when no sites are given), one per indicator in the data, and the statistics."""
    layers = {k: v for k, v in REGION_LAYERS.items() if offered(k, v, sites)}
    for indicator in sorted(indicators["indicator"].dropna().unique()):
        key = f"layer_indicator:{indicator}"
        unit = INDICATOR_UNITS.get(indicator, "")
        layers[f"indicator:{indicator}"] = RegionLayer(
            key if key in LABELS else indicator, unit=unit, indicator=indicator, source="indicator"
        )
    layers.update(CENSUS_LAYERS)
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
    computed: dict[tuple[int, str], pd.DataFrame] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Statistics already computed, by (census year, level): filled on first use."""

    def statistics(self, year: int, level: str) -> pd.DataFrame:
        """Official statistics per region of ``level`` for census ``year`` (long rows of
        ``geo.census.statistics``; computed once, about 0.3 s)."""
        if (year, level) not in self.computed:
            sgg = self.regions["sgg"]
            self.computed[year, level] = census.statistics(
                year, sgg, level, census.read_exceptions()
            )
        return self.computed[year, level]

    def attribution(self, lang: str, statistics: bool = False) -> str:
        """The boundary attribution of the regions drawn (pinned files or the installed
        package), and the statistics' when ``statistics`` is true."""
        text = boundary_attribution(self.regions["sgg"], lang)
        if statistics:
            text += " · " + statistics_attribution(lang)
        return text

    def industry_labels(self, lang: str) -> dict[str, str]:
        """Industry id -> label in ``lang``."""
        return dict(zip(self.industries["id"], self.industries[f"label_{lang}"], strict=True))

    def program_labels(self, lang: str) -> dict[str, str]:
        """Program id -> name in ``lang``."""
        return dict(zip(self.programs["id"], self.programs[f"name_{lang}"], strict=True))

    def program_kinds(self) -> dict[str, str]:
        """Program id -> its kind (statutory, support, pilot, candidate, city_plan); empty
        for programs without a ``kind`` column."""
        if "kind" not in self.programs.columns:
            return {}
        return dict(zip(self.programs["id"], self.programs["kind"], strict=True))

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


def load_atlas_data(settings: Settings | None = None, records: Records | None = None) -> AtlasData:
    """Read records and boundaries and assemble everything the map needs.

    Sites are placed on the full municipality geometry (spatial join); belts are
    dissolved from their member areas (both cached, see ``geo.derived``); regions and
    topologies are display versions. ``records``: the records when the caller has
    read (and checked) them already; read from the data folder otherwise.
    """
    recs = load_records() if records is None else records
    sites, belts = placed_sites_and_belts(recs, settings)
    sites = with_program_kinds(sites, recs.programs)
    return AtlasData(
        regions={level: load_boundaries(level, settings=settings) for level in LEVELS},
        topology={level: load_topojson(level, settings) for level in LEVELS},
        sites=sites,
        industries=recs.industries,
        programs=recs.programs,
        indicators=recs.region_indicators,
        belts=belts,
        layers=region_layers(recs.region_indicators, sites),
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
    digest.update(repr(sorted(data.layers.items())).encode("utf-8"))
    return digest.hexdigest()[:16]


def format_value(value: float, unit: str, lang: str) -> str:
    """A figure with its unit, as shown in tooltips and the legend."""
    if unit == "krw":
        return format_won(value, lang)
    if unit == "persons":
        return f"{value:,.0f} {t('persons', lang)}"
    if unit == "count":
        return f"{value:,.0f} {t('count_unit_one' if value == 1 else 'count_unit', lang)}"
    if unit == "percent":
        return f"{value:,.1f}%"
    if unit == "ratio":
        return f"{value:,.2f}"
    if unit == "per_1000":
        return f"{value:,.1f} {t('per_1000', lang)}"
    if unit == "designations":
        key = "designation_unit_one" if value == 1 else "designation_unit"
        return f"{value:,.0f} {t(key, lang)}"
    return f"{value:,.4g}"


def statistics_attribution(lang: str) -> str:
    """``geo.census.ATTRIBUTION`` (or its Korean form) with the installed package version."""
    text = census.ATTRIBUTION_KO if lang == "ko" else census.ATTRIBUTION
    return text.format(version=census.package_version())


def boundary_attribution(regions: pd.DataFrame, lang: str) -> str:
    """The attribution of the boundaries ``regions`` were prepared from (their ``vintage``)."""
    vintage = str(regions["vintage"].iloc[0]) if "vintage" in regions and len(regions) else ""
    return boundary_source_of(vintage).attribution(lang)


STATUSES = ("value", "no_site", "not_reported", "no_figure")
"""Why a region shows what it shows: a value; no shown site there; shown sites there but
none reports the layer's figure; no figure in a layer not made from sites."""


@dataclass(frozen=True)
class RegionFigures:
    """The chosen layer per region (all indexed by the regions' KOSTAT ``code``).

    Attributes
    ----------
    values : pandas.Series
        The value; NaN where there is none.
    status : pandas.Series
        One of :data:`STATUSES`.
    sites : pandas.Series
        Shown sites in the region.
    unit : pandas.Series
        The statistical unit the figure belongs to: the region's own code, or the
        ``;``-joined codes of the regions one figure covers (a city's gu).
    shared : pandas.Series
        How many regions the figure covers (1 unless shared).
    reporting : tuple of (int, int) or None
        For a designation figure: shown sites reporting it, and shown sites.
    """

    values: pd.Series
    status: pd.Series
    sites: pd.Series
    unit: pd.Series
    shared: pd.Series
    reporting: tuple[int, int] | None = None


def _site_table(data: AtlasData, view: View, sites: pd.DataFrame) -> pd.DataFrame:
    """``aggregate_sites`` at the view's level, indexed by the regions' KOSTAT code."""
    regions = data.regions[view.level]
    table = aggregate_sites(sites, regions, view.level, view.count)
    if view.level == "sido":
        table = table.rename(index=regions.set_index("code_moi")["code"].to_dict())
    return table.reindex(regions["code"])


def _census_values(data: AtlasData, view: View, key: str) -> pd.DataFrame:
    """The statistic ``key`` per region code: ``value``, ``shared`` and ``unit``."""
    regions = data.regions[view.level]
    rows = data.statistics(view.census_year, view.level)
    rows = rows[rows["indicator"] == key].drop_duplicates("code_moi").set_index("code_moi")
    out = rows.reindex(regions["code_moi"])[["value", "shared", "unit"]]
    return out.set_axis(regions["code"].to_numpy())


def _site_status(values: pd.Series, count: pd.Series) -> pd.Series:
    status = pd.Series("value", index=values.index, dtype=object)
    status[values.isna() & (count > 0)] = "not_reported"
    status[values.isna() & (count == 0)] = "no_site"
    return status


def region_figures(data: AtlasData, view: View, sites: pd.DataFrame) -> RegionFigures:
    """The chosen layer's value and status per region, for the shown ``sites``."""
    spec = data.layers[view.layer]
    table = _site_table(data, view, sites)
    count = table["count"].fillna(0).astype(int)
    codes = pd.Series(table.index, index=table.index)
    shared, reporting = pd.Series(1, index=table.index), None
    if spec.source == "census" and spec.census is not None:
        stats = _census_values(data, view, spec.census)
        values = stats["value"].astype(float)
        shared = stats["shared"].fillna(1).astype(int)
        codes = stats["unit"].fillna(codes).astype(str)
        status = values.isna().map({True: "no_figure", False: "value"})
    elif spec.source == "indicator" and spec.indicator is not None:
        year_to = view.year_to if view.year_to is not None else 9999
        found, _ = indicator_values(data.indicators, spec.indicator, view.level, year_to)
        by_moi = data.regions[view.level].set_index("code_moi")["code"].to_dict()
        values = found.rename(index=by_moi).reindex(table.index)
        status = values.isna().map({True: "no_figure", False: "value"})
    else:
        values = table[view.layer]
        status = _site_status(values, count)
        if spec.source == "figure":
            column = sites[view.layer] if view.layer in sites else pd.Series(dtype=float)
            reported = int(pd.to_numeric(column, errors="coerce").notna().sum())
            reporting = (reported, len(sites))
    return RegionFigures(values, status.astype(object), count, codes, shared, reporting)


def region_values(data: AtlasData, view: View, sites: pd.DataFrame) -> pd.Series:
    """The chosen layer's value per region, indexed by the regions' KOSTAT ``code``."""
    return region_figures(data, view, sites).values


def frame_bounds(data: AtlasData, view: View) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners to show: the focus, or the chosen province."""
    if view.sido and view.focus == "korea":
        sido = data.regions["sido"]
        match = sido[sido["code_moi"] == view.sido]
        if not match.empty:
            x0, y0, x1, y1 = match.total_bounds
            return (y0, x0), (y1, x1)
    return FOCUS[view.focus]
