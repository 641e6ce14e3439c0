"""End to end: the Compare regions and By year tabs, linked with the map (issue #14)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from geo.settings import Settings
from tests.test_e2e import (
    a_run_finishes,
    expected_markers,
    map_frame,
    open_map,
    settled,
    shot,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e

REGION_TIPS = """() => {
  const out = [];
  window.map.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (p && p.code && (l.options.className || '').includes('kca-region') && l.getTooltip()) {
      out.push([p.code, l.getTooltip().getContent()]);
    }
  });
  return out;
}"""
"""Each drawn region's code and tooltip, from the map's own layers."""

SELECTED_CODES = """() => {
  const out = [];
  window.map.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (p && (l.options.className || '').includes('kca-selected')) out.push(p.code);
  });
  return out;
}"""
"""Codes of the regions outlined as selected on the map."""


def map_counts(page: Page) -> dict[str, tuple[str, int]]:
    """Region code -> (English name, complexes) as the map's tooltips state them."""
    out = {}
    for code, tip in map_frame(page).evaluate(REGION_TIPS):
        found = re.search(r": (\d+) complex", tip)
        assert found, tip
        out[str(code)] = (tip.split(" · ")[0], int(found.group(1)))
    return out


def compare_panel(page: Page) -> Locator:
    page.get_by_role("tab", name="Compare regions").click()
    panel = page.get_by_role("tabpanel", name="Compare regions")
    panel.get_by_test_id("stDataFrame").first.wait_for()
    return panel


def click_ranking_row(page: Page, panel: Locator, row: int) -> None:
    """Tick the row's selection box in the ranking table (a canvas: rows 35 px high)."""
    grid = panel.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 * (row + 1) + 17)


CLICK_OPEN_REGION = """() => {
  const map = window.map_div;  // streamlit-folium's Leaflet map
  // while the map zooms or pans (it fits the shown sites at each step of the play), a
  // path is drawn where it was and Leaflet reads a click's place from where it goes
  if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) return null;
  const regions = Object.values(map._layers).filter(
    (l) => l._path && l._path.classList.contains('kca-region') && l.getTooltip());
  for (const layer of regions) {
    const path = layer._path, r = path.getBoundingClientRect();
    const x = r.x + r.width / 2, y = r.y + r.height / 2;
    if (r.width === 0 || document.elementFromPoint(x, y) !== path) continue;
    const tip = document.createElement('div');
    tip.innerHTML = layer.getTooltip().getContent();
    const init = {bubbles: true, cancelable: true, clientX: x, clientY: y, view: window};
    for (const type of ['mousedown', 'mouseup', 'click']) {
      path.dispatchEvent(new MouseEvent(type, init));
    }
    return tip.textContent.split(' · ')[0];
  }
  return null;
}"""
"""In the map's frame, in one task: find a region whose middle no site, belt or legend
covers, click its middle, and return its name (its tooltip's first part); null, and no
click, while the map moves."""


def click_a_region(page: Page) -> str:
    """Click a region whose middle no site, belt or legend covers; return its name.

    The region is found, named and clicked in one script run in the map: while the
    years play, the map fits itself to the shown sites every second and swaps its
    regions, so a click aimed from an earlier measurement (a hover, then its tooltip)
    landed on another region. It waits for the map to stand still: during a zoom the
    paths are scaled from where they were and a click's place is read from the new view.
    """
    name = map_frame(page).wait_for_function(CLICK_OPEN_REGION, timeout=30_000).json_value()
    assert isinstance(name, str) and name
    return name


def selected_name(panel: Locator) -> str:
    caption = panel.get_by_text(re.compile(r"^Selected region: "))
    caption.wait_for(timeout=60_000)
    return caption.inner_text().removeprefix("Selected region: ")


