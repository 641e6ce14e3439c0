"""Slides that need no editing (#15), on the tiny atlas: presenter's words, layouts by page
shape, belts only where they matter, the screen's frame, every source, slide decks."""

from __future__ import annotations

import datetime
import io

import geopandas as gpd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from exports.deck import SlideSpec, deck_pptx, notes_text, read_views
from exports.describe import describe_view, sources_line
from exports.html import render_html
from exports.image import ImageOptions
from exports.image.render import build_figure, render_image
from geo.repair import METRIC_CRS
from geo.schema import PROGRAM_KINDS
from layers.i18n import t
from layers.view import View, filter_sites, parse_query, view_to_query
from tests import tiny
from tests.test_export_image import with_belts, words

TODAY = datetime.date(2026, 11, 22)


def texts(ax: object) -> list[str]:
    return [x.get_text() for x in ax.texts]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- layout


def test_landscape_and_square_pages_put_the_map_over_the_full_height_beside_the_text() -> None:
    for opts in (ImageOptions(), ImageOptions(preset="square")):
        snap = build_figure(tiny.atlas(), View(), opts, TODAY)
        box = snap.map_ax.get_position()
        assert box.height >= 0.9, opts.preset
        assert snap.legend_ax.get_position().x0 > box.x1  # legend beside, not over the map


def test_portrait_pages_put_the_legend_under_the_map() -> None:
    snap = build_figure(tiny.atlas(), View(), ImageOptions(preset="a4-portrait"), TODAY)
    assert snap.size.width_px == 2480 and snap.size.height_px == 3508
    assert snap.legend_ax.get_position().y1 < snap.map_ax.get_position().y0
    assert snap.map_ax.get_position().width > 0.9


# --------------------------------------------------------------------------- belts


def test_belts_and_inset_only_where_the_view_concerns_them() -> None:
    data = with_belts(tiny.atlas())
    belts = t("belts", "ko")
    everything = build_figure(data, View(kinds=PROGRAM_KINDS), today=TODAY)  # the belts' kind too
    assert everything.inset_ax is not None and belts in texts(everything.legend_ax)
    statutory = build_figure(data, View(), today=TODAY)  # default: statutory only, no city plan
    assert statutory.inset_ax is None and belts not in texts(statutory.legend_ax)
    root = build_figure(data, View(programs=("root_industry",)), today=TODAY)
    assert root.inset_ax is None and belts not in texts(root.legend_ax)
    asked = build_figure(
        data, View(programs=("root_industry",)), ImageOptions(with_belts=True), TODAY
    )
    assert asked.inset_ax is not None and belts in texts(asked.legend_ax)
    busan = build_figure(data, View(programs=("root_industry",), focus="busan"), today=TODAY)
    assert belts in texts(busan.legend_ax)


# --------------------------------------------------------------------------- frame


def test_centre_and_zoom_travel_in_the_query_and_frame_the_image() -> None:
    view, problems = parse_query({"lat": "37.05", "lon": "127.1", "zoom": "12"})
    assert not problems and (view.lat, view.lon, view.zoom) == (37.05, 127.1, 12.0)
    assert view_to_query(view) == {"lat": "37.0500", "lon": "127.1000", "zoom": "12.00"}
    _, bad = parse_query({"lat": "37.05", "zoom": "30"})
    assert {name for name, _, _ in bad} == {"lat", "zoom"}  # lat alone; zoom out of range
    snap = build_figure(tiny.atlas(), view, today=TODAY)
    x0, x1 = snap.map_ax.get_xlim()
    y0, y1 = snap.map_ax.get_ylim()
    centre = gpd.GeoSeries.from_xy([(x0 + x1) / 2], [(y0 + y1) / 2], crs=METRIC_CRS)
    lonlat = centre.to_crs("EPSG:4326").iloc[0]
    assert lonlat.x == pytest.approx(127.1, abs=0.005) and lonlat.y == pytest.approx(
        37.05, abs=0.005
    )
    # zoom 12 shows 38.2 m * cos(37°) = 30.5 m per pixel: a 1000 × 620 px screen is
    # 30.5 × 18.9 km, all of it in the image (grown to the map box's shape)
    assert (x1 - x0) > 30_000 and (y1 - y0) > 18_500 and min(x1 - x0, y1 - y0) < 31_000
    busan = build_figure(tiny.atlas(), view, ImageOptions(preset="busan"), TODAY)
    assert busan.map_ax.get_xlim() != snap.map_ax.get_xlim()  # a preset's frame wins


