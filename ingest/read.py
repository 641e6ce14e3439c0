"""Uploaded bytes to rows of text: CSV (any Korean office encoding), Excel .xlsx, GeoJSON.

Every reader returns a :class:`RawTable` — the file's rows as lists of text cells, each with
the number a user sees (spreadsheet row, or feature number for GeoJSON) — or a fatal
problem saying why the file cannot be read at all. Nothing here raises on bad content.
Formulas are reported, never evaluated.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

import charset_normalizer
import shapely
import shapely.errors
import shapely.geometry

from geo.records import Problem

MB = 1_000_000
"""A megabyte as browsers (on Linux and macOS) and file managers count it: 10**6 bytes."""
MAX_UPLOAD_MB = 50
"""The size limit in MB; the app's uploader is given the same number (``max_upload_size``)."""
MAX_BYTES = MAX_UPLOAD_MB * MB
"""Largest file accepted (50 MB = 50,000,000 bytes); larger files are refused unparsed."""
MAX_RECORDS = 5000
"""Most records per file; a longer file is refused with a message to split it."""
MAX_UNZIPPED = 200 * MB
"""Largest total uncompressed size of an .xlsx (guards against zip bombs)."""
ENCODINGS = ("utf-8", "utf-8-sig", "cp949", "euc-kr")
"""Encodings a user may choose; detection picks among them."""
DELIMITERS = (",", "\t", ";")

MAGIC: dict[bytes, str] = {
    b"PK\x03\x04": "a zip archive (an Excel .xlsx file?)",
    b"\xd0\xcf\x11\xe0": "an old Office/HWP document (.xls, .doc, .hwp)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-zip archive",
    b"HWP Document": "an old HWP document",
}
"""Leading bytes of binary formats people send instead of the asked-for file."""

KINDS_KO: dict[str, str] = {
    "a zip archive (an Excel .xlsx file?)": "zip 압축 파일(Excel .xlsx 파일?)",
    "an old Office/HWP document (.xls, .doc, .hwp)": "예전 Office·한글 문서(.xls, .doc, .hwp)",
    "a PDF document": "PDF 문서",
    "a PNG image": "PNG 이미지",
    "a JPEG image": "JPEG 이미지",
    "a GIF image": "GIF 이미지",
    "a gzip archive": "gzip 압축 파일",
    "a RAR archive": "RAR 압축 파일",
    "a 7-zip archive": "7-zip 압축 파일",
    "an old HWP document": "예전 한글(HWP) 문서",
    "binary data (it contains NUL bytes)": "이진 자료(NUL 바이트 포함)",
    "text or an unknown format": "텍스트 또는 알 수 없는 형식",
}
"""Korean for each kind :func:`binary_kind` names."""


def kind_ko(what: str) -> str:
    """The Korean for a kind of file :func:`binary_kind` names."""
    return KINDS_KO.get(what, what)


@dataclass(frozen=True)
class RawTable:
    """The rows of one uploaded file, as text.

    Attributes
    ----------
    rows : list of (int, list of str)
        (row number a user sees, cells) for every non-empty row, header included.
    problems : list of Problem
        Things the reader noticed (row-level ones do not stop reading).
    fatal : bool
        True when the file cannot be read at all (``rows`` is then empty).
    encoding : str or None
        The text encoding used (CSV and GeoJSON).
    kind : str
        "csv", "xlsx" or "geojson".
    formula_cells : dict
        (row number, column position) -> the formula text, for .xlsx cells that hold one.
    """

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False
    encoding: str | None = None
    kind: str = ""
    formula_cells: dict[tuple[int, int], str] = field(default_factory=dict)


def problem(file: str, row: int | None, column: str | None, en: str, ko: str) -> Problem:
    """A :class:`Problem` (shorthand)."""
    return Problem(file=file, row=row, column=column, message=en, message_ko=ko)


