"""Figures of the rows added for issue #12, checked against the sentences that state them.

data/sources/figure_quotes.csv lists (record_id, column, value, page_url, quote): the sentence
(verbatim, as the stored page gives it) stating one figure of a designation, and the page. For
each line: the record's cell equals ``value``, the one figure of that kind written in Korean in
the quote (조/억/만/천 units, ㎡/㎢ areas, 원, 명) parses to ``value``, and ``page_url`` is one of
the record's sources. Changing a figure in data/designations.csv, or in the list, fails the test.
The pages were checked against the stored corpus when the list was written; the test itself
reads no network.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from geo.records import DATA_DIR, read_csv_table

QUOTES = DATA_DIR / "sources" / "figure_quotes.csv"
NEW_PREFIXES = ("oz-", "innopolis-", "candidate-", "nationalcomplex-", "uc-", "globalinnov-")
"""Ids of the designations added for issue #12 (the sample must come from these)."""

BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
SMALL = {"천": 1000, "백": 100, "십": 10}
NUMBER = r"\d[\d,]*(?:\.\d+)?"
AMOUNT = rf"(?<![\d.,])({NUMBER}(?:\s?(?:[조억만천백십]|{NUMBER}))*)\s?(?:여\s?)?"
UNITS = {
    "money": [(re.compile(AMOUNT + r"원"), 1)],
    "people": [(re.compile(AMOUNT + r"명"), 1)],
    "area": [
        (re.compile(AMOUNT + r"(?:㎡|m²|m2|제곱미터)"), 1),
        (re.compile(AMOUNT + r"(?:㎢|km²|km2|제곱킬로미터)"), 10**6),
    ],
}
KINDS = {
    "support_public_krw": "money",
    "investment_private_planned_krw": "money",
    "jobs": "people",
    "area_m2": "area",
}


def korean_number(text: str) -> Decimal:
    """The value of a number written with Korean units.

    >>> korean_number("4조2천800억")
    Decimal('4280000000000')
    >>> korean_number("254만 5455")
    Decimal('2545455')
    """
    total, block, number = Decimal(0), Decimal(0), None
    for token in re.findall(rf"{NUMBER}|[조억만천백십]", text.replace(" ", "")):
        if token in SMALL:
            block += (number if number is not None else 1) * SMALL[token]
            number = None
        elif token in BIG:
            block += number if number is not None else 0
            total += block * BIG[token]
            block, number = Decimal(0), None
        else:
            number = Decimal(token.replace(",", ""))
    return total + block + (number if number is not None else 0)


def figures(text: str, kind: str) -> list[int]:
    """Every figure of one kind (money, people, area in m²) written in ``text``, in order."""
    found = []
    for pattern, factor in UNITS[kind]:
        for match in pattern.finditer(text):
            value = korean_number(match[1]) * factor
            assert value == value.to_integral_value(), f"{match[0]!r} is not a whole number"
            found.append((match.start(), int(value)))
    return [value for _, value in sorted(found)]


def stated(quote: str, kind: str) -> int:
    """The one figure of ``kind`` the quote states; fails unless exactly one."""
    values = figures(quote, kind)
    assert len(values) == 1, f"{quote!r} states {len(values)} {kind} figures: {values}"
    return values[0]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("76여 개의 기업이 입주해 4조2천800억 원이 투자되고", "money", [4_280_000_000_000]),
        ("면적 2,733,594㎡(82만 6,912평), 투자 4조 2,506억 원", "money", [4_250_600_000_000]),
        ("면적 2,733,594㎡(82만 6,912평), 투자 4조 2,506억 원", "area", [2_733_594]),
        ("포항 254만 5455㎡(약 77만평)", "area", [2_545_455]),
        ("경기 안산은 면적이 1.73㎢이며", "area", [1_730_000]),
        ("29개 금융기업이 1조4억원 규모의 투자의향서", "money", [1_000_400_000_000]),
        ("4천백여 명의 일자리 창출 효과", "people", [4100]),
        ("고용유발 효과 2만46명", "people", [20046]),
        ("2025년까지 1280억원의 생산 유발과 1600명의 고용", "money", [128_000_000_000]),
        ("12억3000만 달러 수출 증대", "money", []),
        ("총 360억원(국비 300, 지방비 60)이 지원된다.", "money", [36_000_000_000]),
        ("2030년까지 98만 m² 부지", "area", [980_000]),
    ],
)
def test_korean_amount_parser(text: str, kind: str, expected: list[int]) -> None:
    assert figures(text, kind) == expected


def test_stated_refuses_a_quote_with_two_figures() -> None:
    with pytest.raises(AssertionError, match="2 money figures"):
        stated("1280억원의 생산 유발과 3천억원의 투자", "money")


QUOTE_ROWS, QUOTE_PROBLEMS = read_csv_table(QUOTES)
DESIGNATIONS, _ = read_csv_table(DATA_DIR / "designations.csv")
BY_ID = DESIGNATIONS.set_index("id")


def test_the_quote_list_covers_at_least_twenty_new_designations() -> None:
    assert [str(p) for p in QUOTE_PROBLEMS] == []
    assert list(QUOTE_ROWS.columns) == ["record_id", "column", "value", "page_url", "quote"]
    ids = set(QUOTE_ROWS["record_id"])
    assert all(i.startswith(NEW_PREFIXES) for i in ids), sorted(ids)
    assert len(ids) >= 20
    assert not QUOTE_ROWS.duplicated(["record_id", "column"]).any()


@pytest.mark.parametrize(
    "line", QUOTE_ROWS.to_dict("records"), ids=lambda q: f"{q['record_id']}/{q['column']}"
)
def test_each_figure_is_the_one_its_quote_states(line: dict[str, object]) -> None:
    record_id, column = str(line["record_id"]), str(line["column"])
    assert record_id in BY_ID.index, "no such designation"
    row = BY_ID.loc[record_id]
    assert str(row[column]) == str(line["value"]), "the data's figure differs from the list"
    assert stated(str(line["quote"]), KINDS[column]) == int(str(line["value"]))
    sources = {str(row["source_url"]), str(row["source2_url"])}
    assert line["page_url"] in sources, "the quoted page is not among the designation's sources"


ROUNDS, ROUND_PROBLEMS = read_csv_table(DATA_DIR / "sources" / "round_counts.csv")


def test_every_round_in_the_data_has_its_stated_count_and_none_exceeds_it() -> None:
    """data/README.md's per-round table (scripts/count_figures.py) covers every round.

    A round the data hold must be listed with what the sources state; where they state a
    number, the data cannot hold more designations than that (a duplicate or a misfiled row).
    """
    assert [str(p) for p in ROUND_PROBLEMS] == []
    listed = {
        (str(p), "" if pd.isna(r) else str(r))
        for p, r in zip(ROUNDS["program"], ROUNDS["round"], strict=True)
    }
    rounds = DESIGNATIONS["round"].fillna("").astype(str)
    in_data = pd.Series(list(zip(DESIGNATIONS["program"], rounds, strict=True))).value_counts()
    assert sorted(set(in_data.index) - listed) == []
    over = [
        (program, round_, int(stated), int(in_data.get((program, round_), 0)))
        for program, round_, stated in zip(
            ROUNDS["program"], ROUNDS["round"].fillna("").astype(str), ROUNDS["stated"], strict=True
        )
        if pd.notna(stated) and int(in_data.get((program, round_), 0)) > int(stated)
    ]
    assert over == []
