"""Prepare the boundary cache ahead of time: ``python -m geo.prepare``."""

from __future__ import annotations

import logging
import sys

from geo.boundaries import prepare
from geo.errors import BoundaryDataError

log = logging.getLogger("geo.prepare")


def _progress(done: int, total: int | None) -> None:
    share = f"{done / total:.0%}" if total else f"{done:,} bytes"
    log.info("download: %s", share)


def main() -> int:
    """Build and cache every boundary level; return a process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        paths = prepare(progress=_progress)
    except BoundaryDataError as exc:
        log.error("%s", exc)
        return 2
    for level, path in paths.items():
        log.info("%s: %s", level, path.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
