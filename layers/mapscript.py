"""Our own map scripts, inlined into the base map and started on it (no request leaves the page)."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class MapScript(MacroElement):
    """Add to a folium map: ``code`` inlined, then ``window.<function>(map)`` called.

    Parameters
    ----------
    name : str
        The element's name in the rendered page.
    code : str
        JavaScript defining ``window.<function>``.
    function : str
        The global function started with the map.

    Examples
    --------
    >>> import folium
    >>> fmap = folium.Map(tiles=None)
    >>> _ = MapScript("Hello", "window.kcaHello = function (m) {};", "kcaHello").add_to(fmap)
    >>> "window.kcaHello(map_" in fmap.get_root().render()
    True
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.code }}
window.{{ this.function }}({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, name: str, code: str, function: str) -> None:
        super().__init__()
        self._name = name
        self.code = code
        self.function = function
