"""Choropleth classification (mapclassify) and colours; regions without data stay "no data"."""

from __future__ import annotations

import importlib
import itertools
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from branca.utilities import color_brewer

if TYPE_CHECKING:
    import mapclassify

warnings.filterwarnings("ignore", message="Numba not installed", module="mapclassify")

NO_DATA_COLOR = "#d9d9d9"
PALETTE = "YlGnBu"  # ColorBrewer sequential, colour-blind safe


def _mapclassify() -> ModuleType:
    """mapclassify, imported on first use: it pulls in scipy.stats and scikit-learn
    (about 1.3 s), which the app warms in the background while it loads its data."""
    return importlib.import_module("mapclassify")


@dataclass(frozen=True)
class Scheme:
    """A named classification scheme."""

    label_en: str
    label_ko: str
    make: Callable[[np.ndarray, int], mapclassify.classifiers.MapClassifier]


CLASSIFIERS: dict[str, Scheme] = {
    "quantiles": Scheme("Quantiles", "분위수", lambda y, k: _mapclassify().Quantiles(y, k=k)),
    "natural_breaks": Scheme(
        "Natural breaks (Jenks)",
        "자연적 구분(Jenks)",
        lambda y, k: _mapclassify().FisherJenks(y, k=k),
    ),
    "equal_interval": Scheme(
        "Equal interval", "등간격", lambda y, k: _mapclassify().EqualInterval(y, k=k)
    ),
}
"""Classification schemes offered to users, by id (the URL and CLI use the id)."""


@dataclass(frozen=True)
class Classes:
    """Result of classifying region values.

    Attributes
    ----------
    bounds : list of (low, high)
        Value range of each class, low to high.
    colors : list of str
        Hex colour of each class.
    color_of : pandas.Series
        Colour per region (index as the values given); NaN values get NO_DATA_COLOR.
    """

    bounds: list[tuple[float, float]]
    colors: list[str]
    color_of: pd.Series


def sequential_colors(k: int) -> list[str]:
    """``k`` colours of the sequential palette, light to dark."""
    full = color_brewer(PALETTE, max(k, 3))
    return full[-k:] if k < 3 else full


def check_scheme(scheme: str) -> Scheme:
    """Return the scheme or raise a ValueError naming the allowed ids."""
    if scheme not in CLASSIFIERS:
        raise ValueError(f"Unknown classification {scheme!r}; allowed: {', '.join(CLASSIFIERS)}")
    return CLASSIFIERS[scheme]


def classify(values: pd.Series, scheme: str = "quantiles", k: int = 5) -> Classes:
    """Classify region values into ``k`` classes (fewer when values are few).

    Parameters
    ----------
    values : pandas.Series
        One value per region; NaN means no data (drawn as "no data", never as zero).
    scheme : str
        A key of ``CLASSIFIERS``.
    k : int
        Wanted number of classes.

    Returns
    -------
    Classes
    """
    spec = check_scheme(scheme)
    known = values.dropna().astype(float)
    if known.empty:
        return Classes([], [], pd.Series(NO_DATA_COLOR, index=values.index))
    k = max(1, min(k, known.nunique()))
    if k == 1:
        bounds = [(float(known.min()), float(known.max()))]
        yb = np.zeros(len(known), dtype=int)
    else:
        with warnings.catch_warnings():
            # few distinct values: mapclassify lowers k itself, and says so each time
            warnings.filterwarnings("ignore", message="Not enough unique values")
            result = spec.make(known.to_numpy(), k)
        edges = [float(known.min()), *map(float, result.bins)]
        bounds = list(itertools.pairwise(edges))
        yb = np.asarray(result.yb)
    colors = sequential_colors(len(bounds))
    assigned = pd.Series([colors[i] for i in yb], index=known.index, dtype=object)
    color_of = assigned.reindex(values.index).fillna(NO_DATA_COLOR)
    return Classes(bounds, colors, color_of)
