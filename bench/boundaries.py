"""Benchmarks of the boundary layers: payload size, display fidelity, load time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from bench.common import (
    RUNS,
    Row,
    median,
    num,
    prepared_settings,
    private_dir,
    rounded,
    seconds,
    settings_for,
)
from geo import boundaries as geo_boundaries
from geo.boundaries import LEVELS, load_boundaries, load_topojson
from geo.repair import METRIC_CRS
from geo.settings import PROJECT_ROOT, Settings

DECODER_JS = PROJECT_ROOT / "layers" / "static" / "topojson_decode.js"
"""JS TopoJSON decoder the app ships with the map data (counted when present)."""

PAYLOAD_TARGETS: dict[str, float] = {"sgg": 20.0, "emd": 10.0}
"""Minimum ratio of ``GeoDataFrame.explore()`` bytes to app bytes, per level."""

MAX_HAUSDORFF_MEDIAN_M = 150.0
MAX_AREA_ERR_P99 = 0.01
MAX_WARM_S = 1.0


# --- boundary_payload ---------------------------------------------------------------------


def decoder_bytes(path: Path = DECODER_JS) -> int:
    """Size of the JS decoder shipped with the TopoJSON, 0 when it does not exist yet."""
    return path.stat().st_size if path.is_file() else 0


def topojson_coords(text: str) -> int:
    """Number of positions in the arcs of a TopoJSON text (shared borders count once)."""
    return sum(len(arc) for arc in json.loads(text)["arcs"])


def explore_bytes(gdf: gpd.GeoDataFrame) -> int:
    """Bytes of the HTML page ``gdf.explore()`` renders (the naive way to map a frame)."""
    return len(gdf.explore().get_root().render().encode())


def payload_row(level: str, settings: Settings) -> Row:
    """Compare the app's map data of a level with ``explore()`` of the full geometry.

    Parameters
    ----------
    level : {"sgg", "emd"}
        A level of :data:`PAYLOAD_TARGETS`.
    settings : Settings
        A private, prepared cache.

    Returns
    -------
    Row
        level, app_bytes (TopoJSON plus decoder), explore_bytes, ratio, target, ok and
        the coordinate counts app_coords and explore_coords.
    """
    topo = load_topojson(level, settings)
    decoder = decoder_bytes()
    app = len(topo.encode("utf-8")) + decoder
    full = load_boundaries(level, "full", settings)
    explore = explore_bytes(full)
    ratio = explore / app
    target = PAYLOAD_TARGETS[level]
    return {
        "name": "boundary_payload",
        "level": level,
        "app_bytes": app,
        "explore_bytes": explore,
        "ratio": round(ratio, 2),
        "target": target,
        "ok": bool(ratio >= target),
        "app_coords": topojson_coords(topo),
        "explore_coords": int(shapely.get_num_coordinates(full.geometry.values).sum()),
        "decoder_bytes": decoder,
    }


def boundary_payload() -> list[Row]:
    """Bytes the app sends per layer against ``explore()`` of the same regions, unsimplified.

    Returns
    -------
    list of Row
        One row per level of :data:`PAYLOAD_TARGETS`.
    """
    with prepared_settings() as settings:
        return [payload_row(level, settings) for level in PAYLOAD_TARGETS]


# --- boundary_fidelity --------------------------------------------------------------------


def aligned_metric(
    display: gpd.GeoDataFrame, full: gpd.GeoDataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Display and full geometry of the same regions, row by row, in EPSG:5179.

    Regions missing from ``full`` get a None geometry (so their measures are NaN).
    """
    matched = full.set_index("code").reindex(display["code"])
    full_geoms = gpd.GeoSeries(matched.geometry.values, crs=full.crs).to_crs(METRIC_CRS)
    return display.to_crs(METRIC_CRS).geometry.values, full_geoms.values


def coverage_valid(geoms: np.ndarray) -> bool:
    """True when every geometry is valid and together they form a valid coverage."""
    return bool(shapely.is_valid(geoms).all()) and bool(shapely.coverage_is_valid(geoms))


