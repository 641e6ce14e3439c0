"""Every figure the records take from the seed documents is quoted, and says what we store.

data/sources/seed_figures.csv lists (record_id, column, value, seed_file, quote). For each
line: the quote occurs verbatim in ../shared/seeds/<seed_file>, the record's cell equals
``value``, and parsing the quote (English amount forms) gives ``value``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from geo.records import DATA_DIR, INT_COLUMNS, join_records, read_csv_table
from geo.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
FIGURES = DATA_DIR / "sources" / "seed_figures.csv"
SEED_PAGES = {
    "000_5c63e9211f5b2b55.txt": "https://globaleconomictimes.kr/article/1065581137695623",
    "001_ffd455f474165a7c.txt": "https://www.koreatimes.co.kr/www/tech/2021/03/693_304696.html",
    "002_d8988cb5fb7472af.txt": "https://zdnet.co.kr/view/?no=20201223115013",
    "003_2d0b8f297055a4cd.txt": (
        "http://www.investkorea.org/gwangju_en/project/project01.do?mode=view&articleNo=477991"
    ),
    "004_597a1e7f7d4d63ce.txt": "https://smartcity.go.kr/en/2023/11/01/",
}
"""The page each seed is a copy of (prefix of the record's source URL)."""

SCALES = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
NUM = r"(\d[\d,]*(?:\.\d+)?)"
SCALE = r"(?:\s+(thousand|million|billion|trillion))?"
PATTERNS = {
    "money": [
        (re.compile(rf"KRW\s+{NUM}{SCALE}"), 1),
        (re.compile(rf"{NUM}{SCALE}\s+won\b"), 1),
    ],
    "people": [(re.compile(rf"{NUM}{SCALE}\s+(?:people|persons|jobs)\b"), 1)],
    "count": [(re.compile(rf"{NUM}{SCALE}\s+(?:[a-z]+\s+)?(?:companies|firms)\b"), 1)],
    "area": [
        (re.compile(rf"{NUM}{SCALE}\s*(?:㎡|m2|square met(?:er|re)s)"), 1),
        (re.compile(rf"{NUM}{SCALE}\s*(?:㎢|km2|square kilomet(?:er|re)s)"), 10**6),
    ],
}
KINDS = {
    "support_public_krw": "money",
    "investment_private_planned_krw": "money",
    "jobs": "people",
    "firms": "count",
    "area_m2": "area",
}
RANGE = re.compile(r"\b((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def amounts(text: str, kind: str) -> list[int]:
    """Every amount of one kind written in English in ``text``, as integers.

    >>> amounts("a total of 4.8 billion won (2.4 billion won from national funds", "money")
    [4800000000, 2400000000]
    >>> amounts("('21.) KRW 2.2 trillion, employment of 8,362 people", "people")
    [8362]
    """
    found = []
    for pattern, factor in PATTERNS[kind]:
        for match in pattern.finditer(text):
            value = Decimal(match[1].replace(",", "")) * SCALES[match[2] or ""] * factor
            assert value == value.to_integral_value(), f"{match[0]!r} is not a whole number"
            found.append((match.start(), int(value)))
    return [value for _, value in sorted(found)]


def said(quote: str, kind: str) -> str:
    """The one figure of ``kind`` the quote states, as text; fails unless exactly one."""
    if kind == "period":
        values = [f"{a}-{b}" for a, b in RANGE.findall(quote)]
    elif kind == "year":
        ranges = RANGE.findall(quote)
        values = [a for a, _ in ranges] if ranges else YEAR.findall(quote)
    else:
        values = [str(v) for v in amounts(quote, kind)]
    assert len(values) == 1, f"{quote!r} states {len(values)} {kind} figures: {values}"
    return values[0]


def kind_of(record_id: str, column: str) -> str:
    if record_id.startswith("region:"):
        return "money" if record_id.split(":")[3].endswith("_krw") else "people"
    return {"period": "period", "year": "year"}.get(column) or KINDS[column]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("4.8 billion won", "money", [4_800_000_000]),
        ("a total of 700 million won for 5 years", "money", [700_000_000]),
        ("KRW 3 trillion, employment of 6,030 people", "money", [3_000_000_000_000]),
        ("8 trillion won, including 7 billion won", "money", [8 * 10**12, 7 * 10**9]),
        ("1.23 million py (4.071 million ㎡)", "area", [4_071_000]),
        ("a total of 14 square kilometers", "area", [14_000_000]),
        ("sent letters to 320 automobile companies", "count", [320]),
        ("employment of 8,416 people", "people", [8416]),
        ("no figure here", "money", []),
    ],
)
def test_amount_parser(text: str, kind: str, expected: list[int]) -> None:
    assert amounts(text, kind) == expected


