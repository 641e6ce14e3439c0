"""The README's layout section names every module with its own one-line description."""

from __future__ import annotations

from scripts.readme_layout import README, current, modules, section, summary


def test_every_module_has_a_one_line_docstring() -> None:
    assert [p.name for p in modules() if summary(p) == "(no docstring)"] == []


def test_the_readme_layout_section_is_the_modules_own_description() -> None:
    readme = README.read_text(encoding="utf-8")
    assert current(readme) == section(), "run: python scripts/readme_layout.py --write"
