"""Program kinds in words: statutory designations, and what is *not* a designation.

Every record belongs to a program, and every program has a kind (``programs.csv``
``kind``: statutory, support, pilot, candidate, city_plan). The default view shows the
statutory ones; the others are labelled wherever a user reads them (popups, tooltips, the
legend, the card, exports), with the words of this module. Pure Python, no streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from geo.schema import PROGRAM_KINDS
from layers.i18n import t

STATUTORY = "statutory"
"""The kind of a legal designation; every other kind is labelled as not one."""


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def kind_name(kind: str, lang: str) -> str:
    """A program kind's name in ``lang``.

    >>> kind_name("candidate", "ko"), kind_name("city_plan", "en")
    ('후보지', 'city plan')

    Raises
    ------
    ValueError
        For a kind not in ``geo.schema.PROGRAM_KINDS``, naming the allowed ones.
    """
    if kind not in PROGRAM_KINDS:
        raise ValueError(f"Unknown program kind {kind!r}; allowed: {', '.join(PROGRAM_KINDS)}")
    return t(f"kind_{kind}", lang)


def kind_text(kind: object, lang: str) -> str:
    """A record's kind in words for tables, empty when unknown.

    >>> kind_text("statutory", "ko"), kind_text(None, "en")
    ('법정 지정', '')
    """
    return "" if _missing(kind) or str(kind) not in PROGRAM_KINDS else kind_name(str(kind), lang)


def kind_tag(kind: object, lang: str) -> str:
    """The label a record of ``kind`` carries: empty for statutory designations (and for
    an unknown kind), else its kind's name ("후보지", "candidate site").

    >>> kind_tag("statutory", "en"), kind_tag("pilot", "ko"), kind_tag(None, "ko")
    ('', '시범사업', '')
    """
    if _missing(kind) or str(kind) not in PROGRAM_KINDS or str(kind) == STATUTORY:
        return ""
    return kind_name(str(kind), lang)


def kind_label(program: str, lang: str, kinds_of: Mapping[str, str]) -> str:
    """The label of a designation of ``program`` (for the card, popups, tables): empty
    for a statutory program, else "후보지 · 지정 아님" / "candidate site · not a designation".

    Parameters
    ----------
    program : str
        A program id.
    lang : {"ko", "en"}
    kinds_of : mapping
        Program id -> kind (``layers.view.program_kinds(data.programs)`` or
        ``AtlasData.program_kinds()``).

    >>> kind_label("national_candidate", "en", {"national_candidate": "candidate"})
    'candidate site · not a designation'
    >>> kind_label("sobujang", "ko", {"sobujang": "statutory"})
    ''
    """
    tag = kind_tag(kinds_of.get(program), lang)
    return t("kind_not_designation", lang, kind=tag) if tag else ""


def kinds_text(kinds: Iterable[str], lang: str) -> str:
    """Kinds as a list of names in ``PROGRAM_KINDS`` order.

    >>> kinds_text(["candidate", "statutory"], "en")
    'statutory designation, candidate site'
    >>> kinds_text(PROGRAM_KINDS, "ko")
    '모든 종류'
    """
    chosen = set(kinds)
    for kind in chosen - set(PROGRAM_KINDS):
        kind_name(kind, lang)  # raises, naming the allowed kinds
    if chosen == set(PROGRAM_KINDS):
        return t("kinds_every", lang)
    return ", ".join(kind_name(k, lang) for k in PROGRAM_KINDS if k in chosen)


def kinds_present(sites: pd.DataFrame) -> list[str]:
    """The program kinds of the records, in ``PROGRAM_KINDS`` order."""
    if "program_kind" not in sites.columns:
        return []
    return kinds_among(sites["program_kind"].tolist())


def kinds_among(values: Iterable[Any]) -> list[str]:
    """The program kinds among ``values`` (missing ones skipped), in ``PROGRAM_KINDS``
    order, each once.

    >>> kinds_among(["pilot", None, "statutory", "pilot"])
    ['statutory', 'pilot']
    """
    present = {str(k) for k in values if not pd.isna(k)}
    return [k for k in PROGRAM_KINDS if k in present]


def sites_heading(sites: pd.DataFrame, lang: str) -> str:
    """What the shown records are called: "지정 단지" / "Designated complexes" while every
    one is a statutory designation, else words that do not call them designated."""
    only_statutory = set(kinds_present(sites)) <= {STATUTORY}
    return t("clusters" if only_statutory else "sites_any_kind", lang)


def kind_line(sites: pd.DataFrame, lang: str) -> str:
    """The legend line naming the program kinds shown ("사업 종류: 법정 지정, 후보지"), empty
    when the records carry no kind or every kind (then the title and subtitle say so); one
    line, so it fits beside every other section."""
    present = kinds_present(sites)
    if not present or set(present) == set(PROGRAM_KINDS):
        return ""
    return f"{t('kind_filter', lang)}: {kinds_text(present, lang)}"
