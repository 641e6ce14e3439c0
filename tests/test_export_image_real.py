"""Map images of the real atlas: the national slide with every layer, and the Busan preset."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import numpy as np
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from shapely.geometry import box

from exports.image import ImageOptions
from exports.image.render import build_figure, render_image, save
from geo.repair import METRIC_CRS
from geo.schema import PROGRAM_KINDS
from geo.settings import Settings
from layers.atlas import AtlasData, load_atlas_data
from layers.symbology import region_style
from layers.view import View, filter_sites

pytestmark = pytest.mark.integration

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def atlas(prepared: Settings) -> AtlasData:
    return load_atlas_data(prepared)


def rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def region_pixels(atlas: AtlasData, view: View, preset: str, codes: list[str]) -> dict[str, str]:
    """Colour of the image at each region's interior point, by KOSTAT code."""
    snapshot = build_figure(atlas, view, ImageOptions(preset=preset), today=TODAY)
    image = rgb(save(snapshot, "png"))
    regions = atlas.regions[view.level].to_crs(METRIC_CRS).set_index("code")
    out = {}
    for code in codes:
        geom = regions.geometry[code]
        label = geom.representative_point()  # where the region's name is written
        point = geom.difference(box(label.x - 5000, label.y - 1500, label.x + 5000, label.y + 1500))
        point = point.representative_point()
        x, y = snapshot.map_ax.transData.transform((point.x, point.y))
        out[code] = to_hex(image[int(image.shape[0] - y), int(x)] / 255)
    return out


def test_national_slide_with_every_layer(atlas: AtlasData) -> None:
    view = View(level="sgg", sites=True, belts=True, kinds=PROGRAM_KINDS)  # city plans too
    snapshot = build_figure(atlas, view, today=TODAY)
    assert snapshot.inset_ax is not None  # Busan's belts are tiny at national scale
    statutory = build_figure(atlas, replace(view, kinds=("statutory",)), today=TODAY)
    assert statutory.inset_ax is None  # the default kinds hold no belt
    image = Image.open(io.BytesIO(save(snapshot, "png")))
    assert image.size == (1920, 1080)
    assert tuple(round(d) for d in image.info["dpi"]) == (150, 150)
    pixels = np.asarray(image.convert("RGB"))
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 1000


def test_national_region_colours_match_the_classification(atlas: AtlasData) -> None:
    view = View(level="sido", sites=False, belts=False, layer="count")
    style = region_style(atlas, view, filter_sites(atlas.sites, view))
    # Provinces with large interiors: Gyeonggi, Gangwon, North Gyeongsang, South Jeolla.
    codes = [c for c in style.colors.index if c in {"31", "32", "37", "36"}]
    assert len(codes) == 4
    seen = region_pixels(atlas, view, "slide", codes)
    assert seen == {c: str(style.colors[c]).lower() for c in codes}


def test_busan_preset_frames_the_city(atlas: AtlasData) -> None:
    view = View(level="sgg", sites=False, belts=False)
    busan = atlas.regions["sgg"]
    codes = busan[busan["code_moi"].isin(["26350", "26710"])]["code"].tolist()  # Haeundae, Gijang
    assert len(codes) == 2
    style = region_style(atlas, view, filter_sites(atlas.sites, view))
    seen = region_pixels(atlas, view, "busan", codes)
    assert seen == {c: str(style.colors[c]).lower() for c in codes}
    png = render_image(
        atlas, View(level="sgg", lang="en"), ImageOptions(preset="busan"), today=TODAY
    )
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)
