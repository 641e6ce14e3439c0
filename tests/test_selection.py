"""The selected complex on the map (#14): framed and outlined as finely as its sources
place it — a municipality-precision complex by its municipalities, not a close-up of
its drawing point."""

from __future__ import annotations

import folium

from layers.camera import fit_camera, sites_bounds
from layers.selection import selected_areas, selection_bounds, selection_group
from tests import tiny


def rows_of(complex_key: str):  # type: ignore[no-untyped-def]
    sites = tiny.place_sites()
    return sites[sites["complex_key"] == complex_key]


def test_a_complex_named_by_its_municipalities_is_framed_by_them() -> None:
    regions = tiny.regions()
    areas = selected_areas(rows_of("y"), regions)
    assert areas is not None and sorted(areas["code"]) == ["99010", "99020"]
    (south, west), (north, east) = selection_bounds(rows_of("y"), regions)  # type: ignore[misc]
    assert (west, south, east, north) == tuple(regions["sgg"].total_bounds)
    (p_south, p_west), (p_north, p_east) = sites_bounds(rows_of("y"))  # type: ignore[misc]
    assert south < p_south and west < p_west and north > p_north and east > p_east
    phone = fit_camera(((south, west), (north, east)), (300, 200))
    assert phone.zoom < fit_camera(((p_south, p_west), (p_north, p_east)), (300, 200)).zoom


def test_a_complex_at_its_emd_or_site_is_framed_by_its_markers() -> None:
    regions = tiny.regions()
    assert selected_areas(rows_of("x"), regions) is None
    assert selection_bounds(rows_of("x"), regions) == sites_bounds(rows_of("x"))
    assert selection_bounds(rows_of("z"), regions) == sites_bounds(rows_of("z"))


def test_a_province_wide_zone_is_framed_by_its_province() -> None:
    rows = rows_of("y").assign(location="province", sido_code_moi="98")
    areas = selected_areas(rows, tiny.regions())
    assert areas is not None and list(areas["code_moi"]) == ["98"]


def test_the_selection_layer_outlines_the_areas_and_rings_the_markers_without_clicks() -> None:
    group = selection_group(rows_of("y"), tiny.regions(), "selected complex")
    assert group is not None
    fmap = folium.Map()
    group.add_to(fmap)
    html = fmap.get_root().render()
    assert html.count("kca-selected-site") == 2  # one ring per marker (two municipalities)
    assert "kca-selected-area" in html and '"dashArray": "6 4"' in html
    assert selection_group(rows_of("y").iloc[0:0], tiny.regions(), "x") is None


def test_the_selection_is_one_more_group_on_top_of_the_view_groups() -> None:
    from ui.viewcache import MapGroups, extra_script, with_extra

    group = selection_group(rows_of("y"), tiny.regions(), "selected complex")
    script = extra_script(group)
    assert script is not None and "kca-selected-site" in script
    view_groups = MapGroups("/* view groups */")
    assert with_extra(view_groups, script).script == "/* view groups */" + script
    assert with_extra(view_groups, extra_script(None)) is view_groups