def _fatal(file: str, kind: str, en: str, ko: str, encoding: str | None = None) -> RawTable:
    return RawTable(
        problems=[problem(file, None, None, en, ko)], fatal=True, kind=kind, encoding=encoding
    )


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None for something that may be text.

    >>> binary_kind(b"PK\\x03\\x04rest"), binary_kind(b"a,b\\n1,2\\n")
    ('a zip archive (an Excel .xlsx file?)', None)
    """
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return what
    if b"\x00" in data[:65536]:
        return "binary data (it contains NUL bytes)"
    return None


# --------------------------------------------------------------------------- encodings


def decode(data: bytes, encoding: str | None = None) -> tuple[str | None, str | None, str]:
    """Decode text in one of :data:`ENCODINGS`, detecting it unless given.

    A UTF-8 byte-order mark means UTF-8 with BOM. Otherwise every one of UTF-8, EUC-KR
    and CP949 that decodes the bytes *strictly* is a candidate: when all candidates give
    the same text, the first wins (UTF-8, then EUC-KR, the narrower name for text CP949
    also reads); when they differ, the most Korean-looking text wins
    (:func:`korean_score`) and charset-normalizer breaks what remains a tie. Bytes no
    candidate decodes are refused, naming the first bad byte for each encoding.

    Returns
    -------
    text : str or None
        None when the bytes cannot be decoded.
    encoding : str or None
        The encoding used (None when none fits).
    reason : str
        Why decoding failed (empty on success).
    """
    if encoding is not None:
        return _decode_as(data, encoding)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, "utf-8-sig")
    decoded: dict[str, str] = {}
    reasons = []
    for candidate in DETECTED:
        text, _used, reason = _decode_as(data, candidate)
        if text is None:
            reasons.append(reason)
        elif text not in decoded.values():
            decoded[candidate] = text
    if not decoded:
        return None, None, "the text is not UTF-8, CP949 or EUC-KR (" + "; ".join(reasons) + ")"
    chosen = next(iter(decoded)) if len(decoded) == 1 else _tie_break(data, decoded)
    return decoded[chosen], chosen, ""


DETECTED = ("utf-8", "euc-kr", "cp949")
"""Encodings detection tries, in order of preference when they give the same text."""
DETECTOR_NAMES = {"utf_8": "utf-8", "euc_kr": "euc-kr", "cp949": "cp949"}


def korean_score(text: str) -> int:
    """Hangul syllables minus other non-ASCII characters: how Korean a reading looks.

    Korean bytes read in the wrong encoding give Latin, Greek or Hanja characters, rarely
    Hangul, so the right reading of a Korean file scores highest.

    >>> korean_score("쨔 단지"), korean_score("¹ 단지")
    (3, 1)
    """
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    other = sum(1 for c in text if c > "\x7f") - hangul
    return hangul - other


def _tie_break(data: bytes, decoded: dict[str, str]) -> str:
    """Of encodings that decode the bytes to different texts, the one whose text looks
    most Korean; charset-normalizer chooses among those that look equally Korean."""
    scores = {name: korean_score(text) for name, text in decoded.items()}
    top = [name for name in decoded if scores[name] == max(scores.values())]
    if len(top) == 1:
        return top[0]
    isolation = [name for name, ours in DETECTOR_NAMES.items() if ours in top]
    best = charset_normalizer.from_bytes(data, cp_isolation=isolation).best()
    found = DETECTOR_NAMES.get(best.encoding, "") if best is not None else ""
    return found if found in top else top[0]


def _decode_as(data: bytes, encoding: str) -> tuple[str | None, str | None, str]:
    if encoding not in ENCODINGS:
        return None, None, f"unknown encoding {encoding!r}; allowed: {', '.join(ENCODINGS)}"
    try:
        return data.decode(encoding), encoding, ""
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, None, f"not valid {encoding}: byte {exc.start} (line {line}): {exc.reason}"


# -------------------------------------------------------------------------------- CSV


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used most in the header line (comma when none is used).

    >>> sniff_delimiter("a;b;c"), sniff_delimiter("a\\tb"), sniff_delimiter("name")
    (';', '\\t', ',')
    """
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, file: str, encoding: str | None = None) -> RawTable:
    """Rows of a delimited text file (comma, tab or semicolon), at most MAX_RECORDS + 1."""
    what = binary_kind(data)
    if what is not None:
        return _fatal(
            file,
            "csv",
            f"this is not a text (CSV) file: it looks like {what}; save it as CSV "
            "(UTF-8) or upload the original .xlsx",
            f"텍스트(CSV) 파일이 아닙니다: {kind_ko(what)}(으)로 보입니다. CSV(UTF-8)로 저장하거나 "
            ".xlsx 원본을 올리세요",
        )
    text, used, reason = decode(data, encoding)
    if text is None:
        return _fatal(
            file,
            "csv",
            f"cannot read the text: {reason}; choose the encoding "
            f"({', '.join(ENCODINGS)}) and try again",
            f"문자 인코딩을 알 수 없습니다: {reason}; 인코딩({', '.join(ENCODINGS)})을 "
            "골라 다시 시도하세요",
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _fatal(file, "csv", "the file is empty", "빈 파일입니다", used)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # a spreadsheet shows one row per record (a quoted newline stays in its cell)
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
            if len(rows) > MAX_RECORDS + 1:
                return _too_many(file, "csv", used)
    except csv.Error as exc:
        return _fatal(
            file,
            "csv",
            f"not a valid CSV file at line {reader.line_num}: {exc}",
            f"올바른 CSV 파일이 아닙니다 ({reader.line_num}행): {exc}",
            used,
        )
    if not rows:
        return _fatal(file, "csv", "the file has no filled cell", "내용이 있는 칸이 없습니다", used)
    return RawTable(rows=rows, encoding=used, kind="csv")


def _too_many(file: str, kind: str, encoding: str | None = None) -> RawTable:
    return _fatal(
        file,
        kind,
        f"the file has more than {MAX_RECORDS:,} records; split it into smaller files",
        f"레코드가 {MAX_RECORDS:,}개를 넘습니다; 파일을 나누어 올리세요",
        encoding,
    )


# ------------------------------------------------------------------------------- xlsx

XLSX_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
    ParseError,
    zlib.error,
    NotImplementedError,
)
"""What openpyxl raises on a damaged or foreign .xlsx (it parses XML inside a zip), with
its own ``InvalidFileException`` (:func:`xlsx_errors`)."""


