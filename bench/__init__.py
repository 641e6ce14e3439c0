"""Benchmarks of the atlas, run with ``python -m bench [NAME ...]``.

Each benchmark is a function returning a list of rows (dicts with a ``"name"`` key);
the command prints each row as one JSON line. Benchmarks use a private temporary
cache (never the user's), measure everything they compare in the same run and report
medians. One module per group (``bench/boundaries.py``, ...); register new
benchmarks in :data:`BENCHMARKS` as ``"module:function"``. A benchmark's module is
imported only when it runs, so listing the names needs neither a browser driver nor
the heavy exports.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from bench.common import Benchmark, Row


class LazyBenchmarks(Mapping[str, Benchmark]):
    """Benchmark names mapped to ``"module:function"``, imported on first use.

    >>> LazyBenchmarks({"x": "bench.common:median"})["x"]([3.0, 1.0, 2.0])
    2.0
    """

    def __init__(self, targets: dict[str, str]) -> None:
        self._targets = targets

    def __getitem__(self, name: str) -> Benchmark:
        module, _, function = self._targets[name].partition(":")
        bench: Benchmark = getattr(importlib.import_module(module), function)
        return bench

    def __iter__(self) -> Iterator[str]:
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


BENCHMARKS = LazyBenchmarks(
    {
        "boundary_payload": "bench.boundaries:boundary_payload",
        "boundary_fidelity": "bench.boundaries:boundary_fidelity",
        "boundary_load": "bench.boundaries:boundary_load",
        "app_rerun": "bench.app:app_rerun",
        "app_payload": "bench.app:app_payload",
        "app_first_map": "bench.first_map:app_first_map",
        "app_soak": "bench.soak:app_soak",
        "export_png": "bench.exports:export_png",
        "export_html": "bench.exports:export_html",
        "app_load": "bench.load:app_load",
    }
)
"""Named benchmarks, in the order ``python -m bench`` runs them."""

__all__ = ["BENCHMARKS", "Benchmark", "LazyBenchmarks", "Row"]
