"""Work shared by sessions: boundaries served once, groups and tables cached per view."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from geo.settings import Settings
from layers.assets import ensure_topology, topology_file_name
from layers.atlas import AtlasData, data_version, load_atlas_data
from layers.regions import TopoRegions
from layers.view import View
from layers.webmap import overlay_groups
from tests import tiny
from ui import upload, viewcache


@pytest.fixture(autouse=True)
def static_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The static folder of these tests: a temporary one, never the project's."""
    root = tmp_path / "static"
    monkeypatch.setattr("layers.assets.STATIC_ROOT", root)
    return root


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    for cached in (
        viewcache.cached_groups,
        viewcache.cached_frame,
        viewcache.cached_records,
        viewcache.cached_csv,
    ):
        cached.clear()
    yield


def groups_js(data: AtlasData, view: View, urls: dict[str, str] | None) -> str:
    """The scripts of a view's groups as the app sends them (inline when ``urls`` is None)."""
    return "\n".join(
        viewcache.render_layers(group, f"slot{i}")
        for i, group in enumerate(overlay_groups(data, view, urls))
    )


def test_topology_is_written_once_under_its_hash_and_served_from_static(
    static_root: Path,
) -> None:
    data = tiny.atlas()
    urls = ensure_topology(data.topology)
    assert set(urls) == set(data.topology)
    for level, text in data.topology.items():
        name = topology_file_name(level, text)
        assert urls[level] == f"/app/static/topo/{name}"
        assert (static_root / "topo" / name).read_text(encoding="utf-8") == text
    stamp = {p: p.stat().st_mtime_ns for p in (static_root / "topo").iterdir()}
    assert ensure_topology(data.topology) == urls  # a second start writes nothing
    assert {p: p.stat().st_mtime_ns for p in (static_root / "topo").iterdir()} == stamp
    changed = {"sido": data.topology["sido"].replace("Test-do", "Other-do")}
    assert ensure_topology(changed)["sido"] != urls["sido"]  # new content, new URL


def test_filter_change_groups_carry_no_topology() -> None:
    data = tiny.atlas()
    urls = ensure_topology(data.topology)
    view = View(programs=("sobujang",), level="sgg")
    served, inline = groups_js(data, view, urls), groups_js(data, view, None)
    for text in data.topology.values():
        arcs = json.dumps(json.loads(text)["arcs"], separators=(",", ":"))
        assert arcs in inline
        assert arcs not in served
    assert '"arcs"' not in served
    assert urls["sgg"] in served and urls["sido"] in served  # the outline too


def test_regions_need_exactly_one_source() -> None:
    with pytest.raises(ValueError, match="exactly one of topology"):
        TopoRegions(None, {}, {}, "regions")
    with pytest.raises(ValueError, match="exactly one of topology"):
        TopoRegions("{}", {}, {}, "regions", url="/app/static/topo/x.json")
    with pytest.raises(ValueError, match="kca-region, kca-outline; got 'other'"):
        TopoRegions("{}", {}, {}, "regions", class_name="other")


