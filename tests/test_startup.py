"""Serving many sessions (issue #17): the production settings and the timed collector."""

from __future__ import annotations

import gc
import threading
import time
import tomllib
import weakref
from pathlib import Path

from ui.startup import collect_periodically

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_production_config_has_no_per_session_watcher_and_no_gc_after_every_run() -> None:
    """Both scale with the sessions: a file watcher per session scanning every module
    after each run, and a full collection after each run walking every session's objects."""
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["runOnSave"] is False
    assert config["runner"]["postScriptGC"] is False


class Node:
    """An object in a reference cycle: only a collection frees it."""

    def __init__(self) -> None:
        self.me = self


def test_collector_frees_cycles_on_its_timer_and_stops() -> None:
    was_enabled = gc.isenabled()
    gc.disable()  # only the collector under test may free the cycle
    stop = threading.Event()
    thread = threading.Thread(target=collect_periodically, args=(stop, 0.05), daemon=True)
    try:
        node = Node()
        alive = weakref.ref(node)
        del node
        assert alive() is not None  # a cycle: reference counting alone keeps it
        thread.start()
        deadline = time.monotonic() + 10
        while alive() is not None and time.monotonic() < deadline:
            stop.wait(0.05)
        assert alive() is None
    finally:
        stop.set()
        thread.join(timeout=5)
        if was_enabled:
            gc.enable()
    assert not thread.is_alive()
