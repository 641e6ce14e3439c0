"""Release what the mounted map no longer shows (issue #16).

The app keeps one Leaflet map mounted and lets ``streamlit_folium.st_folium(...,
feature_group_to_add=...)`` swap the layer groups in it. streamlit-folium 0.27.4 removes
the old groups from the map but keeps them in the iframe's ``window.feature_group``
array for ever, with all their data (about 15 MB per filter change). The base map
carries :class:`ReleaseSwappedGroups`, whose script (``static/release_groups.js``,
inlined: no request leaves the page) drops from that array every group no longer on
the map. Outside streamlit-folium (exported HTML) the array does not exist and the
script does nothing.

The component's bundled streamlit-component-lib also appends a new theme ``<style>`` to
the iframe on every render event and never removes the old ones (one more style sheet
per filter change; fixed upstream in streamlit/streamlit#7914, not yet in
streamlit-folium's bundle). :class:`ReleaseThemeStyles` (``static/release_theme_styles.js``)
keeps only the newest.
"""

from __future__ import annotations

from pathlib import Path

from layers.mapscript import MapScript

RELEASE_JS = Path(__file__).with_name("static") / "release_groups.js"
THEME_JS = Path(__file__).with_name("static") / "release_theme_styles.js"


class ReleaseSwappedGroups(MapScript):
    """Add to the base map: releases the groups streamlit-folium swapped out of it.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> _ = ReleaseSwappedGroups().add_to(fmap)
    >>> "kcaReleaseSwappedGroups(map_" in fmap.get_root().render()
    True
    """

    def __init__(self) -> None:
        super().__init__(
            "ReleaseSwappedGroups",
            RELEASE_JS.read_text(encoding="utf-8"),
            "kcaReleaseSwappedGroups",
        )


class ReleaseThemeStyles(MapScript):
    """Add to the base map: keeps one of the theme styles the component adds per render.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> _ = ReleaseThemeStyles().add_to(fmap)
    >>> "kcaReleaseThemeStyles(map_" in fmap.get_root().render()
    True
    """

    def __init__(self) -> None:
        super().__init__(
            "ReleaseThemeStyles",
            THEME_JS.read_text(encoding="utf-8"),
            "kcaReleaseThemeStyles",
        )
