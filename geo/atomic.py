"""Files that are never seen half written: a unique temporary file, fsync, atomic rename.

A reader (or a crash at any instant) sees either the old file or the whole new one. The
temporary file sits in the target's folder (a rename within one file system is atomic),
has a name no other writer can pick (:func:`tempfile.mkstemp`) and starts with a dot, so
globs of the real names never match it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename itself is done
    finally:
        os.close(fd)


def write_with(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write`` fill a unique temporary file, then fsync it and rename it to ``path``.

    Parameters
    ----------
    path : Path
        The file to create or replace; its folder is created when missing.
    write : callable
        Called with the temporary path; must write the whole content there.

    Raises
    ------
    OSError
        When the disk refuses (full, read-only, …); ``path`` is then unchanged and the
        temporary file removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_bytes(path: Path, data: bytes) -> None:
    """:func:`write_with` for bytes already in memory."""
    write_with(path, lambda tmp: tmp.write_bytes(data))