# --------------------------------------------------------------------------- sources


def test_pdf_has_a_sources_page_with_every_document() -> None:
    data, view = with_belts(tiny.atlas()), View(lang="en", kinds=PROGRAM_KINDS)  # belts too
    pdf = PdfReader(io.BytesIO(render_image(data, view, ImageOptions("pdf"), TODAY)))
    assert len(pdf.pages) == 2
    listed = words(pdf.pages[1].extract_text())
    assert "Every source behind this map" in listed
    desc = describe_view(data, view, filter_sites(data.sites, view), TODAY)
    assert len(desc.documents) == 4
    for doc in desc.documents:
        assert doc.url in listed.replace(" ", "") or doc.url in listed
        assert words(doc.title) in listed and doc.publisher in listed


def test_html_lists_every_source_escaped() -> None:
    data = with_belts(tiny.atlas())
    page = render_html(data, View(lang="en"), TODAY, title="<b>Busan</b> & belts").decode()
    desc = describe_view(data, View(lang="en"), filter_sites(data.sites, View()), TODAY)
    for doc in desc.documents:
        assert f"{doc.publisher} · {doc.date}" in page
        if doc.url.startswith("https://"):
            assert f'href="{doc.url}"' in page
        else:  # a javascript: or empty URL is never a link
            assert f'href="{doc.url}"' not in page
    assert page.count("<li>") >= len(desc.documents)
    assert "&lt;b&gt;Busan&lt;/b&gt; &amp; belts" in page and "<b>Busan</b>" not in page


def test_a_cut_sources_line_says_where_the_full_list_is() -> None:
    data = with_belts(tiny.atlas())
    sites = filter_sites(data.sites, View())
    line = sources_line(data, View(lang="en"), sites, max_publishers=1, full_list="see page 2")
    assert line.endswith("and 1 more (see page 2)")
    assert "(see" not in sources_line(data, View(lang="en"), sites, full_list="see page 2")


# --------------------------------------------------------------------------- decks


def test_a_views_file_gives_one_slide_per_view_with_title_picture_and_notes() -> None:
    lines = [
        "# a comment, then a blank line",
        "",
        "http://localhost:8501/?level=sgg&lang=en",
        "program=sobujang&title=소부장 특화단지 현황",
        "?preset=busan&subtitle=Busan close-up&lang=en&with_belts=1",
    ]
    data = with_belts(tiny.atlas())
    specs, problems = read_views(lines, data.allowed_view_values())
    assert not problems and len(specs) == 3
    assert specs[2].options.preset == "busan" and specs[2].options.with_belts
    deck = Presentation(io.BytesIO(deck_pptx(data, specs, TODAY)))
    assert len(deck.slides) == 3
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == describe_view(data, specs[0].view, data.sites, TODAY).title
    assert titles[1] == "소부장 특화단지 현황"
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1
        notes = slide.notes_slide.notes_text_frame.text
        assert (
            "https://example.org/" in notes and "Statistics Korea" in notes
        ) or "통계청" in notes


def test_bad_lines_of_a_views_file_are_named() -> None:
    _, problems = read_views(
        ["level=emd", "preset=poster", "with_belts=yes"], tiny.atlas().allowed_view_values()
    )
    assert problems[0].startswith("line 1: level='emd'") and "sido, sgg" in problems[0]
    assert problems[1].startswith("line 2: preset='poster'") and "square" in problems[1]
    assert problems[2].startswith("line 3: with_belts='yes'")


def test_notes_list_every_source_and_the_view() -> None:
    data = with_belts(tiny.atlas())
    view = View(programs=("sobujang",), lang="en")
    desc = describe_view(data, view, filter_sites(data.sites, view), TODAY)
    notes = notes_text(desc, view)
    assert f"Sources ({len(desc.documents)}):" in notes
    assert all(doc.url in notes for doc in desc.documents)
    assert notes.endswith("?program=sobujang&lang=en")


def test_the_one_slide_deck_is_an_export_format() -> None:
    from exports.formats import EXPORTS, export_view

    data = export_view(tiny.atlas(), View(), "pptx", ImageOptions(title="한 장"), TODAY)
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 1 and deck.slides[0].shapes.title.text == "한 장"
    assert EXPORTS["pptx"].extension == "pptx"
    with pytest.raises(ValueError, match="at least one view"):
        deck_pptx(tiny.atlas(), [])
    assert SlideSpec(View()).options == ImageOptions()
