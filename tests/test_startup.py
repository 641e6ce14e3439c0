"""Serving many sessions (issue #17): the production settings and the timed collector."""

from __future__ import annotations

import gc
import threading
import time
import tomllib
import weakref
from pathlib import Path

import pytest

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


def test_the_server_listens_before_the_geo_stack_is_imported() -> None:
    """``app.py`` imports ``ui.startup`` before the server listens: the heavy imports
    (pandas, geopandas, folium) wait for the warm-up thread, so the browser can load
    Streamlit's page meanwhile (#14, time to the first map)."""
    import subprocess
    import sys

    heavy = "{'pandas', 'geopandas', 'folium'}"
    code = f"import sys, ui.startup; print(sorted({heavy} & set(sys.modules)))"
    root = CONFIG.parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_collector_starts_after_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A collection during the warm-up would walk the unfrozen heap while the first
    visitor waits: the one thread warms, then collects."""
    import ui.startup as startup

    calls: list[str] = []
    monkeypatch.setattr(startup, "warm", lambda: calls.append("warm"))
    monkeypatch.setattr(startup, "collect_periodically", lambda stop: calls.append("collect"))
    startup.warm_then_collect(threading.Event())
    assert calls == ["warm", "collect"]


def test_the_warm_up_does_the_first_runs_session_free_work() -> None:
    """After :func:`ui.startup.warm_first_run` the first visitor's run does not import
    folium's plugins or Streamlit's emoji table, nor walk every module to name the map's
    component (#14); ``streamlit_folium`` itself is left to the session, where it
    declares its component."""
    import subprocess
    import sys

    code = (
        "import inspect, sys, ui.startup as s; s.warm_first_run(); "
        "print(sorted({'folium.plugins', 'streamlit.emojis', 'streamlit_folium'} "
        "& set(sys.modules)), len(inspect.modulesbyfile) > 500)"  # modules looked up
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=CONFIG.parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "['folium.plugins', 'streamlit.emojis'] True"
    bare = subprocess.run(
        [sys.executable, "-c", "import inspect, ui.startup; print(len(inspect.modulesbyfile))"],
        cwd=CONFIG.parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(bare.stdout) < 500  # without the warm-up, nothing is looked up yet
