"""CSV that a spreadsheet opens as text: the one writer of every CSV the app or CLI makes.

Excel, LibreOffice and Google Sheets run a cell starting with ``=``, ``+``, ``-`` or ``@``
as a formula (and a leading tab or carriage return can hide one), so a record's text
such as ``=HYPERLINK("http://evil", "출처")`` could run on the reader's machine. Every
such text cell is written with a leading apostrophe, which spreadsheets show as text.
Numbers stay numbers (a negative amount is not text and is written as is).
"""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a text cell as a formula."""
UPLOAD_FLAGGED = ("=", "@")
"""Leading characters the upload check reports as formula-like (``+``/``-`` start numbers)."""
CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, so Excel opens Korean text correctly."""


def neutralise(value: object) -> object:
    """A text value prefixed with ``'`` when a spreadsheet would run it; others unchanged.

    >>> neutralise("=1+1"), neutralise("@SUM(A1)"), neutralise("부산"), neutralise(-5)
    ("'=1+1", "'@SUM(A1)", '부산', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def formula_like(text: str) -> bool:
    """True for uploaded text the validator should flag as a formula (``=`` or ``@``).

    >>> formula_like("=SUM(A1)"), formula_like("@cmd"), formula_like("-3억")
    (True, True, False)
    """
    return text.startswith(UPLOAD_FLAGGED)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and text column name) neutralised."""
    out = pd.DataFrame(frame).copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.astype(object).map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def safe_csv(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """The frame as CSV (UTF-8 with BOM) whose text cells open as text in a spreadsheet.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table; geometry columns should be dropped first.
    index : bool
        Write the index as the first column (default: no).
    """
    return safe_frame(frame).to_csv(index=index).encode(CSV_ENCODING)
