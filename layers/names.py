"""Names as a reader sees them: in the page's language, else in the other one, never a
missing-value marker ("<NA>", "nan", "None").

Uploaded records may lack an English name (``name_en`` is optional); the English page
then shows the Korean name. Only the display falls back: the records keep the empty
field. Pure pandas: no streamlit here.
"""

from __future__ import annotations

import pandas as pd

from layers.i18n import LANGUAGES


def present(value: object) -> bool:
    """True for a non-empty name; False for None, NA, NaN, "" and blanks.

    >>> [present(v) for v in ("단지", "", " ", None, pd.NA, float("nan"))]
    [True, False, False, False, False, False]
    """
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and value != value:
        return False
    return bool(str(value).strip())


def display_name(row: pd.Series | dict[str, object], lang: str, prefix: str = "") -> str:
    """``row``'s name (``<prefix>name_<lang>``), else its name in the other language, else "".

    >>> display_name({"name_ko": "부산 단지", "name_en": pd.NA}, "en")
    '부산 단지'
    >>> display_name({"complex_name_ko": "가", "complex_name_en": "Ga"}, "en", "complex_")
    'Ga'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    for language in (lang, *(other for other in LANGUAGES if other != lang)):
        value = row.get(f"{prefix}name_{language}")
        if present(value):
            return str(value)
    return ""


def name_column(frame: pd.DataFrame, lang: str, prefix: str = "") -> pd.Series:
    """Every row's :func:`display_name`, as text (a table's name column).

    >>> frame = pd.DataFrame({"name_ko": ["가", "나"], "name_en": ["Ga", None]})
    >>> name_column(frame, "en").tolist()
    ['Ga', '나']
    """
    return pd.Series(
        [display_name(row, lang, prefix) for _, row in frame.iterrows()],
        index=frame.index,
        dtype=object,
    )
