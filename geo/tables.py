"""Reading the record files: every cell as text, spreadsheet row numbers kept; typing.

:func:`read_csv_table` never raises on bad content: a missing, undecodable or broken
file gives an empty frame and one :class:`Problem` saying where and why; a row with too
many or too few cells is reported and padded or cut to the header, never dropped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.fields import FIELDS

ROW_INDEX = "row"
"""Index name of a frame read from a file: its values are spreadsheet row numbers."""


@dataclass(frozen=True)
class Problem:
    """One violation found in a data file.

    Attributes
    ----------
    file : str
        File name, e.g. "clusters.csv".
    row : int or None
        Spreadsheet row number (header = row 1, first record = row 2); None for the file.
    column : str or None
        Column concerned, None when the whole row or file is.
    message, message_ko : str
        What is wrong and how to fix it, in English and Korean.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    message_ko: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def both(self) -> str:
        """Where, then the English and the Korean reason on one line."""
        return f"{self} / {self.message_ko}"


def problem(file: str, row: int | None, column: str | None, en: str, ko: str) -> Problem:
    """A :class:`Problem` from positional parts."""
    return Problem(file=file, row=row, column=column, message=en, message_ko=ko)


def empty_table() -> pd.DataFrame:
    """A frame with no rows and no columns, indexed like a read file."""
    return pd.DataFrame(index=pd.Index([], name=ROW_INDEX))


def values_of(df: pd.DataFrame, column: str) -> set[str]:
    """The filled values of a column as text (empty when the column is absent)."""
    return {str(v) for v in df[column].dropna()} if column in df.columns else set()


def _line_of(data: bytes, position: int) -> int:
    """Spreadsheet row (1-based line) of a byte position."""
    return data[:position].count(b"\n") + 1


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's UTF-8 text (a BOM is dropped), or None and the problem.

    An undecodable file is reported at the row of the first bad byte, and a file that
    reads as CP949/EUC-KR is said to be one.
    """
    name = path.name
    try:
        data = path.read_bytes()
        return data.decode("utf-8-sig"), []
    except FileNotFoundError:
        return None, [
            problem(name, None, None, f"file {path} is missing", f"파일 {path}이(가) 없습니다")
        ]
    except OSError as exc:
        return None, [
            problem(
                name, None, None, f"file cannot be read: {exc}", f"파일을 읽을 수 없습니다: {exc}"
            )
        ]
    except UnicodeDecodeError as exc:
        row = _line_of(data, exc.start)
        try:
            data.decode("cp949")
            hint, hint_ko = (
                " (it looks saved as CP949/EUC-KR: save it as UTF-8)",
                " (CP949/EUC-KR로 저장된 것 같습니다: UTF-8로 저장하세요)",
            )
        except UnicodeDecodeError:
            hint, hint_ko = "", ""
        return None, [
            problem(
                name,
                row,
                None,
                f"file cannot be read as UTF-8 text: byte {exc.start} is not UTF-8{hint}",
                f"UTF-8 텍스트로 읽을 수 없습니다: {exc.start}번째 바이트{hint_ko}",
            )
        ]


def split_rows(text: str, name: str) -> tuple[list[list[str]] | None, list[Problem]]:
    """The CSV rows of ``text`` (RFC 4180, strict), or None and the problem with its row."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return list(reader), []
    except csv.Error as exc:
        return None, [
            problem(
                name,
                reader.line_num or None,
                None,
                f"not a valid CSV file: {exc} (the file may be cut off or a quote unclosed)",
                f"올바른 CSV 파일이 아닙니다: {exc} (파일이 잘렸거나 따옴표가 닫히지 않았습니다)",
            )
        ]


def _cell_count_problem(name: str, number: int, cells: int, header: int, last: bool) -> Problem:
    cut = last and cells < header
    return problem(
        name,
        number,
        None,
        f"row has {cells} cells, the header has {header}"
        + ("; the file ends inside this row (cut off?)" if cut else ""),
        f"이 행의 칸 수는 {cells}개, 머리글은 {header}개입니다"
        + ("; 파일이 이 행 중간에서 끝납니다 (잘림?)" if cut else ""),
    )


def _duplicate_headers(name: str, header: list[str]) -> list[Problem]:
    return [
        problem(
            name,
            1,
            col,
            f"column {col!r} appears {header.count(col)} times in the header",
            f"머리글에 {col!r} 열이 {header.count(col)}번 있습니다",
        )
        for col in dict.fromkeys(header)
        if header.count(col) > 1
    ]


def frame_rows(
    lines: list[list[str]], name: str, ends_cleanly: bool
) -> tuple[pd.DataFrame, list[Problem]]:
    """A text frame from a header and rows; blank rows skipped, ragged rows reported."""
    header = [cell.strip() for cell in lines[0]]
    problems = _duplicate_headers(name, header)
    records, numbers = [], []
    last = len(lines)
    for number, cells in enumerate(lines[1:], start=2):
        if not cells or not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                _cell_count_problem(
                    name, number, len(cells), len(header), number == last and not ends_cleanly
                )
            )
        records.append((cells + [""] * len(header))[: len(header)])
        numbers.append(number)
    frame = pd.DataFrame(records, columns=header, dtype="string")
    frame = frame.loc[:, ~frame.columns.duplicated()].replace("", pd.NA)
    frame.index = pd.Index(numbers, name=ROW_INDEX)
    return frame, problems


def read_csv_table(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a UTF-8 CSV file with every cell as text; empty cells become missing.

    Never raises on bad content: an unreadable file gives an empty frame and a Problem,
    a row with too many or too few cells is reported and padded or cut to the header.

    Parameters
    ----------
    path : Path
        The CSV file.

    Returns
    -------
    frame : pandas.DataFrame
        ``string`` columns, indexed by spreadsheet row number (index name "row").
    problems : list of Problem
    """
    text, problems = read_text(path)
    if text is None:
        return empty_table(), problems
    lines, problems = split_rows(text, path.name)
    if lines is None:
        return empty_table(), problems
    if not lines or not any(cell.strip() for cell in lines[0]):
        empty = not text.strip()
        return empty_table(), [
            problem(
                path.name,
                None,
                None,
                "the file is empty: it has no header row"
                if empty
                else "the file has no header row",
                "파일이 비어 있습니다: 머리글 행이 없습니다" if empty else "머리글 행이 없습니다",
            )
        ]
    return frame_rows(lines, path.name, text.endswith(("\n", "\r")))


# ----------------------------------------------------------------------------- typing


def to_int(series: pd.Series) -> pd.Series:
    """Digits-only text to ``Int64``; anything else becomes NA."""
    text = series.astype("string").str.strip()
    clean = text.where(text.str.fullmatch(r"[0-9]+").fillna(False))
    return pd.to_numeric(clean, errors="coerce").astype("Int64")


def to_float(series: pd.Series) -> pd.Series:
    """Decimal text to ``Float64``; anything else becomes NA."""
    return pd.to_numeric(series.astype("string").str.strip(), errors="coerce").astype("Float64")


TYPERS = {"Int64": to_int, "Float64": to_float}
"""dtype of a field's kind (``geo.fields.KINDS``) -> how its text is typed."""


def type_clusters(df: pd.DataFrame) -> pd.DataFrame:
    """Integer kinds (year, counts, won, m²) to ``Int64``, degrees to ``Float64``; bad cells
    become NA; other columns stay text."""
    out = df.copy()
    for col in out.columns:
        typer = TYPERS.get(str(FIELDS[col].dtype)) if col in FIELDS else None
        if typer is not None:
            out[col] = typer(out[col])
    return out
