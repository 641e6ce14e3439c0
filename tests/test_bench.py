"""The benchmark command: name checking, output format, and every registered benchmark
run on a tiny fake coverage (the real data is only used by ``python -m bench``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

import bench.boundaries
import bench.common
from bench import BENCHMARKS
from bench.__main__ import main
from geo.settings import PROJECT_ROOT, Settings

TOPO = json.dumps({"type": "Topology", "arcs": [[[0, 0], [1, 0]], [[1, 0], [1, 1], [0, 1]]]})


def fake_boundaries(
    level: str, detail: str = "display", settings: Settings | None = None
) -> gpd.GeoDataFrame:
    """Two neighbouring squares near Seoul; display ones slightly shrunk."""
    shift = 0.0005 if detail == "display" else 0.0
    squares = [
        shapely.box(127.0 + i * 0.01, 37.5, 127.01 + i * 0.01, 37.51 - shift) for i in (0, 1)
    ]
    return gpd.GeoDataFrame(
        {"level": level, "code": ["1", "2"], "name_ko": ["가", "나"]},
        geometry=squares,
        crs="EPSG:4326",
    )


@pytest.fixture
def fake_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.common, "prepare", lambda settings: {})
    monkeypatch.setattr(bench.boundaries, "load_boundaries", fake_boundaries)
    monkeypatch.setattr(bench.boundaries, "load_topojson", lambda level, settings: TOPO)
    monkeypatch.setattr(bench.boundaries, "warm_in_subprocess", lambda settings: (0.5, 0.1))
    monkeypatch.setattr(bench.boundaries, "RUNS", 2)


def test_unknown_name_exits_2_listing_allowed_names() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "nope"],
        cwd=PROJECT_ROOT,
        check=False,  # the exit code is what the test asserts
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "nope" in done.stderr
    assert all(name in done.stderr for name in BENCHMARKS)
    assert done.stdout == ""


def test_main_prints_one_json_object_per_row(capsys: pytest.CaptureFixture[str]) -> None:
    registry = {"a": lambda: [{"name": "a", "x": 1}, {"name": "a", "x": 2}], "b": list}
    assert main([], registry) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [{"name": "a", "x": 1}, {"name": "a", "x": 2}]


@pytest.mark.parametrize("name", [n for n in BENCHMARKS if n.startswith("boundary_")])
def test_registered_benchmarks_return_named_json_rows(name: str, fake_data: None) -> None:
    rows = BENCHMARKS[name]()
    assert rows
    for row in rows:
        assert isinstance(row, dict) and row["name"] == name
        assert isinstance(row["ok"], bool)
        json.dumps(row, allow_nan=False)


def test_fidelity_of_fake_squares(fake_data: None, tmp_path: Path) -> None:
    row = bench.boundaries.fidelity_row("sgg", bench.common.settings_for(tmp_path))
    assert row["n"] == 2 and row["valid_coverage"] is True
    assert 50 < float(str(row["hausdorff_median_m"])) < 60  # 0.0005° of latitude is about 55 m
    assert row["area_err_median"] == pytest.approx(0.05, abs=1e-3)
