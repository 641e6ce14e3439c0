"""The field registry is the one list of record columns every part reads."""

from __future__ import annotations

from geo import fields
from geo.aggregate import SUMMED
from geo.records import DATA_DIR
from ingest.columns import ALIASES
from layers.sites import FIGURES


def test_data_file_headers_are_the_registry_order() -> None:
    header = (DATA_DIR / "designations.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert tuple(header.split(",")) == fields.DESIGNATION_COLUMNS
    header = (DATA_DIR / "complexes.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert tuple(header.split(",")) == fields.COMPLEX_FILE_COLUMNS
    # a flat record (an upload) is a designation with its place
    place = ("sido", "sigungu", "lon", "lat", "coord_source")
    assert set(fields.CLUSTER_COLUMNS) == set(fields.DESIGNATION_COLUMNS) | set(place) | {"complex"}


def test_every_stored_column_has_labels_and_upload_names() -> None:
    for name in fields.CLUSTER_COLUMNS:
        item = fields.field(name)
        assert item.label_ko and item.label_en
        assert ALIASES[name][0] == name


def test_figures_are_listed_once_and_read_everywhere() -> None:
    assert SUMMED == FIGURES == fields.FIGURE_COLUMNS
    assert all(fields.FIELDS[c].unit for c in fields.FIGURE_COLUMNS)
    assert set(fields.AMOUNT_COLUMNS) <= set(fields.INT_COLUMNS)


def test_records_table_shows_sources_and_the_user_flag() -> None:
    table = fields.table_columns()
    assert table[0] == "id" and table[-1] == "source_url"
    assert {"location", "user_record", "source_title"} <= set(table)


def test_unknown_names_are_refused_naming_the_allowed_ones() -> None:
    import pytest

    with pytest.raises(KeyError, match="source_url"):
        fields.field("colour")
    with pytest.raises(ValueError, match="figure"):
        fields.names(use="chart")
    with pytest.raises(ValueError, match="ko, en"):
        fields.label("id", "fr")
