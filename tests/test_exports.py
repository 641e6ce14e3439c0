"""Data and HTML exports on the tiny atlas; the export command on the real data."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from exports import data as ex
from exports.formats import EXPORTS, export_view, file_name
from exports.html import render_html
from geo.settings import PROJECT_ROOT, Settings
from layers.view import View
from tests import tiny

TODAY = datetime.date(2026, 11, 22)


def test_records_csv_has_bom_korean_and_the_filtered_rows() -> None:
    raw = ex.records_csv(tiny.atlas(), View(programs=("sobujang",)))
    assert raw.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(frame["id"]) == ["a", "b"]
    assert frame.loc[1, "name_ko"] == "나 단지"
    assert frame.loc[0, "map_lon"] == pytest.approx(127.05)
    assert "geometry" not in frame.columns


def test_regions_csv_counts_add_up_and_no_data_stays_empty() -> None:
    frame = pd.read_csv(
        io.BytesIO(ex.regions_csv(tiny.atlas(), View(level="sgg"))), encoding="utf-8-sig"
    )
    assert dict(zip(frame["name_ko"], frame["count"], strict=True)) == {"서구": 2, "동구": 1}
    assert frame["jobs"].isna().all()  # no record reports jobs: empty, not 0
    assert (frame["layer"] == "count").all()


def test_geojson_points_with_their_properties() -> None:
    doc = json.loads(ex.records_geojson(tiny.atlas(), View()))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [127.05, 37.05]}
    assert first["properties"]["name_ko"].startswith("<script>")  # data kept as given
    assert first["properties"]["jobs"] is None


def test_geopackage_layers_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.gpkg"
    path.write_bytes(ex.geopackage(tiny.atlas(), View(level="sgg")))
    assert {name for name, _ in pyogrio.list_layers(path)} == {"sites", "regions"}
    regions = gpd.read_file(path, layer="regions")
    assert sorted(regions["name_ko"]) == ["동구", "서구"]
    assert regions.crs.to_epsg() == 4326
    sites = gpd.read_file(path, layer="sites")
    assert len(sites) == 3 and set(sites.geom_type) == {"Point"}
    assert "row" not in sites.columns and "index" not in sites.columns


def test_html_is_offline_titled_and_escaped() -> None:
    page = render_html(tiny.atlas(), View(lang="en"), TODAY).decode()
    assert 'src="http' not in page and "<link" not in page
    assert "L.map(" in page and "leaflet-pane" in page  # Leaflet inlined
    assert "Designated complexes" in page and "2026-11-22" in page
    assert "<script>alert(1)</script>단지" not in page


def test_every_format_has_a_file_name_and_bad_names_are_refused() -> None:
    assert file_name(View(layer="indicator:x"), "regions-csv", TODAY) == (
        "korea-cluster-atlas-regions_indicator-x_sido_2026-11-22.csv"
    )
    with pytest.raises(ValueError, match="allowed: png, svg, pdf, html"):
        export_view(tiny.atlas(), View(), "tiff")
    assert set(EXPORTS) >= {"png", "svg", "pdf", "html", "csv", "geojson", "gpkg"}


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KCA_CACHE_DIR": str(settings.cache_dir), "KCA_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "cli.py", "export", *args],
        cwd=PROJECT_ROOT,
        env=env,
        check=False,  # the exit code is what the test asserts
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.integration
def test_cli_exports_the_view_given_with_url_names(prepared: Settings, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    done = run_cli(prepared, "--format", "csv", "--out", str(out), "--program", "sobujang")
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) > 0 and set(frame["program"]) == {"sobujang"}


@pytest.mark.integration
def test_cli_bad_values_exit_2_naming_the_allowed_ones(prepared: Settings, tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    done = run_cli(prepared, "--format", "png", "--out", str(out), "--level", "emd")
    assert done.returncode == 2
    assert "--level 'emd'" in done.stderr and "sido, sgg" in done.stderr
    assert not out.exists()