def xlsx_errors() -> tuple[type[Exception], ...]:
    """:data:`XLSX_ERRORS` and openpyxl's ``InvalidFileException``.

    openpyxl (with Pillow) is imported on the first Excel file, not with the page: that
    is 0.2 s off every server start and first map.
    """
    from openpyxl.utils.exceptions import InvalidFileException

    return (*XLSX_ERRORS, InvalidFileException)


def cell_text(value: object) -> str:
    """An Excel cell value as text: whole numbers without ".0", dates as ISO.

    >>> cell_text(4800000000.0), cell_text(35.1), cell_text(None)
    ('4800000000', '35.1', '')
    >>> cell_text(dt.datetime(2024, 6, 13))
    '2024-06-13'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e17:
            return str(int(value))
        return repr(value)
    return str(value)


def read_xlsx(data: bytes, file: str, encoding: str | None = None) -> RawTable:
    """Rows of the first worksheet; formulas are kept as text and listed, not evaluated."""
    del encoding
    if not data.startswith(b"PK\x03\x04"):
        what = binary_kind(data) or "text or an unknown format"
        return _fatal(
            file,
            "xlsx",
            f"this is not an Excel .xlsx file (it looks like {what}); old .xls files must "
            "be saved as .xlsx or CSV first",
            f"Excel .xlsx 파일이 아닙니다 ({kind_ko(what)}). 예전 .xls 파일은 .xlsx나 CSV로 "
            "저장해서 올리세요",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED:
            return _fatal(
                file,
                "xlsx",
                f"the workbook unpacks to {unzipped / MB:,.0f} MB; the limit is "
                f"{MAX_UNZIPPED / MB:,.0f} MB",
                f"통합 문서의 압축을 풀면 {unzipped / MB:,.0f} MB입니다; 한도는 "
                f"{MAX_UNZIPPED / MB:,.0f} MB입니다",
            )
        return _read_workbook(data, file)
    except xlsx_errors() as exc:
        return _fatal(
            file,
            "xlsx",
            f"the Excel file cannot be opened ({type(exc).__name__}: {exc}); open it in "
            "Excel and save it again as .xlsx, or as CSV",
            f"Excel 파일을 열 수 없습니다 ({type(exc).__name__}: {exc}); Excel에서 .xlsx나 "
            "CSV로 다시 저장하세요",
        )


def _read_workbook(data: bytes, file: str) -> RawTable:
    import openpyxl  # on the first Excel file (see xlsx_errors)

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheets = book.sheetnames
        if not sheets:
            return _fatal(file, "xlsx", "the workbook has no sheet", "시트가 없습니다")
        sheet = book[sheets[0]]
        rows: list[tuple[int, list[str]]] = []
        formulas: dict[tuple[int, int], str] = {}
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            for position, (value, text) in enumerate(zip(values, cells, strict=True)):
                if isinstance(value, str) and text.startswith("="):
                    formulas[(number, position)] = text
            rows.append((number, cells))
            if len(rows) > MAX_RECORDS + 1:
                return _too_many(file, "xlsx")
    finally:
        book.close()
    problems = []
    if len(sheets) > 1:
        others = ", ".join(repr(s) for s in sheets[1:])
        problems.append(
            problem(
                file,
                None,
                None,
                f"only the first sheet {sheets[0]!r} was read; not read: {others}",
                f"첫 시트 {sheets[0]!r}만 읽었습니다; 읽지 않은 시트: {others}",
            )
        )
    if not rows:
        return _fatal(file, "xlsx", "the first sheet is empty", "첫 시트가 비어 있습니다")
    return RawTable(rows=rows, problems=problems, kind="xlsx", formula_cells=formulas)


# ---------------------------------------------------------------------------- GeoJSON

GEOMETRY_COLUMNS = ("geometry_lon", "geometry_lat")
"""Columns a GeoJSON feature's point becomes (they map to lon and lat)."""


