"""What a view looks like, for any renderer: region classes and fills, marker kinds, legends.

Shared by the web map (``layers.webmap``) and the map images (``exports.image``) so both
show the same classes, colours and legend; it draws nothing and imports no folium.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.aggregate import complex_keys, main_industry, totals
from layers.atlas import AtlasData, RegionFigures, format_value, region_figures
from layers.classify import classify
from layers.i18n import count_text, t
from layers.kinds import kind_line, sites_heading
from layers.style import NO_DATA_COLOR, REGION_FILLS, UNKNOWN_COLOR, ZERO_COLOR
from layers.view import View


@dataclass(frozen=True)
class LegendEntry:
    """One swatch: a colour and its label; ``shape`` is "square", "circle", "emd" (dotted
    circle), "ring" or "belt"."""

    color: str
    label: str
    shape: str = "square"


@dataclass(frozen=True)
class LegendSection:
    """A titled group of legend entries."""

    title: str
    entries: list[LegendEntry]


def class_label(low: float, high: float, unit: str, lang: str) -> str:
    """Legend text of a class: one value, or a range.

    >>> class_label(1, 1, "count", "en"), class_label(2, 4, "count", "ko")
    ('1 complex', '2 곳 – 4 곳')
    >>> class_label(2, 2, "designations", "en")
    '2 designations'
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


COUNT_UNITS = ("count", "designations")
"""Units of whole counts (complexes, designations)."""


def layer_unit_and_title(data: AtlasData, view: View) -> tuple[str, str]:
    """The chosen layer's unit and title; the count layer counts complexes or, with
    ``count=designations``, designations."""
    spec = data.layers[view.layer]
    if view.layer == "count" and view.count == "designations":
        return "designations", t("layer_count_designations", view.lang)
    return spec.unit, spec.label(view.lang)


def _style_numeric(
    figures: RegionFigures, view: View, unit: str
) -> tuple[pd.Series, list[LegendEntry]]:
    """Classes of the values, each shared figure (a city's gu) counted once."""
    values = figures.values
    counts = unit in COUNT_UNITS
    zero = values == 0 if counts else pd.Series(False, index=values.index)
    known = values.where(~zero).dropna()
    once = known.groupby(figures.unit.reindex(known.index)).first()
    classes = classify(once, view.scheme)
    colors = figures.unit.map(classes.color_of).where(values.notna() & ~zero)
    colors = colors.where(~zero, ZERO_COLOR)
    bounds = count_bounds(classes.bounds) if counts else classes.bounds
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
    return colors, entries


def status_entries(status: pd.Series, lang: str) -> list[LegendEntry]:
    """Legend entries of the regions without a value, one per reason, each its own look:
    no site here, sites here without the figure (with how many regions), no figure."""
    counts = status.value_counts()
    entries = []
    if counts.get("no_site", 0):
        entries.append(LegendEntry(REGION_FILLS["no_site"], t("no_site", lang)))
    if counts.get("not_reported", 0):
        label = t("not_reported", lang, n=int(counts["not_reported"]))
        entries.append(LegendEntry(REGION_FILLS["not_reported"], label))
    if counts.get("no_figure", 0):
        entries.append(LegendEntry(REGION_FILLS["no_figure"], t("no_data", lang)))
    return entries


def legend_title(data: AtlasData, view: View, figures: RegionFigures, title: str) -> str:
    """The layer's ``title``, its census year, how many shown designations report its
    figure, and a message when no region has a value."""
    spec = data.layers[view.layer]
    if spec.source == "census":
        title += f" ({view.census_year})"
    if figures.reporting is not None:
        n, total = figures.reporting
        title += " · " + t("coverage", view.lang, n=n, total=total)
    if figures.values.isna().all():
        title += " · " + t("layer_empty", view.lang)
    return title


@dataclass(frozen=True)
class RegionStyle:
    """The chosen layer's values, fill colours and legend, per region.

    Shared by the web map and the static exports so both show the same classes.

    Attributes
    ----------
    values : pandas.Series
        Value per region (KOSTAT ``code``); missing where there is no data.
    colors : pandas.Series
        Fill colour per region (hex), the no-site and not-reported greys included.
    legend : LegendSection
    figures : RegionFigures
        Values with why a region has none, shown sites, shared figures, coverage.
    """

    values: pd.Series
    colors: pd.Series
    legend: LegendSection
    figures: RegionFigures | None = None

    @property
    def empty(self) -> bool:
        """No region has a value: the legend says so."""
        return bool(self.values.isna().all())


def region_style(data: AtlasData, view: View, sites: pd.DataFrame) -> RegionStyle:
    """Classify the chosen layer's values and colour every region of the view's level."""
    spec = data.layers[view.layer]
    unit, title = layer_unit_and_title(data, view)
    figures = region_figures(data, view, sites)
    if spec.kind == "categorical":
        colors, entries = _style_categorical(figures.values, data, view.lang)
    else:
        colors, entries = _style_numeric(figures, view, unit)
    entries += status_entries(figures.status, view.lang)
    colors = colors.astype(object).fillna(figures.status.map(REGION_FILLS)).fillna(NO_DATA_COLOR)
    legend = LegendSection(legend_title(data, view, figures, title), entries)
    return RegionStyle(figures.values, colors, legend, figures)


