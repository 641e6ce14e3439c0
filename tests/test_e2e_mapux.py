"""End to end (issue #14 items 5-6): the map fills the window, the legend collapses, the
phone sees the map first, and the map is one keyboard stop whose Enter fills the card."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e_server import ROOT
from tests.test_e2e import settled

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DESKTOP, PHONE = (1600, 1000), (390, 844)

TABBABLE = """(root) => Array.from(root.querySelectorAll(
  'a[href], button, input, select, textarea, summary, iframe, [tabindex]'))
  .filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0)"""


def open_map(page: Page, url: str, size: tuple[int, int]) -> Frame:
    """The page at ``size`` with its map drawn (regions and sites), at rest
    (:func:`tests.test_e2e.settled`); the map's frame."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    located = page.frame_locator(MAP_FRAME)
    located.locator("path.kca-region").first.wait_for(state="attached", timeout=90_000)
    located.locator("path.kca-site").first.wait_for(state="attached", timeout=60_000)
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    assert frame is not None
    settled(page)
    return frame


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def legend_open(frame: Frame) -> bool:
    return frame.locator(".kca-legend-toggle").get_attribute("aria-expanded") == "true"


def test_map_fills_the_height_left_on_a_desktop(page: Page, app_url: str) -> None:
    open_map(page, app_url, DESKTOP)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    page.wait_for_function(
        f"""() => {{
          const r = document.querySelector('{MAP_FRAME}').getBoundingClientRect();
          return r.bottom > {DESKTOP[1] - 40} && r.bottom <= {DESKTOP[1]};
        }}""",
        timeout=30_000,
    )
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    assert box["y"] < 160  # a one-line header above it
    assert box["height"] > 0.8 * DESKTOP[1]  # was 620 px (62 %)
    shot(page, "mapux-desktop")


WATCH_HEIGHTS = """
window.kcaHeights = [];
new MutationObserver(() => {
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  if (!frame || frame.kcaWatched) return;
  frame.kcaWatched = true;
  new ResizeObserver(() => {
    const h = Math.round(frame.getBoundingClientRect().height);
    if (h > 0) window.kcaHeights.push(h);
  }).observe(frame);
}).observe(document, {subtree: true, childList: true});
"""
"""Every height the map's iframe takes, from its creation (a page init script)."""


@pytest.mark.parametrize("size", [DESKTOP, (1280, 720), PHONE], ids=["desktop", "laptop", "phone"])
def test_the_map_keeps_its_first_height(page: Page, app_url: str, size: tuple[int, int]) -> None:
    """The map is drawn at the height it keeps: no jump on screen, and no resize report
    (one more run of the page) right after the first map."""
    page.add_init_script(WATCH_HEIGHTS)
    frame = open_map(page, app_url, size)
    page.wait_for_function("() => document.documentElement.style.getPropertyValue('--kca-map-top')")
    frame.locator(".kca-legend-toggle").wait_for()
    heights = page.evaluate("() => window.kcaHeights")
    assert heights and len(set(heights)) == 1, heights


def test_phone_shows_the_map_above_the_fold_with_the_legend_collapsed(
    page: Page, app_url: str
) -> None:
    frame = open_map(page, app_url, PHONE)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    assert box["y"] < 200  # the title no longer takes the first 330 px
    assert min(box["y"] + box["height"], PHONE[1]) - box["y"] > 0.5 * PHONE[1]
    toggle = frame.locator(".kca-legend-toggle")
    toggle.wait_for()
    assert not legend_open(frame)
    assert not frame.locator(".kca-legend-body").is_visible()
    toggle.click()
    frame.locator(".kca-legend-body").wait_for(state="visible")
    assert legend_open(frame)
    legend = frame.locator(".kca-legend").bounding_box()
    assert legend is not None and legend["width"] < PHONE[0] - 40  # never wider than the map
    toggle.click()
    frame.locator(".kca-legend-body").wait_for(state="hidden")
    shot(page, "mapux-phone")


def test_legend_choice_survives_a_filter_change(page: Page, app_url: str) -> None:
    frame = open_map(page, app_url, DESKTOP)
    toggle = frame.locator(".kca-legend-toggle")
    toggle.wait_for()
    if not legend_open(frame):
        toggle.click()
    toggle.click()  # the user closes it
    assert not legend_open(frame)
    page.get_by_text("시군구", exact=True).first.click()  # level: a new legend is drawn
    page.frame_locator(MAP_FRAME).locator("path.kca-region").nth(200).wait_for(state="attached")
    frame.locator(".kca-legend-toggle").wait_for()
    assert frame.locator(".kca-legend-toggle").count() == 1
    assert not legend_open(frame)
    assert not frame.locator(".kca-legend-body").is_visible()


def test_map_is_one_tab_stop_and_the_next_control_is_three_tabs_away(
    page: Page, app_url: str
) -> None:
    frame = open_map(page, app_url, DESKTOP)
    stops = frame.evaluate(f"() => ({TABBABLE})(document).map((el) => el.className)")
    assert len(stops) == 2, stops  # the map, and the legend's button (was 149 stops)
    before = page.evaluate(
        f"""() => {{
          const map = document.querySelector('{MAP_FRAME}');
          const prior = ({TABBABLE})(document).filter((el) =>
            el !== map && (el.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING));
          const last = prior[prior.length - 1];
          last.focus();
          return document.activeElement === last;
        }}"""
    )
    assert before  # the last control before the map has the focus
    page.keyboard.press("Tab")
    assert frame.evaluate("() => document.activeElement.id") == "map_div"  # the map itself
    after = False
    for _ in range(2):
        page.keyboard.press("Tab")
        after = page.evaluate(
            f"""() => {{
              const map = document.querySelector('{MAP_FRAME}');
              const now = document.activeElement;
              return now !== map &&
                !!(map.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
            }}"""
        )
        if after:
            break
    assert after  # the next control after the map, within 3 Tabs of the one before


def test_arrow_keys_move_between_complexes_and_enter_fills_the_card(
    page: Page, app_url: str
) -> None:
    frame = open_map(page, f"{app_url}/?program=strategic&lang=en", DESKTOP)
    frame.locator("#map_div").focus()
    page.keyboard.press("ArrowRight")
    live = frame.locator(".kca-sr")
    first = live.inner_text()
    assert first
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "(before) => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentDocument.querySelector('.kca-sr').textContent !== before",
        arg=first,
    )
    assert frame.locator(".kca-focus-ring").count() == 1  # the focus is visible
    announced = live.inner_text()
    page.keyboard.press("Enter")
    popup = frame.locator(".leaflet-popup-content b").first
    popup.wait_for()
    name = popup.inner_text().split(" · ")[0]
    assert name and name in announced
    page.get_by_role("heading", name=name).wait_for(timeout=60_000)  # the card
    shot(page, "mapux-keyboard-enter")


def test_legend_leaves_busan_ulsan_and_the_east_coast_visible_on_a_laptop(
    page: Page, app_url: str
) -> None:
    frame = open_map(page, app_url, (1280, 720))
    frame.locator(".kca-legend-toggle").wait_for()
    hidden = frame.evaluate(
        """() => {
          const legend = document.querySelector('.kca-legend').getBoundingClientRect();
          const marks = document.querySelectorAll('path.kca-site, .marker-cluster');
          return Array.from(marks).filter((el) => {
            const r = el.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            return r.width > 0 && x >= legend.left && x <= legend.right &&
              y >= legend.top && y <= legend.bottom;
          }).length;
        }"""
    )
    assert hidden == 0  # was 21 of 115 sites under the legend
    shot(page, "mapux-laptop")
