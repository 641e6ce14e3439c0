"""Per-region figures from placed records (joined to regions by a spatial join).

A record is a designation of a complex; a complex in several municipalities is drawn (and
counted) in each of them. Per region: the distinct complexes and the distinct
designations; each designation's figures are added once per region (never twice, e.g. when
its complex spans two municipalities of one province) and shown undivided in every region
its complex lies in. Sums are taken per kind of figure only (public support, planned
private investment, jobs), never across kinds; a region where no designation reports a
figure gets NaN ("no data"), not zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

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

COUNTS = ("complexes", "designations")
"""What the ``count`` column of a region counts: distinct complexes (default) or
designations."""


def check_count(count: str) -> str:
    """``count`` or a ValueError naming the allowed values."""
    if count not in COUNTS:
        raise ValueError(f"Unknown count {count!r}; allowed: {', '.join(COUNTS)}")
    return count


def complex_keys(sites: pd.DataFrame) -> pd.Series:
    """The complex of each record: ``complex_key`` (placed), else ``complex_id``, else the
    record's own id (a record without a complex is its own place)."""
    for column in ("complex_key", "complex_id"):
        if column in sites.columns:
            keys = sites[column].astype("string")
            if "id" in sites.columns:
                keys = keys.fillna("record:" + sites["id"].astype("string"))
            return keys
    return (
        sites["id"].astype("string")
        if "id" in sites.columns
        else pd.Series([str(i) for i in range(len(sites))], index=sites.index, dtype="string")
    )


def designations_of(sites: pd.DataFrame) -> pd.DataFrame:
    """One row per designation (its first, primary marker): for lists, tables and totals."""
    if "id" not in sites.columns:
        return sites
    return sites[~sites["id"].duplicated(keep="first").to_numpy()]


def totals(sites: pd.DataFrame) -> tuple[int, int]:
    """(complexes, designations) among the records, each counted once.

    >>> totals(pd.DataFrame({"id": ["a", "b", "b"], "complex_id": ["x", "x", "x"]}))
    (1, 2)
    """
    if sites.empty:
        return 0, 0
    # designations_of(sites) has one row per distinct id: count them without the copy
    designations = int(sites["id"].nunique(dropna=False)) if "id" in sites.columns else len(sites)
    return int(complex_keys(sites).nunique()), designations


def check_region_level(level: str) -> tuple[str, str]:
    """Join columns for ``level`` or a ValueError naming the allowed levels."""
    if level not in REGION_KEYS:
        raise ValueError(f"Unknown region level {level!r}; allowed: {', '.join(REGION_KEYS)}")
    return REGION_KEYS[level]


def main_industry(industries: pd.Series | Iterable[Any]) -> str | None:
    """Most frequent industry; ties go to the first in alphabetical order; None if none.

    Plain Python over the values (called once per marker and region: pandas'
    ``value_counts`` cost more than the counting); a column or any iterable of values.

    >>> main_industry(pd.Series(["b", "a", "b", "a", None])), main_industry(pd.Series([None]))
    ('a', None)
    """
    values: Iterable[Any] = industries.tolist() if isinstance(industries, pd.Series) else industries
    counts = Counter(v for v in values if not pd.isna(v))
    if not counts:
        return None
    most = max(counts.values())
    return min(str(value) for value, n in counts.items() if n == most)


def _per_region(sites: pd.DataFrame, site_key: str) -> pd.DataFrame:
    """Each designation once per region it is drawn in (its complex's key as ``_complex``)."""
    frame = sites.assign(_complex=complex_keys(sites)).dropna(subset=[site_key])
    frame = frame.reset_index(drop=True)
    if "id" in frame.columns:
        frame = frame.drop_duplicates([site_key, "id"])
    return frame


