"""Offline web assets: Leaflet from the installed xstatic-leaflet package, never a CDN.

Two ways to deliver them:

* in the app, Streamlit's static file serving (``server.enableStaticServing``) serves
  ``static/vendor/leaflet`` — a link to the installed package's files made at start-up
  (``static/`` is git-ignored; nothing is copied into the repository);
* in exported HTML, the same files are inlined (see :func:`inline_assets`).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet

log = logging.getLogger(__name__)

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
STATIC_ROOT = Path(__file__).resolve().parents[1] / "static"
STATIC_URL = "/app/static"
VENDOR = {"leaflet": LEAFLET_DIR}
"""Vendor folders served under ``/app/static/vendor/<name>``, from installed packages."""

DECODER_JS = Path(__file__).with_name("static") / "topojson_decode.js"


def ensure_static(root: Path = STATIC_ROOT) -> Path:
    """Expose installed vendor files under ``root/vendor`` (symlink, else copy).

    Returns
    -------
    Path
        The ``vendor`` folder.
    """
    vendor = root / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for name, source in VENDOR.items():
        target = vendor / name
        if target.is_symlink() and target.resolve() == source.resolve():
            continue
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
        try:
            target.symlink_to(source, target_is_directory=True)
        except OSError:
            log.info("symlink not allowed; copying %s", source)
            shutil.copytree(source, target)
    return vendor


def leaflet_links(
    base_url: str = STATIC_URL,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``default_js`` and ``default_css`` entries for a map served by the app."""
    js = [("leaflet", f"{base_url}/vendor/leaflet/leaflet.js")]
    css = [("leaflet_css", f"{base_url}/vendor/leaflet/leaflet.css")]
    return js, css


class OfflineMap(folium.Map):
    """A folium Map that loads only Leaflet, from the app's own static files.

    folium's default Map pulls Leaflet, jQuery, Bootstrap and Font Awesome from CDNs;
    none of that is needed for the atlas's layers.
    """

    default_js, default_css = leaflet_links()


def inline_assets() -> str:
    """Leaflet's CSS and JS as inline ``<style>``/``<script>`` for stand-alone HTML."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    return f"<style>{css}</style>\n<script>{js}</script>"
