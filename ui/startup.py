"""Server start-up: warm the slow imports and the atlas data before the first visitor.

``app.py`` runs the dashboard as an ``st.App`` whose lifespan starts :func:`warm` on a
background thread, so the server accepts connections at once while the data loads; the
first session's call to the cached loader then waits for (or reuses) that result. The
lifespan also runs the garbage collector on a timer (:func:`collect_periodically`) in
place of Streamlit's collection after every script run, and the warm-up freezes what
lives as long as the process (:func:`freeze_heap`), so serving 50 sessions at once does
not spend its time walking the heap (issue #17).
"""

from __future__ import annotations

import gc
import inspect
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

LOG = logging.getLogger(__name__)
PAGE_ICON = "🗺️"
"""The page's icon (``st.set_page_config``; checked once here, see :func:`warm_first_run`)."""
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
"""Streamlit warns "missing ScriptRunContext" when a cached loader runs outside a
session, as the warm-up does on purpose."""


def warm() -> None:
    """Import the page, copy Leaflet to the static folder, load the atlas data once and
    write its boundary topologies to the static folder; then freeze the heap.

    Everything heavy is imported here, on the warm-up thread, not when ``app.py`` is
    imported: the server listens first, so the browser loads Streamlit's own page while
    the data loads. The automatic collector is paused meanwhile: the imports and the
    data make some 150,000 long-lived objects and almost no garbage, and each of its
    passes over them delayed the first visitor's map (about 0.15 s in all, issue #14);
    one collection before the freeze frees what little garbage there is.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _load_everything()
        warm_first_run()
    finally:
        freeze_heap()
        if was_enabled:
            gc.enable()


def _load_everything() -> None:
    """The warm-up's imports and data (:func:`warm`)."""
    import exports.formats  # noqa: F401  (the page's own imports, warmed)
    import ingest.validate  # noqa: F401
    from geo.errors import BoundaryDataError
    from geo.records import DataFileError
    from layers.assets import ensure_static, ensure_topology
    from ui import data  # not ui.page: streamlit_folium must declare its component
    # inside a session, or the map component stays blank

    context_log = logging.getLogger(CONTEXT_LOGGER)
    level = context_log.level
    context_log.setLevel(logging.ERROR)
    try:
        ensure_static()
        ensure_topology(data.atlas_data().topology)
        data.atlas_version()
    except (BoundaryDataError, DataFileError) as exc:  # the page shows it to the user
        LOG.warning("atlas data not loaded at start-up: %s", exc)
    finally:
        context_log.setLevel(level)


def warm_first_run() -> None:
    """Do now what the first visitor's run would do first, none of it tied to a session
    (about 0.15 s of that run, issue #14).

    - Import folium's plugins (0.07 s), which ``streamlit_folium`` imports; that module
      itself must be imported in a session, where it declares its component.
    - Check the page icon: Streamlit's check imports its emoji table (0.03 s).
    - Look up a module by frame once: declaring a component names it after its caller's
      module, and ``inspect.getmodule`` walks every loaded module the first time (0.05 s),
      then keeps the answer.
    """
    import folium.plugins  # noqa: F401
    from streamlit.string_util import is_emoji

    is_emoji(PAGE_ICON)
    inspect.getmodule(inspect.currentframe())


def freeze_heap() -> None:
    """Move everything alive now (modules, the atlas data) out of the garbage collector's
    reach.

    A full collection (:func:`collect_periodically`) would otherwise walk some 150,000
    objects of the libraries and the atlas every time (about 85 ms). They live as long
    as the process; frozen, a collection walks only what sessions made since, and still
    frees a session's garbage.
    """
    gc.collect()
    gc.freeze()
    LOG.info("heap frozen: %d objects out of the collector's reach", gc.get_freeze_count())


COLLECT_EVERY_S = 3.0
"""Seconds between the collector's full collections (:func:`collect_periodically`)."""


def collect_periodically(stop: threading.Event, every_s: float = COLLECT_EVERY_S) -> None:
    """Collect all generations every ``every_s`` seconds until ``stop`` is set.

    Replaces Streamlit's collection after every script run (``runner.postScriptGC``,
    off in ``.streamlit/config.toml``): one collection per period however many sessions
    run, so what ended sessions leave in reference cycles is still freed within seconds.
    """
    while not stop.wait(every_s):
        gc.collect()


def warm_then_collect(stop: threading.Event) -> None:
    """:func:`warm`, then :func:`collect_periodically` until ``stop`` is set.

    One thread does both, in this order: a collection during the warm-up would walk
    the whole heap before it is frozen, taking the time the first visitor waits for.
    """
    warm()
    collect_periodically(stop)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Start warming (then the periodic collector) in the background and serve at once."""
    stop = threading.Event()
    threading.Thread(target=warm_then_collect, args=(stop,), name="kca-warm", daemon=True).start()
    try:
        yield
    finally:
        stop.set()
