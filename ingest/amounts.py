"""Amounts as Korean documents write them ("4.8억원", "2.4조", "3억 5천만원") to whole won,
and counts ("1,234명") to integers. Exact decimal arithmetic; the caller keeps the original.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from geo.errors import BilingualError

BIG_UNITS: dict[str, int] = {"조": 10**12, "억": 10**8, "만": 10**4}
"""Korean myriad units."""
SMALL_UNITS: dict[str, int] = {"천": 1000, "백": 100, "십": 10}
"""Units inside a myriad group ("5천만" = 5 × 1000 × 10 000)."""
ENGLISH_UNITS: dict[str, int] = {
    "tn": 10**12,
    "trillion": 10**12,
    "bn": 10**9,
    "billion": 10**9,
    "mn": 10**6,
    "million": 10**6,
}
"""English scale words after a number ("KRW 4.8 bn")."""
CURRENCY_MARKS = ("krw", "₩", "won", "원", "금")
COUNT_UNITS = ("명", "개사", "개소", "개", "곳", "社", "사", "persons", "firms", "m2", "㎡")
"""Units a count or area may carry; they are removed ("1,234명" -> 1234)."""

_GROUP = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<small>[천백십])?(?P<big>[조억만])?")
_ENGLISH = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<unit>[a-z]+)$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


class AmountError(BilingualError, ValueError):
    """An amount that cannot be read; ``en`` and ``ko`` say why."""


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _strip_currency(text: str) -> str:
    for mark in CURRENCY_MARKS:
        text = text.removeprefix(mark).removesuffix(mark)
    return text


def _whole(value: Decimal, original: str) -> int:
    if value != value.to_integral_value():
        raise AmountError(
            f"{original!r} is not a whole number of won ({value} won)",
            f"{original!r}은(는) 원 단위 정수가 아닙니다 ({value}원)",
        )
    return int(value)


def _number(text: str) -> Decimal:
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


def parse_won(text: str, unit: int = 1) -> int:
    """Whole won from a written amount.

    Parameters
    ----------
    text : str
        "4.8억원", "48억", "4,800,000,000", "2.4조", "3억 5천만원", "₩4,800,000,000",
        "KRW 4.8 bn"; a plain number is multiplied by ``unit``.
    unit : int
        Won per unit of a plain number (from a header like "지원금액(억원)").

    Raises
    ------
    AmountError
        Negative, not a whole number of won, or not an amount (the message lists the
        accepted forms).

    >>> parse_won("4.8억원"), parse_won("48억"), parse_won("4,800,000,000"), parse_won("2.4조")
    (480000000, 4800000000, 4800000000, 2400000000000)
    >>> parse_won("3억 5천만원"), parse_won("1조2,000억"), parse_won("12", unit=10**8)
    (350000000, 1200000000000, 1200000000)
    """
    compact = _strip_currency(_compact(text))
    if compact.startswith("-"):
        raise AmountError(
            f"amount {text!r} is negative; amounts are 0 or more won",
            f"금액 {text!r}이(가) 음수입니다; 0원 이상이어야 합니다",
        )
    if _PLAIN.match(compact) or _THOUSANDS.match(compact):
        return _whole(_number(compact) * unit, text)
    english = _ENGLISH.match(compact)
    if english and english["unit"] in ENGLISH_UNITS:
        return _whole(Decimal(english["num"]) * ENGLISH_UNITS[english["unit"]], text)
    return _korean(compact.replace(",", ""), text)


def _korean(compact: str, original: str) -> int:
    total, position, last_big = Decimal(0), 0, None
    while position < len(compact):
        group = _GROUP.match(compact, position)
        if group is None or group.end() == position:
            break
        small = SMALL_UNITS.get(group["small"] or "", 1)
        big = BIG_UNITS.get(group["big"] or "", 1)
        if last_big is not None and big >= last_big:
            break
        last_big = big
        total += Decimal(group["num"]) * small * big
        position = group.end()
    if position != len(compact) or not compact:
        raise AmountError(
            f"cannot read amount {original!r}; write e.g. 4800000000, 4,800,000,000, "
            "4.8억원, 48억, 2.4조 or 3억 5천만원",
            f"금액 {original!r}을(를) 읽을 수 없습니다; 예: 4800000000, 4,800,000,000, "
            "4.8억원, 48억, 2.4조, 3억 5천만원",
        )
    return _whole(total, original)


def parse_count(text: str) -> int:
    """A non-negative whole count or area: separators and a unit word are removed.

    >>> parse_count("1,234명"), parse_count("35개사"), parse_count("120000㎡"), parse_count("7")
    (1234, 35, 120000, 7)
    """
    compact = _compact(text)
    for unit in COUNT_UNITS:
        compact = compact.removesuffix(_compact(unit))
    if _THOUSANDS.match(compact):
        compact = compact.replace(",", "")
    compact = compact.removesuffix(".0")
    if not compact.isascii() or not compact.isdigit():
        raise AmountError(
            f"{text!r} is not a whole number; write e.g. 1234 or 1,234명",
            f"{text!r}은(는) 정수가 아닙니다; 예: 1234, 1,234명",
        )
    return int(compact)