def fidelity_row(level: str, settings: Settings) -> Row:
    """Display geometry of one level against its full geometry, region by region.

    Parameters
    ----------
    level : {"sido", "sgg", "emd"}
    settings : Settings
        A private, prepared cache.

    Returns
    -------
    Row
        Hausdorff distance (m) median and max, relative area error median and 99th
        percentile, valid_coverage (checked on the display geometry as shipped, in
        EPSG:4326), n and ok.
    """
    display = load_boundaries(level, "display", settings)
    full = load_boundaries(level, "full", settings)
    shown, truth = aligned_metric(display, full)
    hausdorff = shapely.hausdorff_distance(shown, truth)
    full_area = shapely.area(truth)
    area_err = np.abs(shapely.area(shown) - full_area) / full_area
    valid = coverage_valid(display.geometry.values)
    haus_median = float(np.median(hausdorff))
    err_p99 = float(np.percentile(area_err, 99))
    return {
        "name": "boundary_fidelity",
        "level": level,
        "hausdorff_median_m": num(haus_median, 1),
        "hausdorff_max_m": num(float(np.max(hausdorff)), 1),
        "area_err_median": num(float(np.median(area_err)), 6),
        "area_err_p99": num(err_p99, 6),
        "valid_coverage": valid,
        "n": len(display),
        "ok": bool(haus_median <= MAX_HAUSDORFF_MEDIAN_M and err_p99 <= MAX_AREA_ERR_P99 and valid),
    }


def boundary_fidelity() -> list[Row]:
    """How far the simplified display boundaries stray from the repaired full ones.

    Returns
    -------
    list of Row
        One row per level.
    """
    with prepared_settings() as settings:
        return [fidelity_row(level, settings) for level in LEVELS]


# --- boundary_load ------------------------------------------------------------------------

_CHILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from geo.boundaries import load_boundaries
from geo.settings import Settings
imported = time.perf_counter()
settings = Settings(boundaries_dir=None, cache_dir=Path(sys.argv[1]), offline=True)
for level in sys.argv[2:]:
    load_boundaries(level, "display", settings)
done = time.perf_counter()
print(json.dumps({"import_s": imported - start, "load_s": done - imported}))
"""


def forget_memos() -> None:
    """Clear any in-process memo of the boundary loaders, so a warm run reads the files."""
    for fn in (geo_boundaries.load_boundaries, geo_boundaries.load_topojson):
        clear = getattr(fn, "cache_clear", None)
        if callable(clear):
            clear()


def load_all(settings: Settings) -> None:
    """Load the display boundaries of every level, as the app does on start."""
    forget_memos()
    for level in LEVELS:
        load_boundaries(level, "display", settings)


def cold_run(cache_dir: Path) -> float:
    """Seconds to load every level into a cache folder that does not exist yet."""
    if cache_dir.exists():
        raise FileExistsError(f"cold run needs a fresh cache, {cache_dir} exists")
    settings = settings_for(cache_dir)
    return seconds(lambda: load_all(settings))


def warm_in_subprocess(settings: Settings) -> tuple[float, float]:
    """Load every level from a prepared cache in a fresh Python process.

    Returns
    -------
    import_s, load_s : float
        Seconds to import ``geo.boundaries`` and to load the levels, timed in the child
        (interpreter start-up excluded).
    """
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(settings.cache_dir), *LEVELS],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return float(times["import_s"]), float(times["load_s"])


def boundary_load() -> list[Row]:
    """Time to load the display boundaries of all levels, cold and warm.

    Cold: a fresh, empty cache each run (read, repair, simplify, write, read back).
    Warm: the cache of the last cold run, in this process and in fresh processes.

    Returns
    -------
    list of Row
        One row: medians cold_s, warm_s, warm_subprocess_s (and the import time of
        the child, warm_subprocess_import_s), every run, and ok (warm_s below 1 s).
    """
    with private_dir() as base:
        cold = [cold_run(base / f"cold-{run}") for run in range(RUNS)]
        warm_settings = settings_for(base / f"cold-{RUNS - 1}")
        warm = [seconds(lambda: load_all(warm_settings)) for _ in range(RUNS)]
        child = [warm_in_subprocess(warm_settings) for _ in range(RUNS)]
    warm_s = median(warm)
    return [
        {
            "name": "boundary_load",
            "cold_s": num(median(cold), 3),
            "warm_s": num(warm_s, 3),
            "warm_subprocess_s": num(median([load for _, load in child]), 3),
            "warm_subprocess_import_s": num(median([imp for imp, _ in child]), 3),
            "cold_runs": rounded(cold),
            "warm_runs": rounded(warm),
            "warm_subprocess_runs": rounded([load for _, load in child]),
            "ok": warm_s < MAX_WARM_S,
        }
    ]
