"""The label catalogue: every key in both languages, the same placeholders in each, and
every key the code looks up is in it (a missing key would be a KeyError in a user's page)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from geo.fields import FIELDS
from layers.i18n import LABELS, LANGUAGES, column_label, t

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "layers", "exports", "ingest", "ui")
LITERAL_KEY = re.compile(r"""\bt\(\s*(["'])([\w:.-]+)\1""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        assert placeholders(texts["ko"]) == placeholders(texts["en"]), key


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    used = {
        match.group(2)
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        for match in LITERAL_KEY.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 30
    missing = sorted(k for k in used if k not in LABELS and k not in FIELDS)
    assert missing == []


def test_one_lookup_fills_values_and_reaches_the_field_registry() -> None:
    assert t("export_n_sites", "ko", n=3) == "지정 단지 3곳"
    assert t("reporting", "en", n=2, total=9) == "2 of 9 designations report it"
    assert t("jobs", "ko") == FIELDS["jobs"].label_ko == column_label("jobs", "ko")
    assert column_label("no_such_column", "en") == "no_such_column"
    with pytest.raises(ValueError, match="allowed: ko, en"):
        t("title", "fr")
    with pytest.raises(KeyError):
        t("no_such_label", "ko")
