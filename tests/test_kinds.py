"""Program kinds (#12): the default view shows statutory designations, the other kinds are
one choice away and labelled; province-wide complexes stand for their whole province."""

from __future__ import annotations

import pandas as pd
import pytest

from exports.describe import describe_view, subtitle_parts
from geo.aggregate import aggregate_sites
from geo.placement import check_points_in_declared_municipality, place_records
from geo.rules import validate_complexes
from geo.schema import PROGRAM_KINDS
from layers.kinds import kind_label, kind_tag, kinds_text
from layers.sites import popup_html, sites_layer, tooltip_text
from layers.symbology import sites_legend
from layers.view import (
    View,
    filter_sites,
    implied_kinds,
    parse_query,
    shown_kinds,
    view_to_query,
    with_program_kinds,
)
from tests import tiny

KINDS_OF = {
    "sobujang": "statutory",
    "root_industry": "statutory",
    "national_candidate": "candidate",
    "busan_belt": "city_plan",
}


def programs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": list(KINDS_OF),
            "kind": list(KINDS_OF.values()),
            "name_ko": ["소부장", "뿌리", "국가산단 후보지", "부산 벨트"],
            "name_en": ["Sobujang", "Root", "National complex candidates", "Busan belts"],
        }
    )


def mixed_sites() -> pd.DataFrame:
    """tiny's three statutory sites, one candidate site and one city-plan site."""
    base = tiny.sites()
    extra = base.iloc[[0, 2]].copy()
    extra["id"] = ["cand", "belt"]
    extra["program"] = ["national_candidate", "busan_belt"]
    extra.index = pd.Index([5, 6], name="row")
    both = pd.concat([base, extra])
    return with_program_kinds(both, programs())


def test_the_default_view_shows_statutory_designations_only() -> None:
    sites = mixed_sites()
    assert View().kinds == ("statutory",)
    assert sorted(filter_sites(sites, View())["id"]) == ["a", "b", "c"]
    candidates = filter_sites(sites, View(kinds=("statutory", "candidate")))
    assert sorted(candidates["id"]) == ["a", "b", "c", "cand"]
    assert list(filter_sites(sites, View(kinds=("candidate",)))["id"]) == ["cand"]
    assert len(filter_sites(sites, View(kinds=PROGRAM_KINDS))) == 5


def test_a_chosen_program_is_shown_whatever_its_kind() -> None:
    sites = mixed_sites()
    # an old link program=busan_belt (no kind=) still shows Busan's belts
    assert list(filter_sites(sites, View(programs=("busan_belt",)))["id"]) == ["belt"]
    both = View(programs=("busan_belt", "sobujang"), kinds=("candidate",))
    assert sorted(filter_sites(sites, both)["id"]) == ["a", "b", "belt"]
    view = implied_kinds(View(programs=("busan_belt",)), KINDS_OF)
    assert view.kinds == ("statutory", "city_plan")  # the sidebar ticks its kind
    assert shown_kinds(View(programs=("busan_belt",)), KINDS_OF) == ("city_plan",)
    assert shown_kinds(View(kinds=("candidate",)), KINDS_OF) == ("candidate",)


def test_a_record_of_no_known_kind_is_never_hidden() -> None:
    sites = mixed_sites()
    sites.loc[sites["id"] == "c", "program_kind"] = pd.NA
    assert "c" in set(filter_sites(sites, View(kinds=("candidate",)))["id"])
    without = tiny.sites()  # no program_kind column at all: nothing filtered by kind
    assert len(filter_sites(without, View())) == len(without)


def test_kinds_round_trip_through_the_url() -> None:
    assert "kind" not in view_to_query(View())  # the default stays out of links
    chosen = View(kinds=("statutory", "candidate"))
    query = view_to_query(chosen)
    assert query == {"kind": "statutory,candidate"}
    assert parse_query(query) == (chosen, [])
    assert parse_query({"kind": "candidate,statutory"})[0].kinds == ("statutory", "candidate")
    everything, problems = parse_query({"kind": "all"})
    assert everything.kinds == PROGRAM_KINDS and problems == []
    assert view_to_query(everything) == {"kind": "all"}
    view, problems = parse_query({"kind": "statutory,rumour"})
    assert view.kinds == ("statutory",)  # the default kept
    assert problems and problems[0][0] == "kind" and "candidate" in problems[0][2]
    assert "city_plan" in problems[0][2] and "rumour" in problems[0][2]


def test_kind_words_in_both_languages() -> None:
    assert kind_tag("candidate", "ko") == "후보지"
    assert kind_tag("candidate", "en") == "candidate site"
    assert kind_tag("statutory", "ko") == ""
    assert kind_label("national_candidate", "ko", KINDS_OF) == "후보지 · 지정 아님"
    assert kind_label("busan_belt", "en", KINDS_OF) == "city plan · not a designation"
    assert kind_label("sobujang", "en", KINDS_OF) == ""
    assert kinds_text(["city_plan", "statutory"], "ko") == "법정 지정, 시 계획"
    with pytest.raises(ValueError, match="statutory, support, pilot, candidate, city_plan"):
        kinds_text(["rumour"], "en")