def aggregate_sites(
    sites: pd.DataFrame, regions: pd.DataFrame, level: str, count: str = "complexes"
) -> pd.DataFrame:
    """Figures per region of ``level`` for the given (already filtered) records.

    Parameters
    ----------
    sites : pandas.DataFrame
        Placed records (see ``geo.placement.place_records``) with the join columns
        ``sido_code_moi`` and ``sgg_code``; a designation whose complex lies in several
        municipalities has a row in each.
    regions : pandas.DataFrame
        Boundary frame of the level (``geo.boundaries.load_boundaries``).
    level : {"sido", "sgg"}
    count : {"complexes", "designations"}
        What the ``count`` column holds.

    Returns
    -------
    pandas.DataFrame
        Indexed by the region key (``code_moi`` for sido, ``code`` for sgg), one row per
        region: ``complexes`` and ``designations`` (distinct, 0 where none), ``count`` (one
        of them), ``main_industry``, for each summed figure its sum over the region's
        designations, each once (NaN where none reports it) and ``<figure>_n``
        (designations reporting it).
    """
    site_key, region_key = check_region_level(level)
    check_count(count)
    sites = _per_region(sites, site_key)
    grouped = sites.groupby(site_key)
    out = pd.DataFrame(index=pd.Index(regions[region_key].dropna().unique(), name=region_key))
    out["complexes"] = grouped["_complex"].nunique().reindex(out.index).fillna(0).astype(int)
    out["designations"] = grouped.size().reindex(out.index).fillna(0).astype(int)
    out["count"] = out[count]
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


# --- by year (compare helper, issue #14) ---------------------------------------------


def _years(sites: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(sites["year"], errors="coerce").astype("Int64")


def designations_by_year(sites: pd.DataFrame) -> pd.DataFrame:
    """Designations per year and program, each designation once.

    >>> by = designations_by_year(pd.DataFrame(
    ...     {"id": ["a", "a", "b"], "year": [2021, 2021, 2023], "program": ["p", "p", "q"]}))
    >>> by.values.tolist()
    [[2021, 'p', 1], [2023, 'q', 1]]

    Returns
    -------
    pandas.DataFrame
        ``year`` (int), ``program`` (id), ``designations`` (> 0), sorted by year and
        program; records without a year are left out.
    """
    once = designations_of(sites)
    frame = pd.DataFrame({"year": _years(once), "program": once["program"].astype(str)})
    frame = frame.dropna(subset=["year"])
    out = frame.groupby(["year", "program"]).size().rename("designations").reset_index()
    out["year"] = out["year"].astype(int)
    return out.sort_values(["year", "program"], ignore_index=True)


def figures_by_year(sites: pd.DataFrame, columns: tuple[str, ...] = SUMMED) -> pd.DataFrame:
    """Each figure summed per designation year, each designation once.

    Returns
    -------
    pandas.DataFrame
        One row per year with a designation: ``year``, ``designations``, and for each
        figure its sum (NaN where no designation of the year reports it, never zero) and
        ``<figure>_n`` (designations reporting it).
    """
    once = designations_of(sites)
    years = _years(once)
    out = pd.DataFrame(index=pd.Index(sorted(years.dropna().unique()), name="year"))
    out["designations"] = years.value_counts().reindex(out.index).fillna(0).astype(int)
    for column in columns:
        values = (
            pd.to_numeric(once[column], errors="coerce").astype("Float64")
            if column in once
            else pd.Series(np.nan, index=once.index, dtype="Float64")
        )
        by_year = pd.DataFrame({"year": years, "v": values}).dropna(subset=["year"])
        grouped = by_year.groupby("year")["v"]
        out[column] = grouped.sum(min_count=1).reindex(out.index).astype(float)
        out[f"{column}_n"] = grouped.count().reindex(out.index).fillna(0).astype(int)
    out = out.reset_index()
    out["year"] = out["year"].astype(int)
    return out


def next_play_year(current: int | None, first: int, last: int) -> int | None:
    """The play control's next ``year_to``: ``first`` to start, one year on, None after
    ``last`` (the play is over).

    >>> next_play_year(None, 2013, 2015), next_play_year(2014, 2013, 2015)
    (2013, 2015)
    >>> next_play_year(2015, 2013, 2015) is None
    True
    """
    if first > last:
        raise ValueError(f"first year {first} is after last year {last}")
    if current is None or current < first:
        return first
    return None if current >= last else current + 1
