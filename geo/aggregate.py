"""Per-region figures from placed site records (joined to regions by a spatial join).

Sums are taken per kind of figure only (public support, planned private investment,
jobs), never across kinds; a region where no site reports a figure gets NaN ("no
data"), not zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.fields import FIGURE_COLUMNS

REGION_KEYS: dict[str, tuple[str, str]] = {
    "sido": ("sido_code_moi", "code_moi"),
    "sgg": ("sgg_code", "code"),
}
"""Per level: (column of placed sites, column of the boundary frame) that join them."""

SUMMED = FIGURE_COLUMNS
"""Figures summed per region (from the field registry)."""


def check_region_level(level: str) -> tuple[str, str]:
    """Join columns for ``level`` or a ValueError naming the allowed levels."""
    if level not in REGION_KEYS:
        raise ValueError(f"Unknown region level {level!r}; allowed: {', '.join(REGION_KEYS)}")
    return REGION_KEYS[level]


def main_industry(industries: pd.Series) -> object:
    """Most frequent industry; ties go to the first in alphabetical order; None if none."""
    counts = industries.dropna().value_counts()
    if counts.empty:
        return None
    top = counts[counts == counts.max()].index
    return min(map(str, top))


def aggregate_sites(sites: pd.DataFrame, regions: pd.DataFrame, level: str) -> pd.DataFrame:
    """Figures per region of ``level`` for the given (already filtered) sites.

    Parameters
    ----------
    sites : pandas.DataFrame
        Placed records (see ``geo.records.place_records``) with the join columns
        ``sido_code_moi`` and ``sgg_code``.
    regions : pandas.DataFrame
        Boundary frame of the level (``geo.boundaries.load_boundaries``).
    level : {"sido", "sgg"}

    Returns
    -------
    pandas.DataFrame
        Indexed by the region key (``code_moi`` for sido, ``code`` for sgg), one row per
        region: ``count`` (0 where no site), ``main_industry``, for each summed figure
        its sum (NaN where no site reports it) and ``<figure>_n`` (sites reporting it).
    """
    site_key, region_key = check_region_level(level)
    grouped = sites.dropna(subset=[site_key]).groupby(site_key)
    out = pd.DataFrame(index=pd.Index(regions[region_key].dropna().unique(), name=region_key))
    out["count"] = grouped.size().reindex(out.index).fillna(0).astype(int)
    out["main_industry"] = grouped["industry"].agg(main_industry).reindex(out.index)
    for column in SUMMED:
        if column not in sites:  # a figure no record has: no data, never zero
            out[column], out[f"{column}_n"] = np.nan, 0
            continue
        values = pd.to_numeric(sites[column], errors="coerce").astype("Float64")
        frame = pd.DataFrame({"key": sites[site_key], "v": values}).dropna(subset=["key"])
        by_region = frame.groupby("key")["v"]
        out[column] = by_region.sum(min_count=1).reindex(out.index).astype(float)
        out[f"{column}_n"] = by_region.count().reindex(out.index).fillna(0).astype(int)
    return out


def indicator_values(
    indicators: pd.DataFrame, indicator: str, level: str, year_to: int
) -> tuple[pd.Series, pd.Series]:
    """Latest value per region of one indicator up to ``year_to`` (and its year).

    Parameters
    ----------
    indicators : pandas.DataFrame
        ``region_indicators.csv`` rows (region_level, region_code_moi, year, indicator,
        value, ...).
    indicator : str
        Indicator id, e.g. ``investment_attraction_krw``.
    level : {"sido", "sgg"}
    year_to : int
        Last year the user's filter admits.

    Returns
    -------
    values, years : pandas.Series
        Indexed by Ministry code (``code_moi``).
    """
    rows = indicators[
        (indicators["indicator"] == indicator)
        & (indicators["region_level"] == level)
        & (pd.to_numeric(indicators["year"], errors="coerce") <= year_to)
    ].copy()
    rows["year"] = pd.to_numeric(rows["year"])
    latest = rows.sort_values("year").drop_duplicates("region_code_moi", keep="last")
    latest = latest.set_index("region_code_moi")
    return pd.to_numeric(latest["value"]).astype(float), latest["year"]