def test_ranking_and_map_agree_on_the_top_region_and_select_each_other(
    page: Page, app_url: str
) -> None:
    frame = open_map(page, f"{app_url}/?lang=en")
    frame.locator("path.kca-site").first.wait_for()
    counts = map_counts(page)
    top = max(n for _, n in counts.values())
    leaders = {code for code, (_, n) in counts.items() if n == top}
    panel = compare_panel(page)
    click_ranking_row(page, panel, 0)
    name = selected_name(panel)
    assert name in {counts[c][0] for c in leaders}  # first row = the map's highest value
    page.get_by_role("heading", name=name).wait_for(timeout=60_000)  # the card shows it
    map_frame(page).wait_for_function(f"() => ({SELECTED_CODES})().length === 1")
    outlined = map_frame(page).evaluate(SELECTED_CODES)[0]
    assert counts[str(outlined)][0] == name
    shot(page, "compare-row-selects-region")
    # the other way: a region clicked on the map is the one the tab marks
    clicked = click_a_region(page)
    panel.get_by_text(f"Selected region: {clicked}", exact=True).wait_for(timeout=60_000)
    page.get_by_role("heading", name=clicked).wait_for(timeout=60_000)
    assert page.outside == []  # type: ignore[attr-defined]


def test_two_regions_side_by_side_show_both_with_the_map_counts(page: Page, app_url: str) -> None:
    open_map(page, f"{app_url}/?lang=en")
    settled(page)  # the map's first report has rerun the page: no run redraws the box below
    counts = dict(map_counts(page).values())
    panel = compare_panel(page)
    table = panel.get_by_test_id("stTable")
    table.wait_for()
    choice = panel.get_by_test_id("stMultiSelect")
    choice.locator("input").click()
    for _ in range(2):  # the top two chosen by default
        with a_run_finishes(page):
            page.keyboard.press("Backspace")
    table.wait_for(state="detached", timeout=60_000)
    for name in ("Seoul", "Jeju-do"):
        page.keyboard.type(name)  # typed into a page at rest: no run clears the box mid-word
        with a_run_finishes(page):
            page.get_by_role("option", name=name, exact=True).click()
    table.wait_for(timeout=60_000)
    headers = table.locator("thead th").all_inner_texts()
    assert [h.strip() for h in headers][-2:] == ["Seoul", "Jeju-do"]
    first = table.locator("tbody tr").first.locator("td").all_inner_texts()
    for name, cell in zip(("Seoul", "Jeju-do"), first[-2:], strict=True):
        n = counts[name]
        assert cell.startswith(f"{n} complex" if n == 1 else f"{n} complexes")
    assert table.get_by_text("Population (2020)").count() == 1
    shot(page, "compare-side-by-side")


def play_button(page: Page, label: str) -> Locator:
    return page.get_by_role("button", name=label)


def test_play_steps_the_years_and_the_map_follows(
    page: Page, app_url: str, prepared: Settings
) -> None:
    frame = open_map(page, f"{app_url}/?lang=en")
    frame.locator("path.kca-site").first.wait_for()
    page.get_by_role("tab", name="By year").click()
    early = expected_markers(prepared, year_to=2014)
    later = expected_markers(prepared, year_to=2021)
    assert early < later
    play_button(page, "▶ Play the years").click()
    for want in (early, later):  # the map holds each step's markers for a second
        map_frame(page).wait_for_function(
            f"() => window.kcaSiteMarkers.getLayers().length === {want}", timeout=60_000
        )
    assert "to=" in page.url
    play_button(page, "▶ Play the years").wait_for(timeout=90_000)  # stopped at the end
    page.wait_for_function("() => !location.search.includes('to=')", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_play_stops_on_a_map_click(page: Page, app_url: str) -> None:
    frame = open_map(page, f"{app_url}/?lang=en")
    frame.locator("path.kca-site").first.wait_for()
    page.get_by_role("tab", name="By year").click()
    play_button(page, "▶ Play the years").click()
    play_button(page, "⏸ Stop").wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('to=2014')", timeout=60_000)
    clicked = click_a_region(page)
    page.get_by_role("heading", name=clicked).wait_for(timeout=60_000)
    play_button(page, "▶ Play the years").wait_for(timeout=60_000)
    stopped_at = page.url
    assert "to=20" in stopped_at
    assert page.get_by_text(re.compile("^Showing designations to")).count() == 0