LOCATION_PRECISION = {
    "site": "point",
    "emd": "emd",
    "municipality": "sgg",
    "province": "sido",
    "unplaced": "sgg",
}
"""``location`` of a placed row -> the precision its marker shows."""


def marker_ids(sites: pd.DataFrame) -> pd.Series:
    """The marker of each row: its complex in the municipality it is drawn in."""
    shown = sites.get("shown_sgg_codes")
    where = (
        shown.astype("string").fillna("")
        if shown is not None
        else pd.Series("", index=sites.index, dtype="string")
    )
    keys = complex_keys(sites)
    if "user_record" in sites.columns and "id" in sites.columns:
        user = sites["user_record"].astype("object").fillna(False).astype(bool)
        keys = keys.where(~user, "record:" + sites["id"].astype("string"))
    return keys + "@" + where


def markers_of(sites: pd.DataFrame) -> list[pd.DataFrame]:
    """The shown rows grouped by marker (complex and municipality), in first-seen order;
    rows without a location are left out."""
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return []
    flat = located.reset_index(drop=True)
    keys = marker_ids(flat)
    return [flat.loc[group.index] for _, group in keys.groupby(keys, sort=False)]


def site_precisions(sites: pd.DataFrame) -> np.ndarray:
    """Per row: the precision its marker shows (point, emd or sgg), from ``location``."""
    if "location" not in sites:
        return np.full(len(sites), "point", dtype=object)
    return sites["location"].map(LOCATION_PRECISION).fillna("sgg").to_numpy(dtype=object)


def uploaded_sites(sites: pd.DataFrame) -> np.ndarray:
    """Per site: a record uploaded in this session (``user_record`` true)."""
    if "user_record" not in sites:
        return np.zeros(len(sites), dtype=bool)
    return sites["user_record"].astype("object").fillna(False).astype(bool).to_numpy()


def site_colors(sites: pd.DataFrame, data: AtlasData) -> list[str]:
    """Per site: its industry's colour (grey when the industry has none)."""
    palette = data.industry_colors()
    return [palette.get(str(i), UNKNOWN_COLOR) for i in sites.get("industry", [])]


def marker_frame(sites: pd.DataFrame, data: AtlasData) -> pd.DataFrame:
    """One row per marker (a complex in one municipality) of located rows: its first row
    with ``color`` (main industry of its designations), ``precision``, ``uploaded`` and
    ``designations`` (how many it lists). For renderers that draw no popups (images).

    Grouped column-wise (one pass per column, not one frame copy per marker)."""
    located = sites[sites.geometry.notna() & ~sites.geometry.is_empty]
    if located.empty:
        return pd.DataFrame(columns=["color", "precision", "uploaded", "designations"])
    flat = located.reset_index(drop=True)
    keys = marker_ids(flat)
    first = flat.loc[keys.groupby(keys, sort=False).head(1).index].copy()
    first_keys = keys.loc[first.index]
    colors = data.industry_colors()
    if "industry" in flat:
        main = flat["industry"].groupby(keys, sort=False).agg(main_industry)
        first["color"] = [colors.get(str(main[k]), UNKNOWN_COLOR) for k in first_keys]
    else:
        first["color"] = UNKNOWN_COLOR
    first["precision"] = site_precisions(first)
    uploaded = pd.Series(uploaded_sites(flat), index=flat.index).groupby(keys, sort=False).any()
    first["uploaded"] = first_keys.map(uploaded).astype(bool).to_numpy()
    first["designations"] = first_keys.map(keys.value_counts()).to_numpy()
    return first.reset_index(drop=True)


PRECISION_SHAPES = {"point": "circle", "emd": "emd", "sgg": "ring", "sido": "province"}
"""Legend swatch of each marker precision."""


def sites_legend(sites: pd.DataFrame, data: AtlasData, lang: str) -> LegendSection:
    """Legend of the shown markers: the program kinds shown, industries present, the
    precisions present (cited coordinates, 읍면동, municipality, province-wide) and the
    complexes and designations counted."""
    colors, labels = data.industry_colors(), data.industry_labels(lang)
    present = sorted(sites["industry"].dropna().unique(), key=lambda v: labels.get(v, v))
    kinds = kind_line(sites, lang)  # first, so a crowded legend never cuts it
    entries = [LegendEntry("#ffffff", kinds, "text")] if kinds else []
    entries += [
        LegendEntry(colors.get(i, UNKNOWN_COLOR), labels.get(i, i), "circle") for i in present
    ]
    if sites["industry"].isna().any():
        entries.append(LegendEntry(UNKNOWN_COLOR, t("unknown_industry", lang), "circle"))
    shown = set(site_precisions(sites))
    for precision, shape in PRECISION_SHAPES.items():
        if precision in shown:
            fill = "#ffffff" if shape in ("ring", "province") else "#bbbbbb"
            entries.append(LegendEntry(fill, t(f"precision_{precision}", lang), shape))
    complexes, designations = totals(sites)
    title = f"{sites_heading(sites, lang)} ({count_text(complexes, designations, lang)})"
    return LegendSection(title, entries)
