"""Choropleth classification and colours; regions without data stay "no data".

Quantiles and equal intervals are computed here with numpy, by mapclassify's own
definitions (the tests check both give the same breaks and classes); Fisher-Jenks
natural breaks come from mapclassify itself. Importing mapclassify pulls in
scipy.stats, scikit-learn and matplotlib (about 1.4 s), which would otherwise sit on
the path to the app's first map.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from branca.utilities import color_brewer

from layers.style import NO_DATA_COLOR, PALETTE


@dataclass(frozen=True)
class Breaks:
    """Upper bounds of the classes (``bins``) and each value's class (``yb``)."""

    bins: np.ndarray
    yb: np.ndarray


def _breaks(y: np.ndarray, bins: np.ndarray) -> Breaks:
    """Classes include their upper bound, as mapclassify's ``bin1d``."""
    return Breaks(bins, np.searchsorted(bins, y, side="left"))


def quantile_breaks(y: np.ndarray, k: int) -> Breaks:
    """Quantile classes as ``mapclassify.Quantiles`` (ties collapse classes).

    >>> quantile_breaks(np.arange(1000.0), 4).bins
    array([249.75, 499.5 , 749.25, 999.  ])
    """
    step = 100.0 / k
    pct = np.minimum(np.arange(step, 100 + step, step), 100.0)
    ordered = np.sort(y)
    return _breaks(y, np.unique([_score_at_percentile(ordered, p) for p in pct]))


def _score_at_percentile(ordered: np.ndarray, pct: float) -> float:
    """Linear interpolation between order statistics, in the arithmetic of
    ``scipy.stats.scoreatpercentile`` (which mapclassify uses), so ties collapse alike."""
    idx = pct / 100.0 * (len(ordered) - 1)
    i = int(idx)
    if i == idx:
        return float(ordered[i])
    weights = np.array([(i + 1) - idx, idx - i])
    return float(np.add.reduce(ordered[i : i + 2] * weights) / weights.sum())


def equal_interval_breaks(y: np.ndarray, k: int) -> Breaks:
    """Equal-width classes from the minimum to the maximum, as ``mapclassify.EqualInterval``.

    >>> equal_interval_breaks(np.array([0.0, 1.0, 10.0]), 2).bins
    array([ 5., 10.])
    """
    low, high = float(np.min(y)), float(np.max(y))
    width = (high - low) / k
    cuts = np.arange(low + width, high + width, width)[:k] if width else np.array([high])
    cuts[-1] = high
    return _breaks(y, cuts)


def natural_breaks(y: np.ndarray, k: int) -> Breaks:
    """Fisher-Jenks natural breaks from mapclassify (imported on first use)."""
    with warnings.catch_warnings():
        # without numba mapclassify falls back to pure Python: fast enough for 250 regions
        warnings.filterwarnings("ignore", message="Numba not installed")
        result = importlib.import_module("mapclassify").FisherJenks(y, k=k)
    return Breaks(np.asarray(result.bins), np.asarray(result.yb))


@dataclass(frozen=True)
class Scheme:
    """A named classification scheme; ``label_key`` names it in the label catalogue."""

    label_key: str
    make: Callable[[np.ndarray, int], Breaks]

    def label(self, lang: str) -> str:
        """The scheme's name in ``lang``."""
        from layers.i18n import t

        return t(self.label_key, lang)


CLASSIFIERS: dict[str, Scheme] = {
    "quantiles": Scheme("scheme_quantiles", quantile_breaks),
    "natural_breaks": Scheme("scheme_natural_breaks", natural_breaks),
    "equal_interval": Scheme("scheme_equal_interval", equal_interval_breaks),
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


def unique_value_classes(known: pd.Series) -> tuple[list[tuple[float, float]], np.ndarray]:
    """One class per distinct value, named by that value.

    >>> unique_value_classes(pd.Series([3.0, 1.0, 3.0]))
    ([(1.0, 1.0), (3.0, 3.0)], array([1, 0, 1]))
    """
    distinct = np.unique(known.to_numpy())
    return [(float(v), float(v)) for v in distinct], np.searchsorted(distinct, known.to_numpy())


def data_bounds(known: pd.Series, yb: np.ndarray) -> tuple[list[tuple[float, float]], np.ndarray]:
    """Each non-empty class's smallest and largest *actual* value, and the classes renumbered
    without the empty ones: a legend never shows an interpolated bound no region has.

    >>> data_bounds(pd.Series([1.0, 2.0, 9.0]), np.array([0, 0, 2]))
    ([(1.0, 2.0), (9.0, 9.0)], array([0, 0, 1]))
    """
    y = known.to_numpy()
    used = np.unique(yb)
    bounds = [(float(y[yb == c].min()), float(y[yb == c].max())) for c in used]
    return bounds, np.searchsorted(used, yb)


def classify(values: pd.Series, scheme: str = "quantiles", k: int = 5) -> Classes:
    """Classify region values into ``k`` classes (fewer when values are few).

    With at most ``k`` distinct values, each value is its own class. Otherwise the
    scheme decides which values go together, and each class is labelled by the smallest
    and largest value in it (never an interpolated break no region has).

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
    if known.nunique() <= k:
        bounds, yb = unique_value_classes(known)
    else:
        with warnings.catch_warnings():
            # Fisher-Jenks lowers k itself on ties, and says so each time
            warnings.filterwarnings("ignore", message="Not enough unique values")
            result = spec.make(known.to_numpy(), k)
        bounds, yb = data_bounds(known, np.asarray(result.yb))
    colors = sequential_colors(len(bounds))
    assigned = pd.Series([colors[i] for i in yb], index=known.index, dtype=object)
    color_of = assigned.reindex(values.index).fillna(NO_DATA_COLOR)
    return Classes(bounds, colors, color_of)
