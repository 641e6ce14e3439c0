"""Value domains of the record files: provinces, coordinate ranges, years, id prefixes.

The columns themselves (names, kinds, units, needs) are in :mod:`geo.fields`.
"""

from __future__ import annotations

USER_ID_PREFIX = "user-"
"""Ids of records added by users (upload, ``python cli.py merge``) start with this."""
UNDATED = "undated"
"""The one non-date value ``source_date``/``source2_date`` accept: the page carries no date."""
LON_RANGE = (124.0, 132.0)
LAT_RANGE = (33.0, 39.0)
FIRST_YEAR = 2000

SIDO_NAMES = (
    "서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시",
    "울산광역시", "세종특별자치시", "경기도", "강원특별자치도", "충청북도", "충청남도",
    "전북특별자치도", "전라남도", "경상북도", "경상남도", "제주특별자치도",
)  # fmt: skip
"""Today's official names of the 17 provinces and metropolitan cities."""

INDUSTRY_GROUPS = ("root", "strategic", "other")
PROGRAM_KINDS = ("statutory", "support", "pilot", "candidate", "city_plan")
"""What a program is: a designation under a statute, a yearly support selection of designated
complexes, a pilot, a candidate list, or a city's own plan."""
BELT_LEVELS = {"sgg": 5, "emd": 7}
"""Belt area levels and the length of their KOSTAT codes."""

RECORD_FILES = {
    "complexes": "complexes.csv",
    "designations": "designations.csv",
    "programs": "programs.csv",
    "industries": "industries.csv",
    "belts": "busan_belts.csv",
    "belt_areas": "busan_belt_areas.csv",
    "region_indicators": "region_indicators.csv",
}
"""The record files of a data folder, by the name ``Records`` gives their frame.

``Records.clusters`` is not a file: it is the designations joined to their complexes
(one flat record per designation, with its place)."""