def test_popups_tooltips_and_legend_label_what_is_not_a_designation() -> None:
    sites = mixed_sites()
    cand = sites[sites["id"] == "cand"]
    labels = dict(zip(programs()["id"], programs()["name_en"], strict=True))
    popup = popup_html(cand, "en", labels, {})
    assert "candidate site · not a designation" in popup
    assert "not a designation" not in popup_html(sites[sites["id"] == "a"], "en", labels, {})
    assert tooltip_text(cand.iloc[0], "ko", 1, ("candidate",)).endswith("· 후보지")
    statutory = sites[sites["id"] == "c"].iloc[0]
    assert tooltip_text(statutory, "en", 1, ("statutory",)) == "C site · 다 단지"  # names only
    layer = sites_layer(sites, "ko", {}, labels, {})
    assert "후보지" in layer.markers
    data = tiny.atlas()
    data = type(data)(**{**data.__dict__, "programs": programs()})
    assert sites_legend(sites, data, "en").title.startswith("Sites shown (designations and")
    assert sites_legend(filter_sites(sites, View()), data, "en").title.startswith("Designated")
    entries = [e.label for e in sites_legend(sites, data, "en").entries]
    assert entries[0] == "Program kind: statutory designation, candidate site, city plan"
    only = [e.label for e in sites_legend(filter_sites(sites, View()), data, "ko").entries]
    assert only[0] == "사업 종류: 법정 지정" and not any("후보지" in e for e in only)
    assert kinds_text(PROGRAM_KINDS, "en").startswith("every kind")


def test_export_subtitle_says_candidate_sites() -> None:
    data = tiny.atlas()
    data = type(data)(**{**data.__dict__, "programs": programs(), "sites": mixed_sites()})
    view = View(kinds=("statutory", "candidate"), lang="en")
    words = describe_view(data, view, filter_sites(data.sites, view))
    assert "statutory designation, candidate site" in words.subtitle
    assert "candidate site" in words.title
    default = View(lang="ko")
    parts = subtitle_parts(data, default, filter_sites(data.sites, default))
    assert not any("후보지" in p or "법정 지정" in p for p in parts)  # default: said by legend
    belts = View(programs=("busan_belt",), lang="ko")
    assert "시 계획" in describe_view(data, belts, filter_sites(data.sites, belts)).subtitle


# ----------------------------------------------------------------------- province-wide


def _wide_records() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["w", "s"],
            "complex_id": ["cw", "cs"],
            "program": ["global_innovation", "sobujang"],
            "industry": ["bio", "mold"],
            "sido": "가상도",
            "sigungu": [None, "동구"],
            "sigungu_all": [None, "가상도 동구"],
            "precision": ["sido", "sgg"],
            "lon": [None, None],
            "lat": [None, None],
            "investment_private_planned_krw": pd.array([None, 5], dtype="Int64"),
        },
        index=pd.Index([2, 3], name="row"),
    )


def test_a_province_wide_complex_stands_for_its_whole_province() -> None:
    frames = tiny.regions()
    placed, problems = place_records(_wide_records(), frames["sgg"], aliases={})
    assert problems == []
    wide = placed[placed["id"] == "w"].iloc[0]
    assert wide["location"] == "province" and wide["precision"] == "sido"
    assert wide["declared_sgg_codes"] == "99010;99020"  # every municipality of it
    assert frames["sido"].geometry.iloc[0].contains(wide.geometry)  # drawn inside it
    assert pd.isna(wide["sgg_code"]) and wide["sido_code_moi"] == "98"
    assert pd.isna(wide["lon"]) and pd.isna(wide["lat"])  # never a coordinate of the record
    assert check_points_in_declared_municipality(placed).empty
    # counted for the province, credited to no municipality
    sido = aggregate_sites(placed, frames["sido"], "sido")
    assert sido.loc["98", "complexes"] == 2
    sgg = aggregate_sites(placed, frames["sgg"], "sgg")
    assert sgg["complexes"].sum() == 1 and sgg.loc["99020", "complexes"] == 1


def test_a_province_wide_complex_is_labelled_so() -> None:
    placed, _ = place_records(_wide_records(), tiny.regions()["sgg"], aliases={})
    wide = placed[placed["id"] == "w"]
    assert "Province-wide (sources name only the province): 가상도" in popup_html(
        wide, "en", {}, {}
    )
    assert "시·도 전역" in tooltip_text(wide.iloc[0], "ko")
    layer = sites_layer(placed, "en", {}, {}, {})
    assert "kca-province" in layer.markers
    legend = [e for e in sites_legend(placed, tiny.atlas(), "en").entries if e.shape == "province"]
    assert [e.label for e in legend] == ["Province-wide (sources name only the province)"]


def test_only_province_wide_complexes_leave_the_municipality_empty() -> None:
    rows = pd.DataFrame(
        {
            "complex_id": ["wide", "bad-wide", "no-place"],
            "name_ko": ["가", "나", "다"],
            "name_en": ["A", "B", "C"],
            "sido": "부산광역시",
            "sigungu": [None, "강서구", None],
            "sigungu_all": [None, "부산광역시 강서구", None],
            "precision": ["sido", "sido", "sgg"],
        },
        index=pd.Index([2, 3, 4], name="row"),
    )
    problems = [(p.row, p.column) for p in validate_complexes(rows)]
    assert (2, "sigungu") not in problems
    assert (3, "sigungu") in problems and (3, "sigungu_all") in problems
    assert (4, "sigungu") in problems and (4, "sigungu_all") in problems
