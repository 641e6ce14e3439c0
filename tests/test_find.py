"""Finding a complex (issue #14 items 1-2): the map's camera arithmetic, ``site=`` in the
view, the search box's words and the complex's card, without a browser or boundaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from layers.camera import (
    FIT_MAX_ZOOM,
    TILE_PX,
    Camera,
    distinct,
    fit_camera,
    map_size_px,
    project,
    sites_bounds,
    unproject,
)
from layers.view import FOCUS, View, parse_query, view_from_query, view_to_query
from tests import tiny
from ui.details import (
    area_text,
    complex_rows,
    designation_facts,
    fact_markdown,
    figure_text,
    horizon,
    source_lines,
    text_of,
)
from ui.search import search_labels, site_ids


def pixel_extent(bounds: tuple[tuple[float, float], tuple[float, float]], zoom: float) -> tuple:
    (south, west), (north, east) = bounds
    x0, y1 = project(south, west)
    x1, y0 = project(north, east)
    scale = TILE_PX * 2**zoom
    return (x1 - x0) * scale, (y1 - y0) * scale


# --- camera ---------------------------------------------------------------------------


def test_fit_is_the_closest_snapped_zoom_at_which_the_bounds_fit_inside_the_padding() -> None:
    korea = FOCUS["korea"]
    for size in ((1100, 620), (390, 500), (1600, 900)):
        camera = fit_camera(korea, size, padding_px=32)
        width, height = pixel_extent(korea, camera.zoom)
        assert width <= size[0] - 64 and height <= size[1] - 64  # fits
        wider, taller = pixel_extent(korea, camera.zoom + 0.25)
        assert wider > size[0] - 64 or taller > size[1] - 64  # one snap closer would not
        assert camera.zoom % 0.25 == 0
    assert fit_camera(korea, (1100, 620)).zoom > fit_camera(korea, (390, 500)).zoom


def test_fit_centres_on_the_middle_of_the_bounds_in_web_mercator() -> None:
    camera = fit_camera(((33.0, 124.5), (38.7, 131.0)), (1000, 600))
    assert camera.lon == pytest.approx(127.75)
    _, y = project(camera.lat, camera.lon)
    assert y == pytest.approx((project(33.0, 124.5)[1] + project(38.7, 131.0)[1]) / 2)
    assert camera.lat != pytest.approx((33.0 + 38.7) / 2, abs=1e-3)  # not the plain average


def test_a_single_site_gets_the_closest_fit_zoom_centred_on_it() -> None:
    camera = fit_camera(((35.1, 129.0), (35.1, 129.0)), (800, 600))
    assert (camera.lat, camera.lon) == pytest.approx((35.1, 129.0))
    assert camera.zoom == FIT_MAX_ZOOM


def test_fit_refuses_swapped_corners_naming_the_expected_shape() -> None:
    with pytest.raises(ValueError, match=r"\(\(south, west\), \(north, east\)\)"):
        fit_camera(((38.0, 124.0), (33.0, 131.0)), (800, 600))


def test_project_and_unproject_are_inverse() -> None:
    for lat, lon in ((35.18, 129.07), (37.5, 126.9), (-10.0, -50.0)):
        assert unproject(*project(lat, lon)) == pytest.approx((lat, lon))


def test_map_size_comes_back_from_the_bounds_and_zoom_the_map_reports() -> None:
    lat, lon, zoom, (width, height) = 36.0, 127.8, 7.25, (1016, 620)
    x, y = project(lat, lon)
    half_w, half_h = width / 2 / (TILE_PX * 2**zoom), height / 2 / (TILE_PX * 2**zoom)
    south, west = unproject(x - half_w, y + half_h)
    north, east = unproject(x + half_w, y - half_h)
    returned = {
        "_southWest": {"lat": south, "lng": west},
        "_northEast": {"lat": north, "lng": east},
    }
    assert map_size_px(returned, zoom) == (width, height)
    assert map_size_px({}, zoom) is None
    assert map_size_px({"_southWest": {"lat": 1.0}, "_northEast": {}}, zoom) is None


def test_sites_bounds_span_the_markers_and_are_none_without_any() -> None:
    sites = tiny.sites()
    assert sites_bounds(sites) == ((37.05, 127.05), (37.06, 127.15))
    assert sites_bounds(sites.iloc[0:0]) is None
    assert sites_bounds(pd.DataFrame({"id": ["a"]})) is None


def test_asking_twice_for_one_place_gives_values_that_differ_but_snap_alike() -> None:
    camera = Camera(35.0, 128.0, 11.25)
    first, second = distinct(camera, 1), distinct(camera, 2)
    assert first != second and second == camera
    assert math.floor(first.zoom / 0.25 + 0.5) * 0.25 == camera.zoom  # Leaflet's snap
    assert abs(first.lat - camera.lat) < 1e-5


# --- site= in the view ------------------------------------------------------------------


def test_site_travels_in_the_query_string() -> None:
    view = View(site="busan-jangnim-surface", lat=35.1, lon=129.0, zoom=11.0)
    query = view_to_query(view)
    assert query["site"] == "busan-jangnim-surface"
    assert view_from_query(query)[0] == view
    assert "site" not in view_to_query(View())


def test_a_site_that_is_not_an_id_is_ignored_with_a_reason() -> None:
    view, problems = parse_query({"site": "<b>x</b>"})
    assert view.site is None
    assert problems and problems[0][0] == "site" and "complex id" in problems[0][2]


# --- the search box ---------------------------------------------------------------------


def test_search_labels_hold_both_names_the_place_and_the_programs() -> None:
    data = tiny.atlas()
    sites = tiny.sites().assign(complex_id=["x", "x", None])
    labels = search_labels(data, sites, "en")
    assert set(labels) == {"x", "c"}  # a record without a complex is its own
    assert "A site" in labels["x"] and "가상도 서구" in labels["x"]
    assert "MPE cluster" in labels["x"] and "Root-industry complex" in labels["c"]
    assert list(site_ids(sites)) == ["x", "x", "c"]
    assert search_labels(data, sites.iloc[0:0], "ko") == {}


# --- the card ---------------------------------------------------------------------------


def record(**values: object) -> pd.Series:
    base: dict[str, object] = {
        "id": "strategic-2023-x",
        "complex_id": "x",
        "program": "sobujang",
        "round": "2023-07",
        "year": 2023,
        "designation_date": "2023-07-20",
        "industry": "semiconductor",
        "industry_detail": "시스템 반도체",
        "period": pd.NA,
        "area_m2": "16330000",
        "investment_private_planned_krw": 562_000_000_000_000,
        "investment_note": "민간투자 계획, 2042년까지",
        "jobs": pd.NA,
        "jobs_note": pd.NA,
        "anchor_companies": "삼성전자; SK하이닉스",
        "lead_institution": "",
        "notes": "[see](javascript:alert(1)) <b>bold</b>",
        "source_title": "Release *one*",
        "source_publisher": "MOTIE",
        "source_date": "2023-07-20",
        "source_url": "https://example.org/a b",
        "source_kind": "official",
        "source2_title": "Second",
        "source2_publisher": "Paper",
        "source2_date": pd.NA,
        "source2_url": "javascript:alert(1)",
        "source2_kind": "press",
    }
    base.update(values)
    return pd.Series(base)


def test_horizons_are_read_from_the_figures_notes() -> None:
    assert horizon("2042년까지 (삼성전자)") == "2042"
    assert horizon("planned investment to 2030") == "2030"
    assert horizon("2024년 기준") is None and horizon(pd.NA) is None


def test_figures_carry_unit_and_horizon_in_the_pages_language() -> None:
    assert figure_text("investment_private_planned_krw", 562e12, "2042년까지", "ko") == (
        "562조 원 · 2042년까지"
    )
    assert figure_text("jobs", 1600, "향후 5년", "en") == "1,600 persons"
    assert figure_text("firms", 35, None, "ko") == "35"
    assert area_text(None, "ko") == "" and area_text("abc", "en") == ""


def test_designation_facts_hold_everything_the_record_says_and_nothing_empty() -> None:
    data = tiny.atlas()
    data.programs["ministry_en"] = ["Ministry of Trade, Industry and Energy", ""]
    data.programs["legal_basis"] = ["소부장 특별법", ""]
    facts = dict(designation_facts(record(), data, "en"))
    assert facts["Program"] == "MPE cluster"
    assert facts["Designated by"] == "Ministry of Trade, Industry and Energy"
    assert facts["Legal basis"] == "소부장 특별법"
    assert facts["Round"] == "2023-07" and facts["Designation date"] == "2023-07-20"
    assert facts["Industry"] == "Semiconductors (시스템 반도체)"
    assert facts["Area"] == "16,330,000 m² (16.33 km²)"
    assert facts["Planned private investment"] == "KRW 562 tn · to 2042"
    assert facts["Investment note"] == "민간투자 계획, 2042년까지"
    assert facts["Anchor companies"] == "삼성전자; SK하이닉스"
    assert "Lead institution" not in facts and "Period" not in facts  # empty: left out
    assert "Jobs (as announced)" not in facts
    assert all("<NA>" not in v and v for v in facts.values())
    no_date = dict(designation_facts(record(designation_date=pd.NA), data, "ko"))
    assert no_date["지정일"] == "2023"


def test_card_values_are_shown_as_typed_never_as_markdown() -> None:
    data = tiny.atlas()
    text = fact_markdown(designation_facts(record(), data, "en"))
    assert "\\[see\\]\\(javascript\\:alert\\(1\\)\\)" in text
    assert "<b>" not in text and "\\<b\\>" in text


def test_every_source_is_listed_with_its_kind_and_only_web_addresses_linked() -> None:
    lines = source_lines(record(), "en")
    assert len(lines) == 2
    (first, link), (second, no_link) = lines
    assert first.startswith("**Source** (official): Release \\*one\\* — MOTIE\\, 2023\\-07\\-20")
    assert link == "[https\\:\\/\\/example\\.org\\/a b](https://example.org/a%20b)"
    assert second.startswith("**Second source** (press): Second — Paper")
    assert no_link is None  # javascript: is not a link
    unclassified = source_lines(
        record(source_kind=pd.NA, source2_title=pd.NA, source2_url=""), "ko"
    )
    assert len(unclassified) == 1 and "(" not in unclassified[0][0].split(":")[0]


def test_complex_rows_list_each_designation_once_oldest_first() -> None:
    sites = tiny.sites().assign(
        complex_id=["x", "x", "y"], designation_date=[pd.NA, "2023-07", "2015-01-02"]
    )
    doubled = pd.concat([sites, sites.iloc[[0]]])  # a complex drawn in two municipalities
    rows = complex_rows(doubled, "x")
    assert list(rows["id"]) == ["a", "b"]  # 2021 (its year: no date) before 2023-07
    assert complex_rows(doubled, "nowhere").empty
    assert text_of(pd.NA) == "" and text_of(float("nan")) == "" and text_of(" a ") == "a"
