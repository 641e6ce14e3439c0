"""One style table for the web map and the images: an uploaded record looks the same in both."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
from branca.element import Element
from matplotlib.colors import to_rgb
from PIL import Image

from exports.image import ImageOptions
from exports.image.render import build_figure, render_image, save
from geo.repair import METRIC_CRS
from layers.atlas import AtlasData
from layers.sites import SiteMarkers
from layers.style import MARKERS, marker_style
from layers.view import View
from layers.webmap import build_map
from tests import tiny

TODAY = datetime.date(2026, 11, 22)
VIEW = View(level="sgg", sido="98", belts=False)
"""Close in on the tiny province, where site "c" (exact, "mold") stands alone."""
UPLOADED = MARKERS["uploaded"].stroke


def with_upload(data: AtlasData) -> AtlasData:
    """The tiny atlas with site "c" as a record the user uploaded in this session."""
    sites = data.sites.copy()
    sites["user_record"] = sites["id"] == "c"
    return replace(data, sites=sites)


def web_markers(data: AtlasData) -> dict[str, dict[str, object]]:
    """Leaflet options of each marker on the web map, by the site's English name."""
    found: list[SiteMarkers] = []

    def walk(element: Element) -> None:
        if isinstance(element, SiteMarkers):
            found.append(element)
        for child in element._children.values():
            walk(child)

    walk(build_map(data, VIEW))
    assert len(found) == 1
    markers = json.loads(found[0].markers.replace("<\\/", "</"))
    names = ("A site", "B site", "C site")
    return {n: m["style"] for m in markers for n in names if str(m["tip"]).endswith(n)}


def test_uploaded_record_outline_is_the_style_tables_on_the_web_map() -> None:
    styles = web_markers(with_upload(tiny.atlas()))
    assert styles["C site"]["color"] == UPLOADED
    assert styles["C site"]["weight"] == MARKERS["uploaded"].stroke_width
    assert "kca-user" in str(styles["C site"]["className"])
    assert styles["A site"]["color"] == MARKERS["located"].stroke
    assert styles["B site"]["dashArray"] == marker_style(approximate=True).dash_css


def magenta_near_site_c(data: AtlasData) -> int:
    """Pixels of the uploaded outline's colour within a marker's reach of site "c"."""
    snapshot = build_figure(data, VIEW, today=TODAY)
    image = np.asarray(Image.open(io.BytesIO(save(snapshot, "png"))).convert("RGB")) / 255
    site = data.sites.set_index("id").loc["c"]
    point = gpd.GeoSeries([site.geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    px, py = snapshot.map_ax.transData.transform((point.x, point.y))
    row, col = int(image.shape[0] - py), int(px)
    window = image[row - 25 : row + 26, col - 25 : col + 26]
    close = np.abs(window - np.array(to_rgb(UPLOADED))).max(axis=2) < 0.06
    return int(close.sum())


def test_uploaded_record_is_outlined_in_the_png_snapshot() -> None:
    assert magenta_near_site_c(with_upload(tiny.atlas())) > 20
    assert magenta_near_site_c(tiny.atlas()) == 0  # not uploaded: no such outline


def test_uploaded_record_is_outlined_in_the_svg_snapshot() -> None:
    def svg(data: AtlasData) -> str:
        return render_image(data, VIEW, ImageOptions("svg"), TODAY).decode("utf-8")

    assert f"stroke: {UPLOADED}" in svg(with_upload(tiny.atlas()))
    assert f"stroke: {UPLOADED}" not in svg(tiny.atlas())


def test_image_code_imports_no_folium() -> None:
    code = "import sys, exports.image.render; print('folium' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip() == "False"
