"""Soak: many filter changes in one browser tab, memory after GC and reply times.

A planner toggles a program in the sidebar over and over in one Chromium tab (issue #16:
the tab crashed after about 200 changes). Each change adds the 소부장 program filter or
removes it again, so after an even number of changes the view is the one first loaded.

Measured, on the same tab:

* the JS heap after a forced full garbage collection (CDP ``HeapProfiler.collectGarbage``
  then ``Runtime.getHeapUsage``; the map's iframe is same-origin, so it lives in the
  page's renderer and V8 isolate and is counted there), every ``sample_every`` changes;
* the reply time of each change: from the click in the sidebar until the mounted map
  has swapped in the new layer groups (``window.__GLOBAL_DATA__.last_feature_group``
  changed) and shows the expected number of site markers;
* whether the tab crashed;
* the same reply times in a fresh tab, for the last :data:`CONTROL_CHANGES` changes: a
  tab of a second browser is loaded then and each change of the soaked tab is followed
  by the same change in it; its heap once loaded and after those changes. "Are the last
  changes slower than the first ones?" compares numbers taken minutes apart on a shared
  machine; the fresh tab's first changes, taken in the same minute, answer it without
  the machine's drift.

``python -m bench app_soak`` runs 300 changes (``KCA_SOAK_CHANGES`` sets another number)
three times, each in a fresh tab: toggling the program filter (a pill in the sidebar's
program list), toggling the belts checkbox (the map alone: no filter list changes), and
the program filter again in a Chromium whose V8 runs its interpreter alone (``--jitless``:
the heap then holds no compiled code, so what it keeps is what the page retains;
:data:`ENGINES`). ``KCA_SOAK_CONTROLS`` and ``KCA_SOAK_ENGINES`` pick other runs.
``python -m bench.soak --changes N --control program|belts --engine jit|jitless`` does
one from the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from playwright.sync_api import CDPSession, Frame, Page, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.common import Row, median, num, prepared_settings, rounded
from layers.atlas import load_atlas_data
from tests.e2e_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PROGRAM_OPTION = "소재·부품·장비 특화단지"
TIMEOUT_MS = int(os.environ.get("KCA_SOAK_TIMEOUT_MS", "120000"))
IDLE_APP = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MB = 2**20
DEFAULT_CHANGES = 300
ENV_CHANGES = "KCA_SOAK_CHANGES"

SITES_JS = "(window.kcaSiteMarkers ? window.kcaSiteMarkers.getLayers().length : -1)"
"""Site markers in the map's site layer, clustered or not (a filter change also moves the
map, issue #14, so the markers drawn on screen are not a fixed number)."""

SWAPPED_JS = (
    """(want) => {
  const g = window.__GLOBAL_DATA__;
  if (!g || g.last_feature_group === window.kcaSoakSeen) return false;
  return want < 0 || """
    + SITES_JS
    + """ === want;
}"""
)
"""True once the map swapped in new groups (and shows ``want`` markers, unless -1)."""

SEEN_JS = (
    """() => {
  window.kcaSoakSeen = window.__GLOBAL_DATA__.last_feature_group;
  return """
    + SITES_JS
    + """;
}"""
)
"""Remember the groups now shown (no copy: the same string the component holds)."""

STATE_JS = (
    """() => ({
  swapped: window.__GLOBAL_DATA__.last_feature_group !== window.kcaSoakSeen,
  markers: """
    + SITES_JS
    + """,
  groups: (window.feature_group || []).length,
  url: window.parent.location.search,
})"""
)
"""What the map shows, for error messages."""


@dataclass
class SoakRun:
    """What one soak measured.

    Attributes
    ----------
    heap_mb : dict of int to float
        Number of changes -> JS heap used after a full GC, in MiB.
    replies_s : list of float
        Seconds from click to updated map, per change, in order.
    crashed : bool
        Whether the tab crashed (the run stops there).
    markers : list of int
        Site markers shown without and with the program filter.
    groups : dict of int to int
        Number of changes -> length of the iframe's ``window.feature_group``.
    error : str or None
        Why the run stopped early (crashed tab, or one that no longer answers).
    fresh_replies_s : list of float
        Reply times of the fresh tab's first changes, made alternately with the soaked
        tab's last ones (empty when no fresh tab was asked for).
    fresh_heap_mb : dict of int to float
        The fresh tab's heap after GC once loaded (0) and after its last change.
    """

    heap_mb: dict[int, float] = field(default_factory=dict)
    replies_s: list[float] = field(default_factory=list)
    crashed: bool = False
    markers: list[int] = field(default_factory=list)
    groups: dict[int, int] = field(default_factory=dict)
    error: str | None = None
    fresh_replies_s: list[float] = field(default_factory=list)
    fresh_heap_mb: dict[int, float] = field(default_factory=dict)


