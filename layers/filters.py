"""Filter options narrowed to what the other filters leave, each with its count.

The program and industry lists of the sidebar offer only what the view's other filters
(years, province, the other list, and any filter added later to
``layers.view.filter_sites``) leave on the map, each named with the number of complexes
it would show ("반도체 (12)"). Options the user already chose stay offered (count 0 when
the other filters leave none), so a choice is never dropped silently. Pure pandas: no
streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from geo.aggregate import complex_keys
from layers.i18n import t
from layers.view import View, filter_sites

FILTER_COLUMNS = {"programs": "program", "industries": "industry"}
"""View field of a list filter -> the record column it filters."""


def option_counts(sites: pd.DataFrame, view: View, field: str) -> dict[str, int]:
    """Option id -> complexes (each counted once) the view shows with that option alone.

    The view's own choice for ``field`` is ignored; every other filter applies.

    >>> sites = pd.DataFrame({"id": ["a", "b", "c"], "complex_id": ["x", "x", "y"],
    ...     "program": ["p", "q", "p"], "industry": ["s", "s", "t"], "year": [2020, 2021, 2022],
    ...     "sido_code_moi": ["11", "11", "26"]})
    >>> option_counts(sites, View(programs=("q",)), "industries")
    {'s': 1}
    >>> option_counts(sites, View(programs=("q",)), "programs")
    {'p': 2, 'q': 1}
    """
    if field not in FILTER_COLUMNS:
        raise ValueError(f"Unknown list filter {field!r}; allowed: {', '.join(FILTER_COLUMNS)}")
    column = FILTER_COLUMNS[field]
    unchosen = replace(view, programs=()) if field == "programs" else replace(view, industries=())
    others = filter_sites(sites, unchosen)
    # two plain columns: grouping the whole (geo)frame cost ~70 ms a list on every rerun
    slim = pd.DataFrame({"option": others[column].to_numpy(), "complex": complex_keys(others)})
    counts = slim.dropna(subset=["option"]).drop_duplicates()["option"].value_counts()
    return {str(option): int(n) for option, n in counts.items()}


def narrowed_options(
    labels: Mapping[str, str], counts: Mapping[str, int], chosen: tuple[str, ...] | list[str]
) -> list[str]:
    """The option ids to offer, in the labels' order: those with a count, and the chosen.

    >>> narrowed_options({"a": "A", "b": "B", "c": "C"}, {"c": 2}, ["a"])
    ['a', 'c']
    """
    keep = {k for k, n in counts.items() if n > 0} | set(chosen)
    return [option for option in labels if option in keep]


def option_label(
    labels: Mapping[str, str], counts: Mapping[str, int], option: str, lang: str
) -> str:
    """An option's label in ``lang`` with its count: "반도체 (12)".

    >>> option_label({"semi": "반도체"}, {"semi": 12}, "semi", "ko")
    '반도체 (12)'
    >>> option_label({}, {}, "new", "en")
    'new (0)'
    """
    return t("option_count", lang, label=labels.get(option, option), n=counts.get(option, 0))