def test_rendered_group_takes_the_name_streamlit_folium_gives_it() -> None:
    data = tiny.atlas()
    layers = viewcache.view_layers(data, View())
    assert len({slot for _, _, slot, _ in layers}) == len(layers)  # layer names stay unique
    group = viewcache.RenderedGroup(*layers[0])
    group._id = "feature_group_0"  # what st_folium sets before rendering
    js = group._template.module.script(group)
    assert "var feature_group_feature_group_0 = L.featureGroup({});" in js
    assert ".addTo(feature_group_feature_group_0)" in js
    assert f"feature_group_{layers[0][2]}" not in js


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Count the calls of ``ui.viewcache.<name>`` (the uncached work)."""
    calls: list[object] = []
    original = cast(Callable[..., Any], getattr(viewcache, name))

    def counted(*args: object) -> object:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(viewcache, name, counted)
    return calls


@pytest.mark.parametrize(
    ("work", "cached"),
    [
        ("view_layers", viewcache.map_groups),
        ("view_records", viewcache.records),
        ("view_csv", lambda d, v, ver: viewcache.csv_maker(d, v, ver)()),
    ],
)
def test_cache_key_is_the_view_and_the_data_version(
    monkeypatch: pytest.MonkeyPatch, work: str, cached: Callable[[AtlasData, View, Any], object]
) -> None:
    calls = counting(monkeypatch, work)
    data = tiny.atlas()
    cached(data, View(), "v1")
    cached(data, View(), "v1")
    assert len(calls) == 1  # a second session on the same view reuses the work
    # the atlas is an ignored argument: another object of the same version is a hit
    cached(dataclasses.replace(data, sites=data.sites.iloc[:1]), View(), "v1")
    assert len(calls) == 1
    # the map's centre and zoom change with every pan; nothing cached depends on them
    cached(data, View(lat=36.5, lon=127.8, zoom=8.0), "v1")
    assert len(calls) == 1
    cached(data, View(programs=("sobujang",)), "v1")
    assert len(calls) == 2  # another view
    cached(data, View(lang="en"), "v1")
    assert len(calls) == 3
    cached(data, View(), "v2")
    assert len(calls) == 4  # other data
    cached(data, View(), None)
    cached(data, View(), None)
    assert len(calls) == 6  # a session's own upload is never cached


def test_data_version_follows_the_data() -> None:
    data = tiny.atlas()
    assert data_version(data) == data_version(tiny.atlas())
    fewer = dataclasses.replace(data, sites=data.sites.iloc[:2])
    assert data_version(fewer) != data_version(data)
    moved = dataclasses.replace(data, topology={**data.topology, "sido": "{}"})
    assert data_version(moved) != data_version(data)


def test_a_session_with_uploaded_records_has_no_shared_version() -> None:
    assert upload.session_version("v1", None) == "v1"
    added = cast(Any, SimpleNamespace(sites=tiny.atlas().sites))
    assert upload.session_version("v1", added) is None
    nothing = cast(Any, SimpleNamespace(sites=tiny.atlas().sites.iloc[:0]))
    assert upload.session_version("v1", nothing) == "v1"


def test_real_filter_change_sends_a_tenth_of_the_inline_map(prepared: Settings) -> None:
    data = load_atlas_data(prepared)
    urls = ensure_topology(data.topology)
    for view in (View(programs=("sobujang",)), View(programs=("sobujang",), level="sgg")):
        served, inline = groups_js(data, view, urls), groups_js(data, view, None)
        assert '"arcs"' not in served
        assert len(served.encode()) * 5 < len(inline.encode()), (len(served), len(inline))


def component_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Capture the map component's calls (its arguments) instead of sending them."""
    import streamlit_folium

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: calls.append(kw))
    return calls


@pytest.mark.parametrize(
    "view",
    [View(), View(programs=("sobujang",), level="sgg", lang="en", basemap="osm")],
)
def test_cached_map_sends_what_streamlit_folium_would(
    monkeypatch: pytest.MonkeyPatch, view: View
) -> None:
    import streamlit_folium

    from layers.webmap import framed_map

    calls = component_calls(monkeypatch)
    data = tiny.atlas()
    options: dict[str, Any] = {
        "key": "atlas",
        "height": 620,
        "use_container_width": True,
        "returned_objects": ["last_object_clicked", "center", "zoom"],
        "center": (36.0, 127.5),
        "zoom": 9,
    }
    layers = viewcache.view_layers(data, view)
    streamlit_folium.st_folium(
        framed_map(data, view),
        feature_group_to_add=[viewcache.RenderedGroup(*layer) for layer in layers],
        **options,
    )
    for _ in range(2):  # rendered once, then looked up
        viewcache.st_folium(
            viewcache.map_frame(data, view, version="v"),
            feature_group_to_add=viewcache.map_groups(data, view, "v"),
            **options,
        )
    expected, *cached = calls
    for sent in cached:
        assert sent.keys() == expected.keys()
        for name in expected.keys() - {"on_change", "id"}:
            assert sent[name] == expected[name], name
        assert sent["id"].startswith("map_")  # folium's name of a map, new per map object
    assert "feature_group_feature_group_0" in cached[0]["feature_group"]


def test_cached_map_refuses_folium_groups_on_a_rendered_frame() -> None:
    data = tiny.atlas()
    frame = viewcache.map_frame(data, View())
    with pytest.raises(TypeError, match="MapGroups or None"):
        viewcache.st_folium(frame, feature_group_to_add=[])
    with pytest.raises(TypeError, match="no options beyond"):
        viewcache.st_folium(frame, debug=True)


