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


ENGLISH_CITIES = DATA_DIR / "admin_names_en.csv"
_SUFFIXES = {"시": "si", "군": "gun", "구": "gu"}


def load_english_names(path: Path = ENGLISH_CITIES) -> dict[str, dict[str, str]]:
    """Corrections to the 2018 English names, by kind: ``city`` (the city a gu's English
    name leaves out) and ``municipality`` (a wrong English name), Korean -> English."""
    table = pd.read_csv(path, dtype=str, encoding="utf-8")
    return {
        str(kind): dict(zip(rows["name_ko"], rows["name_en"], strict=True))
        for kind, rows in table.groupby("kind")
    }


def _part(korean: str, english: str) -> str:
    """``english`` with the hyphenated suffix of ``korean``'s kind (시, 군, 구)."""
    suffix = _SUFFIXES.get(korean[-1:], "")
    if suffix and english.lower().endswith(suffix) and not english.endswith(f"-{suffix}"):
        english = english[: -len(suffix)]
    stem = english.removesuffix(f"-{suffix}") if suffix else english
    return f"{stem[:1].upper()}{stem[1:]}-{suffix}" if suffix else english


def english_name(
    name_ko: str, name_eng: str, fixes: dict[str, dict[str, str]] | None = None
) -> str:
    """A municipality's English name in the usual form, from the 2018 file's spelling.

    The 2018 files run a city and its gu together and drop hyphens for 38 names; this
    splits them by the Korean name's parts. Cities missing from a gu's English name,
    and wrong names, come from ``data/admin_names_en.csv`` (see :func:`load_english_names`).

    >>> english_name("수원시 장안구", "Suwonsijangangu")
    'Suwon-si Jangan-gu'
    >>> english_name("화성시", "Hwaseongsi"), english_name("광주시", "Gwangju")
    ('Hwaseong-si', 'Gwangju-si')
    >>> english_name("창원시 의창구", "Uichanggu", {"city": {"창원시": "Changwon-si"}})
    'Changwon-si Uichang-gu'
    >>> english_name("철원군", "Gongju-si", {"municipality": {"철원군": "Cheorwon-gun"}})
    'Cheorwon-gun'
    >>> english_name("종로구", "Jongno-gu"), english_name("증평군", "Jeungpyeonggun")
    ('Jongno-gu', 'Jeungpyeong-gun')
    """
    fixes = fixes or {}
    if name_ko in fixes.get("municipality", {}):
        return fixes["municipality"][name_ko]
    if " " not in name_ko:
        return _part(name_ko, name_eng)
    city_ko, gu_ko = name_ko.split(" ", 1)
    match = re.fullmatch(r"([A-Za-z]+?)si([a-z]+)", name_eng)
    if match and name_eng.lower().endswith("gu"):
        return f"{_part(city_ko, match[1] + 'si')} {_part(gu_ko, match[2])}"
    city_en = fixes.get("city", {}).get(city_ko)
    return f"{city_en} {_part(gu_ko, name_eng)}" if city_en else name_eng
