"""Column names in Korean or English to the atlas's columns; province name variants.

Names are compared after :func:`normalise` (NFKC, case-folded, without spaces, ``_``,
``-``, ``·``, ``.``, ``/``), so "Name KO", "name_ko" and "NAME-KO" are one name. A unit
in brackets after an amount column ("지원금액(억원)") scales plain numbers in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from geo.records import CLUSTER_COLUMNS, SIDO_NAMES

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "아이디", "식별자", "레코드id"),
    "program": ("program", "사업", "사업명", "사업구분", "지정사업", "프로그램"),
    "round": ("round", "차수", "회차", "지정차수"),
    "name_ko": ("name_ko", "단지명", "명칭", "이름", "단지", "클러스터명", "name", "korean name"),
    "name_en": ("name_en", "영문명", "영문단지명", "영문명칭", "english name", "name (english)"),
    "year": ("year", "지정연도", "지정년도", "연도", "년도", "선정연도"),
    "designation_date": ("designation_date", "지정일", "지정일자", "고시일", "선정일"),
    "sido": ("sido", "시도", "광역시도", "시도명", "province"),
    "sigungu": ("sigungu", "시군구", "시군구명", "기초지자체", "municipality"),
    "lon": ("lon", "lng", "long", "longitude", "경도", "x", "x좌표"),
    "lat": ("lat", "latitude", "위도", "y", "y좌표"),
    "coord_source": ("coord_source", "좌표출처"),
    "industry": ("industry", "업종", "산업", "분야", "주력업종", "주업종"),
    "industry_detail": ("industry_detail", "세부업종", "업종상세", "업종세부"),
    "belt": ("belt", "벨트"),
    "period": ("period", "사업기간", "기간"),
    "firms": ("firms", "기업수", "입주기업수", "입주기업", "업체수"),
    "support_public_krw": (
        "support_public_krw", "public support", "공공지원", "공공지원금", "지원금액", "지원액",
        "국비지방비",
    ),
    "support_public_note": ("support_public_note", "지원내용", "지원비고"),
    "investment_private_planned_krw": (
        "investment_private_planned_krw", "private investment", "민간투자", "민간투자계획",
        "투자계획", "투자금액", "투자액",
    ),
    "investment_note": ("investment_note", "투자비고"),
    "investment_executed_krw": (
        "investment_executed_krw", "executed investment", "투자실적", "투자집행액", "집행액",
        "집행실적",
    ),
    "jobs": ("jobs", "고용", "고용인원", "일자리", "고용창출"),
    "jobs_note": ("jobs_note", "고용비고"),
    "area_m2": ("area_m2", "area", "면적", "면적㎡", "면적m2"),
    "anchor_companies": ("anchor_companies", "앵커기업", "주요기업", "대표기업"),
    "lead_institution": ("lead_institution", "주관기관", "관리기관"),
    "notes": ("notes", "note", "비고", "메모", "참고"),
    "source_title": ("source_title", "source", "출처", "출처명", "자료명", "근거자료", "근거"),
    "source_publisher": (
        "source_publisher", "publisher", "발행기관", "출처기관", "작성기관",
    ),
    "source_date": ("source_date", "출처일자", "발행일", "자료일자", "작성일", "보도일"),
    "source_url": ("source_url", "url", "출처url", "링크", "주소링크", "link"),
    "source2_title": ("source2_title",),
    "source2_publisher": ("source2_publisher",),
    "source2_date": ("source2_date",),
    "source2_url": ("source2_url",),
    "geometry_lon": ("geometry_lon",),
    "geometry_lat": ("geometry_lat",),
}  # fmt: skip
"""Atlas column -> the names it is recognised under (Korean and English)."""

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
