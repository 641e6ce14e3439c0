"""The one registry of record columns: name, type, unit, labels, need, uses and upload aliases.

Everything that lists record columns reads :data:`FIELDS`: the column order of
``designations.csv`` and ``complexes.csv`` (a record is a designation joined to its
complex), the required, integer, date and URL columns the checks use, the figures
summed per region and shown on site cards, the records table, the data exports and the
names an uploaded file's header may use.

>>> FIELDS["support_public_krw"].unit, label("support_public_krw", "en")
('KRW', 'Public support')
>>> names(use="figure")
('firms', 'support_public_krw', 'investment_private_planned_krw', 'investment_executed_krw', 'jobs')
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS: dict[str, str] = {
    "id": "string",
    "text": "string",
    "ref": "string",
    "sido": "string",
    "year": "Int64",
    "date": "string",
    "source_date": "string",
    "url": "string",
    "won": "Int64",
    "count": "Int64",
    "area": "Int64",
    "degrees": "Float64",
    "flag": "boolean",
    "source_kind": "string",
    "precision": "string",
}
"""Kind of a column -> the pandas dtype its typed values take."""

NEEDS = ("required", "bundled", "column", "optional", "derived")
"""How much a column is needed:

* ``required`` — a column of every data file and upload, filled on every row (an ``id``
  column is the exception for uploads: the atlas assigns ids);
* ``bundled`` — a column of its data file, filled on bundled rows; user records may
  leave it empty and uploads may leave it out;
