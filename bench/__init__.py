"""Benchmarks of the atlas, run with ``python -m bench [NAME ...]``.

Each benchmark is a function returning a list of rows (dicts with a ``"name"`` key);
the command prints each row as one JSON line. Benchmarks use a private temporary
cache (never the user's), measure everything they compare in the same run and report
medians. One module per group (``bench/boundaries.py``, ...); register new
benchmarks in :data:`BENCHMARKS`.
"""

from __future__ import annotations

from bench.app import app_payload, app_rerun
from bench.boundaries import boundary_fidelity, boundary_load, boundary_payload
from bench.common import Benchmark, Row
from bench.exports import export_html, export_png
from bench.first_map import app_first_map
from bench.soak import app_soak

BENCHMARKS: dict[str, Benchmark] = {
    "boundary_payload": boundary_payload,
    "boundary_fidelity": boundary_fidelity,
    "boundary_load": boundary_load,
    "app_rerun": app_rerun,
    "app_payload": app_payload,
    "app_first_map": app_first_map,
    "app_soak": app_soak,
    "export_png": export_png,
    "export_html": export_html,
}
"""Named benchmarks, in the order ``python -m bench`` runs them."""

__all__ = ["BENCHMARKS", "Benchmark", "Row"]
