"""Quantiles and equal intervals computed with numpy give mapclassify's own classes."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import mapclassify
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.classify import (
    NO_DATA_COLOR,
    Breaks,
    classify,
    equal_interval_breaks,
    natural_breaks,
    quantile_breaks,
)

VALUES = st.lists(
    st.one_of(
        st.integers(0, 30).map(float),
        st.floats(0, 1e13, allow_nan=False, allow_infinity=False, allow_subnormal=False),
    ),
    min_size=2,
    max_size=300,
).filter(lambda v: len(set(v)) >= 2)


def reference(make: type, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = make(y, k=k)
    return np.asarray(result.bins), np.asarray(result.yb)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(quantile_breaks, mapclassify.Quantiles), (equal_interval_breaks, mapclassify.EqualInterval)],
    ids=["quantiles", "equal_interval"],
)
@settings(max_examples=300, deadline=None)
@given(values=VALUES, k=st.integers(2, 7))
def test_numpy_schemes_match_mapclassify(
    ours: Callable[[np.ndarray, int], Breaks], theirs: type, values: list[float], k: int
) -> None:
    y = np.array(values)
    bins, yb = reference(theirs, y, k)
    result = ours(y, k)
    np.testing.assert_allclose(result.bins, bins, rtol=1e-12)
    np.testing.assert_array_equal(result.yb, yb)


def test_natural_breaks_are_mapclassify_fisher_jenks() -> None:
    y = np.array([1.0, 2, 2, 3, 10, 11, 12, 40, 41, 42])
    bins, yb = reference(mapclassify.FisherJenks, y, 3)
    ours = natural_breaks(y, 3)
    np.testing.assert_array_equal(ours.bins, bins)
    np.testing.assert_array_equal(ours.yb, yb)
    assert list(ours.bins) == [3.0, 12.0, 42.0]


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_missing_values_are_no_data_never_a_class(scheme: str) -> None:
    values = pd.Series([1.0, None, 5.0, 9.0, None, 20.0], index=list("abcdef"))
    classes = classify(values, scheme, k=3)
    assert classes.color_of["b"] == classes.color_of["e"] == NO_DATA_COLOR
    assert NO_DATA_COLOR not in classes.colors
    assert classes.color_of["a"] == classes.colors[0]
    assert classes.color_of["f"] == classes.colors[-1]