def read_geojson(data: bytes, file: str, encoding: str | None = None) -> RawTable:
    """One row per feature: its point (or a representative point) then its properties."""
    what = binary_kind(data)
    if what is not None:
        return _fatal(
            file,
            "geojson",
            f"this is not a GeoJSON (text) file: it looks like {what}",
            f"GeoJSON(텍스트) 파일이 아닙니다: {kind_ko(what)}(으)로 보입니다",
        )
    text, used, reason = decode(data, encoding)
    if text is None:
        return _fatal(
            file,
            "geojson",
            f"cannot read the text: {reason}",
            f"문자 인코딩을 알 수 없습니다: {reason}",
        )
    if not text.strip():
        return _fatal(file, "geojson", "the file is empty", "빈 파일입니다", used)
    try:
        doc = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        return _fatal(
            file,
            "geojson",
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            f"올바른 JSON이 아닙니다 ({exc.lineno}행 {exc.colno}열): {exc.msg}",
            used,
        )
    except RecursionError:
        return _fatal(
            file, "geojson", "the JSON is nested too deeply", "JSON 중첩이 너무 깊습니다", used
        )
    features = _features(doc)
    if features is None:
        return _fatal(
            file,
            "geojson",
            "not GeoJSON: expected a FeatureCollection, a Feature or a list of features",
            "GeoJSON이 아닙니다: FeatureCollection, Feature 또는 피처 목록이어야 합니다",
            used,
        )
    if len(features) > MAX_RECORDS:
        return _too_many(file, "geojson", used)
    return _feature_rows(features, file, used)


def _features(doc: object) -> list[object] | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        if doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
            return list(doc["features"])
        if doc.get("type") == "Feature":
            return [doc]
    return None


def _feature_rows(features: list[object], file: str, encoding: str | None) -> RawTable:
    keys: dict[str, None] = {}
    records: list[dict[str, str]] = []
    problems: list[Problem] = []
    for number, feature in enumerate(features, start=1):
        record: dict[str, str] = {}
        if not isinstance(feature, dict):
            problems.append(
                problem(
                    file,
                    number,
                    None,
                    f"feature {number} is not a JSON object",
                    f"{number}번째 피처가 JSON 객체가 아닙니다",
                )
            )
            records.append(record)
            continue
        point, note = feature_point(feature.get("geometry"))
        if point is not None:
            record["geometry_lon"], record["geometry_lat"] = point
        if note:
            problems.append(problem(file, number, "geometry", *note))
        properties = feature.get("properties")
        if isinstance(properties, dict):
            for key, value in properties.items():
                record[str(key)] = _json_text(value)
        for key in record:
            keys.setdefault(key, None)
        records.append(record)
    header = list(keys)
    rows = [(1, header)] + [
        (number, [record.get(k, "") for k in header])
        for number, record in enumerate(records, start=1)
    ]
    return RawTable(rows=rows, problems=problems, encoding=encoding, kind="geojson")


