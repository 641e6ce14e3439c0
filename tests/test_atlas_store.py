"""The assembled atlas stored in the cache folder (``layers.atlas_store``): read at a
start when nothing it came from changed, built again (and checked again) otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.records import DataFileError
from geo.settings import PROJECT_ROOT, Settings
from geo.tables import Problem
from layers.atlas import AtlasData, data_version
from layers.atlas_store import CODE_DIRS, atlas_key, store_path, stored_atlas
from tests import tiny


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private cache and a copy of the project's record files."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("designations.csv", "complexes.csv", "programs.csv"):
        shutil.copy(PROJECT_ROOT / "data" / name, data / name)
    return Settings(boundaries_dir=None, cache_dir=tmp_path / "cache", offline=True, data_dir=data)


class Builder:
    """Builds the tiny atlas and counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> AtlasData:
        self.calls += 1
        return tiny.atlas()


def test_a_second_start_reads_the_stored_atlas_without_building(settings: Settings) -> None:
    build = Builder()
    first = stored_atlas(settings, build)
    second = stored_atlas(settings, build)
    assert build.calls == 1
    assert second is not first and data_version(second) == data_version(first)


def test_a_changed_record_file_builds_again_and_keeps_one_stored_atlas(
    settings: Settings,
) -> None:
    build = Builder()
    stored_atlas(settings, build)
    before = atlas_key(settings)
    path = settings.data_dir / "programs.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert atlas_key(settings) != before
    stored_atlas(settings, build)
    assert build.calls == 2
    assert list(store_path(settings, before).parent.glob("atlas-*.pickle")) == [
        store_path(settings, atlas_key(settings))
    ]
    changed = atlas_key(settings)
    (settings.data_dir / "sources").mkdir()
    (settings.data_dir / "sources" / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert atlas_key(settings) != changed  # a table in a sub-folder is an input too


def test_changed_code_changes_the_key(settings: Settings, tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    (code / "build.py").write_text("X = 1\n", encoding="utf-8")
    before = atlas_key(settings, [code])
    (code / "build.py").write_text("X = 2\n", encoding="utf-8")
    assert atlas_key(settings, [code]) != before
    assert PROJECT_ROOT / "layers" in CODE_DIRS  # the atlas's own builders are in the key


@pytest.mark.parametrize("damage", [b"", b"\x80\x05not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_stored_atlas_is_built_again_not_an_error(
    settings: Settings, damage: bytes
) -> None:
    build = Builder()
    stored_atlas(settings, build)
    path = store_path(settings, atlas_key(settings))
    path.write_bytes(damage)  # empty, not a pickle, a pickle of something else
    data = stored_atlas(settings, build)
    assert build.calls == 2 and isinstance(data, AtlasData)
    stored_atlas(settings, build)
    assert build.calls == 2  # stored again, whole


def test_a_damaged_record_file_raises_and_stores_nothing(settings: Settings) -> None:
    def broken() -> AtlasData:
        raise DataFileError(
            settings.data_dir, [Problem("designations.csv", 3, "program", "empty", "비어 있음")]
        )

    with pytest.raises(DataFileError, match=r"designations\.csv"):
        stored_atlas(settings, broken)
    assert not store_path(settings, atlas_key(settings)).exists()


def test_records_are_read_only_when_the_atlas_is_built(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import layers.atlas_store as store

    reads: list[int] = []

    def read() -> object:
        reads.append(1)
        return "records"

    seen: list[object] = []

    def build(s: Settings, records: object) -> AtlasData:
        seen.append(records)
        return tiny.atlas()

    monkeypatch.setattr(store, "load_atlas_data", build)
    store.load_stored_atlas(settings, read)  # type: ignore[arg-type]
    store.load_stored_atlas(settings, read)  # type: ignore[arg-type]
    assert (reads, seen) == ([1], ["records"])  # the second start reads the stored atlas
