"""Slides of the real atlas (#15): the national slide's full-height map and its north
arrow in the sea, the Busan slide's names and counts, belts where they belong, a deck
from the command line."""

from __future__ import annotations

import datetime
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from matplotlib.patches import FancyArrow
from pptx import Presentation

from exports.image import ImageOptions
from exports.image.geometry import land
from exports.image.labels import LABEL_GID
from exports.image.render import Snapshot, build_figure
from geo.aggregate import totals
from geo.schema import PROGRAM_KINDS
from geo.settings import Settings
from layers.atlas import AtlasData, load_atlas_data
from layers.i18n import t
from layers.view import View

pytestmark = pytest.mark.integration

TODAY = datetime.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def atlas(prepared: Settings) -> AtlasData:
    return load_atlas_data(prepared)


@pytest.fixture(scope="module")
def busan(atlas: AtlasData) -> Snapshot:
    return build_figure(atlas, View(lang="en"), ImageOptions(preset="busan"), TODAY)


def legend_texts(snapshot: Snapshot) -> list[str]:
    return [" ".join(x.get_text().split()) for x in snapshot.legend_ax.texts]  # unwrapped


def test_national_slide_map_spans_the_frame_height(atlas: AtlasData) -> None:
    snap = build_figure(atlas, View(level="sgg"), today=TODAY)
    extent = snap.map_ax.get_window_extent()
    assert extent.height / (snap.size.height_px) >= 0.85
    assert snap.legend_ax.get_window_extent().x0 > extent.x1  # legend beside the map


def test_north_arrow_and_inset_are_in_the_sea(atlas: AtlasData) -> None:
    snap = build_figure(atlas, View(level="sgg", kinds=PROGRAM_KINDS), today=TODAY)  # belts
    arrows = [p for p in snap.map_ax.patches if isinstance(p, FancyArrow)]
    assert len(arrows) == 1
    coast = land(atlas)
    inverse = snap.map_ax.transData.inverted()
    assert snap.inset_ax is not None
    for box in (arrows[0].get_window_extent(), snap.inset_ax.get_window_extent()):
        (x0, y0), (x1, y1) = inverse.transform([(box.x0, box.y0), (box.x1, box.y1)])
        assert not shapely.intersects(coast, shapely.box(x0, y0, x1, y1))


def test_busan_slide_names_every_district_and_no_two_labels_meet(
    atlas: AtlasData, busan: Snapshot
) -> None:
    labels = [x for x in busan.map_ax.texts if x.get_gid() == LABEL_GID]
    renderer = busan.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [x.get_window_extent(renderer) for x in labels]
    for (a, ta), (b, tb) in itertools.combinations(zip(boxes, labels, strict=True), 2):
        assert not a.overlaps(b), (ta.get_text(), tb.get_text())
    districts = atlas.regions["sgg"]
    busan_names = set(districts[districts["parent_code_moi"] == "26"]["name_en"])
    assert len(busan_names) == 16
    named = {x.get_text() for x in labels}
    assert busan_names <= named
    belts = set(atlas.belts["name_en"]) if atlas.belts is not None else set()
    assert belts and belts <= named
    assert busan.left_out == []


def test_busan_slide_is_at_municipality_level_and_counts_agree(
    atlas: AtlasData, busan: Snapshot
) -> None:
    assert "by municipality" in busan.description.subtitle
    counts = r"(\d+ complex(?:es)? · \d+ designations?)"
    on_map = re.search(counts, busan.description.subtitle)
    legend = [re.fullmatch(rf".+ \({counts}\)", x) for x in legend_texts(busan)]
    counted = [m.group(1) for m in legend if m]
    assert on_map is not None and counted == [on_map.group(1)]
    shown_complexes = int(on_map.group(1).split()[0])
    assert shown_complexes < totals(atlas.sites)[0]  # the frame's complexes, not the country's


def test_belt_legend_stays_in_one_column_block(atlas: AtlasData) -> None:
    snap = build_figure(atlas, View(level="sgg", lang="en", kinds=PROGRAM_KINDS), today=TODAY)
    assert snap.inset_ax is not None
    texts = snap.legend_ax.texts
    belts = atlas.belts
    assert belts is not None
    rows = [x for x in texts if any(x.get_text().startswith(n) for n in belts["name_en"])]
    head = [x for x in texts if x.get_text() == t("belts", "en")]
    assert len(rows) == 5 and len(head) == 1
    xs = {round(x.get_position()[0], 3) for x in rows}
    assert len(xs) == 1  # one column
    ys = sorted(x.get_position()[1] for x in [*head, *rows])
    assert head[0].get_position()[1] == ys[-1]  # the section title above its rows


def test_no_belts_on_a_national_view_without_the_belt_program(atlas: AtlasData) -> None:
    root = build_figure(atlas, View(programs=("root_industry",), level="sgg"), today=TODAY)
    assert root.inset_ax is None
    assert t("belts", "ko") not in legend_texts(root)
    assert atlas.belts is not None
    cited = {d.url for d in root.description.documents}
    belt_only = set(atlas.belts["source_url"]) - set(atlas.sites["source_url"])
    assert belt_only and not belt_only & cited  # no belt source cited either


def test_cli_deck_of_three_views(prepared: Settings, tmp_path: Path) -> None:
    views = tmp_path / "views.txt"
    views.write_text(
        "http://localhost:8501/?level=sgg&lang=en\n"
        "program=root_industry&title=뿌리산업 특화단지\n"
        "preset=busan&lang=en\n",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    env = {**os.environ, "KCA_CACHE_DIR": str(prepared.cache_dir), "KCA_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "cli.py", "deck", str(views), "--out", str(out)],
        check=False,  # the exit code is what the test asserts
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    assert len(deck.slides) == 3
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[1] == "뿌리산업 특화단지" and "Busan" in titles[2]
    for slide in deck.slides:
        assert slide.shapes.title.text
        assert sum(1 for s in slide.shapes if s.shape_type == 13) == 1  # one picture
        assert slide.notes_slide.notes_text_frame.text.strip()