def test_said_refuses_an_ambiguous_quote() -> None:
    with pytest.raises(AssertionError, match="2 money figures"):
        said("8 trillion won, including 7 billion won", "money")
    assert said("Period: 2019-2025(7 years)", "year") == "2019"


def _tables() -> dict[str, pd.DataFrame]:
    designations, _ = read_csv_table(DATA_DIR / "designations.csv")
    complexes, _ = read_csv_table(DATA_DIR / "complexes.csv")
    clusters = join_records(designations, complexes)  # a designation with its place, as text
    indicators, _ = read_csv_table(DATA_DIR / "region_indicators.csv")
    keys = "region:" + indicators[["region_code_moi", "year", "indicator", "source_date"]].astype(
        str
    ).agg(":".join, axis=1)
    return {"clusters": clusters.set_index("id"), "region": indicators.set_index(keys)}


FIGURE_ROWS, FIGURE_PROBLEMS = read_csv_table(FIGURES)


def test_the_figure_list_is_there() -> None:
    assert [str(p) for p in FIGURE_PROBLEMS] == []
    assert len(FIGURE_ROWS) >= 10
    assert list(FIGURE_ROWS.columns) == ["record_id", "column", "value", "seed_file", "quote"]


@pytest.mark.integration  # reads ../shared/seeds
@pytest.mark.parametrize(
    "figure", FIGURE_ROWS.to_dict("records"), ids=lambda f: f"{f['record_id']}/{f['column']}"
)
def test_each_seed_figure_is_quoted_stored_and_meant(figure: dict[str, str]) -> None:
    seed_text = (SEEDS / figure["seed_file"]).read_text(encoding="utf-8")
    assert figure["quote"] in seed_text, "quote not verbatim in the seed"
    tables = _tables()
    table = tables["region"] if figure["record_id"].startswith("region:") else tables["clusters"]
    assert figure["record_id"] in table.index, "no such record"
    assert table.loc[figure["record_id"], figure["column"]] == figure["value"]
    kind = kind_of(figure["record_id"], figure["column"])
    assert said(figure["quote"], kind) == figure["value"]
    url = list(table.loc[figure["record_id"], ["source_url"]])
    url += list(table.loc[figure["record_id"], ["source2_url"]]) if "source2_url" in table else []
    assert any(str(u).startswith(SEED_PAGES[figure["seed_file"]]) for u in url if pd.notna(u))


def test_rows_citing_only_a_seed_list_all_their_figures() -> None:
    """A figure on a row whose only source is a seed page must be in the list."""
    clusters = _tables()["clusters"]
    listed = set(zip(FIGURE_ROWS["record_id"], FIGURE_ROWS["column"], strict=True))
    pages = tuple(SEED_PAGES.values())
    only_seed = clusters[
        clusters["source_url"].str.startswith(pages) & clusters["source2_url"].isna()
    ]
    missing = [
        (rid, col)
        for rid, row in only_seed.iterrows()
        for col in INT_COLUMNS
        if pd.notna(row[col]) and (rid, col) not in listed
    ]
    assert missing == []


@pytest.mark.integration  # reads ../shared/seeds
def test_seed_folder_is_there() -> None:
    assert sorted(p.name for p in Path(SEEDS).glob("*.txt")) == sorted(SEED_PAGES)
