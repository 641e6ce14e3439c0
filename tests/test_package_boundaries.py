"""The fallback boundaries: the package's codes all reach the committed code table, and
the table is what the pinned files give."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyogrio

from geo.package_boundaries import LAYERS, load_admin_codes, package_file, to_atlas_code
from geo.settings import Settings
from geo.sources import BOUNDARY_FILES, choose_source


def test_every_package_municipality_has_a_code_and_names_in_the_table() -> None:
    codes = pyogrio.read_dataframe(package_file(), layer=LAYERS["sgg"], read_geometry=False)
    atlas = to_atlas_code(codes["adm2_code"])
    table = load_admin_codes()
    sgg = table[table["level"] == "sgg"].set_index("code")
    assert len(atlas) == 250 and atlas.is_unique
    assert set(atlas) == set(sgg.index)
    assert sgg[["code_moi", "name_ko", "name_en", "parent_code_moi"]].notna().all().all()
    assert sgg.loc["23030", "name_ko"] == "미추홀구"  # 23090 in the 2020 census codes
    assert len(table[table["level"] == "sido"]) == 17


def test_auto_takes_the_files_when_found_and_the_package_otherwise(tmp_path: Path) -> None:
    nowhere = Settings(tmp_path, tmp_path, offline=True, shared_boundaries=False)
    assert choose_source(nowhere) == "package"
    assert choose_source(replace(nowhere, boundary_source="pinned")) == "pinned"
    folder = tmp_path / "pinned"
    for key in ("sido", "sgg", "emd"):
        spec = BOUNDARY_FILES[key]
        (folder / spec.subdir).mkdir(parents=True, exist_ok=True)
        (folder / spec.subdir / spec.name).write_text("{}")  # checked when read, not here
    assert choose_source(replace(nowhere, boundaries_dir=folder)) == "pinned"
    assert choose_source(replace(nowhere, boundaries_dir=folder, boundary_source="package")) == (
        "package"
    )


def test_the_committed_code_table_is_what_the_pinned_files_give(prepared: Settings) -> None:
    from geo.boundaries import load_boundaries

    columns = list(load_admin_codes().columns)
    fresh = pd.concat(
        [load_boundaries(level, "full", prepared)[columns] for level in ("sido", "sgg")],
        ignore_index=True,
    ).replace("", None)
    committed = load_admin_codes()
    pd.testing.assert_frame_equal(
        committed.fillna("").astype(str), fresh.fillna("").astype(str), check_dtype=False
    )
