"""Static map images (PNG, SVG, PDF) and their description, on the tiny atlas."""

from __future__ import annotations

import datetime
import io
import warnings
from dataclasses import replace
from xml.etree import ElementTree

import geopandas as gpd
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex, to_rgb
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import box

from exports import fonts
from exports.describe import describe_view
from exports.image import PRESETS, ImageOptions, resolve_size
from exports.image.render import build_figure, render_image, save
from geo.repair import METRIC_CRS
from geo.schema import PROGRAM_KINDS
from geo.sources import ATTRIBUTION, ATTRIBUTION_KO
from layers.atlas import AtlasData
from layers.style import SEA_COLOR
from layers.symbology import region_style
from layers.view import View, filter_sites
from tests import tiny

TODAY = datetime.date(2026, 11, 22)


def png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def pixel_at(image: np.ndarray, ax: Axes, x: float, y: float) -> np.ndarray:
    """The image's pixel under data point x, y of ``ax`` (display y counts from the bottom)."""
    px, py = ax.transData.transform((x, y))
    return image[int(image.shape[0] - py), int(px)]


def with_belts(data: AtlasData) -> AtlasData:
    """The tiny atlas with one Busan belt (a box over Haeundae), for the inset."""
    belts = gpd.GeoDataFrame(
        {
            "belt_id": ["suyeong_river"],
            "name_ko": ["수영강벨트"],
            "name_en": ["Suyeong River Belt"],
            "industries_ko": ["정보통신"],
            "industries_en": ["ICT"],
            "source_title": ["Busan industrial map"],
            "source_publisher": ["Busan Metropolitan City"],
            "source_date": ["2023-11-01"],
            "source_url": ["https://example.org/busan"],
        },
        geometry=[box(129.08, 35.15, 129.18, 35.22)],
        crs="EPSG:4326",
    )
    return replace(data, belts=belts)


# --------------------------------------------------------------------------- sizes


def test_slide_png_is_1920_by_1080_at_150_dpi() -> None:
    image = Image.open(io.BytesIO(render_image(tiny.atlas(), View(), today=TODAY)))
    assert image.format == "PNG"
    assert image.size == (1920, 1080)
    assert tuple(round(d) for d in image.info["dpi"]) == (150, 150)


def test_custom_size_and_dpi_are_exact() -> None:
    data = render_image(tiny.atlas(), View(), ImageOptions(width_px=1234, height_px=777, dpi=96))
    image = Image.open(io.BytesIO(data))
    assert image.size == (1234, 777)
    assert tuple(round(d) for d in image.info["dpi"]) == (96, 96)


def test_a4_preset_is_a4_landscape_at_300_dpi() -> None:
    assert resolve_size("a4").width_px == 3508 and resolve_size("a4").height_px == 2480
    image = Image.open(io.BytesIO(render_image(tiny.atlas(), View(), ImageOptions(preset="a4"))))
    assert image.size == (3508, 2480)
    assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
    # 297 × 210 mm
    assert image.size[0] / 300 * 25.4 == pytest.approx(297, abs=0.1)
    assert image.size[1] / 300 * 25.4 == pytest.approx(210, abs=0.1)


def test_portrait_custom_size_is_exact() -> None:
    image = png(
        render_image(tiny.atlas(), View(), ImageOptions(width_px=1080, height_px=1350, dpi=120))
    )
    assert image.size == (1080, 1350)


def test_unknown_format_names_allowed_values() -> None:
    with pytest.raises(ValueError, match=r"'gif'.*png, svg, pdf"):
        render_image(tiny.atlas(), View(), ImageOptions("gif"))


def test_unknown_preset_names_allowed_values() -> None:
    with pytest.raises(ValueError, match=r"'poster'.*slide, a4, a4-portrait, square, busan"):
        render_image(tiny.atlas(), View(), ImageOptions(preset="poster"))
    assert set(PRESETS) >= {"slide", "a4", "a4-portrait", "square", "busan"}


def test_size_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match=r"width_px must be between .*; got 50"):
        resolve_size("slide", width_px=50)
    with pytest.raises(ValueError, match=r"dpi .*; got 0"):
        resolve_size("slide", dpi=0)


# --------------------------------------------------------------------------- content


def test_image_is_not_blank() -> None:
    image = np.asarray(png(render_image(tiny.atlas(), View(level="sgg"), today=TODAY)))
    colours = np.unique(image.reshape(-1, 3), axis=0)
    assert len(colours) > 200
    white = (image == 255).all(axis=2).mean()
    assert white < 0.9