def _json_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return cell_text(value)
    return json.dumps(value, ensure_ascii=False)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def feature_point(geometry: object) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """A feature's point as text (x, y), and a note (en, ko) when it is not a plain Point.

    Lines and polygons give a point inside them (a note says so);
    missing geometry gives no point (the record can still be placed by municipality).

    >>> feature_point({"type": "Point", "coordinates": [129.0, 35.1]})
    (('129', '35.1'), None)
    """
    if geometry is None:
        return None, None
    if not isinstance(geometry, dict):
        return None, (
            "geometry is not a JSON object; ignored",
            "geometry가 객체가 아니라 무시합니다",
        )
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    vertices = _vertices(coords)
    if not vertices:
        return None, (
            f"geometry {kind!r} has no usable coordinates; ignored",
            f"geometry {kind!r}에 쓸 수 있는 좌표가 없어 무시합니다",
        )
    if kind == "Point" and len(vertices) == 1:
        x, y = vertices[0]
        return (cell_text(x), cell_text(y)), None
    try:
        inside = shapely.geometry.shape(geometry).representative_point()
        x, y, how = inside.x, inside.y, "a point inside it"
    except SHAPE_ERRORS:
        x = sum(v[0] for v in vertices) / len(vertices)
        y = sum(v[1] for v in vertices) / len(vertices)
        how = "the mean of its vertices"
    return (cell_text(round(x, 7)), cell_text(round(y, 7))), (
        f"geometry is a {kind}, not a Point: placed at {how}",
        f"geometry가 Point가 아닌 {kind}라 그 안의 한 점(또는 꼭짓점 평균)에 표시합니다",
    )


SHAPE_ERRORS = (
    shapely.errors.GeometryTypeError,
    shapely.errors.GEOSException,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
)
"""What shapely raises on malformed GeoJSON geometry."""


def _vertices(coords: object, depth: int = 0) -> list[tuple[float, float]]:
    """The (x, y) pairs of nested GeoJSON coordinates: the first part of each level."""
    if not isinstance(coords, list) or not coords or depth > 4:
        return []
    x, y = (_number(coords[0]), _number(coords[1])) if len(coords) >= 2 else (None, None)
    if x is not None and y is not None:
        return [(x, y)]
    if isinstance(coords[0], list) and coords[0] and isinstance(coords[0][0], list):
        return _vertices(coords[0], depth + 1)
    out = []
    for item in coords:
        out += _vertices(item, depth + 1)[:1]
    return out


# ---------------------------------------------------------------------------- dispatch

Reader = Callable[[bytes, str, "str | None"], RawTable]
READERS: dict[str, Reader] = {
    ".csv": read_csv,
    ".txt": read_csv,
    ".tsv": read_csv,
    ".xlsx": read_xlsx,
    ".geojson": read_geojson,
    ".json": read_geojson,
}
"""File name extension -> reader."""


def too_large(filename: str, size: int) -> RawTable:
    """The fatal problem of a file over :data:`MAX_BYTES`, naming its real size.

    >>> too_large("big.csv", 468_000_000).problems[0].message
    'the file is 468.0 MB; the limit is 50 MB'
    """
    file = PurePath(filename).name or "upload"
    return _fatal(
        file,
        PurePath(file).suffix.lower().lstrip("."),
        f"the file is {size / MB:,.1f} MB; the limit is {MAX_BYTES / MB:,.0f} MB",
        f"파일 크기가 {size / MB:,.1f} MB입니다; 한도는 {MAX_BYTES / MB:,.0f} MB입니다",
    )


def read_upload(data: bytes, filename: str, encoding: str | None = None) -> RawTable:
    """Read an uploaded file by its extension; never raises on bad content.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name (the extension chooses the reader).
    encoding : str, optional
        One of :data:`ENCODINGS`; detected when not given.
    """
    file = PurePath(filename).name or "upload"
    suffix = PurePath(file).suffix.lower()
    if suffix not in READERS:
        return _fatal(
            file,
            "",
            f"unsupported file type {suffix or '(none)'!r}; allowed: {', '.join(READERS)}",
            f"지원하지 않는 파일 형식 {suffix or '(없음)'!r}; 허용: {', '.join(READERS)}",
        )
    if len(data) > MAX_BYTES:
        return too_large(file, len(data))
    if not data:
        return _fatal(file, suffix.lstrip("."), "the file is empty", "빈 파일입니다")
    if encoding is not None and encoding not in ENCODINGS:
        return _fatal(
            file,
            suffix.lstrip("."),
            f"unknown encoding {encoding!r}; allowed: {', '.join(ENCODINGS)}",
            f"알 수 없는 인코딩 {encoding!r}; 허용: {', '.join(ENCODINGS)}",
        )
    return READERS[suffix](data, file, encoding)