* ``column`` — a column of its data file whose cells may be empty;
* ``optional`` — may be absent or empty;
* ``derived`` — not in the file: added when records are placed or exported.
"""

USES = ("file", "designations", "complexes", "figure", "card", "table", "csv", "geojson")
"""Where a column is used: a column of a flat record (an uploaded row, a merged row: the
designation with its place); stored in ``designations.csv``; stored in ``complexes.csv``
(under :attr:`Field.stored` when that differs); a figure summed per region (region layers,
region CSV); shown on the site card; a records-table column; in the records CSV; a
GeoJSON/GeoPackage property."""

EXPORTED = frozenset({"csv", "geojson"})
STORED = frozenset({"file", "designations", "csv", "geojson"})
"""A designation column, also read from uploads."""
PLACE = frozenset({"file", "complexes", "csv", "geojson"})
"""A place column of the complex, also read from uploads (a new complex)."""
COMPLEX = frozenset({"complexes", "csv", "geojson"})
"""A column of the complex only (not read from uploads)."""


@dataclass(frozen=True)
class Field:
    """One record column.

    Attributes
    ----------
    name : str
        Column name in a record (as in ``designations.csv``; see ``stored``).
    kind : str
        One of :data:`KINDS`.
    label_ko, label_en : str
        Heading for people.
    unit : str
        Unit of the values ("KRW", "firms", "persons", "m2", "degrees"), empty for none.
    need : str
        One of :data:`NEEDS`.
    uses : frozenset of str
        Subset of :data:`USES`.
    aliases : tuple of str
        Other names an uploaded file's header may give the column (Korean and English).
    table : int or None
        Position in the records table, None when not shown there.
    stored : str
        Its name in ``complexes.csv`` when that differs from ``name`` (the complex's
        ``name_ko`` is ``complex_name_ko`` in a record, beside the designation's).
    """

    name: str
    kind: str
    label_ko: str
    label_en: str
    unit: str = ""
    need: str = "optional"
    uses: frozenset[str] = STORED
    aliases: tuple[str, ...] = ()
    table: int | None = None
    stored: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name}: unknown kind {self.kind!r}; allowed: {KINDS}")
        if self.need not in NEEDS:
            raise ValueError(f"field {self.name}: unknown need {self.need!r}; allowed: {NEEDS}")
        unknown = set(self.uses) - set(USES)
        if unknown:
            raise ValueError(f"field {self.name}: unknown uses {sorted(unknown)}; allowed: {USES}")

    @property
    def dtype(self) -> str:
        """The pandas dtype of the typed values."""
        return KINDS[self.kind]


FIGURE = STORED | {"figure", "card"}

_FIELDS = (
    Field("id", "id", "ID", "ID", need="required", table=0,
          aliases=("아이디", "식별자", "레코드id")),
    Field("complex_id", "ref", "단지 ID", "Complex ID", need="bundled",
          uses=STORED | {"complexes"}, aliases=("단지id", "단지아이디", "단지코드")),
    Field("complex", "text", "소속 단지", "Complex (existing)", uses=frozenset({"file"}),
          aliases=("소속단지", "기존단지", "complex name", "complex_name")),
    Field("program", "ref", "사업", "Program", need="required", table=1,
          aliases=("사업", "사업명", "사업구분", "지정사업", "프로그램")),
    Field("program_kind", "text", "사업 종류", "Program kind", need="derived", uses=EXPORTED,
          table=1),  # statutory, support, pilot, candidate, city_plan (programs.csv kind)
    Field("round", "text", "차수", "Round", table=2, aliases=("차수", "회차", "지정차수")),
    Field("name_ko", "text", "이름(한글)", "Name (Korean)", need="required", table=4,
          aliases=("단지명", "명칭", "이름", "단지", "클러스터명", "name", "korean name")),
    Field("name_en", "text", "이름(영문)", "Name (English)", need="bundled", table=5,
          aliases=("영문명", "영문단지명", "영문명칭", "english name", "name (english)")),
    Field("year", "year", "지정 연도", "Designation year", need="required", table=3,
          aliases=("지정연도", "지정년도", "연도", "년도", "선정연도")),
    Field("designation_date", "date", "지정일", "Designation date",
          aliases=("지정일", "지정일자", "고시일", "선정일")),
    Field("sido", "sido", "시도", "Province", need="required", table=6, uses=PLACE,
          aliases=("시도", "광역시도", "시도명", "province")),
    Field("sigungu", "text", "시군구", "Municipality", need="required", table=7, uses=PLACE,
          aliases=("시군구", "시군구명", "기초지자체", "municipality")),
    Field("lon", "degrees", "경도", "Longitude", "degrees", uses=PLACE,
          aliases=("lng", "long", "longitude", "경도", "x", "x좌표")),
    Field("lat", "degrees", "위도", "Latitude", "degrees", uses=PLACE,
          aliases=("latitude", "위도", "y", "y좌표")),
    Field("coord_source", "url", "좌표 출처", "Coordinate source", uses=PLACE,
          aliases=("좌표출처",)),
    Field("industry", "ref", "업종", "Industry", need="column", table=8,
          aliases=("업종", "산업", "분야", "주력업종", "주업종")),
    Field("industry_detail", "text", "세부 업종", "Industry detail",
          aliases=("세부업종", "업종상세", "업종세부")),
    Field("belt", "ref", "벨트", "Belt", aliases=("벨트",)),
    Field("period", "text", "사업 기간", "Period", aliases=("사업기간", "기간")),
    Field("firms", "count", "입주 기업 수", "Firms", "firms", uses=FIGURE, table=9,
          aliases=("기업수", "입주기업수", "입주기업", "업체수")),
    Field("support_public_krw", "won", "공공 지원(국비·지방비)", "Public support", "KRW",
          uses=FIGURE, table=10,
          aliases=("public support", "공공지원", "공공지원금", "지원금액", "지원액", "국비지방비")),
    Field("support_public_note", "text", "지원 내용", "Support note",
          aliases=("지원내용", "지원비고")),
    Field("investment_private_planned_krw", "won", "민간 투자 계획",
          "Planned private investment", "KRW", uses=FIGURE, table=11,
          aliases=("private investment", "민간투자", "민간투자계획", "투자계획", "투자금액",
                   "투자액")),
    Field("investment_note", "text", "투자 비고", "Investment note", aliases=("투자비고",)),
    Field("investment_executed_krw", "won", "투자 집행 실적", "Executed investment", "KRW",
          uses=FIGURE, table=12,
          aliases=("executed investment", "투자실적", "투자집행액", "집행액", "집행실적")),
    Field("jobs", "count", "고용(발표치)", "Jobs (as announced)", "persons", uses=FIGURE,
          table=13, aliases=("고용", "고용인원", "일자리", "고용창출")),
    Field("jobs_note", "text", "고용 비고", "Jobs note", aliases=("고용비고",)),
    Field("area_m2", "area", "면적", "Area", "m2", aliases=("area", "면적", "면적㎡", "면적m2")),
    Field("anchor_companies", "text", "앵커 기업", "Anchor companies",
          aliases=("앵커기업", "주요기업", "대표기업")),
    Field("lead_institution", "text", "주관 기관", "Lead institution",
          aliases=("주관기관", "관리기관")),
    Field("notes", "text", "비고", "Notes", aliases=("note", "비고", "메모", "참고")),
    Field("source_title", "text", "출처", "Source", need="required", table=16,
          aliases=("source", "출처", "출처명", "자료명", "근거자료", "근거")),
    Field("source_publisher", "text", "발행 기관", "Publisher", need="required", table=17,
          aliases=("publisher", "발행기관", "출처기관", "작성기관")),
    Field("source_date", "source_date", "출처 일자", "Source date", need="required", table=18,
          aliases=("출처일자", "발행일", "자료일자", "작성일", "보도일")),
    Field("source_url", "url", "출처 링크", "Source link", need="bundled", table=19,
          aliases=("url", "출처url", "링크", "주소링크", "link")),
    Field("source2_title", "text", "둘째 출처", "Second source"),
    Field("source2_publisher", "text", "둘째 출처 발행 기관", "Second source publisher"),
    Field("source2_date", "source_date", "둘째 출처 일자", "Second source date"),
    Field("source2_url", "url", "둘째 출처 링크", "Second source link"),
    Field("source_kind", "source_kind", "출처 종류", "Source kind"),
    Field("source2_kind", "source_kind", "둘째 출처 종류", "Second source kind"),
    Field("complex_name_ko", "text", "단지 이름(한글)", "Complex name (Korean)",
          need="required", uses=COMPLEX, stored="name_ko"),
    Field("complex_name_en", "text", "단지 이름(영문)", "Complex name (English)",
          need="bundled", uses=COMPLEX, stored="name_en"),
    Field("sigungu_all", "text", "걸친 시군구", "All municipalities", need="bundled",
          uses=COMPLEX),
    Field("emd", "text", "읍면동", "Sub-municipalities (eup/myeon/dong)", uses=COMPLEX),
    Field("emd_codes", "text", "읍면동 코드(통계청 2018)", "Sub-municipality codes (KOSTAT 2018)",
          uses=COMPLEX),
    Field("precision", "precision", "위치 정밀도", "Location precision", need="bundled",
          uses=COMPLEX),
    Field("place_wording", "text", "위치 표현(인용)", "Place wording (quoted)", uses=COMPLEX),
    Field("place_source_title", "text", "위치 출처", "Place source", uses=COMPLEX),
    Field("place_source_publisher", "text", "위치 출처 발행 기관", "Place source publisher",
          uses=COMPLEX),
    Field("place_source_date", "source_date", "위치 출처 일자", "Place source date",
          uses=COMPLEX),
    Field("place_source_url", "url", "위치 출처 링크", "Place source link", uses=COMPLEX),
    Field("place_evidence", "text", "위치 근거", "Place evidence", uses=COMPLEX),
    Field("complex_notes", "text", "단지 비고", "Complex notes", uses=COMPLEX, stored="notes"),
    Field("location", "text", "표시 위치", "Shown at", need="derived", uses=EXPORTED, table=14),
    Field("declared_sgg_codes", "text", "선언 시군구 코드", "Declared municipality codes",
          need="derived", uses=EXPORTED),
    Field("approximate", "flag", "위치 근사", "Approximate", need="derived", uses=EXPORTED),
    Field("shown_sgg_codes", "text", "표시 시군구 코드", "Municipality codes drawn in",
          need="derived", uses=EXPORTED),
    Field("sgg_code", "text", "시군구 코드(통계청)", "Municipality code (KOSTAT)",
          need="derived", uses=EXPORTED),
    Field("sgg_code_moi", "text", "시군구 코드(행정표준)", "Municipality code (MOI)",
          need="derived", uses=EXPORTED),
    Field("sido_code_moi", "text", "시도 코드(행정표준)", "Province code (MOI)",
          need="derived", uses=EXPORTED),
    Field("sgg_name_ko", "text", "표시 시군구", "Municipality of the point", need="derived",
          uses=EXPORTED),
    Field("user_record", "flag", "사용자 입력", "User record", need="derived", uses=EXPORTED,
          table=15),
    Field("map_lon", "degrees", "지도 경도", "Map longitude", "degrees", need="derived",
          uses=EXPORTED),
    Field("map_lat", "degrees", "지도 위도", "Map latitude", "degrees", need="derived",
          uses=EXPORTED),
)  # fmt: skip

FIELDS: dict[str, Field] = {f.name: f for f in _FIELDS}
"""Column name -> :class:`Field`, in flat-record order (designation, place, complex, derived)."""


def names(
    *, use: str | None = None, kinds: tuple[str, ...] = (), needs: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Column names in registry order, filtered by a use, kinds and needs.

    >>> names(kinds=("url",))
    ('coord_source', 'source_url', 'source2_url', 'place_source_url')
    >>> names(use="file", needs=("bundled",))
    ('complex_id', 'name_en', 'source_url')
    """
    if use is not None and use not in USES:
        raise ValueError(f"unknown use {use!r}; allowed: {', '.join(USES)}")
    return tuple(
        f.name
        for f in _FIELDS
        if (use is None or use in f.uses)
        and (not kinds or f.kind in kinds)
        and (not needs or f.need in needs)
    )


def field(name: str) -> Field:
    """The field called ``name``, or a KeyError naming the known ones."""
    if name not in FIELDS:
        raise KeyError(f"unknown record column {name!r}; known: {', '.join(FIELDS)}")
    return FIELDS[name]


def label(name: str, lang: str) -> str:
    """The heading of a column in ``lang`` ("ko" or "en")."""
    if lang not in ("ko", "en"):
        raise ValueError(f"unknown language {lang!r}; allowed: ko, en")
    item = field(name)
    return item.label_ko if lang == "ko" else item.label_en


def table_columns() -> list[str]:
    """Columns of the records table, in their order."""
    shown = [f for f in _FIELDS if f.table is not None]
    return [f.name for f in sorted(shown, key=lambda f: f.table or 0)]


def aliases() -> dict[str, tuple[str, ...]]:
    """Stored column -> every name an upload's header may give it (the name first)."""
    return {f.name: (f.name, *f.aliases) for f in _FIELDS if "file" in f.uses}


def stored_name(name: str) -> str:
    """A record column's name in its file (``complex_name_ko`` -> ``name_ko``)."""
    return field(name).stored or name


CLUSTER_COLUMNS = names(use="file")
"""Columns of a flat record (an uploaded or merged row: the designation and its place)."""
REQUIRED_CLUSTER_COLUMNS = tuple(
    c for c in names(use="file", needs=("required", "bundled", "column")) if c != "complex_id"
)
"""Columns a flat record file must have (``complex_id`` may be left out: a new complex)."""
DESIGNATION_COLUMNS = names(use="designations")
"""Columns of ``designations.csv``, in order."""
COMPLEX_COLUMNS = (
    "complex_id", "complex_name_ko", "complex_name_en", "sido", "sigungu", "sigungu_all",
    "emd", "emd_codes", "precision", "place_wording", "place_source_title",
    "place_source_publisher", "place_source_date", "place_source_url", "place_evidence",
    "lon", "lat", "coord_source", "complex_notes",
)  # fmt: skip
"""Record names of the columns of ``complexes.csv``, in the file's order (the model's)."""
if set(COMPLEX_COLUMNS) != set(names(use="complexes")):
    raise ValueError("COMPLEX_COLUMNS must list every field used by complexes.csv")
DESIGNATION_FILE_COLUMNS = DESIGNATION_COLUMNS
COMPLEX_FILE_COLUMNS = tuple(stored_name(c) for c in COMPLEX_COLUMNS)
"""The header of ``complexes.csv``."""
REQUIRED_DESIGNATION_COLUMNS = names(use="designations", needs=("required", "bundled", "column"))
REQUIRED_COMPLEX_COLUMNS = tuple(
    stored_name(c) for c in COMPLEX_COLUMNS if FIELDS[c].need in ("required", "bundled", "column")
)
PRECISIONS = ("point", "emd", "sgg", "sido")
"""How finely a complex is located: its own coordinates, 읍면동, 시군구, 시도."""
SOURCE_KINDS = ("official", "press", "reprint")
OPTIONAL_CELLS = frozenset(names(needs=("column",)))
"""Required columns whose cells may be empty (an empty industry is shown as "unknown")."""
USER_OPTIONAL_CELLS = OPTIONAL_CELLS | set(names(needs=("bundled",)))
"""Required cells user records may leave empty: an internal document has no URL, and an
official may know only the Korean name. Their coordinates need no ``coord_source``
(they come from the record's own source)."""
USER_REQUIRED = tuple(c for c in names(use="file", needs=("required",)) if FIELDS[c].kind != "id")
"""Columns a user file must have (the atlas assigns ids)."""
SOURCE_COLUMNS = tuple(c for c in USER_REQUIRED if c.startswith("source_"))
"""The source every record needs: title, publisher and date."""
AMOUNT_COLUMNS = names(use="file", kinds=("won",))
COUNT_COLUMNS = names(use="file", kinds=("count", "area"))
INT_COLUMNS = names(use="file", kinds=("won", "count", "area"))
DATE_COLUMNS = names(kinds=("date", "source_date"))
URL_COLUMNS = names(kinds=("url",))
FIGURE_COLUMNS = names(use="figure")
"""Figures summed per region and shown on the site card."""
EXPORT_COLUMNS = names(use="csv")
"""Record columns of the data exports, in order (others follow in their own order)."""
