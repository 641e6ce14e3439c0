"""Finding, verifying and downloading boundary files; the messages users see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.errors import BoundaryDataError
from geo.settings import SHARED_BOUNDARIES, Settings
from geo.sources import BOUNDARY_FILES, BoundaryFile, download, locate, sha256_of

SGG = BOUNDARY_FILES["sgg"]
SHARED_SGG = SHARED_BOUNDARIES / SGG.subdir / SGG.name


def settings(tmp_path: Path, boundaries: Path | None = None) -> Settings:
    return Settings(boundaries_dir=boundaries, cache_dir=tmp_path / "cache", offline=True)


@pytest.mark.integration  # copies a pinned file from ../shared
def test_explicit_folder_is_used_first(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(SHARED_SGG, folder / SGG.name)
    assert locate("sgg", settings(tmp_path, folder)) == folder / SGG.name


def test_explicit_folder_without_the_file_names_file_and_setting(tmp_path: Path) -> None:
    with pytest.raises(BoundaryDataError, match=r"skorea-municipalities.*KCA_BOUNDARIES_DIR"):
        locate("sgg", settings(tmp_path, tmp_path))


@pytest.mark.integration  # copies a pinned file from ../shared
def test_wrong_checksum_is_reported_with_both_checksums(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / SGG.name).write_bytes(SHARED_SGG.read_bytes().replace(b"Busan", b"Pusan", 1))
    with pytest.raises(BoundaryDataError, match=f"SHA-256.*expected {SGG.sha256}"):
        locate("sgg", settings(tmp_path, folder))


@pytest.mark.integration  # copies a pinned file from ../shared
def test_truncated_json_is_caught_before_reading(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / SGG.name).write_bytes(SHARED_SGG.read_bytes()[:1000])
    with pytest.raises(BoundaryDataError, match="corrupt"):
        locate("sgg", settings(tmp_path, folder))


def test_missing_everywhere_offline_gives_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.sources.SHARED_BOUNDARIES", tmp_path / "no-shared")
    with pytest.raises(BoundaryDataError) as info:
        locate("sgg", settings(tmp_path))
    text = str(info.value)
    assert "skorea-municipalities-2018-topo.json is missing" in text
    assert "user cache" in text and "KCA_OFFLINE" in text and "To fix" in text
    assert "Traceback" not in text


def test_unknown_key_names_allowed_values(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"allowed: .*sgg"):
        locate("counties", settings(tmp_path))


@pytest.mark.integration  # copies a pinned file from ../shared
def test_download_verifies_checksum_and_reports_progress(tmp_path: Path) -> None:
    spec = BoundaryFile(SGG.name, SGG.subdir, SGG.sha256, SHARED_SGG.as_uri())
    seen: list[int] = []
    dest = download(spec, tmp_path / "c" / SGG.name, lambda done, total: seen.append(done))
    assert sha256_of(dest) == SGG.sha256
    assert seen[-1] == SHARED_SGG.stat().st_size and len(seen) > 1


@pytest.mark.integration  # copies a pinned file from ../shared
def test_download_with_bad_checksum_leaves_nothing_behind(tmp_path: Path) -> None:
    spec = BoundaryFile(SGG.name, SGG.subdir, "0" * 64, SHARED_SGG.as_uri())
    with pytest.raises(BoundaryDataError, match="corrupt"):
        download(spec, tmp_path / "c" / SGG.name)
    assert list((tmp_path / "c").iterdir()) == []


def test_download_failure_is_a_clear_message(tmp_path: Path) -> None:
    spec = BoundaryFile(SGG.name, SGG.subdir, SGG.sha256, (tmp_path / "absent").as_uri())
    with pytest.raises(BoundaryDataError, match="Could not download"):
        download(spec, tmp_path / "c" / SGG.name)
