"""Places, not records (#11): complexes and designations are counted apart, figures once."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.aggregate import aggregate_sites, totals
from geo.placement import place_records
from layers.i18n import count_text
from layers.kinds import kinds_present
from layers.sites import kinds_of_rows, marker_rows, popup_html, sites_layer
from layers.symbology import markers_of, sites_legend
from layers.view import View, parse_query, view_to_query
from tests import tiny


def test_each_region_counts_its_complexes_and_designations() -> None:
    frames = tiny.regions()
    sgg = aggregate_sites(tiny.place_sites(), frames["sgg"], "sgg")
    assert list(sgg.loc["99010", ["complexes", "designations"]]) == [2, 3]  # x, y; a, b, d
    assert list(sgg.loc["99020", ["complexes", "designations"]]) == [2, 2]  # y, z; d, c
    assert sgg.loc["99010", "count"] == 2  # complexes by default
    by_designation = aggregate_sites(tiny.place_sites(), frames["sgg"], "sgg", "designations")
    assert by_designation.loc["99010", "count"] == 3
    sido = aggregate_sites(tiny.place_sites(), frames["sido"], "sido")
    assert list(sido.loc["98", ["complexes", "designations"]]) == [3, 4]


def test_no_figure_is_counted_twice() -> None:
    frames = tiny.regions()
    sido = aggregate_sites(tiny.place_sites(), frames["sido"], "sido")
    # d's 2조 is drawn in both municipalities of the province but added once
    assert sido.loc["98", "investment_private_planned_krw"] == 3e12
    assert sido.loc["98", "investment_private_planned_krw_n"] == 2
    sgg = aggregate_sites(tiny.place_sites(), frames["sgg"], "sgg")
    # shown whole (never split by a guess) in each municipality the complex lies in
    assert sgg.loc["99010", "investment_private_planned_krw"] == 3e12
    assert sgg.loc["99020", "investment_private_planned_krw"] == 2e12


def test_counts_are_worded_as_complexes_and_designations() -> None:
    assert totals(tiny.place_sites()) == (3, 4)
    assert count_text(3, 4, "en") == "3 complexes · 4 designations"
    assert count_text(3, 4, "ko") == "단지 3곳 · 지정 4건"
    legend = sites_legend(tiny.place_sites(), tiny.atlas(), "en")
    assert legend.title.endswith("(3 complexes · 4 designations)")
    labels = [e.label for e in legend.entries]
    assert "At its eup/myeon/dong" in labels and "Site coordinates (cited)" in labels


def test_the_count_option_lives_in_the_url() -> None:
    view, problems = parse_query({"count": "designations"})
    assert view.count == "designations" and problems == []
    assert view_to_query(View(count="designations")) == {"count": "designations"}
    _, problems = parse_query({"count": "sites"})
    assert problems and "complexes, designations" in problems[0][2]


def test_one_marker_per_complex_and_municipality_lists_its_designations() -> None:
    markers = markers_of(tiny.place_sites())
    assert [(m["complex_key"].iloc[0], len(m)) for m in markers] == [
        ("x", 2), ("y", 1), ("y", 1), ("z", 1)
    ]  # fmt: skip
    popup = popup_html(markers[0], "en", {"sobujang": "MPE", "root_industry": "Root"}, {})
    assert "가 단지" in popup and "2 designations" in popup
    assert popup.index("MPE") < popup.index("Root")  # each designation, with its program
    y_popup = popup_html(markers[1], "en", {}, {})
    assert "spans 2 municipalities" in y_popup
    layer = sites_layer(tiny.place_sites(), "en", {}, {}, {})
    assert layer.markers.count('"lat"') == 4
    html = tiny_map_html(layer)
    assert "L.markerClusterGroup" in html and "leaflet.markercluster.js" in html


def test_markers_read_as_plain_records_match_the_frame_rows() -> None:
    """The markers are built from plain records (fast); each groups the same designations
    as ``markers_of`` and shows the same popup and main industry as the frame rows do."""
    sites = tiny.place_sites()
    frames, records = markers_of(sites), marker_rows(sites)
    assert [list(f["id"]) for f in frames] == [[r["id"] for r in rows] for rows in records]
    labels = {"sobujang": "MPE", "root_industry": "Root"}
    for frame, rows in zip(frames, records, strict=True):
        for lang in ("ko", "en"):
            assert popup_html(rows, lang, labels, {}) == popup_html(frame, lang, labels, {})
        assert kinds_of_rows(rows) == tuple(kinds_present(frame))


def tiny_map_html(layer: object) -> str:
    """The page of a map holding ``layer`` (as the app serves it)."""
    from layers.assets import OfflineMap

    fmap = OfflineMap(location=[37.05, 127.1], zoom_start=9, tiles=None)
    layer.add_to(fmap)  # type: ignore[attr-defined]
    return fmap.get_root().render()


def _emd_boundaries() -> gpd.GeoDataFrame:
    """Two 읍면동 in 서구 (99010) and one in 동구 (99020)."""
    return gpd.GeoDataFrame(
        {"code": ["9901001", "9901002", "9902001"], "name_ko": ["가동", "나동", "다동"]},
        geometry=[
            box(127.0, 37.0, 127.05, 37.05),
            box(127.05, 37.05, 127.1, 37.1),
            box(127.1, 37.0, 127.2, 37.1),
        ],
        crs="EPSG:4326",
    )


def test_emd_complexes_stand_in_their_dong_and_spanning_ones_in_each_municipality() -> None:
    records = pd.DataFrame(
        {
            "id": ["p", "q", "r"],
            "complex_id": ["cp", "cq", "cr"],
            "sido": "가상도",
            "sigungu": ["서구", "서구", "동구"],
            "sigungu_all": ["가상도 서구", "가상도 서구;가상도 동구", "가상도 동구"],
            "emd": ["나동", "", ""],
            "emd_codes": ["9901002", "", ""],
            "precision": ["emd", "sgg", "point"],
            "lon": [None, None, "127.15"],
            "lat": [None, None, "37.02"],
        },
        index=pd.Index([2, 3, 4], name="row"),
    )
    sgg = tiny.regions()["sgg"]
    placed, problems = place_records(records, sgg, aliases={}, emd=_emd_boundaries())
    assert problems == []
    assert placed["location"].tolist() == ["emd", "municipality", "municipality", "site"]
    emd_point = placed.geometry.iloc[0]
    assert box(127.05, 37.05, 127.1, 37.1).contains(emd_point)
    assert placed["sgg_code"].tolist() == ["99010", "99010", "99020", "99020"]
    assert placed["shown_sgg_codes"].tolist() == ["99010", "99010", "99020", "99020"]
    # representative points never become the record's own coordinates
    assert placed["lon"].isna().tolist() == [True, True, True, False]


def test_a_dong_the_boundaries_lack_is_placed_at_its_municipality() -> None:
    # another vintage of 읍면동 (the package's 2020 codes) lacks the record's 2018 code
    records = pd.DataFrame(
        {
            "id": ["p"],
            "complex_id": ["cp"],
            "sido": "가상도",
            "sigungu": ["서구"],
            "sigungu_all": ["가상도 서구"],
            "emd": ["나동"],
            "emd_codes": ["9901002"],
            "precision": ["emd"],
            "lon": [None],
            "lat": [None],
        },
        index=pd.Index([2], name="row"),
    )
    other_vintage = _emd_boundaries().assign(code=["9901101", "9901102", "9902101"])
    placed, problems = place_records(records, tiny.regions()["sgg"], aliases={}, emd=other_vintage)
    assert problems == []
    assert placed["location"].tolist() == ["municipality"]
    assert placed["sgg_code"].tolist() == ["99010"] and placed.geometry.notna().all()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_precision_words_exist_in_both_languages(lang: str) -> None:
    from layers.i18n import t

    for precision in ("point", "emd", "sgg", "sido"):
        assert t(f"precision_{precision}", lang)