def test_map_key_follows_the_frame_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The component's key comes from the base map: a filter change keeps the map
    mounted (groups swapped), a new frame mounts a new one."""
    calls = component_calls(monkeypatch)
    data = tiny.atlas()
    for view in (View(), View(programs=("sobujang",)), View(basemap="osm")):
        viewcache.st_folium(
            viewcache.map_frame(data, view, version="v"),
            key="atlas",
            feature_group_to_add=viewcache.map_groups(data, view, "v"),
        )
    keys = [call["key"] for call in calls]
    assert keys[0] == keys[1] != keys[2]


def test_base_map_is_rendered_once_per_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch, "view_frame")
    data = tiny.atlas()
    for view in (View(), View(programs=("sobujang",), level="sgg", lang="en"), View(zoom=9.0)):
        viewcache.map_frame(data, view, version="v1")
    assert len(calls) == 1  # filters, layers, language and pans reuse the base map
    viewcache.map_frame(data, View(basemap="osm"), version="v1")
    viewcache.map_frame(data, View(focus="busan"), version="v1")
    viewcache.map_frame(data, View(), "https://tiles.example/{z}/{x}/{y}.png", "", "v1")
    assert len(calls) == 4  # each frame field and the tile server is part of the key
    viewcache.map_frame(data, View(), version="v2")
    viewcache.map_frame(data, View(), version=None)
    viewcache.map_frame(data, View(), version=None)
    assert len(calls) == 7  # other data; a session's own upload is never cached


def test_frame_fields_are_all_the_base_map_reads() -> None:
    """No view field outside FRAME_FIELDS changes layers.webmap.framed_map: a base map
    cached on them is the one every view with those fields gets."""
    data = tiny.atlas()
    base = viewcache.view_frame(data, View(), None, "")
    others: dict[str, Any] = {
        "programs": ("sobujang",),
        "industries": ("semiconductor",),
        "year_from": 2021,
        "year_to": 2022,
        "layer": "jobs",
        "count": "designations",
        "level": "sgg",
        "scheme": "natural_breaks",
        "lang": "en",
        "sites": False,
        "belts": False,
        "census_year": 2015,
        "lat": 35.1,
        "lon": 129.0,
        "zoom": 11.0,
        "screen": (1180, 760),
        "site": "yongin-semiconductor",
        "kinds": ("statutory", "candidate"),
    }
    fields = {f.name for f in dataclasses.fields(View)}
    assert set(others) | set(viewcache.FRAME_FIELDS) == fields  # every field tried
    for name, value in others.items():
        frame = viewcache.view_frame(data, dataclasses.replace(View(), **{name: value}), None, "")
        assert dataclasses.replace(frame, id=base.id) == base, name
    assert viewcache.view_frame(data, View(basemap="osm"), None, "").script != base.script


def test_shown_sites_and_their_sources_are_shared_per_view_and_never_kept_alive() -> None:
    import gc
    import weakref

    import pandas as pd

    data = tiny.atlas()
    view = View(programs=("sobujang",))
    shown = viewcache.shown_sites(data, view, "v")
    assert viewcache.shown_sites(data, dataclasses.replace(view, zoom=9.0), "v") is shown
    assert viewcache.shown_sites(data, view, None) is not shown  # an upload: its own
    assert set(shown["program"]) == {"sobujang"}
    cols = ["source_title", "source_publisher"]
    rows = viewcache.distinct_rows(shown, cols)
    assert viewcache.distinct_rows(shown, cols) is rows  # once per shared table
    assert rows.equals(shown[cols].drop_duplicates())
    table = pd.DataFrame({"a": [1, 1, 2], "b": ["x", "x", "y"]})
    assert viewcache.distinct_rows(table, ["a", "b"]).shape == (2, 2)
    alive = weakref.ref(table)
    del table
    gc.collect()
    assert alive() is None  # the memo holds no table


def test_markers_are_the_same_from_plain_text_columns() -> None:
    """layers.sites.plain_strings (a 4x faster first visit of a view) changes no marker."""
    import pandas as pd

    from layers.sites import plain_strings, sites_layer

    data = tiny.atlas()
    sites = data.sites.astype({"name_ko": "string", "program": "string"})
    plain = plain_strings(sites)
    assert not any(isinstance(t, pd.StringDtype) for t in plain.dtypes)
    assert (
        plain.drop(columns="geometry")
        .astype(str)
        .equals(sites.drop(columns="geometry").astype(str))
    )
    args = ("ko", data.industry_colors(), data.program_labels("ko"), data.industry_labels("ko"))
    assert sites_layer(sites, *args).markers == sites_layer(data.sites, *args).markers


@pytest.mark.parametrize("view", [View(), View(programs=("root_industry",), lang="en")])
def test_real_markers_are_the_same_from_plain_text_columns(
    prepared: Settings, view: View, monkeypatch: pytest.MonkeyPatch
) -> None:
    import layers.sites
    from layers.view import filter_sites

    data = load_atlas_data(prepared)
    sites = filter_sites(data.sites, view)
    args = (view.lang, data.industry_colors())
    labels = (data.program_labels(view.lang), data.industry_labels(view.lang))
    plain = layers.sites.sites_layer(sites, *args, *labels).markers
    assert layers.sites.plain_strings(sites) is not sites  # the records have Arrow text
    monkeypatch.setattr(layers.sites, "plain_strings", lambda s: s)  # the old path
    assert layers.sites.sites_layer(sites, *args, *labels).markers == plain


def test_sidebar_option_counts_are_shared_by_views_with_the_same_other_filters() -> None:
    """The program list's counts depend on the other filters only: one shared result for
    every view that differs in its own choice, the language or the camera."""
    from layers import filters

    data = tiny.atlas()
    industries = tuple(data.sites["industry"].dropna().unique()[:1])
    first = viewcache.option_counts(
        data, View(industries=industries, lang="en", zoom=9.0), "programs", "v-test"
    )
    again = viewcache.option_counts(
        data, View(industries=industries, programs=("sobujang",)), "programs", "v-test"
    )
    assert again is first
    assert first == filters.option_counts(data.sites, View(industries=industries), "programs")
    every = viewcache.option_counts(data, View(), "industries", "v-test")
    assert every == filters.option_counts(data.sites, View(), "industries")
    assert viewcache.option_counts(data, View(), "industries", None) == every  # not shared
    assert viewcache.kind_counts(data, "v-test") == viewcache.count_kinds(data.sites)


def test_view_key_tells_every_field_apart() -> None:
    """The caches hash a view by :func:`viewcache.view_key`: two views that differ in any
    one field never share an entry, equal views always do."""
    base = View()
    changed: dict[str, Any] = {
        "programs": ("sobujang",),
        "kinds": ("candidate",),
        "industries": ("semiconductor",),
        "year_from": 2020,
        "year_to": 2023,
        "sido": "26",
        "layer": "jobs",
        "count": "designations",
        "level": "sgg",
        "scheme": "natural_breaks",
        "lang": "en",
        "basemap": "osm",
        "focus": "busan",
        "sites": False,
        "belts": False,
        "census_year": 2015,
        "lat": 35.1,
        "lon": 129.0,
        "zoom": 9.0,
        "screen": (1180, 760),
        "site": "x",
    }
    assert set(changed) == {f.name for f in dataclasses.fields(View)}
    for name, value in changed.items():
        other = dataclasses.replace(base, **{name: value})
        assert viewcache.view_key(other) != viewcache.view_key(base), name
    assert viewcache.view_key(View(programs=("a", "b"))) == viewcache.view_key(
        View(programs=("a", "b"))
    )
    assert viewcache.view_key(View(year_from=2020)) != viewcache.view_key(View(year_to=2020))


def test_made_of_computes_once_per_object_and_what() -> None:
    import gc

    import pandas as pd

    calls: list[str] = []
    table = pd.DataFrame({"a": [1, 2]})

    def make(what: str) -> Callable[[], str]:
        def made() -> str:
            calls.append(what)
            return what

        return made

    assert viewcache.made_of(table, "x", make("x")) == "x"
    assert viewcache.made_of(table, "x", make("x")) == "x"
    assert viewcache.made_of(table, ("y", "en"), make("y")) == "y"
    assert calls == ["x", "y"]  # once per (object, what)
    assert viewcache.made_of(table.copy(), "x", make("x")) == "x"
    assert calls == ["x", "y", "x"]  # an equal but other object: made again
    key = (id(table), "x")
    assert key in viewcache._MEMO
    del table
    gc.collect()
    assert key not in viewcache._MEMO  # what was made goes with its object


def test_records_table_sends_the_bytes_streamlit_would_make_of_the_frame() -> None:
    """``st.dataframe`` of the cached Arrow table sends exactly what it would send for the
    records frame (Streamlit's two paths), converted once per shared table."""
    from streamlit import dataframe_util

    data = tiny.atlas()
    for view in (View(), View(programs=("sobujang",), lang="en")):
        table = viewcache.records(data, view, "v-arrow")
        arrow = viewcache.arrow_table(table)
        assert viewcache.arrow_table(table) is arrow
        assert dataframe_util.convert_arrow_table_to_arrow_bytes(
            arrow
        ) == dataframe_util.convert_pandas_df_to_arrow_bytes(table)


def test_search_labels_and_table_rows_are_made_once_per_shared_table() -> None:
    from ui import search

    data = tiny.atlas()
    shown = viewcache.shown_sites(data, View(), "v-search")
    labels = search.search_labels(data, shown, "ko")
    assert search.search_labels(data, shown, "ko") is labels
    assert labels == search.make_search_labels(data, shown, "ko")
    assert search.search_labels(data, shown, "en") == search.make_search_labels(data, shown, "en")
    table = viewcache.records(data, View(), "v-search")
    sites = viewcache.made_of(table, "table_sites", lambda: search.table_sites(data, table))
    assert sites == search.table_sites(data, table)
    assert len(sites) == len(table)
