"""Helpers shared by every benchmark group: private caches, timing, medians, JSON numbers."""

from __future__ import annotations

import math
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from geo.boundaries import prepare
from geo.settings import Settings

Row = dict[str, object]
"""One JSON line of output; every row has a ``"name"`` key."""

Benchmark = Callable[[], list[Row]]
"""A registered benchmark: runs everything it compares and returns its rows."""

RUNS = 5
"""Repetitions of every timing; the median is reported."""


def settings_for(cache_dir: Path) -> Settings:
    """Offline settings with the given cache, reading the shared boundary files.

    Parameters
    ----------
    cache_dir : Path
        Cache folder, private to the benchmark.

    Returns
    -------
    Settings
        Independent of the environment and ``atlas.toml``.
    """
    return Settings(boundaries_dir=None, cache_dir=cache_dir, offline=True)


@contextmanager
def private_dir() -> Iterator[Path]:
    """A fresh temporary folder, deleted with its content on exit.

    Yields
    ------
    Path
    """
    with tempfile.TemporaryDirectory(prefix="kca-bench-") as tmp:
        yield Path(tmp)


@contextmanager
def private_settings() -> Iterator[Settings]:
    """Settings with a fresh, empty temporary cache, deleted on exit.

    Yields
    ------
    Settings
        Never the user's cache.
    """
    with private_dir() as tmp:
        yield settings_for(tmp)


@contextmanager
def prepared_settings() -> Iterator[Settings]:
    """Like :func:`private_settings`, with all levels prepared into the cache.

    Yields
    ------
    Settings
    """
    with private_settings() as settings:
        prepare(settings)
        yield settings


def seconds(fn: Callable[[], object]) -> float:
    """Wall-clock seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    """Median of a non-empty sequence."""
    return float(statistics.median(values))


def num(value: float, digits: int) -> float | None:
    """``value`` rounded for JSON; None when it is NaN or infinite."""
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


def rounded(values: Sequence[float], digits: int = 3) -> list[float | None]:
    """Every value of a sequence passed through :func:`num`."""
    return [num(v, digits) for v in values]
