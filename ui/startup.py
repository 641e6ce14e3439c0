"""Server start-up: warm the slow imports and the atlas data before the first visitor.

``app.py`` runs the dashboard as an ``st.App`` whose lifespan starts :func:`warm` on a
background thread, so the server accepts connections at once while the data loads; the
first session's call to the cached loader then waits for (or reuses) that result.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from geo.errors import BoundaryDataError
from geo.records import DataFileError

LOG = logging.getLogger(__name__)
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
"""Streamlit warns "missing ScriptRunContext" when a cached loader runs outside a
session, as the warm-up does on purpose."""


def warm() -> None:
    """Import the page, copy Leaflet to the static folder, load the atlas data once and
    write its boundary topologies to the static folder."""
    import exports.formats  # noqa: F401  (the page's own imports, warmed)
    import ingest.validate  # noqa: F401
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


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Start warming in the background and serve at once."""
    threading.Thread(target=warm, name="kca-warm", daemon=True).start()
    yield
