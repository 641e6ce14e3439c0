"""Column names in Korean or English to the atlas's columns; province name variants.

Names are compared after :func:`normalise` (NFKC, case-folded, without spaces, ``_``,
``-``, ``·``, ``.``, ``/``), so "Name KO", "name_ko" and "NAME-KO" are one name. A unit
in brackets after an amount column ("지원금액(억원)") scales plain numbers in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from geo.fields import CLUSTER_COLUMNS, aliases
from geo.records import SIDO_NAMES

ALIASES: dict[str, tuple[str, ...]] = aliases() | {
    "geometry_lon": ("geometry_lon",),
    "geometry_lat": ("geometry_lat",),
}
"""Atlas column -> the names it is recognised under (Korean and English), from the field
registry (``geo.fields``), plus the GeoJSON point's coordinates."""

GEOMETRY_TARGETS = {"geometry_lon": "lon", "geometry_lat": "lat"}
"""A GeoJSON point fills lon/lat before any lon/lat property does."""

UNIT_SUFFIXES: dict[str, int] = {
    "조원": 10**12,
    "억원": 10**8,
    "백만원": 10**6,
    "만원": 10**4,
    "천원": 10**3,
    "원": 1,
}
"""Unit written after an amount column's name, in brackets -> won per unit."""

_DROP = re.compile(r"[\s_\-·.・/]+")
_UNIT = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^()\[\]]+?)\s*[\)\]]\s*$")


def normalise(name: str) -> str:
    """Compare-able form of a column name or label.

    >>> normalise(" Name_KO "), normalise("시·도"), normalise("Source URL")
    ('nameko', '시도', 'sourceurl')
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", name).casefold())


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for column, names in ALIASES.items():
        for name in names:
            key = normalise(name)
            if table.setdefault(key, column) != column:
                raise ValueError(f"alias {name!r} names both {table[key]!r} and {column!r}")
    return table


LOOKUP = _lookup()
"""normalised alias -> atlas column."""


@dataclass(frozen=True)
class ColumnMatch:
    """How one header cell is read.

    Attributes
    ----------
    header : str
        The name as written in the file.
    target : str or None
        The atlas column, None for an extra column (kept as ``extra:<header>``).
    unit : int
        Won per unit of plain numbers when the header names one ("(억원)"), else 1.
    """

    header: str
    target: str | None
    unit: int = 1


def match_column(header: str) -> ColumnMatch:
    """Recognise a header cell; a bracketed unit is read for amount columns.

    >>> match_column("단지명"), match_column("지원금액(억원)").unit, match_column("담당자").target
    (ColumnMatch(header='단지명', target='name_ko', unit=1), 100000000, None)
    """
    key = normalise(header)
    if key in LOOKUP:
        return ColumnMatch(header, LOOKUP[key])
    found = _UNIT.match(unicodedata.normalize("NFKC", header))
    if found:
        base = LOOKUP.get(normalise(found["name"]))
        unit = UNIT_SUFFIXES.get(normalise(found["unit"]))
        if base is not None and base.endswith("_krw") and unit is not None:
            return ColumnMatch(header, base, unit)
        if base is not None and unit is None:
            return ColumnMatch(header, base)
    return ColumnMatch(header, None)


def extra_name(header: str) -> str:
    """Name under which a column the atlas does not know is kept."""
    return f"extra:{header}"


SIDO_ALIASES: dict[str, str] = {
    "서울": "서울특별시", "서울시": "서울특별시",
    "부산": "부산광역시", "부산시": "부산광역시",
    "대구": "대구광역시", "대구시": "대구광역시",
    "인천": "인천광역시", "인천시": "인천광역시",
    "광주": "광주광역시", "광주시": "광주광역시",
    "대전": "대전광역시", "대전시": "대전광역시",
    "울산": "울산광역시", "울산시": "울산광역시",
    "세종": "세종특별자치시", "세종시": "세종특별자치시",
    "경기": "경기도",
    "강원": "강원특별자치도", "강원도": "강원특별자치도",
    "충북": "충청북도", "충남": "충청남도",
    "전북": "전북특별자치도", "전라북도": "전북특별자치도",
    "전남": "전라남도", "경북": "경상북도", "경남": "경상남도",
    "제주": "제주특별자치도", "제주도": "제주특별자치도",
    "seoul": "서울특별시", "busan": "부산광역시", "daegu": "대구광역시",
    "incheon": "인천광역시", "gwangju": "광주광역시", "daejeon": "대전광역시",
    "ulsan": "울산광역시", "sejong": "세종특별자치시", "gyeonggi": "경기도",
    "gyeonggido": "경기도", "gangwon": "강원특별자치도", "chungbuk": "충청북도",
    "chungcheongbukdo": "충청북도", "chungnam": "충청남도", "chungcheongnamdo": "충청남도",
    "jeonbuk": "전북특별자치도", "jeonnam": "전라남도", "jeollanamdo": "전라남도",
    "gyeongbuk": "경상북도", "gyeongsangbukdo": "경상북도", "gyeongnam": "경상남도",
    "gyeongsangnamdo": "경상남도", "jeju": "제주특별자치도",
}  # fmt: skip
"""Short, old and English province names -> today's official name (see SIDO_NAMES)."""


def sido_name(value: str) -> str | None:
    """Today's official province name for a variant, None when not recognised.

    >>> sido_name("부산"), sido_name("강원도"), sido_name("Busan"), sido_name("x")
    ('부산광역시', '강원특별자치도', '부산광역시', None)
    """
    text = " ".join(value.split())
    if text in SIDO_NAMES:
        return text
    return SIDO_ALIASES.get(normalise(text))


def check_registry() -> list[str]:
    """Atlas columns missing from :data:`ALIASES` (should be none)."""
    return [c for c in CLUSTER_COLUMNS if c not in ALIASES]
