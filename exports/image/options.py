"""What image to make: format, size preset or custom pixels, dpi — one frozen value.

No matplotlib here: the app and the CLI build :class:`ImageOptions` without paying for
the drawing code, which ``exports.image.render`` imports when an image is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """A named image size.

    Attributes
    ----------
    width_px, height_px : int
        Pixel size of the PNG (the page size of SVG and PDF at ``dpi``).
    dpi : int
        Dots per inch written into the PNG; sets the physical size of SVG and PDF.
    label : str
        What the preset is for.
    focus : str or None
        A map frame the preset imposes (``layers.view.FOCUS``), e.g. "busan"; it
        replaces the view's own centre and zoom.
    level : str or None
        A region level the preset imposes (``layers.view.LEVELS``), e.g. "sgg".
    """

    width_px: int
    height_px: int
    dpi: int
    label: str
    focus: str | None = None
    level: str | None = None


PRESETS: dict[str, Preset] = {
    "slide": Preset(1920, 1080, 150, "16:9 slide, 1920 × 1080 px"),
    "a4": Preset(3508, 2480, 300, "A4 landscape (297 × 210 mm) at 300 dpi"),
    "a4-portrait": Preset(2480, 3508, 300, "A4 portrait (210 × 297 mm) at 300 dpi"),
    "square": Preset(1080, 1080, 120, "square social post, 1080 × 1080 px"),
    "busan": Preset(1920, 1080, 150, "16:9 slide of Busan's districts", focus="busan", level="sgg"),
}
"""Image sizes by name; ``width_px``, ``height_px`` and ``dpi`` override any of them."""

MAX_PX = 12_000
"""Largest side accepted, in pixels."""


@dataclass(frozen=True)
class ImageFormat:
    """An output format: matplotlib's format name and rcParams set while saving."""

    mime: str
    rc: dict[str, object]


FORMATS: dict[str, ImageFormat] = {
    "png": ImageFormat("image/png", {}),
    # Text stays text (searchable, editable); NanumGothic first, then common Korean fonts.
    "svg": ImageFormat("image/svg+xml", {"svg.fonttype": "none"}),
    # TrueType embedded (Type 42): text is extractable and Korean glyphs travel with the file.
    "pdf": ImageFormat("application/pdf", {"pdf.fonttype": 42}),
}
"""Output formats by name."""


@dataclass(frozen=True)
class Size:
    """The output's pixel size and dpi."""

    width_px: int
    height_px: int
    dpi: int

    @property
    def inches(self) -> tuple[float, float]:
        """Figure size in inches."""
        return self.width_px / self.dpi, self.height_px / self.dpi


def check_name(name: str, allowed: Mapping[str, object], value: str) -> None:
    """Raise a ValueError naming the allowed values unless ``value`` is one of them."""
    if value not in allowed:
        raise ValueError(f"Unknown {name} {value!r}; allowed: {', '.join(allowed)}")


def resolve_size(
    preset: str = "slide",
    width_px: int | None = None,
    height_px: int | None = None,
    dpi: int | None = None,
) -> Size:
    """The size of a preset with any of width, height and dpi overridden.

    >>> resolve_size("a4")
    Size(width_px=3508, height_px=2480, dpi=300)
    >>> resolve_size("slide", width_px=1280, height_px=720, dpi=96)
    Size(width_px=1280, height_px=720, dpi=96)
    """
    check_name("preset", PRESETS, preset)
    base = PRESETS[preset]
    size = Size(
        base.width_px if width_px is None else int(width_px),
        base.height_px if height_px is None else int(height_px),
        base.dpi if dpi is None else int(dpi),
    )
    for name, value, low, high in (
        ("width_px", size.width_px, 200, MAX_PX),
        ("height_px", size.height_px, 200, MAX_PX),
        ("dpi", size.dpi, 30, 1200),
    ):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}; got {value}")
    return size


@dataclass(frozen=True)
class ImageOptions:
    """How to render a map image.

    Attributes
    ----------
    format : {"png", "svg", "pdf"}
    preset : str
        A key of :data:`PRESETS`: "slide" (1920 × 1080 px, 150 dpi), "a4" (A4 landscape
        at 300 dpi), "a4-portrait", "square" (1080 × 1080 px), "busan" (a slide of
        Busan's districts).
    width_px, height_px, dpi : int, optional
        Override the preset's size (custom sizes).
    title, subtitle : str, optional
        The presenter's words; empty: the view's own (``exports.describe``), which name
        the topic (programs, industries, place, years) and the layer.
    with_belts : bool
        Show Busan's belts and the Busan inset even where the view does not concern
        them (by default only views of the belt program or of Busan show them).
    show_title : bool
        Draw the title on the image; false for a slide deck, which puts it in the
        slide's title (and the sources line points to the slide's notes).

    Checked when an image is made (:meth:`check`), so a bad value is reported with the
    allowed ones where the export is asked for.

    >>> ImageOptions("svg", "a4").size()
    Size(width_px=3508, height_px=2480, dpi=300)
    """

    format: str = "png"
    preset: str = "slide"
    width_px: int | None = None
    height_px: int | None = None
    dpi: int | None = None
    title: str | None = None
    subtitle: str | None = None
    with_belts: bool = False
    show_title: bool = True

    def check(self) -> None:
        """Raise a ValueError for an unknown format or preset or a size out of range."""
        check_name("format", FORMATS, self.format)
        self.size()

    def size(self) -> Size:
        """The pixel size and dpi: the preset's, with any override."""
        return resolve_size(self.preset, self.width_px, self.height_px, self.dpi)

    @property
    def focus(self) -> str | None:
        """The map frame the preset imposes, if any."""
        check_name("preset", PRESETS, self.preset)
        return PRESETS[self.preset].focus

    @property
    def level(self) -> str | None:
        """The region level the preset imposes, if any."""
        check_name("preset", PRESETS, self.preset)
        return PRESETS[self.preset].level
