"""Offline web assets: Leaflet and Leaflet.markercluster from the installed xstatic-leaflet
and xstatic-leaflet-markercluster packages, never a CDN.

Two ways to deliver them:

* in the app, Streamlit's static file serving (``server.enableStaticServing``) serves
  ``static/vendor/leaflet``, refreshed from the installed package at start-up
  (``static/`` is git-ignored; nothing is committed to the repository);
* in exported HTML, the same files are inlined (see :func:`inline_assets`).

The boundary topologies (TopoJSON, one per level) are written to ``static/topo`` too, by
:func:`ensure_topology`, under names holding a hash of their content: the browser fetches
each once and keeps it, and a filter change sends only colours, tooltips and sites.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_markercluster as xcluster

log = logging.getLogger(__name__)

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
CLUSTER_DIR = Path(xcluster.BASE_DIR)
CLUSTER_JS = "leaflet.markercluster.js"
CLUSTER_CSS = ("MarkerCluster.css", "MarkerCluster.Default.css")
STATIC_ROOT = Path(__file__).resolve().parents[1] / "static"
STATIC_URL = "/app/static"
VENDOR = {
    "leaflet": (LEAFLET_DIR, str(xleaflet.VERSION)),
    "markercluster": (CLUSTER_DIR, str(xcluster.VERSION)),
}
"""Vendor folders served under ``/app/static/vendor/<name>``: installed source, version."""

DECODER_JS = Path(__file__).with_name("static") / "topojson_decode.js"
TOPO_FOLDER = "topo"
"""Sub-folder of the static root holding the boundary topologies."""


_COPIED: set[Path] = set()
"""Static folders :func:`ensure_static` has brought up to date in this process."""


def ensure_static(root: Path = STATIC_ROOT) -> Path:
    """Copy installed vendor files to ``root/vendor`` for Streamlit's static serving.

    Streamlit's default static handler refuses symlinks that leave ``static/``, so the
    files are copied (into the git-ignored ``static/`` folder, never the repository) and
    copied again when the installed package's version changes.

    Returns
    -------
    Path
        The ``vendor`` folder.
    """
    vendor = root / "vendor"
    if root in _COPIED:  # once per process and folder: the page calls this on every rerun
        return vendor
    for name, (source, version) in VENDOR.items():
        target = vendor / name
        stamp = target / ".version"
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == version:
            continue
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target)
        log.info("copying %s %s to %s", name, version, target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.map", "*esm*"))
        stamp.write_text(version, encoding="utf-8")
    _COPIED.add(root)
    return vendor


def topology_file_name(level: str, topology: str) -> str:
    """The file name of a level's topology: level and a hash of the content.

    >>> topology_file_name("sido", "{}")
    'sido-44136fa355b3678a.json'
    """
    digest = hashlib.sha256(topology.encode("utf-8")).hexdigest()[:16]
    return f"{level}-{digest}.json"


def ensure_topology(
    topology: Mapping[str, str], root: Path | None = None, base_url: str = STATIC_URL
) -> dict[str, str]:
    """Write each level's TopoJSON to ``root/topo`` (once) and return where it is served.

    A name holds a hash of the content, so a changed boundary file gets a new URL and
    the browser may keep a fetched one for good. Files are written to a temporary name
    and moved into place, so processes starting side by side never serve half a file.

    Parameters
    ----------
    topology : mapping of str to str
        Level -> TopoJSON text (``AtlasData.topology``).
    root : Path, optional
        The static folder (Streamlit serves it at ``base_url``); default
        :data:`STATIC_ROOT`.
    base_url : str
        The URL path of ``root``.

    Returns
    -------
    dict of str to str
        Level -> URL path of its file, e.g. ``/app/static/topo/sido-<hash>.json``.
    """
    folder = (STATIC_ROOT if root is None else root) / TOPO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    urls = {}
    for level, text in topology.items():
        name = topology_file_name(level, text)
        target = folder / name
        if not target.is_file():
            part = folder / f".{name}.{os.getpid()}.part"
            part.write_text(text, encoding="utf-8")
            os.replace(part, target)
            log.info("wrote %s", target)
        urls[level] = f"{base_url}/{TOPO_FOLDER}/{name}"
    return urls


def leaflet_links(
    base_url: str = STATIC_URL,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``default_js`` and ``default_css`` entries for a map served by the app."""
    js = [
        ("leaflet", f"{base_url}/vendor/leaflet/leaflet.js"),
        ("markercluster", f"{base_url}/vendor/markercluster/{CLUSTER_JS}"),
    ]
    css = [("leaflet_css", f"{base_url}/vendor/leaflet/leaflet.css")]
    css += [(name, f"{base_url}/vendor/markercluster/{name}") for name in CLUSTER_CSS]
    return js, css


class OfflineMap(folium.Map):
    """A folium Map that loads only Leaflet, from the app's own static files.

    folium's default Map pulls Leaflet, jQuery, Bootstrap and Font Awesome from CDNs;
    none of that is needed for the atlas's layers.
    """

    default_js, default_css = leaflet_links()


def inline_assets() -> str:
    """Leaflet's and the cluster plugin's CSS and JS as inline ``<style>``/``<script>`` for
    stand-alone HTML."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    css += "".join((CLUSTER_DIR / name).read_text(encoding="utf-8") for name in CLUSTER_CSS)
    js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    cluster = (CLUSTER_DIR / CLUSTER_JS).read_text(encoding="utf-8")
    return f"<style>{css}</style>\n<script>{js}</script>\n<script>{cluster}</script>"
