"""KOSTAT 2018 codes to today's Ministry of the Interior codes and names."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.repair import METRIC_CRS

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CODE_CHANGES = DATA_DIR / "admin_code_changes.csv"
NAME_ALIASES = DATA_DIR / "admin_name_aliases.csv"

_CITY_GU = re.compile(r"^(.+시)(.+구)$")


def spaced_name(name: str) -> str:
    """Put the space official names have between a city and its gu.

    >>> spaced_name("수원시장안구")
    '수원시 장안구'
    >>> spaced_name("해운대구")
    '해운대구'
    """
    match = _CITY_GU.match(name)
    return f"{match[1]} {match[2]}" if match else name


def match_by_overlap(
    regions: gpd.GeoDataFrame, reference: gpd.GeoDataFrame, ref_key: str
) -> pd.Series:
    """For each region, the reference region it overlaps most (by area).

    Parameters
    ----------
    regions : geopandas.GeoDataFrame
        Clean regions in EPSG:5179.
    reference : geopandas.GeoDataFrame
        Regions of another vintage or source, any CRS; repaired with ``make_valid``.
    ref_key : str
        Column of ``reference`` to return.

    Returns
    -------
    pandas.Series
        ``ref_key`` values indexed like ``regions`` (missing where nothing overlaps).
    """
    ref = reference.to_crs(METRIC_CRS)
    ref_geoms = shapely.make_valid(ref.geometry.values)
    left, right = ref.sindex.query(regions.geometry.values, predicate="intersects")
    areas = shapely.area(shapely.intersection(regions.geometry.values[left], ref_geoms[right]))
    pairs = pd.DataFrame({"left": left, "right": right, "area": areas})
    best = pairs.sort_values("area").drop_duplicates("left", keep="last")
    values = pd.Series(ref[ref_key].to_numpy()[best["right"]], index=best["left"].to_numpy())
    return pd.Series(values.reindex(np.arange(len(regions))).to_numpy(), index=regions.index)


def load_code_changes(path: Path = CODE_CHANGES) -> pd.DataFrame:
    """Read the table of code changes since the 2022 Ministry file (data/admin_code_changes.csv)."""
    return pd.read_csv(path, dtype=str)


def current_code(code: str | None, changes: pd.DataFrame) -> str | None:
    """Apply code changes: whole-code moves first, then province prefix changes.

    >>> ch = pd.DataFrame({"kind": ["sido", "sgg"], "old_code": ["42", "47720"],
    ...                    "new_code": ["51", "27720"]})
    >>> current_code("42110", ch), current_code("47720", ch), current_code("26350", ch)
    ('51110', '27720', '26350')
    """
    if code is None or (isinstance(code, float) and np.isnan(code)):
        return None
    moves = changes[changes["kind"] == "sgg"].set_index("old_code")["new_code"]
    if code in moves.index:
        return str(moves[code])
    prefixes = changes[changes["kind"] == "sido"].set_index("old_code")["new_code"]
    head = code[:2]
    return str(prefixes[head]) + code[2:] if head in prefixes.index else code