def map_frame(page: Page) -> Frame:
    """The map iframe's document."""
    handle = page.locator(MAP_FRAME).element_handle(timeout=TIMEOUT_MS)
    frame = handle.content_frame() if handle is not None else None
    if frame is None:
        raise RuntimeError(f"no map iframe ({MAP_FRAME}) on {page.url}")
    return frame


def open_atlas(page: Page, url: str) -> Frame:
    """Load the atlas and wait until its sites are drawn; the map's frame."""
    page.goto(url)
    markers = page.frame_locator(MAP_FRAME).locator("path.kca-site").first
    markers.wait_for(state="attached", timeout=TIMEOUT_MS)
    frame = map_frame(page)
    frame.wait_for_function(
        "() => window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_feature_group"
    )
    wait_idle(page)
    return frame


def heap_after_gc(cdp: CDPSession) -> float:
    """MiB of JS heap in use after two forced full garbage collections."""
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("HeapProfiler.collectGarbage")
    return float(cdp.send("Runtime.getHeapUsage")["usedSize"]) / MB


def click_program(page: Page, on: bool) -> float:
    """Click the program's pill in the sidebar so that it is pressed (``on``) or not; the
    time of the deciding click. The pill reads "name (count)".

    A click that lands while the sidebar is being redrawn can be lost; the pill's
    ``aria-pressed`` shows at once whether it took, so the click is repeated (up to 3
    times) until it does, and the time is that of the click that took.
    """
    name = re.compile("^" + re.escape(PROGRAM_OPTION) + r" \(")
    sidebar = page.get_by_test_id("stSidebar")
    pill, done = (
        sidebar.get_by_role("button", name=name),
        sidebar.get_by_role("button", name=name, pressed=on),
    )
    for _ in range(3):
        pill.wait_for()
        start = time.perf_counter()
        pill.click()
        try:
            done.wait_for(timeout=10_000)
            return start
        except PlaywrightTimeout:
            continue
    raise RuntimeError(f"the {PROGRAM_OPTION} pill did not become pressed={on}")


def change(page: Page, frame: Frame, on: bool, want: int) -> tuple[float, int]:
    """One program filter change; seconds until the map is updated, and markers shown."""
    return swap(page, frame, lambda: click_program(page, on), want)


def pick_radio(page: Page, group: str, label: str) -> float:
    """Click ``label`` in the sidebar radio group labelled ``group``; the click's time."""
    radio = page.get_by_test_id("stSidebar").get_by_test_id("stRadio").filter(has_text=group)
    choice = radio.get_by_text(label, exact=True)
    choice.wait_for()
    start = time.perf_counter()
    choice.click()
    return start


def pick_checkbox(page: Page, label: str) -> float:
    """Click the sidebar checkbox labelled ``label``; the click's time."""
    box = page.get_by_test_id("stSidebar").get_by_text(label, exact=True)
    box.wait_for()
    start = time.perf_counter()
    box.click()
    return start


LEAFLET_CLASSES = ("L.Polygon", "L.CircleMarker", "L.GeoJSON", "L.FeatureGroup", "L.Tooltip")
"""Leaflet classes whose live instances :func:`live_leaflet_objects` counts."""
MAP_CONTEXT_JS = "typeof L !== 'undefined' && !!window.__GLOBAL_DATA__"
"""True in the map iframe's JavaScript context only."""


def _map_context(cdp: CDPSession) -> int:
    """The id of the map iframe's execution context (Runtime domain enabled on ``cdp``)."""
    contexts: list[int] = []
    cdp.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]["id"]))
    cdp.send("Runtime.enable")  # reports every existing context before it returns
    for context in reversed(contexts):
        found = cdp.send(
            "Runtime.evaluate",
            {"expression": MAP_CONTEXT_JS, "contextId": context, "returnByValue": True},
        )
        if found["result"].get("value") is True:
            return context
    raise RuntimeError(f"no map iframe context among {len(contexts)} contexts")


