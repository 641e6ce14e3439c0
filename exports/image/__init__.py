"""Static map images of a view (PNG, SVG, PDF), as small steps around a layout.

``options`` says what to make (:class:`ImageOptions`: format, size preset or custom
pixels, dpi) and imports no matplotlib, so the app and the CLI can build it cheaply;
``render`` draws (``render_image``, ``build_figure``, ``save``) from ``layout`` (page,
scene, map/legend/inset boxes), ``page`` (header, footer), ``map_panel``, ``labels``,
``legend_panel``, ``geometry``, ``text``, ``strokes`` and ``save``. None of it imports
folium: the colours and marker styles come from ``layers.style``.
"""

from exports.image.options import FORMATS, PRESETS, ImageOptions, Preset, Size, resolve_size

__all__ = ["FORMATS", "PRESETS", "ImageOptions", "Preset", "Size", "resolve_size"]
