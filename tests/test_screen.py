"""An export frames what the screen shows (#14 map ergonomics): the app's map fills the
window, so a view carries the map's size on screen with its centre and zoom."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exports.image.geometry import metric_frame, screen_frame
from layers.view import SCREEN_MAP_PX, View, parse_query, view_to_query
from tests import tiny
from ui.snapshot import screen_size


def test_the_map_size_travels_in_the_link_and_the_command_line() -> None:
    view = View(lat=35.1, lon=129.0, zoom=10.0, screen=(1180, 760))
    query = view_to_query(view)
    assert query["screen"] == "1180x760"
    assert parse_query(query)[0] == view


@pytest.mark.parametrize("raw", ["1180", "1180x", "99x760", "1180x99999", "axb", "-5x700"])
def test_a_bad_map_size_is_ignored_with_the_allowed_form(raw: str) -> None:
    view, problems = parse_query({"screen": raw})
    assert view.screen is None
    assert problems == [("screen", raw, "WIDTHxHEIGHT in pixels, e.g. 1180x760, each 200-8000")]


def test_an_export_frames_the_whole_map_on_screen() -> None:
    narrow = screen_frame(35.1, 129.0, 10.0)  # no size known: SCREEN_MAP_PX
    wide = screen_frame(35.1, 129.0, 10.0, (2000, 620))
    assert (wide[2] - wide[0]) == pytest.approx(2 * (narrow[2] - narrow[0]))
    assert (wide[3] - wide[1]) == pytest.approx(narrow[3] - narrow[1])
    view = View(lat=35.1, lon=129.0, zoom=10.0)
    data = tiny.atlas()
    assert metric_frame(data, view) == narrow
    assert metric_frame(data, replace(view, screen=(2000, 620))) == wide
    assert SCREEN_MAP_PX == (1000, 620)


def test_the_map_size_is_read_from_the_bounds_the_map_returns() -> None:
    # Leaflet's bounds of a 1024 x 512 px map at zoom 2: 360 x 180 degrees of Mercator x
    bounds = {
        "_southWest": {"lat": -66.51326, "lng": -180},
        "_northEast": {"lat": 66.51326, "lng": 180},
    }
    assert screen_size(bounds, 2) == (1024, 512)
    assert screen_size(None, 7) is None
    assert screen_size({"_southWest": {}}, 7) is None
    tiny_map = {"_southWest": {"lat": 35, "lng": 129}, "_northEast": {"lat": 35, "lng": 129.0001}}
    assert screen_size(tiny_map, 7) is None  # out of range: not a real map size