def live_leaflet_objects(page: Page) -> dict[str, int]:
    """Live (reachable after a full GC) instances of each of :data:`LEAFLET_CLASSES` in
    the map's iframe, counted with CDP ``Runtime.queryObjects``."""
    cdp = page.context.new_cdp_session(page)
    try:
        context = _map_context(cdp)
        cdp.send("HeapProfiler.collectGarbage")
        counts = {}
        for name in LEAFLET_CLASSES:
            group = {"objectGroup": "kca-count"}
            proto = cdp.send(
                "Runtime.evaluate",
                {"expression": f"{name}.prototype", "contextId": context, **group},
            )["result"]["objectId"]
            found = cdp.send("Runtime.queryObjects", {"prototypeObjectId": proto, **group})
            length = cdp.send(
                "Runtime.callFunctionOn",
                {
                    "functionDeclaration": "function () { return this.length; }",
                    "objectId": found["objects"]["objectId"],
                    "returnByValue": True,
                },
            )
            counts[name] = int(length["result"]["value"])
            cdp.send("Runtime.releaseObjectGroup", group)  # the query's array holds them
        return counts
    finally:
        cdp.detach()


LIVE_ELEMENTS_JS = """function (selector) {
  return this.filter(function (e) { return e.matches(selector); }).length;
}"""


def live_elements(page: Page, selector: str) -> int:
    """``div`` elements matching ``selector`` alive (reachable after a full GC) in the map's
    iframe, in its document or detached from it, counted with CDP ``Runtime.queryObjects``
    (an element a handler still holds after its layer left the map is counted too)."""
    cdp = page.context.new_cdp_session(page)
    try:
        context = _map_context(cdp)
        cdp.send("HeapProfiler.collectGarbage")
        group = {"objectGroup": "kca-elements"}
        proto = cdp.send(
            "Runtime.evaluate",
            {"expression": "HTMLDivElement.prototype", "contextId": context, **group},
        )["result"]["objectId"]
        found = cdp.send("Runtime.queryObjects", {"prototypeObjectId": proto, **group})
        count = cdp.send(
            "Runtime.callFunctionOn",
            {
                "functionDeclaration": LIVE_ELEMENTS_JS,
                "objectId": found["objects"]["objectId"],
                "arguments": [{"value": selector}],
                "returnByValue": True,
            },
        )
        cdp.send("Runtime.releaseObjectGroup", group)
        return int(count["result"]["value"])
    finally:
        cdp.detach()


def swap(page: Page, frame: Frame, click: Callable[[], float], want: int = -1) -> tuple[float, int]:
    """Make a change with ``click`` and wait until the mounted map swapped its groups.

    Parameters
    ----------
    page, frame : the app's page and its map frame.
    click : callable
        Makes the change; returns the ``time.perf_counter()`` of the deciding click.
    want : int
        Site markers the updated map must show; -1 for any number.

    Returns
    -------
    tuple of (float, int)
        Seconds from the click until the map was updated; markers shown.
    """
    start = click()
    try:
        frame.wait_for_function(SWAPPED_JS, arg=want, timeout=TIMEOUT_MS)
    except PlaywrightTimeout as exc:
        state = frame.evaluate(STATE_JS)
        raise RuntimeError(f"map not updated to {want} markers: {state}") from exc
    reply = time.perf_counter() - start
    shown = int(frame.evaluate(SEEN_JS))
    wait_idle(page)
    return reply, shown


def wait_idle(page: Page) -> None:
    """Until the script run a change started has finished (the sidebar is live again)."""
    page.locator(IDLE_APP).wait_for(state="attached", timeout=TIMEOUT_MS)


QUIET_MS = 1000
"""How long the page must stay quiet before a sample (see :func:`settle`)."""
PAUSE_MS = 500
"""How long the page must stay quiet before the next change: longer than the map's 250 ms
wait before it reports a moved camera, so each change starts from a settled page, as a
planner's next click does (a click into that report's rerun can leave the map showing the
previous view: a separate race, seen before and after issue #16's fix under heavy load)."""
MAP_STILL_JS = """() => !!window.map && !window.map._animatingZoom && !window.map._flyToFrame
  && !(window.map._panAnim && window.map._panAnim._inProgress)"""
"""True while the map's camera is not moving (Leaflet's zoom, fly and pan animations)."""
PAGE_QUIET_JS = """(ms) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute('data-test-script-state') : 'none';
  const key = state + location.search;
  const now = performance.now();
  if (window.kcaQuietKey !== key || state !== 'notRunning') {
    window.kcaQuietKey = key;
    window.kcaQuietSince = now;
    return false;
  }
  return now - window.kcaQuietSince >= ms;
}"""
"""True once no script has run and the URL has not changed for ``ms`` milliseconds."""


