"""Where the atlas finds its boundary files and keeps its cache.

Settings come from, in this order: environment variables, then a TOML config file
(``atlas.toml`` in the project root, or the file named by ``KCA_CONFIG``), then
defaults. See the README's "Configuration" section.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_BOUNDARIES = PROJECT_ROOT.parent / "shared" / "boundaries"
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
"""The record files that ship with the atlas."""

ENV_BOUNDARIES_DIR = "KCA_BOUNDARIES_DIR"
ENV_CACHE_DIR = "KCA_CACHE_DIR"
ENV_OFFLINE = "KCA_OFFLINE"
ENV_CONFIG = "KCA_CONFIG"
ENV_TILE_URL = "KCA_TILE_URL"
ENV_TILE_ATTRIBUTION = "KCA_TILE_ATTRIBUTION"
ENV_DATA_DIR = "KCA_DATA_DIR"
ENV_BOUNDARY_SOURCE = "KCA_BOUNDARY_SOURCE"
ENV_SHARED_BOUNDARIES = "KCA_SHARED_BOUNDARIES"
BOUNDARY_SOURCE_CHOICES = ("auto", "pinned", "package")
"""``auto``: the pinned 2018 files when they are found on this machine, else the installed
package's 2020 boundaries; ``pinned``: the files only (downloaded when missing and
allowed); ``package``: the package only."""


@dataclass(frozen=True)
class Settings:
    """Resolved settings.

    Attributes
    ----------
    boundaries_dir : Path or None
        Folder set explicitly by the user; it must hold the boundary files.
    cache_dir : Path
        User cache for downloaded files and prepared (simplified) boundaries.
    offline : bool
        When true, never try to download.
    tile_url : str or None
        A tile server the user may pick as basemap (e.g. a closed network's own),
        as a Leaflet URL template ``https://host/{z}/{x}/{y}.png``.
    tile_attribution : str
        Attribution shown with those tiles.
    data_dir : Path
        Folder of the record files (clusters.csv, programs.csv, …); the bundled
        ``data/`` unless ``KCA_DATA_DIR`` or ``data_dir`` names another.
    """

    boundaries_dir: Path | None
    cache_dir: Path
    offline: bool
    tile_url: str | None = None
    tile_attribution: str = ""
    data_dir: Path = BUNDLED_DATA_DIR
    boundary_source: str = "auto"
    """One of :data:`BOUNDARY_SOURCE_CHOICES`."""
    shared_boundaries: bool = True
    """Look in ``../shared/boundaries/`` (``KCA_SHARED_BOUNDARIES=0`` turns it off)."""


def _config_file() -> dict[str, object]:
    path = Path(os.environ.get(ENV_CONFIG, PROJECT_ROOT / "atlas.toml"))
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "korea-cluster-atlas"


def load_settings() -> Settings:
    """Read settings from the environment and the config file.

    Returns
    -------
    Settings
    """
    config = _config_file()
    boundaries = os.environ.get(ENV_BOUNDARIES_DIR) or config.get("boundaries_dir")
    cache = os.environ.get(ENV_CACHE_DIR) or config.get("cache_dir")
    offline_env = os.environ.get(ENV_OFFLINE)
    offline = offline_env == "1" if offline_env is not None else bool(config.get("offline", False))
    tile_url = os.environ.get(ENV_TILE_URL) or config.get("tile_url")
    attribution = os.environ.get(ENV_TILE_ATTRIBUTION) or config.get("tile_attribution", "")
    data_dir = os.environ.get(ENV_DATA_DIR) or config.get("data_dir")
    source = str(os.environ.get(ENV_BOUNDARY_SOURCE) or config.get("boundary_source", "auto"))
    if source not in BOUNDARY_SOURCE_CHOICES:
        raise ValueError(
            f"Unknown boundary source {source!r} ({ENV_BOUNDARY_SOURCE} / boundary_source); "
            f"allowed: {', '.join(BOUNDARY_SOURCE_CHOICES)}"
        )
    shared_env = os.environ.get(ENV_SHARED_BOUNDARIES)
    shared = shared_env != "0" if shared_env is not None else bool(config.get("shared", True))
    return Settings(
        boundaries_dir=Path(str(boundaries)).expanduser() if boundaries else None,
        cache_dir=Path(str(cache)).expanduser() if cache else _default_cache_dir(),
        offline=offline,
        tile_url=str(tile_url) if tile_url else None,
        tile_attribution=str(attribution),
        data_dir=Path(str(data_dir)).expanduser() if data_dir else BUNDLED_DATA_DIR,
        boundary_source=source,
        shared_boundaries=shared,
    )
