"""The Korean font of the exports: NanumGothic, shipped by the ``koreanize-matplotlib`` package.

The font files come with the project's own requirements (``requirements.txt``), so images
render Korean the same on every machine, whatever fonts the system has.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

from matplotlib import font_manager

FONT_PACKAGE = "koreanize_matplotlib"
"""The Python package holding the font files (PyPI: ``koreanize-matplotlib``)."""

FONT_FILES = {"regular": "NanumGothic.ttf", "bold": "NanumGothicBold.ttf"}
FAMILY = "NanumGothic"

_lock = threading.Lock()
_registered: dict[str, Path] = {}


class FontMissingError(RuntimeError):
    """The packaged Korean font cannot be found."""


def font_path(weight: str = "regular") -> Path:
    """The installed NanumGothic file for ``weight`` ("regular" or "bold").

    Raises
    ------
    ValueError
        For an unknown weight, naming the allowed ones.
    FontMissingError
        When the package or its font file is missing, naming the package to install.
    """
    if weight not in FONT_FILES:
        raise ValueError(f"Unknown font weight {weight!r}; allowed: {', '.join(FONT_FILES)}")
    hint = (
        f"The Korean font {FONT_FILES[weight]} comes with the Python package "
        f"'koreanize-matplotlib' (import name {FONT_PACKAGE}); install the project's "
        "requirements.txt"
    )
    # Located without importing it: importing koreanize_matplotlib changes rcParams.
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontMissingError(f"{hint}: the package is not installed.")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILES[weight]
    if not path.is_file():
        raise FontMissingError(f"{hint}: {path} is missing.")
    return path


def _register(weight: str) -> Path:
    with _lock:
        if weight not in _registered:
            path = font_path(weight)
            font_manager.fontManager.addfont(str(path))
            _registered[weight] = path
        return _registered[weight]


def korean_font(size: float | None = None) -> font_manager.FontProperties:
    """NanumGothic (regular), registered with matplotlib once per process."""
    return font_manager.FontProperties(family=FAMILY, fname=_register("regular"), size=size)


def korean_font_bold(size: float | None = None) -> font_manager.FontProperties:
    """NanumGothic Bold, registered with matplotlib once per process."""
    return font_manager.FontProperties(
        family=FAMILY, weight="bold", fname=_register("bold"), size=size
    )


def register_fonts() -> str:
    """Register both weights and return the family name, for ``rcParams["font.family"]``."""
    for weight in FONT_FILES:
        _register(weight)
    return FAMILY