def settle(page: Page, frame: Frame, quiet_ms: int = QUIET_MS) -> None:
    """Until the change is over: the map's camera stands still and no script run follows.

    A filter change also moves the map (issue #14), and the map's report of its new
    centre runs the page once more (the URL gets the new ``lat``/``lon``/``zoom``); a
    heap sample taken while that run is in flight counts both runs' map arguments. The
    tab is sampled where a planner's tab rests between two changes.
    """
    frame.wait_for_function(MAP_STILL_JS, timeout=TIMEOUT_MS)
    page.evaluate("() => { window.kcaQuietKey = null; }")  # the quiet time starts now
    page.wait_for_function(PAGE_QUIET_JS, arg=quiet_ms, polling=100, timeout=TIMEOUT_MS)


def sample(
    run: SoakRun,
    done: int,
    cdp: CDPSession,
    frame: Frame,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Record heap after GC and the iframe's group list length at ``done`` changes, once
    the page has settled (:func:`settle`); tell ``progress``, if given."""
    settle(frame.page, frame)
    run.heap_mb[done] = heap_after_gc(cdp)
    run.groups[done] = int(frame.evaluate("() => (window.feature_group || []).length"))
    if progress:
        reply = run.replies_s[-1] if run.replies_s else float("nan")
        progress(f"{done} changes: {run.heap_mb[done]:.1f} MiB, reply {reply:.2f} s")


BELTS_LABEL = "부산 5대 혁신 벨트"
"""The sidebar checkbox of Busan's belts (Korean page)."""


def toggle_belts(page: Page, frame: Frame, on: bool, want: int) -> tuple[float, int]:
    """One belts-layer change (a checkbox: no option list); seconds and markers shown."""
    return swap(page, frame, partial(pick_checkbox, page, BELTS_LABEL), want)


CONTROL_CHANGES = 50
"""The soak's last changes, each followed by the same change in a fresh tab."""


@dataclass
class Tab:
    """One tab being changed: its page, its map frame and the markers of both views."""

    page: Page
    frame: Frame
    markers: list[int] = field(default_factory=list)
    changes: int = 0

    @classmethod
    def opened(cls, page: Page, url: str) -> Tab:
        """Load the atlas in ``page``; the tab with the loaded view's marker count."""
        frame = open_atlas(page, url)
        return cls(page, frame, [int(frame.evaluate(SEEN_JS))])


Control = Callable[[Page, Frame, bool, int], tuple[float, int]]
CONTROLS: dict[str, Control] = {"program": change, "belts": toggle_belts}
"""How a soak changes the view: the program filter (a pill of the sidebar's program list,
as a planner does it; a multiselect until issue #16, whose every opened option list
stayed alive) or the belts checkbox (the map alone: no filter list changes)."""
ENV_CONTROLS = "KCA_SOAK_CONTROLS"

ENGINES: dict[str, list[str]] = {"jit": [], "jitless": ["--js-flags=--jitless"]}
"""How the soaked browser runs JavaScript: ``jit``, as every user's Chromium does (V8
compiles the functions that run on every change to machine code, kept in the heap while
they stay hot), or ``jitless``, V8's interpreter alone (no compiled code in the heap).
The heap a jitless tab keeps after its changes is what the page itself retains (layers,
DOM, data); the difference to a jit tab's is compiled code, which a fresh load has not
yet made."""
ENV_ENGINES = "KCA_SOAK_ENGINES"


def step(tab: Tab, toggle: Control) -> float:
    """One more change in ``tab`` (on, then off, ...), settled; its reply time."""
    tab.changes += 1
    on = tab.changes % 2 == 1
    want = tab.markers[on] if len(tab.markers) > on else -1
    reply, shown = toggle(tab.page, tab.frame, on, want)
    settle(tab.page, tab.frame, PAUSE_MS)
    if len(tab.markers) == on:
        tab.markers.append(shown)
    return reply


def soak(
    page: Page,
    url: str,
    changes: int,
    sample_every: int,
    progress: Callable[[str], None] | None = None,
    control: str = "program",
    fresh: Callable[[], Page] | None = None,
) -> SoakRun:
    """Toggle the program filter ``changes`` times in one tab, sampling as it goes.

    Parameters
    ----------
    page : Page
        A fresh page (its own tab).
    url : str
        The app's base URL.
    changes : int
        Number of filter changes.
    sample_every : int
        Heap after GC is measured at 0, every ``sample_every`` changes, and at the end
        (not while the fresh tab is open: the two tabs may share one V8 heap).
    progress : callable, optional
        Called with a line of text at every sample.
    control : {"program", "belts"}
        What each change toggles (:data:`CONTROLS`).
    fresh : callable, optional
        Opens a new page; given, the last :data:`CONTROL_CHANGES` changes alternate with
        the same changes in a fresh tab (closed before the last sample).

    Returns
    -------
    SoakRun
    """
    if control not in CONTROLS:
        raise ValueError(f"control must be one of {', '.join(CONTROLS)}; got {control!r}")
    toggle, run = CONTROLS[control], SoakRun()
    page.on("crash", lambda _: setattr(run, "crashed", True))
    tab = Tab.opened(page, url)
    run.markers = tab.markers
    cdp = page.context.new_cdp_session(page)
    sample(run, 0, cdp, tab.frame)
    control_from = max(changes - CONTROL_CHANGES, 0) if fresh is not None else changes
    other: Tab | None = None
    try:
        for done in range(1, changes + 1):
            if done == control_from + 1 and fresh is not None:
                other = Tab.opened(fresh(), url)
                fresh_heap(run, other)
            run.replies_s.append(step(tab, toggle))
            if other is not None:
                run.fresh_replies_s.append(step(other, toggle))
                if done == changes:  # its heap, then the soaked tab's alone
                    fresh_heap(run, other)
                    other.page.close()
            if (done % sample_every == 0 and done <= control_from) or done == changes:
                sample(run, done, cdp, tab.frame, progress)
    except (PlaywrightError, RuntimeError) as exc:  # a crashed or hung tab: report it
        stopped(run, exc, progress)
    return run


def fresh_heap(run: SoakRun, tab: Tab) -> None:
    """Record the fresh tab's heap after GC, once it has settled, at its changes so far."""
    settle(tab.page, tab.frame)
    cdp = tab.page.context.new_cdp_session(tab.page)
    run.fresh_heap_mb[tab.changes] = heap_after_gc(cdp)
    cdp.detach()


def stopped(run: SoakRun, exc: Exception, progress: Callable[[str], None] | None) -> None:
    """Record why the soak stopped early (a crashed tab, or one that no longer answers)."""
    run.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    if progress:
        what = "crashed" if run.crashed else "stopped answering"
        progress(f"tab {what} after {len(run.replies_s)} changes ({run.error})")


REPLY_SLACK = 1.10
"""How much slower than the reference the soaked tab's last replies may be (timing noise)."""


def replies_no_slower(first: list[float], last: list[float], fresh: list[float]) -> bool:
    """Whether the soaked tab's last replies are no slower than a new tab's first ones.

    The reference is the fresh tab's replies, taken alternately with the last ones, when
    there are any (the same minutes of a shared machine); else the soak's own first 50,
    taken minutes earlier. Medians, with :data:`REPLY_SLACK`.
    """
    if not last:
        return False
    if fresh:
        return median(last[-len(fresh) :]) <= median(fresh) * REPLY_SLACK
    return bool(first) and median(last) <= median(first) * REPLY_SLACK


def summary(run: SoakRun, changes: int, control: str = "program", engine: str = "jit") -> Row:
    """The JSON row of a soak: heap per sample, growth, reply medians, crash."""
    done = sorted(run.heap_mb)
    start, end = run.heap_mb[done[0]], run.heap_mb[done[-1]]
    first, last = run.replies_s[:50], run.replies_s[-50:]
    fresh = run.fresh_replies_s
    growth = (end - start) / max(done[-1], 1)
    heap_ok = abs(end - start) <= 0.10 * start
    replies_ok = replies_no_slower(first, last, fresh)
    return {
        "name": "app_soak",
        "control": control,
        "engine": engine,
        "changes": changes,
        "changes_done": len(run.replies_s),
        "crashed": run.crashed,
        "error": run.error,
        "heap_mb_after_gc": {str(k): num(v, 1) for k, v in run.heap_mb.items()},
        "heap_growth_mb_per_change": num(growth, 3),
        "heap_growth_pct": num(100 * (end - start) / start, 1),
        "feature_group_entries": {str(k): v for k, v in run.groups.items()},
        "markers_off_on": run.markers,
        "reply_s_median_first_50": num(median(first), 3) if first else None,
        "reply_s_median_last_50": num(median(last), 3) if last else None,
        "fresh_tab_heap_mb_after_gc": {str(k): num(v, 1) for k, v in run.fresh_heap_mb.items()},
        "heap_mb_over_fresh_tab": {str(k): num(end - v, 1) for k, v in run.fresh_heap_mb.items()},
        "reply_s_median_fresh_tab": num(median(fresh), 3) if fresh else None,
        "reply_ratio_last_50_to_fresh_tab": (
            num(median(last[-len(fresh) :]) / median(fresh), 3) if fresh and last else None
        ),
        "reply_s_max": num(max(run.replies_s), 3) if run.replies_s else None,
        "fresh_reply_s": rounded(fresh),
        "reply_s": rounded(run.replies_s),
        "ok": run.error is None and heap_ok and replies_ok,
    }


VIEWPORT: ViewportSize = {"width": 1500, "height": 1000}
"""The soak's tabs: the end-to-end tests' desktop size."""


def run_soak(
    changes: int = DEFAULT_CHANGES,
    sample_every: int | None = None,
    control: str = "program",
    engine: str = "jit",
) -> Row:
    """Start the app on a private prepared cache and soak one tab; the summary row.

    ``engine`` (:data:`ENGINES`) sets how both browsers run JavaScript.

    The fresh tab of the last changes runs in a browser of its own: a second tab of the
    same browser would put the soaked one in the background (its timers slowed to once a
    second) and might share its V8 heap.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
    every, args = sample_every or max(changes // 5, 1), [*CHROMIUM_ARGS, *ENGINES[engine]]
    with prepared_settings() as settings, sync_playwright() as pw:
        load_atlas_data(settings)  # warm cache, so the first load is not the preparation
        env = {"KCA_CACHE_DIR": str(settings.cache_dir), "KCA_OFFLINE": "1"}
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        other = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            with streamlit_server(env=env) as url:
                page = browser.new_context(viewport=VIEWPORT).new_page()
                fresh = lambda: other.new_context(viewport=VIEWPORT).new_page()  # noqa: E731
                log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
                run = soak(page, url, changes, every, log, control, fresh)
        finally:
            browser.close()
            other.close()
    return summary(run, changes, control, engine)


DEFAULT_RUNS = (("program", "jit"), ("belts", "jit"), ("program", "jitless"))
"""The registered benchmark's soaks (control, engine): both controls as users' browsers
run them, and the program filter once more without compiled code (what the page keeps)."""


def soak_runs(env: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (control, engine) pairs to soak: :data:`DEFAULT_RUNS`, or every pair of the
    controls in ``KCA_SOAK_CONTROLS`` (default all) and the engines in ``KCA_SOAK_ENGINES``
    (default ``jit``) when either is set."""
    if ENV_CONTROLS not in env and ENV_ENGINES not in env:
        return list(DEFAULT_RUNS)
    controls = env.get(ENV_CONTROLS, ",".join(CONTROLS)).split(",")
    engines = env.get(ENV_ENGINES, "jit").split(",")
    bad = [f"control {c!r}" for c in controls if c not in CONTROLS]
    bad += [f"engine {e!r}" for e in engines if e not in ENGINES]
    if bad:
        raise ValueError(
            f"unknown {', '.join(bad)}; controls: {', '.join(CONTROLS)}; "
            f"engines: {', '.join(ENGINES)}"
        )
    return [(control, engine) for control in controls for engine in engines]


def app_soak() -> list[Row]:
    """Registered benchmark: ``KCA_SOAK_CHANGES`` (default 300) changes in one tab, once
    per pair of :func:`soak_runs`, each in a fresh tab."""
    changes = int(os.environ.get(ENV_CHANGES, DEFAULT_CHANGES))
    return [
        run_soak(changes, control=control, engine=engine)
        for control, engine in soak_runs(os.environ)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.soak [--changes N] [--sample-every K] [--control C] [--engine E]``:
    print the JSON row."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--changes", type=int, default=DEFAULT_CHANGES)
    parser.add_argument("--sample-every", type=int, default=None)
    parser.add_argument("--control", choices=list(CONTROLS), default="program")
    parser.add_argument("--engine", choices=list(ENGINES), default="jit")
    args = parser.parse_args(argv)
    if args.changes < 1:
        parser.error(f"--changes must be at least 1; got {args.changes}")
    row = run_soak(args.changes, args.sample_every, args.control, args.engine)
    print(json.dumps(row, ensure_ascii=False, allow_nan=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
