"""Dashboard benchmarks: script rerun time after a filter change, and map payload.

The comparison is the obvious page: one that reloads the records and boundaries and
rebuilds ``GeoDataFrame.explore()`` on every run, measured in the same process.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench.common import (
    RUNS,
    Row,
    median,
    num,
    prepared_settings,
    private_dir,
    rounded,
    seconds,
)
from geo.settings import ENV_CACHE_DIR, ENV_OFFLINE

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ("sobujang", "strategic", "root_industry")

NAIVE_PAGE = textwrap.dedent(
    """
    import streamlit as st
    from streamlit_folium import st_folium
    from geo.boundaries import load_boundaries
    from geo.records import load_records, place_records

    picked = st.multiselect("program", ["sobujang", "strategic", "root_industry"], key="p")
    sgg = load_boundaries("sgg", "full")
    placed, _ = place_records(load_records().clusters, sgg)
    shown = placed[placed["program"].isin(picked)] if picked else placed
    fmap = sgg.explore(tooltip=["name_ko", "name_en"])
    shown.explore(m=fmap, column="industry")
    st_folium(fmap, key="map", returned_objects=[])
    """
)


@contextmanager
def app_environment() -> Iterator[None]:
    """Point the app at a private prepared cache, offline, for the duration."""
    with prepared_settings() as settings:
        saved = {k: os.environ.get(k) for k in (ENV_CACHE_DIR, ENV_OFFLINE)}
        os.environ[ENV_CACHE_DIR], os.environ[ENV_OFFLINE] = str(settings.cache_dir), "1"
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _choose(widget: Any, program: list[str]) -> None:
    """Set a list widget (multiselect or pills) of an AppTest and rerun the script."""
    widget.set_value(program).run()


def rerun_times(at: AppTest, key: str, kind: str = "multiselect") -> list[float]:
    """Seconds of each script rerun after changing the program filter, RUNS times.

    ``kind`` is the AppTest accessor of the program widget: the app's is ``pills``
    (issue #16), the naive page's a ``multiselect``.
    """
    times = []
    for i in range(RUNS):
        widget, program = getattr(at, kind)(key=key), [PROGRAMS[i % len(PROGRAMS)]]
        times.append(seconds(partial(_choose, widget, program)))
    return times


def app_rerun() -> list[Row]:
    """Median rerun after a filter change: the app next to a naive explore() page."""
    with app_environment():
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
        app_times = rerun_times(app, "view_programs_ko", "pills")
        naive_file = ROOT / "bench" / "_naive_page.py"
        naive_file.write_text(NAIVE_PAGE, encoding="utf-8")
        try:
            naive = AppTest.from_file(str(naive_file), default_timeout=300).run()
            naive_times = rerun_times(naive, "p")
        finally:
            naive_file.unlink()
    med, naive_med = median(app_times), median(naive_times)
    return [
        {
            "name": "app_rerun",
            "median_s": num(med, 3),
            "naive_median_s": num(naive_med, 3),
            "ratio": num(naive_med / med, 2),
            "runs": rounded(app_times),
            "naive_runs": rounded(naive_times),
            "ok": med <= 0.25 and naive_med / med >= 5,
        }
    ]


def groups_bytes(data: Any, view: Any, urls: dict[str, str] | None) -> int:
    """Bytes of a view's feature groups as the app renders them (``ui.viewcache``)."""
    from layers.webmap import overlay_groups
    from ui.viewcache import render_layers

    groups = overlay_groups(data, view, urls)
    return sum(len(render_layers(g, f"s{i}").encode("utf-8")) for i, g in enumerate(groups))


def app_payload() -> list[Row]:
    """Bytes of the map the default view sends to the browser's map component, and of
    the groups a program filter change sends: boundaries fetched from the static files
    (as the app does) and inlined (as before, and as the offline HTML export still does)."""
    from layers.assets import ensure_topology
    from layers.atlas import load_atlas_data
    from layers.view import View
    from layers.webmap import build_map

    with prepared_settings() as settings, private_dir() as static:
        data = load_atlas_data(settings)
        html = build_map(data, View()).get_root().render()
        urls = ensure_topology(data.topology, static)
        filtered = View(programs=(PROGRAMS[0],))
        served, inline = groups_bytes(data, filtered, urls), groups_bytes(data, filtered, None)
    return [
        {
            "name": "app_payload",
            "bytes": len(html.encode("utf-8")),
            "view": "default",
            "filter_groups_bytes": served,
            "filter_groups_inline_bytes": inline,
            "filter_ratio": num(inline / served, 1),
        }
    ]
