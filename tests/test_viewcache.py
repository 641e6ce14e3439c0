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
    for cached in (viewcache.map_layers, viewcache.cached_records, viewcache.cached_csv):
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
    layers = viewcache.map_layers(View(), "v", data)
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