def test_region_pixels_have_the_classification_colours() -> None:
    data = tiny.atlas()
    view = View(level="sgg", sido="98", sites=False, belts=False)
    snapshot = build_figure(data, view, today=TODAY)
    image = np.asarray(png(save(snapshot, "png")))
    style = region_style(data, view, filter_sites(data.sites, view))
    regions = data.regions["sgg"].to_crs(METRIC_CRS)
    seen = {}
    for code, geom in zip(regions["code"], regions.geometry, strict=True):
        label = geom.representative_point()  # where the region's name is written
        clear = geom.difference(box(label.x - 2500, label.y - 800, label.x + 2500, label.y + 800))
        point = clear.representative_point()
        pixel = pixel_at(image, snapshot.map_ax, point.x, point.y)
        red, green, blue = (float(c) / 255 for c in pixel[:3])
        seen[code] = to_hex((red, green, blue))
        assert seen[code] == str(style.colors[code]).lower(), code
    assert len(set(seen.values())) == 2  # the two municipalities are told apart
    assert SEA_COLOR not in seen.values()


def test_site_marker_has_its_industry_colour() -> None:
    data = tiny.atlas()
    view = View(level="sgg", sido="98", belts=False)
    snapshot = build_figure(data, view, today=TODAY)
    image = np.asarray(png(save(snapshot, "png"))) / 255
    mold = data.sites.set_index("id").loc["c"]  # exact site, industry "mold"
    point = gpd.GeoSeries([mold.geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    pixel = pixel_at(image, snapshot.map_ax, point.x, point.y)
    region = to_rgb(region_style(data, view, filter_sites(data.sites, view)).colors["99020"])
    expected = 0.9 * np.array(to_rgb(data.industry_colors()["mold"])) + 0.1 * np.array(region)
    assert np.abs(pixel - expected).max() < 0.02


def test_legend_panel_shows_the_classes_and_industries() -> None:
    data = tiny.atlas()
    view = View(level="sgg")
    snapshot = build_figure(data, view, today=TODAY)
    image = np.asarray(png(save(snapshot, "png")))
    bbox = snapshot.legend_ax.get_window_extent()
    h = image.shape[0]
    panel = image[int(h - bbox.y1) : int(h - bbox.y0), int(bbox.x0) : int(bbox.x1)]
    assert (panel < 200).any(axis=2).mean() > 0.002  # text and swatches, not an empty box
    colours = {to_hex(c / 255) for c in np.unique(panel.reshape(-1, 3), axis=0)}
    style = region_style(data, view, filter_sites(data.sites, view))
    for entry in style.legend.entries:
        assert entry.color.lower() in colours, entry
    for colour in data.industry_colors().values():
        assert colour.lower() in colours


def test_inset_on_national_views_with_belts_only() -> None:
    data, every = with_belts(tiny.atlas()), View(kinds=PROGRAM_KINDS)  # city plans (belts) too
    assert build_figure(data, every, today=TODAY).inset_ax is not None
    assert build_figure(data, View(), today=TODAY).inset_ax is None  # statutory only: no belts
    assert build_figure(data, replace(every, belts=False), today=TODAY).inset_ax is None
    assert build_figure(data, every, ImageOptions(preset="busan"), today=TODAY).inset_ax is None
    assert build_figure(tiny.atlas(), every, today=TODAY).inset_ax is None


def test_busan_preset_frames_busan() -> None:
    snapshot = build_figure(
        with_belts(tiny.atlas()), View(), ImageOptions(preset="busan"), today=TODAY
    )
    x0, x1 = snapshot.map_ax.get_xlim()
    y0, y1 = snapshot.map_ax.get_ylim()
    assert (x1 - x0) < 120_000 and (y1 - y0) < 120_000  # a city, not the country
    centre = gpd.GeoSeries.from_xy([(x0 + x1) / 2], [(y0 + y1) / 2], crs=METRIC_CRS)
    lonlat = centre.to_crs("EPSG:4326").iloc[0]
    assert 128.9 < lonlat.x < 129.2 and 35.0 < lonlat.y < 35.3


def test_korean_text_has_no_missing_glyphs() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_image(with_belts(tiny.atlas()), View(level="sgg"), today=TODAY)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing


# --------------------------------------------------------------------------- vector


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def svg_text(svg: str, gid: str) -> str:
    """The words of the SVG group ``gid`` (a wrapped title is one <text> per line)."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    group = next(e for e in root.iter() if e.get("id") == gid)
    return words(" ".join(group.itertext()))


def test_svg_keeps_the_title_as_text_in_a_korean_font() -> None:
    data = tiny.atlas()
    svg = render_image(data, View(), ImageOptions("svg"), today=TODAY).decode("utf-8")
    title = describe_view(data, View(), filter_sites(data.sites, View())).title
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert svg_text(svg, "kca-title") == words(title)
    assert "font-family:'NanumGothic'" in svg


def test_presenter_title_and_subtitle_are_in_the_svg_and_pdf() -> None:
    data = tiny.atlas()
    opts = ImageOptions("svg", title="지역 혁신 클러스터 현황", subtitle="2026년 업무보고 · 별첨 3")
    svg = render_image(data, View(), opts, today=TODAY).decode("utf-8")
    assert svg_text(svg, "kca-title") == "지역 혁신 클러스터 현황"
    assert svg_text(svg, "kca-subtitle") == "2026년 업무보고 · 별첨 3"
    pdf = PdfReader(io.BytesIO(render_image(data, View(), replace(opts, format="pdf"))))
    text = words(pdf.pages[0].extract_text())
    assert "지역 혁신 클러스터 현황" in text and "2026년 업무보고 · 별첨 3" in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_contains_the_title_text(lang: str) -> None:
    data = tiny.atlas()
    view = View(lang=lang)
    pdf = PdfReader(io.BytesIO(render_image(data, view, ImageOptions("pdf"), today=TODAY)))
    text = words(pdf.pages[0].extract_text())
    described = describe_view(data, view, filter_sites(data.sites, view), TODAY)
    assert words(described.title) in text
    assert described.exported in text
    assert float(pdf.pages[0].mediabox.width) == pytest.approx(1920 / 150 * 72)


# --------------------------------------------------------------------------- words


def test_description_states_filters_years_and_sources() -> None:
    data = tiny.atlas()
    view = View()
    d = describe_view(data, view, filter_sites(data.sites, view), TODAY)
    # The title names the topic (programs, place, years); the layer and level follow.
    assert d.title == "전국 정부 지정 산업 클러스터 (2015–2023)"
    assert d.subtitle == "지정 단지 수 · 시도별 · 단지 3곳 · 지정 3건"
    assert d.sources == "출처: 문서 3건 — MOTIE (3건)"
    assert d.attribution == ATTRIBUTION_KO
    assert d.exported == "2026-11-22 내보냄"


def test_description_in_english_with_filters() -> None:
    data = tiny.atlas()
    view = View(
        programs=("sobujang",),
        industries=("semiconductor",),
        year_from=2022,
        sido="98",
        level="sgg",
        lang="en",
    )
    d = describe_view(data, view, filter_sites(data.sites, view), TODAY)
    assert d.title == "MPE cluster: Semiconductors in Test-do, 2022–2023"
    assert (
        d.subtitle == "Designated complexes (number) · by municipality · 1 complex · 1 designation"
    )
    framed = describe_view(data, view, filter_sites(data.sites, view), TODAY, shown=data.sites[:0])
    assert framed.subtitle.endswith("· 0 complexes · 0 designations")  # what the frame holds
    assert d.sources == "Sources: 1 document — MOTIE (2023-07-20)"
    assert d.attribution == ATTRIBUTION
    assert d.exported == "Exported 2026-11-22"


def test_description_counts_belt_sources_when_belts_are_shown() -> None:
    data = with_belts(tiny.atlas())
    sites = filter_sites(data.sites, View())
    shown = describe_view(data, View(lang="en"), sites).sources
    hidden = describe_view(data, View(lang="en", belts=False), sites).sources
    assert "4 documents" in shown and "Busan Metropolitan City (2023-11-01)" in shown
    assert "3 documents" in hidden and "Busan" not in hidden


def test_font_is_the_packaged_nanum_gothic() -> None:
    prop = fonts.korean_font(12)
    assert prop.get_file() is not None and str(prop.get_file()).endswith("NanumGothic.ttf")
    assert str(fonts.korean_font_bold().get_file()).endswith("NanumGothicBold.ttf")


def test_missing_font_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "FONT_PACKAGE", "no_such_font_package")
    with pytest.raises(fonts.FontMissingError, match="koreanize-matplotlib"):
        fonts.font_path("regular")
