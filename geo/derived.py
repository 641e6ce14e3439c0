"""Placed sites and Busan belts, cached in the user cache next to the boundaries.

Placing the records (one marker per complex and municipality; spatial joins on the full
municipality and 읍면동 geometry) and dissolving the belts from full sub-municipality
geometry take most of a cold start. Their
results depend only on the record files, the prepared boundaries and this code, so
they are kept as GeoParquet under a key made of all three; any change rebuilds them,
and so does a cache file that cannot be read back (truncated, damaged: one log warning).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import geopandas as gpd

from geo import belts as belts_module
from geo import fields as fields_module
from geo import placement as placement_module
from geo import tables as tables_module
from geo.atomic import write_with
from geo.belts import build_belts, display_belts
from geo.boundaries import CACHE_READ_ERRORS, cache_paths, load_boundaries
from geo.placement import place_records
from geo.records import Records
from geo.settings import Settings, load_settings

log = logging.getLogger(__name__)

INPUT_FILES = (
    "complexes.csv",
    "designations.csv",
    "busan_belts.csv",
    "busan_belt_areas.csv",
    "admin_name_aliases.csv",
)
"""Record files the placed sites and belts are built from."""
CODE = (fields_module, placement_module, tables_module, belts_module)
"""Modules whose source is part of the cache key."""


def derived_key(settings: Settings, data_dir: Path | None = None) -> str:
    """Hash of the inputs: prepared-boundary folder, record files and placement code."""
    digest = hashlib.sha256(cache_paths("sgg", settings)["full"].parent.name.encode())
    folder = data_dir or settings.data_dir
    for name in INPUT_FILES:
        path = folder / name
        digest.update(name.encode() + (path.read_bytes() if path.exists() else b""))
    for module in CODE:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def _build(recs: Records, settings: Settings) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    sgg_full = load_boundaries("sgg", "full", settings)
    emd_full = load_boundaries("emd", "full", settings)
    sites, _problems = place_records(recs.clusters, sgg_full, emd=emd_full)
    belts = display_belts(build_belts(recs.belts, recs.belt_areas, sgg_full, emd_full))
    return sites, belts


def placed_sites_and_belts(
    recs: Records, settings: Settings | None = None, data_dir: Path | None = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The records placed on the map and the display belts, from the cache when fresh.

    Parameters
    ----------
    recs : Records
        From ``geo.records.load_records(data_dir)``.
    settings : Settings, optional
    data_dir : Path, optional
        The folder ``recs`` was read from (part of the cache key); by default the
        settings' ``data_dir``.

    Returns
    -------
    sites, belts : geopandas.GeoDataFrame
        As ``place_records`` and ``display_belts`` return them.
    """
    settings = settings or load_settings()
    base = settings.cache_dir / "derived" / derived_key(settings, data_dir)
    paths = (base / "sites.parquet", base / "belts.parquet")
    cached = _read_cached(paths)
    if cached is not None:
        return cached
    sites, belts = _build(recs, settings)
    for frame, path in zip((sites, belts), paths, strict=True):
        write_with(path, frame.to_parquet)
    log.info("placed sites and belts cached in %s", base)
    return sites, belts


def _read_cached(
    paths: tuple[Path, Path],
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame] | None:
    """Both cached frames, or None when one is missing or damaged (then it is rebuilt)."""
    if not all(p.exists() for p in paths):
        return None
    try:
        return gpd.read_parquet(paths[0]), gpd.read_parquet(paths[1])
    except CACHE_READ_ERRORS as exc:
        log.warning("placed-sites cache was damaged (%s); rebuilding it", type(exc).__name__)
        return None
